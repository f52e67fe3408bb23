// Random registers for property tests of the indicator engine: dates crowd on the edges the
// definitions turn on (period starts and ends, 91 and 183 days, a year after a viral load).
import fc from 'fast-check';
import type { EventInput } from '../../shared/cases/schema.js';

const DAY = 86_400_000;
export const plus = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

export const EDGES = [
  '2014-12-31',
  '2015-01-01',
  '2015-12-31',
  '2016-01-01',
  '2016-02-29',
  '2016-03-01',
  '2017-02-28',
  '2016-12-31',
  '2017-01-01',
  '2017-03-31',
  '2017-04-01',
  '2017-06-30',
  '2017-07-01',
  '2017-12-31',
  '2018-01-01',
  '2018-09-30',
  '2018-10-01',
  '2018-12-31',
];
export const aDiagnosisDate = fc.oneof(
  fc.constantFrom(...EDGES.slice(0, -3)),
  fc.integer({ min: 0, max: 5 * 365 }).map((d) => plus('2014-01-01', d)),
);
const aDateFrom = (dx: string) =>
  fc.oneof(
    fc.constantFrom(0, 1, 90, 91, 92, 182, 183, 184, 364, 365, 366).map((d) => plus(dx, d)),
    fc.constantFrom(...EDGES.filter((e) => e >= dx), dx),
    fc.integer({ min: 0, max: 1500 }).map((d) => plus(dx, d)),
  );
export const anEvent = (dx: string) =>
  fc
    .tuple(
      fc.constantFrom('cd4', 'art_start', 'art_stop', 'viral_load', 'outcome'),
      aDateFrom(dx),
      fc.integer({ min: 0, max: 3000 }),
      fc.boolean(),
      fc.constantFrom('in_care', 'ltfu', 'died', 'left_country', 'deported', 'transferred'),
    )
    .map(([kind, date, n, flag, outcome]): EventInput => {
      if (kind === 'cd4') return { kind, date, cd4: n };
      if (kind === 'viral_load') return { kind, date, undetectable: flag, copies: flag ? null : n };
      if (kind === 'outcome') return { kind, date, outcome };
      return { kind, date };
    });
export const aRegister = fc.array(
  fc
    .tuple(aDiagnosisDate, fc.constantFrom<'male' | 'female'>('male', 'female'))
    .chain(([dx, sex]) => fc.tuple(fc.constant(dx), fc.constant(sex), fc.array(anEvent(dx), { maxLength: 8 }))),
  { minLength: 1, maxLength: 10 },
);
