// What a preview keeps for the confirmation: the numbers of the lines to write and each one's hash,
// given back by position across the joined blocks and the open one.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LinesToWrite } from '../../electron/service/exchange/register-scan.js';

const hash = (i: number) => createHash('sha256').update(String(i)).digest('hex').slice(0, 32);

describe('LinesToWrite', () => {
  it('gives back every hash by its position, knows its lines, and refuses a position past the last', () => {
    const kept = new LinesToWrite();
    const n = 10_000; // two joined blocks and part of a third
    for (let i = 0; i < n; i++) kept.add(3 * i + 1, hash(i));
    for (const i of [0, 1, 4095, 4096, 8191, 8192, n - 1]) expect(kept.hashAt(i)).toBe(hash(i));
    expect(kept.has(1)).toBe(true);
    expect(kept.has(3 * (n - 1) + 1)).toBe(true);
    expect(kept.has(2)).toBe(false);
    expect(() => kept.hashAt(n)).toThrow();
    expect(() => kept.add(0, 'abc')).toThrow();
  });
});
