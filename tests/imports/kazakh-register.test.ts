// A centre working in Kazakh: the template comes with Kazakh headers, sheet names and drop-down
// words, and a register written with them (a country by its Kazakh name) loads as codes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { COUNTRY_NAMES } from '../../shared/i18n/country-names-data.js';
import { texts } from '../../shared/i18n/languages.js';
import { CASE_COLUMNS, columnLabel } from '../../shared/imports/columns.js';
import { csvToXlsx, sheetsAsCsv } from '../helpers/libreoffice.js';
import { centreWithOneCase, useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();

describe('a register in Kazakh', () => {
  it('the Kazakh template, filled with its own words, loads: headers, options and country names read as codes', async () => {
    const s = await centreWithOneCase(session(tempDir()));
    const kk = texts('kk');
    const t = await dispatchAsync(s, 'imports.template', { language: 'kk' }, silentLogger);
    if (!t.ok) throw new Error(JSON.stringify(t.error));
    const sheets = sheetsAsCsv(t.value.path);
    expect([...sheets.keys()].sort()).toEqual([kk.imports.sheets.cases, kk.imports.sheets.events, kk.imports.sheets.codes].sort());
    const header = sheets.get(kk.imports.sheets.cases)![0]!;
    expect(header.slice(0, CASE_COLUMNS.length)).toEqual(CASE_COLUMNS.map((c) => columnLabel(c, 'kk')));
    // The codes sheet offers the Kazakh words the drop-downs hold.
    const codes = sheets.get(kk.imports.sheets.codes)!.flat();
    expect(codes).toEqual(expect.arrayContaining([kk.categories.sex!.female, kk.categories.migrant_type!.immigrant]));

    const cat = kk.categories;
    const value: Record<(typeof CASE_COLUMNS)[number], string> = Object.fromEntries(CASE_COLUMNS.map((c) => [c, ''])) as never;
    const row = (over: Partial<typeof value>) => CASE_COLUMNS.map((c) => `"${over[c] ?? value[c]}"`).join(',');
    const csv = [
      header
        .slice(0, CASE_COLUMNS.length)
        .map((h) => `"${h}"`)
        .join(','),
      row({
        registerNo: 'KZ-1',
        uic: 'БОКА11990',
        sex: cat.sex!.female!,
        birthYear: '1990',
        citizenship: COUNTRY_NAMES.kk.UZB!,
        migrantType: cat.migrant_type!.immigrant!,
        legalStatus: cat.legal_status!.irregular!,
        keyPopulations: cat.key_population!.sw!,
        transmissionRoute: kk.enums.transmission_route.heterosexual,
        diagnosisDate: '15.03.2017',
        diagnosisCountry: COUNTRY_NAMES.kk.KAZ!,
        aidsAtDiagnosis: kk.enums.aids_at_diagnosis.no,
      }),
    ].join('\n');
    const csvFile = join(tempDir(), 'тіркелім.csv');
    writeFileSync(csvFile, csv);
    const file = csvToXlsx(csvFile);
    const r = await dispatchAsync(
      s,
      'imports.preview',
      { fileName: 'тіркелім.xlsx', contentBase64: readFileSync(file).toString('base64') },
      silentLogger,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.rejected).toEqual([]);
    expect(r.value.accepted.cases).toBe(1);
    expect(dispatch(s, 'imports.confirm', { importId: r.value.importId }, silentLogger).ok).toBe(true);
    const got = s.database
      .prepare(
        `SELECT sex, citizenship, migrant_type AS mt, legal_status AS ls, transmission_route AS tr, diagnosis_date AS dx, diagnosis_country AS dc, aids_at_diagnosis AS aids,
          (SELECT group_concat(key_population) FROM case_key_population k WHERE k.case_id = c.id) AS kp
         FROM hiv_case c WHERE register_no = 'KZ-1'`,
      )
      .get();
    expect(got).toEqual({
      sex: 'female',
      citizenship: 'UZB',
      mt: 'immigrant',
      ls: 'irregular',
      tr: 'heterosexual',
      dx: '2017-03-15',
      dc: 'KAZ',
      aids: 0,
      kp: 'sw',
    });
  }, 240_000);
});
