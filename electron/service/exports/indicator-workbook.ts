// The indicator workbook for ministries: cover, cascade, one sheet per chosen breakdown, testing
// by setting, definitions, data quality. Built from the same report the dashboard shows; when it
// is to leave the centre, small counts are hidden (primary and secondary suppression).
import ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import type { Language } from '../../../shared/contract.js';
import { BREAKDOWN_MEASURES, PERCENTAGES, SMART_CODES, type IndicatorResult } from '../../../shared/indicators/api.js';
import { suppressBreakdown } from '../../../shared/indicators/breakdown-suppression.js';
import { columnsOfCounts, PERCENTAGE_TERMS, type CascadeCount } from '../../../shared/indicators/cascade-suppression.js';
import { estimateSourceText } from '../../../shared/indicators/estimate-source.js';
import { proportion } from '../../../shared/indicators/wilson.js';
import { countCell, fitAndPrint, headerRow, HIDDEN, percentCell, addSheet } from './sheet-format.js';

export type IndicatorWorkbookData = {
  language: Language;
  t: TFunction;
  outside: boolean;
  maxCount: number;
  country: string;
  orgUnitPath: string;
  period: string;
  generatedAt: Date;
  appVersion: string;
  demo: boolean;
  total: IndicatorResult; // no breakdown
  byYear: IndicatorResult[]; // the multi-year variant: earlier years first, this one last; empty otherwise
  breakdowns: IndicatorResult[]; // one per chosen breakdown
  countryNames: Record<string, string>;
  completeness: { orgUnit: string; form: string; period: string; values: number; approved: boolean }[];
  violations: { orgUnit: string; form: string; period: string; rule: string; left: number; right: number }[];
};

type P = IndicatorResult['total']['cascade']['first90'];

