// The fact sheet through the contract: the demo's Kazakhstan sheet carries annex 3 of the report;
// last year's values give the change; the register gives sections 3 and 3.1; the workbook, read
// back by LibreOffice, holds the same numbers.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import type { ContextValue } from '../../shared/factsheet/api.js';
import { en } from '../../shared/i18n/index.js';
import { LANGUAGES, texts } from '../../shared/i18n/languages.js';
import { languageOfText } from '../../db/migrations/0017-fact-sheet-languages.js';
import { sheetsAsCsv, sheetsAsCsvOfEach } from '../helpers/libreoffice.js';
import { centreWithNine, useSessions, createCentre } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();

function demo() {
  const s = session(tempDir());
  const r = dispatch(s, 'setup.openDemo', {}, silentLogger);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return s;
}
/** A sheet with its words in English (the report's own) unless another language is asked for. */
const get = (s: ReturnType<typeof demo>, country: string, year: number, language: 'ru' | 'en' = 'en') => {
  const r = dispatch(s, 'factsheet.get', { country, year, language }, silentLogger);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const blank = (indicator: string): ContextValue => ({
  indicator,
  value: null,
  low: null,
  high: null,
  text: null,
  dataYear: null,
  source: null,
  note: null,
  decimals: null,
  footnote: null,
});

// Annex 3 of the report, Kazakhstan, as read from its text (the footnote numbers taken off).
const ANNEX_3: [string, number | null, number | null, number | null, string | null][] = [
  ['population', 17.918, null, null, '2017'],
  ['population_change', 1.5, null, null, '2000-2017'],
  ['urban_share', 53, null, null, '2015'],
  ['migrants_share', 20.1, null, null, '2017'],
  ['surface', 2724.9, null, null, null],
  ['gdp_ppp', 449.948, null, null, '2016'],
  ['gdp_per_capita', 25286, null, null, '2016'],
  ['unemployment', 5.4, null, null, null],
  ['remittances_in', 275, null, null, '2016'],
  ['remittances_out', 2395, null, null, null],
  ['remittances_gdp', 0.2, null, null, '2016'],
  ['hdi', 0.794, null, null, '2016'],
  ['hdi_rank', 56, null, null, '2016'],
  ['hiv_incidence', null, null, null, '2016'],
  ['tb_incidence', 67, 43, 95, '2016'],
  ['hiv_tb_incidence', 3.2, 2.1, 4.6, '2016'],
  ['health_expenditure_gdp', 4.4, null, null, '2016'],
  ['health_expenditure_per_capita', 539, null, null, '2016'],
];

describe('fact sheet', () => {
  it("the demo's Kazakhstan 2017 sheet reproduces annex 3, with sources, ratifications and the report's text", async () => {
    const s = demo();
    const sheet = get(s, 'KAZ', 2017);
    const got = sheet.context
      .filter((c) => c.current)
      .map((c) => [c.indicator, c.current!.value, c.current!.low, c.current!.high, c.current!.dataYear]);
    expect(got).toEqual(ANNEX_3);
    expect(sheet.context.find((c) => c.indicator === 'population')!.current!.source).toBe('Data of Committee for Statistics of Kazakhstan');
    expect(sheet.context.find((c) => c.indicator === 'tb_incidence')!.current!.source).toBe(
      'http://www.who.int/tb/country/data/profiles/en/',
    );
    expect(sheet.context.find((c) => c.indicator === 'hiv_incidence')!.current!.note).toMatch(/missing/);
    expect(sheet.ratifications.map((r) => r.current)).toEqual(['yes', 'yes', 'yes', 'yes', 'no']);
    expect(sheet.texts.migrants_hiv).toContain('235 citizens of Uzbekistan (49% of them – women)');
    expect(sheet.texts.migration).toContain('1,380,000 people were registered');
    expect(sheet.textLanguages).toEqual({ migration: 'en', hiv: 'en', migrants_hiv: 'en', vulnerability: 'en' });
    // In Russian: the demo's translation, said to be one, and the notes in Russian.
    const ru = get(s, 'KAZ', 2017, 'ru');
    expect(ru.texts.migrants_hiv).toMatch(
      /^\(Перевод с английского[^\n]*\)\n• В 2012–2016 годах в Казахстане ВИЧ был диагностирован у 235 граждан Узбекистана/,
    );
    expect(ru.texts.migration).toContain('1 380 000 человек');
    expect(ru.textLanguages.migration).toBe('ru');
    expect(ru.context.find((c) => c.indicator === 'hiv_incidence')!.current!.note).toBe(
      'В отчёте здесь напечатан только номер сноски: значения нет.',
    );
    for (const language of ['ru', 'en'] as const)
      for (const c of ['KAZ', 'KGZ', 'RUS', 'TJK', 'TKM', 'UZB']) {
        const words = get(s, c, 2017, language);
        expect(Object.values(words.textLanguages), `${c} ${language}`).toEqual(Object.values(words.textLanguages).map(() => language));
        const notes = words.context.flatMap((x) => (x.current?.note ? [x.current.note] : []));
        for (const n of notes) expect(languageOfText(n), `${c} ${language}: ${n}`).toBe(language);
      }
    // Every country of the report has its sheet; Uzbekistan's has the extra literacy row and "Signed".
    for (const c of ['KGZ', 'RUS', 'TJK', 'TKM', 'UZB'])
      expect(get(s, c, 2017).context.filter((x) => x.current).length, c).toBeGreaterThanOrEqual(18);
    expect(get(s, 'UZB', 2017).ratifications.map((r) => r.current)).toEqual(['no', 'no', 'yes', 'signed', 'no']);
    expect(get(s, 'TKM', 2017).context.find((c) => c.indicator === 'remittances_out')!.current!.text).toBe('no_data');
    expect(get(s, 'RUS', 2017).context.find((c) => c.indicator === 'remittances_in')!.current!.value).toBe(6678);
  });

  it('shows this year beside last year with the change; each save audited; bad rows refused', async () => {
    const s = demo();
    const saved = dispatch(
      s,
      'factsheet.saveContext',
      {
        country: 'KAZ',
        year: 2016,
        values: [
          { ...blank('population'), value: 17.67, dataYear: '2016', source: 'Committee for Statistics' },
          { ...blank('tb_incidence'), value: 89, low: 57, high: 127, dataYear: '2015' },
          { ...blank('remittances_gdp'), value: 0 },
          { ...blank('migrant_workers_convention'), text: 'signed' },
        ],
      },
      silentLogger,
    );
    expect(saved.ok).toBe(true);
    const sheet = get(s, 'KAZ', 2017);
    const row = (code: string) => sheet.context.find((c) => c.indicator === code)!;
    expect(row('population').previous!.value).toBe(17.67);
    expect(row('population').change!.diff).toBeCloseTo(17.918 - 17.67, 9);
    expect(row('population').change!.ratio).toBeCloseTo((17.918 - 17.67) / 17.67, 9);
    expect(row('tb_incidence').change).toEqual({ diff: -22, ratio: -22 / 89 });
    expect(row('remittances_gdp').change).toEqual({ diff: 0.2, ratio: null }); // from 0: no relative change
    expect(row('gdp_ppp').change).toBeNull(); // nothing last year
    expect(sheet.ratifications.find((r) => r.instrument === 'migrant_workers_convention')).toEqual({
      instrument: 'migrant_workers_convention',
      current: 'no',
      previous: 'signed',
    });
    // Sent again with blank texts instead of nulls: nothing changes, nothing is recorded.
    const before = dispatch(s, 'audit.recent', { limit: 1 }, silentLogger);
    dispatch(
      s,
      'factsheet.saveContext',
      { country: 'KAZ', year: 2016, values: [{ ...blank('remittances_gdp'), value: 0, dataYear: '', source: ' ', note: '' }] },
      silentLogger,
    );
    expect(dispatch(s, 'audit.recent', { limit: 1 }, silentLogger)).toEqual(before);
    const audit = dispatch(s, 'audit.recent', { limit: 4 }, silentLogger);
    expect(audit.ok && audit.value.map((a) => [a.action, a.entity, a.entityId])).toContainEqual([
      'create',
      'fact_sheet_value',
      'KAZ/2016/population',
    ]);

    // Text of a section, then cleared.
    expect(
      dispatch(
        s,
        'factsheet.saveText',
        { country: 'KAZ', year: 2016, section: 'vulnerability', body: '• Пункт один\n• Пункт два' },
        silentLogger,
      ).ok,
    ).toBe(true);
    expect(get(s, 'KAZ', 2016).texts.vulnerability).toBe('• Пункт один\n• Пункт два');

    const bad = (values: ContextValue[]) => dispatch(s, 'factsheet.saveContext', { country: 'KAZ', year: 2016, values }, silentLogger);
    expect(bad([{ ...blank('population'), text: 'yes' }])).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(bad([{ ...blank('population'), value: 1, low: 0, high: 2 }])).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(bad([{ ...blank('hdi_rank'), value: 56.5 }])).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(dispatch(s, 'factsheet.saveContext', { country: 'XXX', year: 2016, values: [blank('population')] }, silentLogger)).toMatchObject(
      { ok: false, error: { code: 'not_found' } },
    );
    expect(get(s, 'KAZ', 2016).context.find((c) => c.indicator === 'population')!.current!.value).toBe(17.67); // unchanged
  });

  it('counts sections 3 and 3.1 from the register of the country, hiding small counts of foreigners', async () => {
    const s = demo();
    const reg = get(s, 'KAZ', 2017).register!;
    const db = s.database;
    const count = (where: string, ...p: unknown[]) =>
      (
        db
          .prepare(
            `SELECT count(*) AS n FROM hiv_case c JOIN org_unit o ON o.id = c.org_unit_id WHERE o.country_code = 'KAZ' AND c.deleted_at IS NULL AND ${where}`,
          )
          .get(...p) as { n: number }
      ).n;
    expect(reg.newCases).toEqual({ current: count("diagnosis_date LIKE '2017%'"), previous: count("diagnosis_date LIKE '2016%'") });
    expect(reg.newCases.current).toBeGreaterThan(0);
    expect(reg.cumulative.current).toBe(count("diagnosis_date <= '2017-12-31'"));
    expect(reg.bySex.reduce((a, x) => a + x.current, 0)).toBe(reg.newCases.current);
    // Fixed rows, as the printed table has them: every sex and every route, 0 where none.
    expect(reg.bySex.map((x) => x.key)).toEqual(['male', 'female', 'unknown']);
    expect(reg.byRoute.map((x) => x.key)).toEqual(['heterosexual', 'msm', 'injecting', 'mother_to_child', 'blood', 'other', 'unknown']);
    expect(reg.series.map((p) => p.year)).toEqual([2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017]);
    expect(reg.series.at(-1)!.newCases).toBe(reg.newCases.current);
    expect(reg.foreigners.map((f) => f.citizenship)).not.toContain('KAZ');
    expect(reg.foreigners.reduce((a, f) => a + f.total, 0)).toBe(
      count("diagnosis_date LIKE '2017%' AND citizenship IS NOT NULL AND citizenship <> 'KAZ'"),
    );
    expect(reg.abroad.current).toBe(
      count("diagnosis_date LIKE '2017%' AND citizenship = 'KAZ' AND diagnosis_country IS NOT NULL AND diagnosis_country <> 'KAZ'"),
    );
    // Every count from 1 to the threshold is hidden.
    reg.foreigners.forEach((f, i) =>
      [f.male, f.female, f.other].forEach((v, j) => v >= 1 && v <= reg.maxCount && expect(reg.foreignersHidden.cells[i]![j]).toBe(true)),
    );
    expect(reg.cascade.diagnosed.current).toBeGreaterThan(0);
    // Prevalence among key populations, from a survey entered in the aggregate form.
    const saved = dispatch(
      s,
      'forms.save',
      {
        form: 'survey',
        orgUnitId: reg.orgUnitId,
        period: '2017',
        cells: [
          { de: 'survey_name', coc: '', value: 'ИБИО 2017' },
          { de: 'survey_sample', coc: 'total', value: '400' },
          { de: 'survey_positive', coc: 'total', value: '12' },
          { de: 'survey_sample', coc: 'key_population:pwid', value: '100' },
          { de: 'survey_positive', coc: 'key_population:pwid', value: '9' },
        ],
      },
      silentLogger,
    );
    expect(saved.ok).toBe(true);
    expect(get(s, 'KAZ', 2017).register!.surveys).toEqual([
      { name: 'ИБИО 2017', group: 'total', sample: 400, positive: 12 },
      { name: 'ИБИО 2017', group: 'pwid', sample: 100, positive: 9 },
    ]);
    // A country with no organisation in the database has no register figures.
    const other = session(tempDir());
    await createCentre(other, {
      countryCode: 'KGZ',
      region: 'Чуйская область',
      centre: 'Центр',
      login: 'Айгуль',
      password: 'ЧуйскаяДолина-2017',
    });
    expect(dispatch(other, 'factsheet.get', { country: 'KAZ', year: 2017 }, silentLogger)).toMatchObject({
      ok: true,
      value: { register: null },
    });
  });

  it('the workbook, read back by LibreOffice, holds the same numbers', async () => {
    const s = demo();
    const sheet = get(s, 'KAZ', 2017);
    const file = await dispatchAsync(s, 'factsheet.workbook', { country: 'KAZ', year: 2017, language: 'en' }, silentLogger);
    if (!file.ok) throw new Error(JSON.stringify(file.error));
    const sheets = sheetsAsCsv(file.value.path);
    expect([...sheets.keys()]).toEqual(['1 Context', '2 Migration', '3 HIV', '3.1 Migrants', '4 Vulnerability']);
    const ctx = sheets.get('1 Context')!;
    const line = (label: string) => ctx.find((r) => r[0] === label)!;
    expect(line('Population').slice(1, 4)).toEqual(['million', '2017', '17.918']);
    expect(ctx.some((r) => r[0] === `${line('Population')[8]}. Data of Committee for Statistics of Kazakhstan`)).toBe(true); // its source, by number
    expect(line('GDP per capita, PPP')[3]).toBe('25,286');
    expect(line('Surface area')[3]).toBe('2,724.9');
    expect(line('Tuberculosis incidence (WHO estimate)').slice(3, 5)).toEqual(['67', '43–95']);
    expect(line('HIV incidence')[3]).toBe('');
    expect(line('1951 Refugee Convention')[3]).toBe('Yes');
    expect(line('International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families')[3]).toBe(
      'No',
    );
    const hiv = sheets.get('3 HIV')!;
    expect(hiv.find((r) => r[0] === 'New HIV cases in the year')!.slice(1, 3)).toEqual([
      String(sheet.register!.newCases.current),
      String(sheet.register!.newCases.previous),
    ]);
    expect(hiv.find((r) => r[0] === '2017')![1]).toBe(String(sheet.register!.newCases.current));
    expect(
      sheets
        .get('3.1 Migrants')!
        .some((r) => r[0] === 'Know their HIV status' && r[1] === String(sheet.register!.cascade.diagnosed.current)),
    ).toBe(true);
    // The undetectable share, with its counts and interval.
    const u = sheet.register!.cascade.current.undetectable;
    if (!u.computable || u.low === null) throw new Error('the demo has viral loads in 2017');
    const row = sheets.get('3.1 Migrants')!.find((r) => r[0] === en.indicators.percentages.undetectable)!;
    expect([row[1], row[5]]).toEqual([
      `${(u.value * 100).toFixed(1)}%`,
      `${u.numerator}/${u.denominator}; ${(u.low * 100).toFixed(1)}–${(u.high * 100).toFixed(1)}%`,
    ]);
    // Under its own heading (the interval's), not under the change's; the years are numbers.
    const head = sheets.get('3.1 Migrants')!.find((r) => r[0] === en.factsheet.cascade)!;
    expect(head.slice(1, 7)).toEqual(['2017', '2016', en.factsheet.change, en.factsheet.changePct, '95% CI 2017', '95% CI 2016']);
    expect(sheets.get('3 HIV')!.some((r) => r[0]!.includes('synthetic register'))).toBe(true);
  }, 120_000);

  it('in every language: its own sheet names and row labels, the same counts as in English', async () => {
    const s = demo();
    const sheet = get(s, 'KAZ', 2017);
    // Each language's sheet under its own name, all read by one LibreOffice run.
    const dir = tempDir();
    const files: string[] = [];
    for (const language of LANGUAGES) {
      const file = await dispatchAsync(s, 'factsheet.workbook', { country: 'KAZ', year: 2017, language }, silentLogger);
      if (!file.ok) throw new Error(JSON.stringify(file.error));
      files.push(join(dir, `fact-sheet-${language}.xlsx`));
      copyFileSync(file.value.path, files.at(-1)!);
    }
    const read = sheetsAsCsvOfEach(files);
    for (const [i, language] of LANGUAGES.entries()) {
      const sheets = read[i]!;
      const own = texts(language).factsheet;
      expect([...sheets.keys()], language).toEqual(Object.values(own.sheets));
      const hiv = sheets.get(own.sheets.hiv)!;
      expect(hiv.find((r) => r[0] === own.newCases)?.slice(1, 3), language).toEqual([
        String(sheet.register!.newCases.current),
        String(sheet.register!.newCases.previous),
      ]);
      const migrants = sheets.get(own.sheets.migrants_hiv)!;
      expect(migrants.find((r) => r[0] === own.diagnosed)?.[1], language).toBe(String(sheet.register!.cascade.diagnosed.current));
    }
  }, 240_000);

  it('hides in print a cascade step that would give away a small difference from the next', async () => {
    // Nine people diagnosed in 2017, eight of them on ART: the one not on ART must not be worked out.
    const s = await centreWithNine(session(tempDir()), (i) => (i > 0 ? { kind: 'art_start', date: '2017-03-01' } : null));
    const reg = get(s, 'KAZ', 2017).register!;
    expect([reg.cascade.diagnosed.current, reg.cascade.onArt.current]).toEqual([9, 8]);
    const hidden = reg.cascade.hidden.current;
    expect(hidden.includes('diagnosed') || hidden.includes('onArt')).toBe(true);
    const file = await dispatchAsync(s, 'factsheet.workbook', { country: 'KAZ', year: 2017, language: 'en' }, silentLogger);
    if (!file.ok) throw new Error(JSON.stringify(file.error));
    const migrants = sheetsAsCsv(file.value.path).get('3.1 Migrants')!;
    const shown = ['Know their HIV status', 'On ART'].map((label) => migrants.find((r) => r[0] === label)![1]);
    expect(shown).toContain('*');
    // The count the person is told is the number of "*" cells LibreOffice reads in the file.
    const stars = [...sheetsAsCsv(file.value.path).values()].flat(2).filter((cell) => cell === '*').length;
    expect(stars).toBeGreaterThan(0);
    expect(file.value.hiddenCells).toBe(stars);
  }, 240_000);

  it("keeps a sheet's words per language: written in one, shown in the other (marked) until written there too", () => {
    const s = demo();
    const key = { country: 'KAZ', year: 2016 };
    const text = (language: 'ru' | 'en', body: string) => {
      const r = dispatch(s, 'factsheet.saveText', { ...key, section: 'migration', body, language }, silentLogger);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    };
    const note = (language: 'ru' | 'en', n: string) => {
      const r = dispatch(
        s,
        'factsheet.saveContext',
        { ...key, values: [{ ...blank('population'), value: 17.67, note: n }], language },
        silentLogger,
      );
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    };
    const seen = (language: 'ru' | 'en') => {
      const sheet = get(s, 'KAZ', 2016, language);
      return [sheet.texts.migration, sheet.textLanguages.migration, sheet.context.find((c) => c.indicator === 'population')!.current!.note];
    };
    text('ru', '• Только по-русски');
    note('ru', 'оценка');
    expect(seen('en')).toEqual(['• Только по-русски', 'ru', 'оценка']);
    text('en', '• In English');
    note('en', 'an estimate');
    expect(seen('en')).toEqual(['• In English', 'en', 'an estimate']);
    expect(seen('ru')).toEqual(['• Только по-русски', 'ru', 'оценка']);
    // Emptied in English: the Russian shows again there; the Russian is untouched.
    text('en', '');
    note('en', '');
    expect(seen('en')).toEqual(['• Только по-русски', 'ru', 'оценка']);
    expect(seen('ru')).toEqual(['• Только по-русски', 'ru', 'оценка']);
  });

  it('a workbook in another language marks the Russian-only text and note with the language by its name, never a key', async () => {
    const s = demo();
    const key = { country: 'KAZ', year: 2016 };
    const saved = [
      dispatch(s, 'factsheet.saveText', { ...key, section: 'migration', body: '• Только по-русски', language: 'ru' }, silentLogger),
      dispatch(
        s,
        'factsheet.saveContext',
        { ...key, values: [{ ...blank('population'), value: 17.67, note: 'оценка' }], language: 'ru' },
        silentLogger,
      ),
    ];
    expect(saved.map((r) => r.ok)).toEqual([true, true]);
    for (const language of ['en', 'kk'] as const) {
      const file = await dispatchAsync(s, 'factsheet.workbook', { ...key, language }, silentLogger);
      if (!file.ok) throw new Error(JSON.stringify(file.error));
      const cells = [...sheetsAsCsv(file.value.path).values()].flat(2).join('\n');
      expect(cells, language).not.toContain('common.languageName');
      expect(cells, language).toContain('оценка (Русский)');
      expect(cells, language).toContain(texts(language).factsheet.textInOther.replace('{{language}}', 'Русский'));
    }
  }, 120_000);

  it("carries the report's sheets as printed: Turkmenistan's remittances in GNI, the printed precision, the hand readings noted, the footnote numbers, no footnote digits in the text", async () => {
    const s = demo();
    const row = (country: string, indicator: string) =>
      get(s, country, 2017).context.find((c) => c.indicator === indicator)?.current ?? null;
    // Turkmenistan gives remittances as a share of GNI: its own row, no GDP figure.
    expect(row('TKM', 'remittances_gdp')).toBeNull();
    expect(row('TKM', 'remittances_gni')).toMatchObject({ value: 0, decimals: 1, footnote: 11 });
    // Precision as printed.
    expect(row('KGZ', 'hiv_incidence')).toMatchObject({ value: 12, decimals: 1 });
    expect(row('TJK', 'hiv_tb_incidence')).toMatchObject({ value: 1.8, low: 2.8, high: 4, decimals: 1 });
    expect(row('TKM', 'gdp_per_capita')).toMatchObject({ value: 16876, decimals: 1 });
    // A point read as a thousands separator is said, as the other hand readings are.
    for (const [country, indicator, printed] of [
      ['KAZ', 'remittances_out', '2.395'],
      ['KGZ', 'remittances_in', '1.195'],
      ['RUS', 'remittances_in', '6.678'],
      ['TJK', 'gdp_per_capita', '2.979'],
    ] as const) {
      expect(row(country, indicator)!.note, `${country} ${indicator}`).toContain(`"${printed}"`);
      expect(row(country, indicator)!.note).toContain('thousands separator');
    }
    // Footnote digits that ran into the text are gone.
    expect(get(s, 'KAZ', 2017).texts.migration).toContain('the number of IDUs is 120 500.');
    expect(get(s, 'TJK', 2017).texts.migrants_hiv).toContain('almost doubled during 2012-2015.\n');

    // In the workbook, read by LibreOffice: the printed precision, the GNI row, the report's footnote numbers.
    const tkm = await dispatchAsync(s, 'factsheet.workbook', { country: 'TKM', year: 2017, language: 'en' }, silentLogger);
    const kgz = await dispatchAsync(s, 'factsheet.workbook', { country: 'KGZ', year: 2017, language: 'en' }, silentLogger);
    const tjk = await dispatchAsync(s, 'factsheet.workbook', { country: 'TJK', year: 2017, language: 'en' }, silentLogger);
    if (!tkm.ok || !kgz.ok || !tjk.ok) throw new Error('workbook');
    const ctx = (path: string) => sheetsAsCsv(path).get('1 Context')!;
    const [t, k, j] = [ctx(tkm.value.path), ctx(kgz.value.path), ctx(tjk.value.path)];
    const line = (c: string[][], label: string) => c.find((r) => r[0] === label)!;
    expect(line(t, "Migrants' remittances").slice(1, 4)).toEqual(['% of GNI', '2016', '0.0']);
    expect(t.some((r) => r[0] === 'Personal remittances received')).toBe(false);
    expect(line(t, 'GDP per capita, PPP')[3]).toBe('16,876.0');
    expect(line(k, 'HIV incidence')[3]).toBe('12.0');
    expect(line(j, 'Incidence of HIV and TB (WHO estimate)').slice(3, 5)).toEqual(['1.8', '2.8–4.0']);
    // Sources under the report's own numbers: the remittances' source is footnote 11 on every sheet.
    expect(line(t, "Migrants' remittances")[8]).toBe('11');
    expect(line(k, 'Personal remittances received')[8]).toBe('11');
    expect(t.some((r) => r[0] === '11. https://data.worldbank.org/indicator/BX.TRF.PWKR.DT.GD.ZS')).toBe(true);
    expect(line(t, 'Population')[8]).toBe('1');
  }, 240_000);
});
