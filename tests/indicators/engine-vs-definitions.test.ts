// The engine (SQL summaries, then cached codes) against the definitions applied in plain JS to the
// same random registers: any period, cold and cached, must give the same tallies.
import fc from 'fast-check';
import { aRegister } from '../helpers/random-register.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskDatabase } from '../../db/open.js';
import { ensureFacility } from '../../db/org-units.js';
import { createCaseWithEvents } from '../../db/cases.js';
import { caseTallies } from '../../db/indicators.js';
import { caseStatus } from '../../shared/indicators/case-status.js';
import { tally } from '../../shared/indicators/cascade.js';
import { parsePeriod } from '../../shared/periods.js';
import { aCase } from '../helpers/cases.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
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
});