export function indicatorWorkbook(d: IndicatorWorkbookData): { workbook: ExcelJS.Workbook; hiddenCells: number } {
  const { t } = d;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Migrant HIV surveillance desk';
  wb.created = d.generatedAt;
  const hiddenBySheet = new Map<string, number>();
  const sheet = (name: string) => {
    const ws = addSheet(wb, name);
    hiddenBySheet.set(ws.name, 0);
    return ws;
  };
  const countHidden = (ws: ExcelJS.Worksheet) => {
    let n = 0;
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (c.value === HIDDEN) n++;
      }),
    );
    hiddenBySheet.set(ws.name, n);
  };

  // Cover.
  const cover = sheet(t('workbook.sheets.cover'));
  cover.addRow([t('workbook.title')]).font = { bold: true, size: 14 };
  cover.addRow([]);
  const facts: [string, string | Date][] = [
    [t('workbook.country'), d.country],
    [t('workbook.orgUnit'), d.orgUnitPath],
    [t('workbook.period'), d.period],
    [t('workbook.generatedAt'), d.generatedAt],
    [t('workbook.appVersion'), d.appVersion],
    [t('workbook.database'), d.demo ? t('workbook.demo') : t('workbook.centre')],
    [t('workbook.suppression'), d.outside ? t('workbook.suppressionOn', { max: d.maxCount }) : t('workbook.suppressionOff')],
  ];
  for (const [k, v] of facts) {
    const row = cover.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    if (v instanceof Date) row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm';
    row.getCell(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
  }
  cover.getColumn(1).width = 34;
  cover.getColumn(2).width = 90;
  cover.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };

  // What leaves the centre hidden of the whole population's counts: the cascade's own (its steps
  // side by side), and whatever any breakdown's total row hides (the same people), so no sheet
  // shows what another hides.
  const totalHidden = new Set<string>(d.outside ? [...d.total.outside.counts, ...d.breakdowns.flatMap((r) => r.outside.counts)] : []);
  const totalColumns = columnsOfCounts([...totalHidden] as CascadeCount[]);

  // Cascade: percentages with numerator, denominator and interval, then the counts.
  const cascade = sheet(t('workbook.sheets.cascade'));
  headerRow(cascade, [
    t('workbook.indicator'),
    t('workbook.numerator'),
    t('workbook.denominator'),
    t('workbook.value'),
    t('workbook.low'),
    t('workbook.high'),
    t('workbook.code'),
    t('workbook.note'),
  ]);
  const proportionRow = (ws: ExcelJS.Worksheet, label: string, p: P, code: string, terms: readonly [string, string]) => {
    const row = ws.addRow([label]);
    const [hideNumerator, hideDenominator] = terms.map((k) => totalHidden.has(k));
    const hide = hideNumerator! || hideDenominator!;
    countCell(row.getCell(2), p.numerator, hideNumerator!);
    countCell(row.getCell(3), p.denominator, hideDenominator!);
    if (p.computable) {
      percentCell(row.getCell(4), p.value, hide);
      percentCell(row.getCell(5), p.low, hide);
      percentCell(row.getCell(6), p.high, hide);
      if (p.warning && !hide) row.getCell(8).value = t('indicators.over100');
    } else row.getCell(4).value = t(`indicators.notComputable.${p.reason}`);
    row.getCell(7).value = code;
  };
  for (const k of PERCENTAGES)
    proportionRow(cascade, t(`indicators.percentages.${k}`), d.total.total.cascade[k], SMART_CODES[k], PERCENTAGE_TERMS[k]);
  cascade.addRow([]);
  cascade.addRow([t('workbook.counts')]).font = { bold: true };
  if (d.total.estimate !== null)
    countCell(cascade.addRow([t('indicators.measures.estimate')]).getCell(2), Math.round(d.total.estimate), false);
  cascade.addRow([estimateSourceText(t, d.total.estimateSource)]);
  for (const m of [...BREAKDOWN_MEASURES, 'linked', 'vlEligible', 'vlTested'] as const) {
    countCell(cascade.addRow([t(`indicators.measures.${m}`)]).getCell(2), d.total.total.tally[m], totalHidden.has(m));
  }
  countHidden(cascade);
  fitAndPrint(cascade);

  // One sheet per breakdown: the cascade counts, each group's share, late diagnosis.
  for (const r of d.breakdowns) {
    const ws = sheet(capitalise(t(`indicators.dimensions.${r.dimension}`)));
    headerRow(ws, [
      t(`indicators.dimensions.${r.dimension}`),
      ...BREAKDOWN_MEASURES.map((m) => t(`indicators.measures.${m}`)),
      t('indicators.share'),
      t('workbook.lateN'),
      t('workbook.lateOf'),
      t('workbook.latePct'),
    ]);
    const line = (label: string, block: IndicatorResult['total'], share: P | null, hidden: readonly string[]) => {
      const row = ws.addRow([label]);
      const hide = (c: string) => d.outside && hidden.includes(c);
      BREAKDOWN_MEASURES.forEach((m, j) => countCell(row.getCell(2 + j), block.tally[m], hide(m)));
      const at = 2 + BREAKDOWN_MEASURES.length;
      if (share) percentCell(row.getCell(at), share.computable ? share.value : null, hide('share'));
      countCell(row.getCell(at + 1), block.tally.lateDiagnosis.numerator, hide('lateDiagnosis'));
      countCell(row.getCell(at + 2), block.tally.lateDiagnosis.denominator, hide('lateDiagnosis'));
      const late = block.cascade.lateDiagnosis;
      percentCell(row.getCell(at + 3), late.computable ? late.value : null, hide('lateDiagnosis'));
      return row;
    };
    for (const g of r.groups) line(groupLabel(t, r.dimension, g.key, d.countryNames), g, g.share, r.outside.groups[g.key] ?? []);
    line(t('workbook.total'), r.total, null, totalColumns).font = { bold: true };
    if (r.dimension === 'key_population') ws.addRow([t('indicators.kpNote')]).font = { italic: true };
    countHidden(ws);
    fitAndPrint(ws);
  }

  // The multi-year variant: the cascade year by year.
  if (d.byYear.length > 1) {
    const ws = sheet(t('workbook.byYear'));
    const measures = ['diagnosed', 'onArt', 'suppressedOnArt', 'newDiagnoses'] as const;
    const shares = ['second90', 'third90', 'lateDiagnosis'] as const;
    headerRow(ws, [
      t('forms.year'),
      ...measures.map((m) => t(`indicators.measures.${m}`)),
      ...shares.map((k) => t(`indicators.percentages.${k}`)),
    ]);
    for (const r of d.byYear) {
      const row = ws.addRow([Number(r.period)]);
      // This year's row: the same hidden counts as the cascade sheet; an earlier year's: its own.
      const hidden = new Set<string>(!d.outside ? [] : r.period === d.total.period ? totalHidden : r.outside.counts);
      measures.forEach((m, j) => countCell(row.getCell(2 + j), r.total.tally[m], hidden.has(m)));
      shares.forEach((k, j) => {
        const p = r.total.cascade[k];
        percentCell(
          row.getCell(2 + measures.length + j),
          p.computable ? p.value : null,
          PERCENTAGE_TERMS[k].some((term) => hidden.has(term)),
        );
      });
    }
    countHidden(ws);
    fitAndPrint(ws);
  }

  // Testing by setting (aggregate forms): tested, positive, positivity.
  const testing = sheet(t('workbook.sheets.testing'));
  headerRow(testing, [
    t('forms.setting'),
    t('forms.measure.tested'),
    t('forms.measure.positive'),
    t('indicators.positivity'),
    t('workbook.low'),
    t('workbook.high'),
    t('workbook.note'),
  ]);
  const rows = d.total.testing;
  const sums = [rows.reduce((s, r) => s + r.tested, 0), rows.reduce((s, r) => s + r.positive, 0)];
  const mask = suppressBreakdown({ groups: rows.map((r) => [r.tested, r.positive]), total: sums }, d.maxCount, true);
  const testingRow = (label: string, tested: number, positive: number, p: P, hidden: boolean[]) => {
    const row = testing.addRow([label]);
    const hide = d.outside && (hidden[0]! || hidden[1]!);
    countCell(row.getCell(2), tested, d.outside && hidden[0]!);
    countCell(row.getCell(3), positive, d.outside && hidden[1]!);
    if (p.computable) [p.value, p.low, p.high].forEach((v, j) => percentCell(row.getCell(4 + j), v, hide));
    if (p.computable && p.warning && !hide) row.getCell(7).value = t('indicators.over100');
    return row;
  };
  rows.forEach((r, i) => testingRow(t(`forms.settings.${r.setting}`), r.tested, r.positive, r.positivity, mask.groups[i]!));
  if (rows.length) testingRow(t('workbook.total'), sums[0]!, sums[1]!, proportion(sums[1]!, sums[0]!), mask.total).font = { bold: true };
  else testing.addRow([t('indicators.noTesting')]);
  countHidden(testing);
  fitAndPrint(testing);

  // Definitions.
  const defs = sheet(t('workbook.sheets.definitions'));
  headerRow(defs, [t('workbook.indicator'), t('workbook.numerator'), t('workbook.denominator'), t('workbook.source'), t('workbook.code')]);
  for (const k of [...PERCENTAGES, 'positivity'] as const) {
    const [num, den] = t(`workbook.definitions.${k}`, { returnObjects: true }) as unknown as [string, string];
    const ofEstimate = k === 'first90' || k === 'onArtOfEstimate' || k === 'suppressedOfEstimate';
    const source =
      k === 'positivity'
        ? t('workbook.sourceForms')
        : ofEstimate
          ? `${t('workbook.sourceRegister')}; ${t('workbook.sourceEstimates')}`
          : t('workbook.sourceRegister');
    defs.addRow([
      k === 'positivity' ? t('indicators.positivity') : t(`indicators.percentages.${k}`),
      num,
      den,
      source,
      SMART_CODES[k],
    ]).alignment = { wrapText: true, vertical: 'top' };
  }
  fitAndPrint(defs);

  // Data quality: completeness of the aggregate forms, what was hidden, rule violations.
  const quality = sheet(t('workbook.sheets.quality'));
  quality.addRow([t('workbook.completeness', { year: d.total.period.slice(0, 4) })]).font = { bold: true };
  headerRow(quality, [t('workbook.orgUnit'), t('workbook.form'), t('workbook.period'), t('workbook.values'), t('workbook.approved')]);
  for (const c of d.completeness)
    countCell(
      quality.addRow([c.orgUnit, c.form, c.period, null, c.approved ? t('workbook.yes') : t('workbook.no')]).getCell(4),
      c.values,
      false,
    );
  if (!d.completeness.length) quality.addRow([t('workbook.noForms')]);
  quality.addRow([]);
  quality.addRow([t('workbook.hiddenCells')]).font = { bold: true };
  quality.addRow([t('workbook.sheet'), t('workbook.counts')]).font = { bold: true };
  for (const [name, n] of hiddenBySheet)
    if (name !== cover.name && name !== defs.name && name !== quality.name) countCell(quality.addRow([name]).getCell(2), n, false);
  quality.addRow([]);
  quality.addRow([t('workbook.violations')]).font = { bold: true };
  if (d.violations.length) {
    quality.addRow([
      t('workbook.orgUnit'),
      t('workbook.form'),
      t('workbook.period'),
      t('workbook.rule'),
      t('workbook.left'),
      t('workbook.right'),
    ]).font = { bold: true };
    for (const v of d.violations) quality.addRow([v.orgUnit, v.form, v.period, v.rule, v.left, v.right]);
  } else quality.addRow([t('workbook.noViolations')]);
  fitAndPrint(quality);

  return { workbook: wb, hiddenCells: [...hiddenBySheet.values()].reduce((a, b) => a + b, 0) };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function groupLabel(t: TFunction, dimension: string, key: string, countryNames: Record<string, string>): string {
  if (key === 'unknown' && (dimension.startsWith('age') || dimension === 'citizenship')) return t('categories.sex.unknown');
  if (dimension === 'citizenship') return countryNames[key] ?? key;
  if (dimension.startsWith('age')) return key;
  return t(`categories.${dimension}.${key}`);
}
