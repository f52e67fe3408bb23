// Testing volume and positivity through the aggregate path: values entered in the testing form,
// summed per setting, and the report's own percentages recomputed from its counts.
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection.js';
import { createDeskDatabase } from '../../db/open.js';
import { ensureFacility } from '../../db/org-units.js';
import { saveCells } from '../../db/forms.js';
import { testingTotals } from '../../db/indicators.js';
import { cocKey, TOTAL } from '../../shared/forms/definitions.js';
import { proportion } from '../../shared/indicators/wilson.js';
import { parsePeriod } from '../../shared/periods.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
let db: Db;
const unit = (country: string, region: string, facility: string) => ensureFacility(db, 'x', { countryCode: country, region, facility });
const pct = (n: number, d: number) => {
  const p = proportion(n, d);
  return p.computable ? (p.value * 100).toFixed(1) : 'n/a';
};

beforeEach(() => {
  db = createDeskDatabase(join(tempDir(), 't.sqlite'), () => {});
});

describe('testing through the aggregate path', () => {
  it('recomputes Kazakhstan 2017: about 52,000 foreigners tested, 153 positive, 0.3%', () => {
    const kz = unit('KAZ', 'г. Алматы', 'Центр');
    saveCells(db, 'x', { form: 'testing', orgUnitId: kz.id, period: '2017' }, [
      { de: 'tested_mandatory', coc: TOTAL, value: '52 000' },
      { de: 'positive_mandatory', coc: TOTAL, value: '153' },
    ]);
    const t = testingTotals(db, kz.parentId!, parsePeriod('2017')!);
    expect([t.get('tested_mandatory'), t.get('positive_mandatory')]).toEqual([52000, 153]);
    expect(pct(153, 52000)).toBe('0.3');
  });

  it('recomputes the Kyrgyz mobile clinics 2016: 8,770 tested, 10 positive, 0.1%, from quarters and a breakdown', () => {
    const a = unit('KGZ', 'г. Бишкек', 'Мобильная клиника 1');
    const b = unit('KGZ', 'Чуйская область', 'Мобильная клиника 2');
    const cell = (sex: string) => cocKey({ sex, age_band: '25-29', legal_status: 'regular', migrant_type: 'emigrant' });
    // Clinic 1 reports by quarter (totals); clinic 2 a year of breakdown cells only.
    for (const [q, tested, positive] of [
      ['2016Q1', '1000', '1'],
      ['2016Q2', '1500', '2'],
      ['2016Q3', '2000', '2'],
      ['2016Q4', '1270', '1'],
    ] as const) {
      saveCells(db, 'x', { form: 'testing', orgUnitId: a.id, period: q }, [
        { de: 'tested_mobile_clinic', coc: TOTAL, value: tested },
        { de: 'positive_mobile_clinic', coc: TOTAL, value: positive },
      ]);
    }
    saveCells(db, 'x', { form: 'testing', orgUnitId: b.id, period: '2016' }, [
      { de: 'tested_mobile_clinic', coc: cell('male'), value: '2000' },
      { de: 'tested_mobile_clinic', coc: cell('female'), value: '1000' },
      { de: 'positive_mobile_clinic', coc: cell('male'), value: '3' },
      { de: 'positive_mobile_clinic', coc: cell('female'), value: '1' },
      // Key populations overlap and are never added to the totals.
      { de: 'tested_kp_mobile_clinic', coc: cocKey({ key_population: 'pwid' }), value: '500' },
    ]);
    const country = db.prepare(`SELECT id FROM org_unit WHERE level = 'country' AND country_code = 'KGZ'`).get() as { id: number };
    const t = testingTotals(db, country.id, parsePeriod('2016')!);
    expect([t.get('tested_mobile_clinic'), t.get('positive_mobile_clinic')]).toEqual([8770, 10]);
    expect(pct(10, 8770)).toBe('0.1');
    // A quarter on its own, and a year-level value taking precedence over quarters.
    expect(testingTotals(db, a.id, parsePeriod('2016Q2')!).get('tested_mobile_clinic')).toBe(1500);
    saveCells(db, 'x', { form: 'testing', orgUnitId: a.id, period: '2016' }, [{ de: 'tested_mobile_clinic', coc: TOTAL, value: '5800' }]);
    expect(testingTotals(db, a.id, parsePeriod('2016')!).get('tested_mobile_clinic')).toBe(5800);
  });
});
