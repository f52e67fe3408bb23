// Whether the checks reshaped a case (a space trimmed): the preview compares each line's case with
// its checked form, and the confirmation checks again only those that differ.
import { describe, expect, it } from 'vitest';
import { sameJson } from '../../electron/service/exchange/register-scan.js';

describe('sameJson', () => {
  it('is JSON equality: key order and undefined keys do not count, any other difference does', () => {
    expect(sameJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1, u: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, u: undefined })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameJson({ a: 1, b: null }, { a: 1 })).toBe(false);
    expect(sameJson({ a: 'x ' }, { a: 'x' })).toBe(false);
    expect(sameJson({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
    expect(sameJson({ a: { b: 1 } }, { a: { b: 1, c: 2 } })).toBe(false);
    expect(sameJson({ a: { b: 1, c: 2 } }, { a: { b: 1 } })).toBe(false);
  });
});
