import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveHidden, suppress, tableOf } from '../../shared/indicators/suppression.js';
import { hiddenColumns, suppressBreakdown } from '../../shared/indicators/breakdown-suppression.js';
import { hiddenCascadeCounts } from '../../shared/indicators/cascade-suppression.js';
import { emptyTally, type Tally } from '../../shared/indicators/cascade.js';

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
    expect(
      suppress(
        tableOf([
          [0, 10],
          [10, 10],
        ]),
      )
        .cells.flat()
        .some(Boolean),
    ).toBe(false);
  });

  it('shows how a single hidden cell would be worked out without secondary suppression', () => {
    const t = tableOf([
      [3, 20],
      [12, 30],
    ]);
    const primaryOnly = {
      cells: [
        [true, false],
        [false, false],
      ],
      rowTotals: [false, false],
      colTotals: [false, false],
      total: false,
    };
    expect([...solveHidden(t, primaryOnly).values()]).toEqual([3]);
  });

  it('never leaves a hidden count derivable from the totals, on any table', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 })
          .filter((rows) => rows.every((r) => r.length === rows[0]!.length)),
        fc.integer({ min: 1, max: 9 }),
        (cells, threshold) => {
          const t = tableOf(cells);
          const m = suppress(t, threshold);
          // Every small count is hidden, and nothing hidden can be solved for.
          const smallShown = t.cells.some((r, i) => r.some((v, j) => v >= 1 && v <= threshold && !m.cells[i]![j]));
          return !smallShown && solveHidden(t, m).size === 0;
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('suppression of a breakdown table', () => {
  it('hides a small group and the next smallest in the same column, and leaves other columns alone', () => {
    // Sex: diagnosed [male 40, female 3, unknown 0], on ART [30, 12, 0]; totals 43 and 42.
    const m = suppressBreakdown(
      {
        groups: [
          [40, 30],
          [3, 12],
          [0, 0],
        ],
        total: [43, 42],
      },
      4,
      true,
    );
    expect(m.groups).toEqual([
      [true, false],
      [true, false],
      [false, false],
    ]);
    expect(m.total).toEqual([false, false]);
    // No groups (the total alone): the small total is hidden, and that is all.
    expect(suppressBreakdown({ groups: [], total: [3, 0, 12] }, 4, true)).toEqual({ groups: [], total: [true, false, false] });
    // Key populations overlap: only the small count itself is hidden.
    expect(suppressBreakdown({ groups: [[40], [3]], total: [41] }, 4, false).groups).toEqual([[false], [true]]);
  });

  it('never leaves a hidden group derivable from its column total, on any partition', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat({ max: 20 }), { minLength: 3, maxLength: 3 }), { minLength: 0, maxLength: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (groups, max) => {
          const total = [0, 1, 2].map((j) => groups.reduce((s, g) => s + g[j]!, 0));
          const m = suppressBreakdown({ groups, total }, max, true);
          return [0, 1, 2].every((j) => {
            const hidden = groups.filter((_, i) => m.groups[i]![j]).length;
            const smallShown = groups.some((g, i) => g[j]! >= 1 && g[j]! <= max && !m.groups[i]![j]);
            // One hidden group beside a shown total would be the total minus the rest.
            return !smallShown && (hidden !== 1 || m.total[j]) && !(total[j]! >= 1 && total[j]! <= max && !m.total[j]);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** A tally whose cascade steps are nested as the definitions make them: diagnosed >= in care >= on ART >= suppressed. */
const nested = fc
  .tuple(fc.nat({ max: 40 }), fc.nat({ max: 8 }), fc.nat({ max: 8 }), fc.nat({ max: 8 }), fc.nat({ max: 12 }), fc.nat({ max: 12 }))
  .map(([suppressed, a, b, c, lateN, lateRest]): Tally => ({
    ...emptyTally(),
    suppressedOnArt: suppressed,
    onArt: suppressed + a,
    inCare: suppressed + a + b,
    diagnosed: suppressed + a + b + c,
    newDiagnoses: lateN + lateRest,
    lateDiagnosis: { numerator: lateN, denominator: lateN + lateRest },
  }));
const add = (ts: Tally[]): Tally =>
  ts.reduce(
    (s, t) => ({
      ...s,
      diagnosed: s.diagnosed + t.diagnosed,
      inCare: s.inCare + t.inCare,
      onArt: s.onArt + t.onArt,
      suppressedOnArt: s.suppressedOnArt + t.suppressedOnArt,
      newDiagnoses: s.newDiagnoses + t.newDiagnoses,
      lateDiagnosis: {
        numerator: s.lateDiagnosis.numerator + t.lateDiagnosis.numerator,
        denominator: s.lateDiagnosis.denominator + t.lateDiagnosis.denominator,
      },
    }),
    emptyTally(),
  );

const STEPS = ['diagnosed', 'inCare', 'onArt', 'suppressedOnArt'] as const;

/**
 * What a reader of the printed breakdown can work out: the shown steps, each column's total (the
 * groups partition it), and the differences of adjacent steps in a row (and the total row's
 * difference as the sum of the groups'), repeated until nothing more comes.
 */
function readerKnows(groups: Tally[], total: Tally, hidden: { groups: string[][]; total: string[] }) {
  const rows = [...groups, total];
  const known = rows.map((_, r) => STEPS.map((m) => !(r < groups.length ? hidden.groups[r]! : hidden.total).includes(m)));
  const diff = rows.map(() => [false, false, false]);
  for (let changed = true; changed;) {
    changed = false;
    const learn = (r: number, j: number) => {
      if (!known[r]![j]) {
        known[r]![j] = true;
        changed = true;
      }
    };
    const learnDiff = (r: number, c: number) => {
      if (!diff[r]![c]) {
        diff[r]![c] = true;
        changed = true;
      }
    };
    STEPS.forEach((_, j) => {
      const unknown = rows.map((__, r) => r).filter((r) => !known[r]![j]);
      if (unknown.length === 1) learn(unknown[0]!, j);
    });
    [0, 1, 2].forEach((c) => {
      rows.forEach((__, r) => {
        if (known[r]![c] && known[r]![c + 1]) learnDiff(r, c);
        if (diff[r]![c] && known[r]![c]) learn(r, c + 1);
        if (diff[r]![c] && known[r]![c + 1]) learn(r, c);
      });
      const unknown = rows.map((__, r) => r).filter((r) => !diff[r]![c]);
      if (unknown.length === 1) learnDiff(unknown[0]!, c);
    });
  }
  return { known, diff };
}

describe('complementary suppression across the cascade steps', () => {
  it('know their status 9, in care 8: the one lost to follow-up cannot be worked out', () => {
    const t = { ...emptyTally(), diagnosed: 9, inCare: 8, onArt: 8, suppressedOnArt: 8 };
    const hidden = hiddenCascadeCounts(t, 4);
    expect(hidden.includes('diagnosed') || hidden.includes('inCare')).toBe(true);
    // Inside a breakdown by sex too, where the groups add up to the total.
    const male = { ...emptyTally(), diagnosed: 20, inCare: 20, onArt: 18, suppressedOnArt: 15 };
    const female = { ...emptyTally(), diagnosed: 9, inCare: 8, onArt: 8, suppressedOnArt: 8 };
    const h = hiddenColumns(
      add([male, female]),
      [
        { key: 'male', tally: male },
        { key: 'female', tally: female },
      ],
      'sex',
      4,
    );
    const { diff } = readerKnows([male, female], add([male, female]), { groups: [h.groups.male!, h.groups.female!], total: h.total });
    expect(diff[1]![0]).toBe(false);
  });

  it('never lets a reader work out a hidden step or a small difference of steps, in any partition', () => {
    fc.assert(
      fc.property(fc.array(nested, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 9 }), (groups, max) => {
        const total = add(groups);
        const h = hiddenColumns(
          total,
          groups.map((tally, i) => ({ key: String(i), tally })),
          'sex',
          max,
        );
        const hidden = { groups: groups.map((_, i) => h.groups[String(i)]!), total: h.total };
        const { known, diff } = readerKnows(groups, total, hidden);
        const rows = [...groups, total];
        return rows.every((t, r) => {
          const rowHidden = r < groups.length ? hidden.groups[r]! : hidden.total;
          const stepOk = STEPS.every((m, j) => (!rowHidden.includes(m) ? !(t[m] >= 1 && t[m] <= max) : !known[r]![j]));
          const diffOk = [0, 1, 2].every((c) => {
            const d = t[STEPS[c]!] - t[STEPS[c + 1]!];
            return !(d >= 1 && d <= max) || !diff[r]![c];
          });
          return stepOk && diffOk;
        });
      }),
      { numRuns: 500 },
    );
  });

  it('the whole population: no small difference between any counts shown side by side can be worked out', () => {
    fc.assert(
      fc.property(nested, fc.integer({ min: 1, max: 9 }), (t, max) => {
        const hidden = hiddenCascadeCounts(t, max);
        const shown = (m: (typeof STEPS)[number]) => !hidden.includes(m);
        return (
          [0, 1, 2].every((c) => {
            const d = t[STEPS[c]!] - t[STEPS[c + 1]!];
            return !(d >= 1 && d <= max) || !(shown(STEPS[c]!) && shown(STEPS[c + 1]!));
          }) && STEPS.every((m) => (shown(m) ? !(t[m] >= 1 && t[m] <= max) : true))
        );
      }),
      { numRuns: 500 },
    );
  });
});
