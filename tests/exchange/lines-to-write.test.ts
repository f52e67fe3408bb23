// What a preview keeps for the confirmation: the numbers of the lines to write and each one's hash,
// given back by position, and the lines picked in order by each reading.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LinesToWrite } from '../../electron/service/exchange/register-scan.js';

const hash = (i: number) => createHash('sha256').update(String(i)).digest('hex').slice(0, 32);

describe('LinesToWrite', () => {
  it('gives back every hash by its position, picks its lines in order, and refuses a position past the last or a line out of order', () => {
    const kept = new LinesToWrite();
    const n = 10_000; // past several doublings of the first 1,024
    for (let i = 0; i < n; i++) kept.add(3 * i + 1, hash(i));
    for (const i of [0, 1, 1023, 1024, 4095, 4096, 8192, n - 1]) expect(kept.hashAt(i)).toBe(hash(i));
    // A reading asks every line number in order: only the lines added are picked, each once.
    const picked = kept.picker();
    const seen = Array.from({ length: 3 * n + 5 }, (_, line) => line).filter((line) => picked(line));
    expect(seen).toEqual(Array.from({ length: n }, (_, i) => 3 * i + 1));
    expect(kept.picker()(1)).toBe(true); // each reading has its own
    expect(() => kept.hashAt(n)).toThrow();
    expect(() => kept.add(3 * n + 10, 'abc')).toThrow();
    expect(() => kept.add(5, hash(0))).toThrow(); // behind the last line added
  });
});
