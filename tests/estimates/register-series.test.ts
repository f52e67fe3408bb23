// From the register to the ECDC model: counts per year of diagnosis for a population, by the CD4
// count at diagnosis as the definitions take it, deaths by year; written in the tool's own input
// format and read back the same.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskDatabase } from '../../db/open.js';
import { ensureFacility } from '../../db/org-units.js';
import { createCaseWithEvents, deleteCase } from '../../db/cases.js';
import { registerSeries } from '../../db/ecdc-series.js';
import { modelInputFromRegister, writeReferenceFolder } from '../../electron/service/estimates/ecdc/register-input.js';
import { readReferenceFolder } from '../../electron/service/estimates/ecdc/reference-format.js';
import type { EventInput } from '../../shared/cases/schema.js';
import { aCase } from '../helpers/cases.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();

describe('the register as the ECDC model sees it', () => {
  it('counts diagnoses by CD4 at diagnosis, without one, with AIDS, and deaths, per year, for a population and its sub-units', () => {
    const db = createDeskDatabase(join(tempDir(), 'r.sqlite'), () => {});
    const here = ensureFacility(db, 'x', { countryCode: 'KAZ', region: 'Алматы', facility: 'Центр' });
    const elsewhere = ensureFacility(db, 'x', { countryCode: 'KAZ', region: 'Шымкент', facility: 'Центр' });
    let n = 0;
    const add = (unit: number, dx: string, events: EventInput[], over = {}) =>
      createCaseWithEvents(
        db,
        'x',
        unit,
        aCase({ registerNo: String(++n), uic: `АБВГ1${1960 + n}`, birthYear: 1960 + n, diagnosisDate: dx, ...over }),
        events,
        {
          allowDuplicate: true,
        },
      );
    add(here.id, '2015-03-01', [{ kind: 'cd4', date: '2015-04-01', cd4: 600 }]); // ≥ 500
    add(here.id, '2015-06-01', [{ kind: 'cd4', date: '2015-06-10', cd4: 100 }]); // < 200
    add(here.id, '2016-01-10', [{ kind: 'cd4', date: '2016-06-01', cd4: 300 }]); // 143 days after: none at diagnosis
    add(here.id, '2016-02-01', [
      { kind: 'art_start', date: '2016-02-05' },
      { kind: 'cd4', date: '2016-02-10', cd4: 400 }, // after ART: none at diagnosis
    ]);
    add(
      here.id,
      '2016-05-01',
      [
        { kind: 'cd4', date: '2016-05-02', cd4: 420 }, // 350-499
        { kind: 'outcome', date: '2017-03-01', outcome: 'died' },
      ],
      { migrantType: 'emigrant' },
    );
    deleteCase(db, 'x', add(here.id, '2015-07-01', [{ kind: 'cd4', date: '2015-07-02', cd4: 50 }]));
    add(elsewhere.id, '2015-08-01', [{ kind: 'cd4', date: '2015-08-02', cd4: 250 }]);
    // AIDS: marked at diagnosis (CD4 80), a first AIDS date 30 days after diagnosis (no CD4), and
    // AIDS two years later (not at diagnosis; counted in the year of its AIDS diagnosis).
    add(here.id, '2017-02-01', [{ kind: 'cd4', date: '2017-02-03', cd4: 80 }], { aidsAtDiagnosis: true });
    add(here.id, '2017-03-01', [], { firstAidsDate: '2017-03-31' });
    add(here.id, '2015-09-01', [{ kind: 'cd4', date: '2015-09-02', cd4: 700 }], { aidsAtDiagnosis: false, firstAidsDate: '2017-09-01' });

    const region = (db.prepare('SELECT parent_id AS p FROM org_unit WHERE id = ?').get(here.id) as { p: number }).p;
    const s = registerSeries(db, region, 2015, 2017);
    expect(s).toEqual({
      years: [2015, 2016, 2017],
      hiv: [3, 3, 2],
      cd4: [
        [2, 0, 0],
        [0, 1, 0],
        [0, 0, 0],
        [1, 0, 1],
      ],
      dead: [0, 0, 1],
      withoutCd4: [0, 2, 1],
      hivAids: [0, 0, 2],
      hivAidsCd4: [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 1],
      ],
      aids: [0, 0, 3],
      aidsKnown: [1, 0, 2],
    });
    // AIDS at diagnosis is recorded for 3 of 8: the HIV/AIDS series is not fitted, every case stays at its CD4 stage.
    const partly = modelInputFromRegister(s);
    expect(partly.data.cd4[3]).toEqual([1, 0, 1]);
    expect(partly.data.hivAids).toEqual([0, 0, 0]);
    expect(partly.settings.fit.hivAids[1]).toBeLessThan(2015);
    // Recorded for all: fitted, and the HIV/AIDS cases leave the CD4 series.
    const recorded = modelInputFromRegister({ ...s, aidsKnown: s.hiv });
    expect(recorded.data.cd4[3]).toEqual([1, 0, 0]);
    expect(recorded.data.hivAids).toEqual([0, 0, 2]);
    expect(recorded.settings.fit.hivAids).toEqual([2015, 2017]);
    // The country holds both regions; a population is a part of it.
    expect(registerSeries(db, here.parentId!, 2015, 2017).hiv).toEqual([3, 3, 2]);
    const country = (db.prepare('SELECT parent_id AS p FROM org_unit WHERE id = ?').get(region) as { p: number }).p;
    expect(registerSeries(db, country, 2015, 2017).cd4[2]).toEqual([1, 0, 0]);
    expect(registerSeries(db, country, 2015, 2017, { migrantType: 'emigrant' }).hiv).toEqual([0, 1, 0]);
    expect(registerSeries(db, country, 2015, 2017, { keyPopulation: 'msm' }).hiv).toEqual([0, 0, 0]);
    db.close();
  });

  it('is written in the ECDC tool’s input format and read back the same', () => {
    const series = {
      years: [2010, 2011, 2012, 2013, 2014, 2015],
      hiv: [10, 12, 15, 11, 9, 14],
      cd4: [
        [3, 2, 4, 3, 2, 4],
        [2, 3, 3, 2, 2, 3],
        [2, 3, 4, 3, 2, 3],
        [2, 3, 3, 2, 2, 3],
      ] as [number[], number[], number[], number[]],
      dead: [0, 1, 0, 2, 1, 0],
      withoutCd4: [1, 1, 1, 1, 1, 1],
      hivAids: [1, 0, 2, 1, 0, 1],
      hivAidsCd4: [
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [1, 0, 1, 1, 0, 1],
      ] as [number[], number[], number[], number[]],
      aids: [1, 1, 2, 1, 1, 1],
      aidsKnown: [10, 12, 15, 11, 9, 14],
    };
    const input = modelInputFromRegister(series);
    const dir = join(tempDir(), 'ecdc');
    writeReferenceFolder(dir, input.settings, input.data, 'Мигранты <Алматы> & 2015');
    expect(readReferenceFolder(dir)).toEqual(input);
  });
});
