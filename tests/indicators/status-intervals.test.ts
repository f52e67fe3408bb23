// A case's status kept as dated intervals (derived once per change) gives, for any period, the
// code the definitions give when applied to the case for that period directly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseStatus, statusCode, type CaseFacts } from '../../shared/indicators/case-status.js';
import { CODE_BITS, OPEN_END, periodCode, periodFacts, statusIntervals } from '../../shared/indicators/status-intervals.js';
import { aRegister, EDGES, plus } from '../helpers/random-register.js';

const factsOf = ([diagnosisDate, , events]: [string, string, { kind: string; date: string }[]]): CaseFacts => ({
  diagnosisDate,
  events: events.map((e) => ({ cd4: null, copies: null, undetectable: null, outcome: null, ...e })) as CaseFacts['events'],
});

/** Any period: its start and end anywhere near the edges, or a day, or a long span. */
const aPeriod = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(...EDGES),
      fc.integer({ min: 0, max: 7 * 365 }).map((d) => plus('2013-06-01', d)),
    ),
    fc.constantFrom(0, 1, 30, 89, 90, 181, 364, 365, 366, 800),
  )
  .map(([start, span]) => ({ start, end: plus(start, span) }));

describe('status intervals', () => {
  it('give the code of the definitions for any case and any period', () => {
    fc.assert(
      fc.property(aRegister, aPeriod, (register, { start, end }) => {
        for (const entry of register) {
          const c = factsOf(entry);
          const intervals = statusIntervals(c);
          // Contiguous from the diagnosis on, open at the end, no two neighbours alike.
          expect(intervals[0]!.from).toBe(c.diagnosisDate);
          expect(intervals.at(-1)!.to).toBe(OPEN_END);
          intervals.slice(1).forEach((x, i) => {
            expect(x.from).toBe(plus(intervals[i]!.to, 1));
            expect(x.endCode).not.toBe(intervals[i]!.endCode);
          });
          if (end < c.diagnosisDate) continue; // not yet a case at the end of the period: never counted
          const at = intervals.find((x) => x.from <= end && end <= x.to)!;
          const { firstStart, triCode } = periodFacts(c);
          const code = periodCode(
            at.endCode | triCode,
            c.diagnosisDate >= start,
            firstStart !== null && firstStart >= start && firstStart <= end,
          );
          expect(code).toBe(statusCode(caseStatus(c, start, end)));
          expect(code).toBeLessThan(2 ** CODE_BITS);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
