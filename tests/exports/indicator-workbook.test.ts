// The indicator workbook as a ministry opens it: written through the contract, converted by
// LibreOffice (a real spreadsheet program), and compared cell by cell with the engine.
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { indicatorReport } from '../../electron/service/indicators/report.js';
import { BREAKDOWN_MEASURES, PERCENTAGES } from '../../shared/indicators/api.js';
import { en, ru } from '../../shared/i18n/index.js';
import { LANGUAGES, texts, type Language } from '../../shared/i18n/languages.js';
import { sheetsAsCsv, sheetsAsCsvOfEach } from '../helpers/libreoffice.js';
import { centreWithNine, useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();
const num = (s: string | undefined) => Number((s ?? '').replace(/,/g, '')); // counts are shown as 1,234
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const labels = ru.indicators;

function demo() {
  const s = session(tempDir());
  const opened = dispatch(s, 'setup.openDemo', {}, silentLogger);
  if (!opened.ok) throw new Error('demo did not open');
  return { s, country: opened.value.database!.orgUnitPath[0]!.id };
}

describe('the indicator workbook', () => {
  it("opens in LibreOffice with the engine's numbers in real number and percent formats, on every sheet", async () => {
    const { s, country } = demo();
    // An estimate of migrants living with HIV, so the shares of the estimate (the 90-81-73 view) are computed.
    const unit = s.status().database!.orgUnitPath.at(-1)!.id;
    expect(
      dispatch(
        s,
        'forms.save',
        { form: 'estimates', orgUnitId: unit, period: '2017', cells: [{ de: 'est_plhiv', coc: '', value: '900' }] },
        silentLogger,
      ).ok,
    ).toBe(true);
    const r = await dispatchAsync(
      s,
      'exports.indicatorWorkbook',
      { period: '2017', orgUnitId: country, dimensions: ['sex', 'key_population'], language: 'ru', outside: false },
      silentLogger,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.fileName).toBe(`hiv-migrants-KAZ-2017-${country}-internal.xlsx`);
    expect(readdirSync(dirname(r.value.path))).toEqual([r.value.fileName]); // no .part left behind
    const sheets = sheetsAsCsv(r.value.path);
    expect([...sheets.keys()].sort()).toEqual(
      ['Каскад', 'Качество данных', 'Ключевая группа', 'Определения', 'Пол', 'Тестирование', 'Титульный лист'].sort(),
    );

    // Cascade: every percentage with its numerator, denominator and value as the engine has them.
    const engine = indicatorReport(s.database, country, '2017', 'none');
    const cascade = sheets.get('Каскад')!;
    for (const k of PERCENTAGES) {
      const row = cascade.find((x) => x[0] === labels.percentages[k])!;
      const p = engine.total.cascade[k];
      expect([num(row[1]), num(row[2])], k).toEqual([p.numerator, p.denominator]);
      expect(row[3], k).toBe(p.computable ? pct(p.value) : labels.notComputable[p.reason as 'no_estimate']);
      if (p.computable && p.low !== null) expect([row[4], row[5]], k).toEqual([pct(p.low), pct(p.high)]);
    }
    // On ART and suppressed as shares of the estimate, with numerator, denominator and interval.
    for (const k of ['onArtOfEstimate', 'suppressedOfEstimate'] as const) {
      const p = engine.total.cascade[k];
      expect(p, k).toMatchObject({ computable: true, denominator: 900 });
      expect(cascade.find((x) => x[0] === labels.percentages[k])!.slice(1, 6), k).toEqual([
        String(p.numerator),
        '900',
        pct(p.computable ? p.value : 0),
        pct(p.computable ? p.low! : 0),
        pct(p.computable ? p.high! : 0),
      ]);
    }
    const count = (label: string) => num(cascade.find((x) => x[0] === label)?.[1]);
    expect(count(labels.measures.diagnosed)).toBe(engine.total.tally.diagnosed);
    expect(count(labels.measures.onArt)).toBe(engine.total.tally.onArt);

    // By sex: each group's counts, its share and late diagnosis; the total row last.
    const bySex = indicatorReport(s.database, country, '2017', 'sex');
    const sex = sheets.get('Пол')!;
    expect(sex[0]!.slice(1, 1 + BREAKDOWN_MEASURES.length)).toEqual(BREAKDOWN_MEASURES.map((m) => labels.measures[m]));
    for (const g of bySex.groups) {
      const row = sex.find((x) => x[0] === (texts('ru').categories.sex as Record<string, string>)[g.key])!;
      expect(row.slice(1, 1 + BREAKDOWN_MEASURES.length).map(num), g.key).toEqual(BREAKDOWN_MEASURES.map((m) => g.tally[m]));
      if (g.share.computable) expect(row[1 + BREAKDOWN_MEASURES.length]).toBe(pct(g.share.value));
      expect(num(row[2 + BREAKDOWN_MEASURES.length])).toBe(g.tally.lateDiagnosis.numerator);
    }
    expect(
      sex
        .find((x) => x[0] === 'Итого')!
        .slice(1, 1 + BREAKDOWN_MEASURES.length)
        .map(num),
    ).toEqual(BREAKDOWN_MEASURES.map((m) => bySex.total.tally[m]));
    // Nothing hidden inside the centre; the cover says so.
    expect([...sheets.values()].flat(2)).not.toContain('*');
    expect(sheets.get('Титульный лист')!.find((x) => x[0] === 'Защита малых чисел')![1]).toMatch(/^выключена/);
    expect(sheets.get('Определения')!.map((x) => x[4])).toContain('HIV.IND.27');
  }, 240_000);

  it('in every language: its own sheet names and labels (Russian where a draft lacks one), the same numbers as in Russian', async () => {
    const { s, country } = demo();
    // Each language's workbook kept under its own name, then all read by one LibreOffice run.
    const dir = tempDir();
    const files: string[] = [];
    for (const language of LANGUAGES) {
      const r = await dispatchAsync(
        s,
        'exports.indicatorWorkbook',
        { period: '2017', orgUnitId: country, dimensions: ['sex'], language, outside: false },
        silentLogger,
      );
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      files.push(join(dir, `workbook-${language}.xlsx`));
      copyFileSync(r.value.path, files.at(-1)!);
    }
    const read = sheetsAsCsvOfEach(files);
    const cascadeCounts = (sheets: Map<string, string[][]>, language: Language) =>
      PERCENTAGES.map((k) => {
        const row = sheets.get(texts(language).workbook.sheets.cascade)!.find((x) => x[0] === texts(language).indicators.percentages[k]);
        return row ? [num(row[1]), num(row[2])] : `${language}: no row for ${k}`;
      });
    const inRussian = cascadeCounts(read[0]!, LANGUAGES[0]);
    LANGUAGES.forEach((language, i) => {
      const sheets = read[i]!;
      const own = texts(language);
      expect([...sheets.keys()].sort(), language).toEqual(
        [own.workbook.sheets.cover, own.workbook.sheets.cascade, own.workbook.sheets.testing, own.workbook.sheets.definitions]
          .concat(own.workbook.sheets.quality, (own.categories.sex as Record<string, string>)._label!)
          .sort(),
      );
      expect(cascadeCounts(sheets, language), language).toEqual(inRussian);
    });
  }, 240_000);

  it('for outside the centre hides what the suppression hides, says so on the cover, and is audited', async () => {
    const { s, country } = demo();
    dispatch(s, 'settings.setSuppression', { maxCount: 9 }, silentLogger);
    const r = await dispatchAsync(
      s,
      'exports.indicatorWorkbook',
      { period: '2017', orgUnitId: country, dimensions: ['age_who'], language: 'en', outside: true, years: 5 },
      silentLogger,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.hiddenCells).toBeGreaterThan(0);
    const sheets = sheetsAsCsv(r.value.path);
    const byAge = indicatorReport(s.database, country, '2017', 'age_who');
    const age = sheets.get('Age (WHO bands)')!;
    let hidden = 0;
    for (const g of byAge.groups) {
      const row = age.find((x) => x[0] === (g.key === 'unknown' ? (texts('en').categories.sex as Record<string, string>).unknown : g.key))!;
      BREAKDOWN_MEASURES.forEach((m, j) => {
        const shown = row[1 + j];
        const shouldHide = byAge.outside.groups[g.key]!.includes(m);
        expect(shown === '*', `${g.key} ${m}`).toBe(shouldHide);
        if (shown === '*') hidden++;
        else expect(num(shown)).toBe(g.tally[m]);
        if (g.tally[m] >= 1 && g.tally[m] <= 9) expect(shown).toBe('*');
      });
    }
    expect(hidden).toBeGreaterThan(0);
    expect(sheets.get('Cover')!.find((x) => x[0] === 'Small-number protection')![1]).toMatch(/^on: numbers from 1 to 9/);
    // The multi-year variant: five years up to 2017, each as the engine counts it, small ones hidden.
    expect(sheets.get('Cover')!.find((x) => x[0] === 'Period')![1]).toBe('2013–2017');
    const byYear = sheets.get('By year')!;
    expect(byYear.slice(1).map((x) => x[0])).toEqual(['2013', '2014', '2015', '2016', '2017']);
    for (const row of byYear.slice(1)) {
      const report = indicatorReport(s.database, country, row[0]!, 'none');
      const engine = report.total.tally;
      (['diagnosed', 'onArt', 'suppressedOnArt', 'newDiagnoses'] as const).forEach((m, j) => {
        if (engine[m] >= 1 && engine[m] <= 9) expect(row[1 + j], `${row[0]} ${m}`).toBe('*');
        if (row[0] !== '2017')
          expect(row[1 + j], `${row[0]} ${m}`).toBe(report.outside.counts.includes(m) ? '*' : engine[m].toLocaleString('en'));
        if (row[1 + j] !== '*') expect(row[1 + j]).toBe(engine[m].toLocaleString('en'));
      });
    }
    const audit = dispatch(s, 'audit.recent', { limit: 1 }, silentLogger);
    expect(audit.ok && audit.value[0]).toMatchObject({
      action: 'export',
      entity: 'workbook',
      entityId: r.value.fileName,
      newValue: { suppression: true, maxCount: 9, period: '2017' },
    });
  }, 240_000);

  it('leaving the centre, the cascade sheet never shows two adjacent steps that differ by one person', async () => {
    // Nine people who know their status, all in care but one, lost to follow-up.
    const s = await centreWithNine(session(tempDir()), (i) => (i === 0 ? { kind: 'outcome', date: '2017-06-01', outcome: 'ltfu' } : null));
    const counts = (outside: boolean) =>
      dispatchAsync(s, 'exports.indicatorWorkbook', { period: '2017', dimensions: ['sex'], language: 'en', outside }, silentLogger).then(
        (r) => {
          if (!r.ok) throw new Error(JSON.stringify(r.error));
          const cascade = sheetsAsCsv(r.value.path).get('Cascade')!;
          return [en.indicators.measures.diagnosed, en.indicators.measures.inCare].map((label) => cascade.find((x) => x[0] === label)![1]);
        },
      );
    expect(await counts(false)).toEqual(['9', '8']); // inside the centre: as counted
    const shown = await counts(true);
    expect(shown).toContain('*');
  }, 240_000);

  it('a folder it cannot write to gets a clear message, and no file appears', async () => {
    const { s } = demo();
    writeFileSync(join(s.dataDir, 'exports'), 'not a folder');
    const r = await dispatchAsync(
      s,
      'exports.indicatorWorkbook',
      { period: '2017', dimensions: ['sex'], language: 'ru', outside: true },
      silentLogger,
    );
    expect(!r.ok && r.error.code).toBe('folder_not_writable');
    expect(existsSync(join(s.dataDir, 'exports'))).toBe(true);
    const audit = dispatch(s, 'audit.recent', { limit: 1 }, silentLogger);
    expect(audit.ok && audit.value[0]?.action).not.toBe('export');
  });
});
