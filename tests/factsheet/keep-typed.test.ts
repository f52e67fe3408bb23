// A form refilled from the back end keeps what the user typed since the last fill, and takes the
// new values everywhere else (the fact sheet's entry, refilled after a save elsewhere on it).
import { describe, expect, it } from 'vitest';
import { keepTyped } from '../../renderer/app/keep-typed.js';

describe('keepTyped', () => {
  it('keeps a changed field, takes the new value for an untouched one, at any depth', () => {
    const shown = { rows: { population: { value: '', note: 'a', noData: false } }, ratifications: { x: '' } };
    const now = { rows: { population: { value: '17,67', note: 'a', noData: true } }, ratifications: { x: '' } };
    const next = { rows: { population: { value: '', note: 'b', noData: false } }, ratifications: { x: 'yes' } };
    expect(keepTyped(shown, now, next)).toEqual({
      rows: { population: { value: '17,67', note: 'b', noData: true } },
      ratifications: { x: 'yes' },
    });
  });

  it('takes the new value where the form has no such field, and a typed value equal to the stored one is simply the stored one', () => {
    expect(keepTyped<Record<string, string>>({ a: 'x' }, {}, { a: 'y', b: 'z' })).toEqual({ a: 'y', b: 'z' });
    expect(keepTyped({ a: 'x' }, { a: 'y' }, { a: 'y' })).toEqual({ a: 'y' });
  });
});
