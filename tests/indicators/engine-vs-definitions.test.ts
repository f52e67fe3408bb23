// The engine (SQL summaries, then cached codes) against the definitions applied in plain JS to the
// same random registers: any period, cold and cached, alone or in a trend shared with a helper
// thread, must give the same tallies.
import fc from 'fast-check';
import { aRegister } from '../helpers/random-register.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskDatabase } from '../../db/open.js';
import { ensureFacility } from '../../db/org-units.js';
import { createCaseWithEvents } from '../../db/cases.js';
import { caseTallies, caseTalliesForPeriods } from '../../db/indicators.js';
import { rememberSource, sharedRuns } from '../../db/count-reader.js';
import { openConnection, writeTransaction } from '../../db/connection.js';
import { DIMENSIONS } from '../../shared/indicators/dimensions.js';
import { availableParallelism } from 'node:os';
import { caseStatus } from '../../shared/indicators/case-status.js';
import { tally } from '../../shared/indicators/cascade.js';
import { parsePeriod } from '../../shared/periods.js';
import { aCase } from '../helpers/cases.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
type Register = typeof aRegister extends fc.Arbitrary<infer R> ? R : never;
describe('the engine and the definitions', () => {
  it('agree on random registers for any year or quarter, before and after caching', () => {
    const db = createDeskDatabase(join(tempDir(), 'p.sqlite'), () => {});
    const unit = ensureFacility(db, 'x', { countryCode: 'KAZ', region: 'r', facility: 'f' });
    fc.assert(
      fc.property(aRegister, fc.constantFrom('2015', '2016', '2017', '2017Q2', '2018Q4'), (register, code) => {
        db.exec('DELETE FROM case_event; DELETE FROM case_key_population; DELETE FROM hiv_case;');
        register.forEach(([dx, sex, events], i) =>
          createCaseWithEvents(db, 'x', unit.id, aCase({ registerNo: String(i), diagnosisDate: dx, sex }), events, {
            allowDuplicate: true,
          }),
        );
        const period = parsePeriod(code)!;
        const expected = tally(
          register.map(([diagnosisDate, , events]) =>
            caseStatus(
              { diagnosisDate, events: events.map((e) => ({ cd4: null, copies: null, undetectable: null, outcome: null, ...e })) },
              period.start,
              period.end,
            ),
          ),
        );
        expect(caseTallies(db, unit.id, period, 'sex').total).toEqual(expected);
        expect(caseTallies(db, unit.id, period, 'sex').total).toEqual(expected); // now from the cache
      }),
      { numRuns: 300 },
    );
    db.close();
  });

  it('agree for every year of a trend counted beside a helper thread, and inside a transaction on its own changes', () => {
    const file = join(tempDir(), 't.sqlite');
    const db = createDeskDatabase(file, () => {});
    const unit = ensureFacility(db, 'x', { countryCode: 'KAZ', region: 'r', facility: 'f' });
    const other = openConnection(file, { create: false });
    const years = ['2014', '2015', '2016', '2017', '2018'].map((y) => parsePeriod(y)!);
    const load = (register: Register) => {
      db.exec('DELETE FROM case_event; DELETE FROM case_key_population; DELETE FROM hiv_case;');
      register.forEach(([dx, sex, events], i) =>
        createCaseWithEvents(db, 'x', unit.id, aCase({ registerNo: String(i), diagnosisDate: dx, sex }), events, { allowDuplicate: true }),
      );
    };
    const expected = (register: Register) =>
      years.map((period) =>
        tally(
          register.map(([diagnosisDate, , events]) =>
            caseStatus(
              { diagnosisDate, events: events.map((e) => ({ cd4: null, copies: null, undetectable: null, outcome: null, ...e })) },
              period.start,
              period.end,
            ),
          ),
        ),
      );
    const before = sharedRuns();
    fc.assert(
      fc.property(aRegister, aRegister, (register, changed) => {
        load(register);
        const trend = caseTalliesForPeriods(db, unit.id, years, DIMENSIONS);
        expect(trend.map((t) => t.total)).toEqual(expected(register));
        // Every breakdown of every year as when the year is asked alone (on another connection, nothing kept).
        expect(trend).toEqual(years.map((y) => caseTalliesForPeriods(other, unit.id, [y], DIMENSIONS)[0]));
        // Uncommitted changes are this connection's alone: the whole trend is counted here.
        const inside = sharedRuns();
        writeTransaction(db, () => {
          load(changed);
          expect(caseTalliesForPeriods(db, unit.id, years, []).map((t) => t.total)).toEqual(expected(changed));
        });
        expect(sharedRuns()).toBe(inside);
      }),
      { numRuns: 40 },
    );
    // With a second core, the helper counted part of each trend.
    expect(sharedRuns() - before >= 40).toBe(availableParallelism() >= 2);
    // A helper that cannot read the file hands its share back: the trend is still whole.
    const failedBefore = sharedRuns();
    rememberSource(db, join(tempDir(), 'nowhere.sqlite'));
    load([]);
    expect(caseTalliesForPeriods(db, unit.id, years, []).map((t) => t.total)).toEqual(expected([]));
    expect(sharedRuns()).toBe(failedBefore);
    other.close();
    db.close();
  }, 120_000);
});
