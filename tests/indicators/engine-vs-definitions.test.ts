// The engine (SQL summaries, then cached codes) against the definitions applied in plain JS to the
// same random registers: any period, cold and cached, must give the same tallies.
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskDatabase } from '../../db/open.js';
import { ensureFacility } from '../../db/org-units.js';
import { createCaseWithEvents } from '../../db/cases.js';
import { caseTallies } from '../../db/indicators.js';
import { caseStatus } from '../../shared/indicators/case-status.js';
import { tally } from '../../shared/indicators/cascade.js';
import { parsePeriod } from '../../shared/periods.js';
import type { EventInput } from '../../shared/cases/schema.js';
import { aCase } from '../helpers/cases.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const DAY = 86_400_000;
const plus = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

// Dates crowd on the edges the definitions turn on: period starts and ends, 91 and 183 days.
const EDGES = ['2014-12-31', '2015-01-01', '2015-12-31', '2016-01-01', '2016-12-31', '2017-01-01', '2017-03-31', '2017-04-01', '2017-06-30', '2017-07-01',
  '2017-12-31', '2018-01-01', '2018-09-30', '2018-10-01', '2018-12-31'];
const aDiagnosisDate = fc.oneof(fc.constantFrom(...EDGES.slice(0, -3)), fc.integer({ min: 0, max: 5 * 365 }).map((d) => plus('2014-01-01', d)));
const aDateFrom = (dx: string) =>
  fc.oneof(fc.constantFrom(0, 1, 90, 91, 92, 182, 183, 184, 365).map((d) => plus(dx, d)), fc.constantFrom(...EDGES.filter((e) => e >= dx), dx), fc.integer({ min: 0, max: 1500 }).map((d) => plus(dx, d)));
const anEvent = (dx: string) =>
  fc.tuple(fc.constantFrom('cd4', 'art_start', 'art_stop', 'viral_load', 'outcome'), aDateFrom(dx), fc.integer({ min: 0, max: 3000 }), fc.boolean(),
    fc.constantFrom('in_care', 'ltfu', 'died', 'left_country', 'deported', 'transferred'))
    .map(([kind, date, n, flag, outcome]): EventInput => {
      if (kind === 'cd4') return { kind, date, cd4: n };
      if (kind === 'viral_load') return { kind, date, undetectable: flag, copies: flag ? null : n };
      if (kind === 'outcome') return { kind, date, outcome };
      return { kind, date };
    });
const aRegister = fc.array(
  fc.tuple(aDiagnosisDate, fc.constantFrom('male', 'female') as fc.Arbitrary<'male' | 'female'>)
    .chain(([dx, sex]) => fc.tuple(fc.constant(dx), fc.constant(sex), fc.array(anEvent(dx), { maxLength: 8 }))),
  { minLength: 1, maxLength: 10 },
);

describe('the engine and the definitions', () => {
  it('agree on random registers for any year or quarter, before and after caching', () => {
    const db = createDeskDatabase(join(tempDir(), 'p.sqlite'), () => {});
    const unit = ensureFacility(db, 'x', { countryCode: 'KAZ', region: 'r', facility: 'f' });
    fc.assert(
      fc.property(aRegister, fc.constantFrom('2015', '2016', '2017', '2017Q2', '2018Q4'), (register, code) => {
        db.exec('DELETE FROM case_event; DELETE FROM case_key_population; DELETE FROM hiv_case;');
        register.forEach(([dx, sex, events], i) =>
          createCaseWithEvents(db, 'x', unit.id, aCase({ registerNo: String(i), diagnosisDate: dx, sex }), events, { allowDuplicate: true }));
        const period = parsePeriod(code)!;
        const expected = tally(register.map(([diagnosisDate, , events]) =>
          caseStatus({ diagnosisDate, events: events.map((e) => ({ cd4: null, copies: null, undetectable: null, outcome: null, ...e })) }, period.start, period.end)));
        expect(caseTallies(db, unit.id, period, 'sex').total).toEqual(expected);
        expect(caseTallies(db, unit.id, period, 'sex').total).toEqual(expected); // now from the cache
      }),
      { numRuns: 300 },
    );
    db.close();
  });
});
