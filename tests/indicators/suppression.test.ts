import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveHidden, suppress, tableOf } from '../../shared/indicators/suppression.js';
import { suppressBreakdown } from '../../shared/indicators/breakdown-suppression.js';

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

describe('suppression of a breakdown table', () => {
  it('hides a small group and the next smallest in the same column, and leaves other columns alone', () => {
    // Sex: diagnosed [male 40, female 3, unknown 0], on ART [30, 12, 0]; totals 43 and 42.
    const m = suppressBreakdown({ groups: [[40, 30], [3, 12], [0, 0]], total: [43, 42] }, 4, true);
    expect(m.groups).toEqual([[true, false], [true, false], [false, false]]);
    expect(m.total).toEqual([false, false]);
    // No groups (the total alone): the small total is hidden, and that is all.
    expect(suppressBreakdown({ groups: [], total: [3, 0, 12] }, 4, true)).toEqual({ groups: [], total: [true, false, false] });
    // Key populations overlap: only the small count itself is hidden.
    expect(suppressBreakdown({ groups: [[40], [3]], total: [41] }, 4, false).groups).toEqual([[false], [true]]);
  });

  it('never leaves a hidden group derivable from its column total, on any partition', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat({ max: 20 }), { minLength: 3, maxLength: 3 }), { minLength: 0, maxLength: 8 }), fc.integer({ min: 1, max: 9 }), (groups, max) => {
        const total = [0, 1, 2].map((j) => groups.reduce((s, g) => s + g[j]!, 0));
        const m = suppressBreakdown({ groups, total }, max, true);
        return [0, 1, 2].every((j) => {
          const hidden = groups.filter((_, i) => m.groups[i]![j]).length;
          const smallShown = groups.some((g, i) => g[j]! >= 1 && g[j]! <= max && !m.groups[i]![j]);
          // One hidden group beside a shown total would be the total minus the rest.
          return !smallShown && (hidden !== 1 || m.total[j]) && !(total[j]! >= 1 && total[j]! <= max && !m.total[j]);
        });
      }),
      { numRuns: 500 },
    );
  });
});
