import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveHidden, suppress, tableOf } from '../../shared/indicators/suppression.js';

describe('small-cell suppression', () => {
  it('hides counts of 1 to 4 and, where one hidden cell would be derivable, a second one', () => {
    // sex x legal status: one count of 3 among larger ones.
    const t = tableOf([
      [3, 20, 15],
      [12, 30, 9],
    ]);
    const m = suppress(t);
    expect(m.cells[0]![0]).toBe(true); // primary
    expect(m.cells.flat().filter(Boolean).length).toBeGreaterThanOrEqual(4); // a rectangle of hidden cells
    expect(solveHidden(t, m).size).toBe(0);
    // Zero is shown: it identifies no one.
    expect(suppress(tableOf([[0, 10], [10, 10]])).cells.flat().some(Boolean)).toBe(false);
  });

  it('shows how a single hidden cell would be worked out without secondary suppression', () => {
    const t = tableOf([[3, 20], [12, 30]]);
    const primaryOnly = { cells: [[true, false], [false, false]], rowTotals: [false, false], colTotals: [false, false], total: false };
    expect([...solveHidden(t, primaryOnly).values()]).toEqual([3]);
  });

  it('never leaves a hidden count derivable from the totals, on any table', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }).filter((rows) => rows.every((r) => r.length === rows[0]!.length)), fc.integer({ min: 1, max: 9 }), (cells, threshold) => {
        const t = tableOf(cells);
        const m = suppress(t, threshold);
        // Every small count is hidden, and nothing hidden can be solved for.
        const smallShown = t.cells.some((r, i) => r.some((v, j) => v >= 1 && v <= threshold && !m.cells[i]![j]));
        return !smallShown && solveHidden(t, m).size === 0;
      }),
      { numRuns: 500 },
    );
  });
});
