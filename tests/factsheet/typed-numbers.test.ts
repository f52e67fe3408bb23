// Numbers as clerks type them into the fact sheet, in Russian and in English.
import { describe, expect, it } from 'vitest';
import { formatNumber, parseTyped } from '../../renderer/factsheet/format.js';

describe('typed numbers', () => {
  it('reads the decimal mark each language uses, and both marks together', () => {
    expect(parseTyped('17,918', 'ru')).toBe(17.918);
    expect(parseTyped('17,918', 'en')).toBe(17918);
    expect(parseTyped('2 724,9', 'ru')).toBe(2724.9);
    expect(parseTyped('2,724.9', 'ru')).toBe(2724.9);
    expect(parseTyped('2.724,9', 'en')).toBe(2724.9);
    expect(parseTyped('449.948', 'ru')).toBe(449.948);
    expect(parseTyped('', 'ru')).toBeNull();
    expect(parseTyped('нет', 'ru')).toBeNaN();
    expect(parseTyped('1,2,3', 'ru')).toBeNaN();
  });

  it('writes numbers back the way each language reads them', () => {
    expect(formatNumber(2724.9, 3, 'ru')).toBe('2\u00a0724,9');
    expect(formatNumber(2724.9, 3, 'en')).toBe('2,724.9');
  });
});
