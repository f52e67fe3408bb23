// The fact sheet as a workbook: a sheet per section, this year beside last year with the change,
// real number formats, the figure of new cases by year drawn with data bars, A4 page set-up.
import ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import type { Language } from '../../../shared/contract.js';
import type { FactSheet } from '../../../shared/factsheet/api.js';
import { CONTEXT_ROWS, type TextSection } from '../../../shared/factsheet/definitions.js';
import { formatDate } from '../../../shared/dates.js';
import { LANGUAGE_INFO, isLanguage, numberLocale } from '../../../shared/i18n/languages.js';
import {
  addSheet,
  countCell,
  COUNT_FORMAT,
  fitAndPrint,
  fitRowHeights,
  headerRow,
  PERCENT_FORMAT,
  percentCell,
} from '../exports/sheet-format.js';
import { PERCENTAGE_TERMS } from '../../../shared/indicators/cascade-suppression.js';
import { estimateSourceText } from '../../../shared/indicators/estimate-source.js';
import { numberSources } from '../../../shared/factsheet/sources.js';
import { textLines } from '../../../shared/factsheet/text-lines.js';

/** A language by its own name, as the language menu shows it (the sheet's translator holds only the sheet's language). */
const nameOfLanguage = (code: string) => (isLanguage(code) ? LANGUAGE_INFO[code].native : code);
import { contextLabel, contextUnit, instrumentLabel } from '../../../shared/factsheet/labels.js';

export type FactSheetWorkbookData = {
  sheet: FactSheet;
  t: TFunction;
  language: Language;
  countryName: string;
  demo: boolean;
  generatedAt: Date;
  countryNames: Record<string, string>;
};

/** As typed or printed (12.0, 16,876.0), else as many decimals as the value has (up to three): 207.4 stays 207.4, not 207.400. */
const numberFormat = (v: number, fixed: number | null = null) => {
  const decimals = fixed ?? Math.min(3, (String(v).split('.')[1] ?? '').length);
  return decimals === 0 ? COUNT_FORMAT : `#,##0.${'0'.repeat(decimals)}`;
};

export function factSheetWorkbook(d: FactSheetWorkbookData): ExcelJS.Workbook {
  const { sheet, t, language } = d;
  const wb = new ExcelJS.Workbook();
  const y = sheet.year;
  const title = (ws: ExcelJS.Worksheet, section: string) => {
    ws.addRow([`${t('factsheet.title')}: ${d.countryName}, ${y}`]).font = { bold: true, size: 14 };
    ws.addRow([section]).font = { bold: true, size: 12 };
    ws.addRow([]);
  };

  // 1. Country context, and the ratifications under it.
  const ctx = addSheet(wb, t('factsheet.sheets.context'));
  title(ctx, t('factsheet.sections.context'));
  headerRow(ctx, [
    t('factsheet.indicator'),
    t('factsheet.unit'),
    t('factsheet.dataYear'),
    y,
    t('factsheet.interval'),
    y - 1,
    t('factsheet.change'),
    t('factsheet.changePct'),
    t('factsheet.source'),
    t('factsheet.note'),
  ]);
  const sources = numberSources(
    sheet.context.flatMap((c) => (c.current ? [{ indicator: c.indicator, source: c.current.source, footnote: c.current.footnote }] : [])),
  );
  const notes: string[] = [];
  const numberOf = (list: string[], text: string) => (list.includes(text) ? list.indexOf(text) : list.push(text) - 1) + 1;
  for (const c of sheet.context) {
    const def = CONTEXT_ROWS.find((r) => r.code === c.indicator)!;
    if (!c.current && !c.previous) continue;
    // A data year is a number where it is one year ("2016"), text where it is a span ("2000-2017").
    const dataYear = c.current?.dataYear ?? null;
    const row = ctx.addRow([
      contextLabel(def.code, language),
      contextUnit(def.code, language),
      dataYear && /^\d{4}$/.test(dataYear) ? Number(dataYear) : dataYear,
    ]);
    const put = (col: number, v: number | null | undefined, noData: boolean, decimals: number | null = null) => {
      const cell = row.getCell(col);
      if (noData) cell.value = t('factsheet.noData');
      else if (v !== null && v !== undefined) {
        cell.value = v;
        cell.numFmt = numberFormat(Math.round(v * 1000) / 1000, decimals);
      }
    };
    put(4, c.current?.value, c.current?.text === 'no_data', c.current?.decimals);
    if (c.current?.low !== null && c.current?.low !== undefined) {
      // Text (a range is not one number), so written in the language's own decimal mark: "2,1–4,6".
      const d = c.current.decimals;
      const format = new Intl.NumberFormat(numberLocale(language), { minimumFractionDigits: d ?? 0, maximumFractionDigits: d ?? 6 });
      const bound = (v: number | null) => (v === null ? '' : format.format(v));
      row.getCell(5).value = `${bound(c.current.low)}–${bound(c.current.high)}`;
      row.getCell(5).alignment = { horizontal: 'center' };
    }
    put(6, c.previous?.value, c.previous?.text === 'no_data', c.previous?.decimals);
    if (c.change) {
      put(7, c.change.diff, false);
      if (c.change.ratio !== null) {
        row.getCell(8).value = c.change.ratio;
        row.getCell(8).numFmt = PERCENT_FORMAT;
      }
    }
    // Sources and notes by number, listed under the table as the report's footnotes are.
    if (sources.numberOf.has(c.indicator)) row.getCell(9).value = sources.numberOf.get(c.indicator)!;
    if (c.current?.note) {
      // A note only written in another language says which.
      const written = sheet.noteLanguages[c.indicator];
      const mark = written && written !== language ? ` (${nameOfLanguage(written)})` : '';
      row.getCell(10).value = numberOf(notes, `${contextLabel(def.code, language)}: ${c.current.note}${mark}`);
    }
  }
  ctx.addRow([]);
  ctx.addRow([t('factsheet.ratifications')]).font = { bold: true };
  const rh = ctx.addRow([t('factsheet.instrument'), null, null, y, null, y - 1]);
  rh.font = { bold: true };
  for (const r of sheet.ratifications) {
    const label = instrumentLabel(r.instrument, language);
    // The name wraps within its column (its row grows) rather than being cut at the next cell.
    ctx
      .addRow([
        label,
        null,
        null,
        r.current ? t(`factsheet.ratification.${r.current}`) : null,
        null,
        r.previous ? t(`factsheet.ratification.${r.previous}`) : null,
      ])
      .getCell(1).alignment = { wrapText: true, vertical: 'top' };
  }
  for (const [title, list] of [
    [t('factsheet.source'), sources.list],
    [t('factsheet.notesTitle'), notes.map((source, i) => ({ n: i + 1, source }))],
  ] as const) {
    if (!list.length) continue;
    ctx.addRow([]);
    ctx.addRow([title]).font = { bold: true };
    for (const { n, source } of list) ctx.addRow([`${n}. ${source}`]).font = { size: 9 };
  }
  // Column A fixed: the long lines under the table run on across the empty cells.
  fitAndPrint(ctx, { 1: 46, 4: 13, 5: 13, 6: 13, 7: 13, 8: 13, 9: 13, 10: 13 });
  ctx.views = [{ state: 'frozen', ySplit: 4, xSplit: 1 }];

  const textSheet = (section: TextSection, name: string) => {
    const ws = addSheet(wb, name);
    title(ws, t(`factsheet.sections.${section}`));
    const { note, items } = textLines(sheet.texts[section]);
    const written = sheet.textLanguages[section];
    const other = written && written !== language ? t('factsheet.textInOther', { language: nameOfLanguage(written) }) : null;
    if (note || other) ws.addRow([[other, note].filter(Boolean).join(' ')]).font = { italic: true, size: 9 };
    for (const item of items) ws.addRow([`• ${item}`]).alignment = { wrapText: true, vertical: 'top' };
    ws.getColumn(1).width = 75; // within an A4 portrait page even in a wide fallback font: LibreOffice does not shrink this sheet to fit
    fitPage(ws);
    return ws;
  };

  textSheet('migration', t('factsheet.sheets.migration'));

  // 3. The HIV situation: counts from the register, this year beside last year.
  const hiv = textSheet('hiv', t('factsheet.sheets.hiv'));
  hiv.getColumn(1).width = 60;
  // Labels and headings wrap within their columns (their rows grow) rather than run under the next cell.
  const wrap = { wrapText: true, vertical: 'top' } as const;
  const pairRow = (ws: ExcelJS.Worksheet, label: string, current: number, previous: number, hidden = false) => {
    const row = ws.addRow([label]);
    row.getCell(1).alignment = wrap;
    countCell(row.getCell(2), current, hidden);
    countCell(row.getCell(3), previous, hidden);
    if (!hidden) countCell(row.getCell(4), current - previous, false);
    if (!hidden && previous !== 0) {
      row.getCell(5).value = (current - previous) / previous;
      row.getCell(5).numFmt = PERCENT_FORMAT;
    }
  };
  const pairHeader = (ws: ExcelJS.Worksheet, label: string, more: string[] = []) => {
    ws.addRow([]);
    const h = ws.addRow([label, y, y - 1, t('factsheet.change'), t('factsheet.changePct'), ...more]);
    h.font = { bold: true };
    h.alignment = wrap;
  };
  const percent = new Intl.NumberFormat(numberLocale(language), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const reg = sheet.register;
  hiv.addRow([]);
  hiv.addRow([reg ? (d.demo ? t('factsheet.registerDemo') : t('factsheet.register')) : t('factsheet.noRegister')]).font = { italic: true };
  if (reg) {
    pairHeader(hiv, '');
    pairRow(hiv, t('factsheet.newCases'), reg.newCases.current, reg.newCases.previous);
    pairRow(hiv, t('factsheet.cumulative'), reg.cumulative.current, reg.cumulative.previous);
    pairHeader(hiv, t('factsheet.bySex'));
    for (const s of reg.bySex) pairRow(hiv, t(`categories.sex.${s.key}`), s.current, s.previous);
    pairHeader(hiv, t('factsheet.byRoute'));
    for (const r of reg.byRoute) pairRow(hiv, t(`enums.transmission_route.${r.key}`), r.current, r.previous);
    if (reg.surveys.length) {
      hiv.addRow([]);
      hiv.addRow([t('factsheet.surveys')]).font = { bold: true };
      hiv.addRow([
        t('factsheet.group'),
        t('factsheet.sample'),
        t('factsheet.positive'),
        t('factsheet.prevalence'),
        t('factsheet.survey'),
      ]).font = { bold: true };
      for (const s of reg.surveys) {
        const row = hiv.addRow([
          s.group === 'total' ? t('forms.wholeSample') : t(`categories.key_population.${s.group}`),
          s.sample,
          s.positive,
          null,
          s.name ?? '',
        ]);
        if (s.sample && s.positive !== null) {
          row.getCell(4).value = s.positive / s.sample;
          row.getCell(4).numFmt = PERCENT_FORMAT;
        }
      }
    }
    // The figure: new cases by year, as data bars beside the numbers.
    hiv.addRow([]);
    hiv.addRow([t('factsheet.figure')]).font = { bold: true };
    const first = hiv.rowCount + 1;
    for (const p of reg.series) countCell(hiv.addRow([p.year, p.newCases]).getCell(2), p.newCases, false);
    hiv.addConditionalFormatting({
      ref: `B${first}:B${hiv.rowCount}`,
      rules: [
        {
          type: 'dataBar',
          priority: 1,
          cfvo: [{ type: 'num', value: 0 }, { type: 'max' }],
          color: { argb: 'FFB22234' },
        } as unknown as ExcelJS.ConditionalFormattingRule,
      ],
    });
  }
  for (const j of [2, 3, 4, 5]) hiv.getColumn(j).width = 14;

  // 3.1 Migrants: foreigners by citizenship and sex (small counts hidden), citizens diagnosed abroad, the cascade.
  const mig = textSheet('migrants_hiv', t('factsheet.sheets.migrants_hiv'));
  mig.getColumn(1).width = 60;
  if (reg) {
    mig.addRow([]);
    mig.addRow([t('factsheet.foreigners'), '', '', '', '', '']).font = { bold: true };
    const head = mig.addRow([
      t('factsheet.citizenship'),
      t('factsheet.male'),
      t('factsheet.female'),
      t('factsheet.otherSex'),
      `${t('factsheet.total')} ${y}`,
      `${t('factsheet.total')} ${y - 1}`,
    ]);
    head.font = { bold: true };
    head.alignment = wrap;
    const m = reg.foreignersHidden;
    reg.foreigners.forEach((f, i) => {
      const row = mig.addRow([d.countryNames[f.citizenship] ?? f.citizenship]);
      [f.male, f.female, f.other].forEach((v, j) => countCell(row.getCell(j + 2), v, m.cells[i]![j]!));
      countCell(row.getCell(5), f.total, m.rowTotals[i]!);
      countCell(row.getCell(6), f.previous, f.previous >= 1 && f.previous <= reg.maxCount);
    });
    const totals = mig.addRow([t('factsheet.total')]);
    totals.font = { bold: true };
    [0, 1, 2].forEach((j) =>
      countCell(
        totals.getCell(j + 2),
        reg.foreigners.reduce((a, f) => a + [f.male, f.female, f.other][j]!, 0),
        m.colTotals[j]!,
      ),
    );
    countCell(
      totals.getCell(5),
      reg.foreigners.reduce((a, f) => a + f.total, 0),
      m.total,
    );
    mig.addRow([t('factsheet.hiddenNote', { max: reg.maxCount })]).font = { italic: true };
    pairHeader(mig, t('factsheet.abroad'));
    pairRow(mig, t('factsheet.abroad'), reg.abroad.current, reg.abroad.previous);
    // As other countries reported them: their hidden counts as '*', a year not reported left empty.
    for (const r of reg.abroadReported) {
      const label = t('factsheet.abroadReported', { country: d.countryNames[r.fromCountry] ?? r.fromCountry });
      const art = typeof r.startedArt === 'number' ? ` ${t('factsheet.abroadStartedArt', { n: r.startedArt })}` : '';
      if (typeof r.current === 'number' && typeof r.previous === 'number') pairRow(mig, label + art, r.current, r.previous);
      else {
        const row = mig.addRow([label + art]);
        row.getCell(1).alignment = wrap;
        [r.current, r.previous].forEach((c, i) => {
          if (c !== null) countCell(row.getCell(i + 2), c === 'hidden' ? 0 : c, c === 'hidden');
        });
      }
    }
    if (reg.abroadReported.length)
      mig.addRow([
        t('factsheet.abroadSources', {
          list: reg.abroadReported
            .map((r) => `${d.countryNames[r.fromCountry] ?? r.fromCountry}: ${r.centre}, ${formatDate(r.madeAt)}`)
            .join('; '),
        }),
      ]).font = { italic: true };
    pairHeader(mig, t('factsheet.cascade'), [`${t('indicators.ci')} ${y}`, `${t('indicators.ci')} ${y - 1}`]);
    // A count hidden in print in either year hides its row: the change would give it away.
    const { hidden } = reg.cascade;
    const either = (count: string) => hidden.current.includes(count) || hidden.previous.includes(count);
    pairRow(mig, t('factsheet.diagnosed'), reg.cascade.diagnosed.current, reg.cascade.diagnosed.previous, either('diagnosed'));
    pairRow(mig, t('factsheet.onArt'), reg.cascade.onArt.current, reg.cascade.onArt.previous, either('onArt'));
    pairRow(mig, t('factsheet.suppressed'), reg.cascade.suppressed.current, reg.cascade.suppressed.previous, either('suppressedOnArt'));
    for (const k of ['first90', 'second90', 'third90', 'undetectable'] as const) {
      const row = mig.addRow([t(`indicators.percentages.${k}`)]);
      const c = reg.cascade.current[k];
      const p = reg.cascade.previous[k];
      const hideCurrent = PERCENTAGE_TERMS[k].some((x) => hidden.current.includes(x));
      const hidePrevious = PERCENTAGE_TERMS[k].some((x) => hidden.previous.includes(x));
      row.getCell(1).alignment = wrap;
      percentCell(row.getCell(2), c.computable ? c.value : null, hideCurrent);
      percentCell(row.getCell(3), p.computable ? p.value : null, hidePrevious);
      // Each year's counts and 95% interval in its own column, in the language's decimal mark; a share
      // over 100% (an estimate below those diagnosed) is flagged instead, as on the dashboard.
      const interval = (x: typeof c) =>
        !x.computable
          ? null
          : x.warning
            ? t('indicators.over100')
            : x.low === null
              ? null
              : `${x.numerator}/${x.denominator}; ${percent.format(x.low * 100)}–${percent.format(x.high * 100)}%`;
      if (!hideCurrent) row.getCell(6).value = interval(c);
      if (!hidePrevious) row.getCell(7).value = interval(p);
    }
    mig.addRow([estimateSourceText(t, reg.cascade.estimateSource)]).font = { italic: true };
  }
  for (const j of [2, 3, 4, 5, 6]) mig.getColumn(j).width = 14;
  for (const j of [6, 7]) mig.getColumn(j).width = 22;

  textSheet('vulnerability', t('factsheet.sheets.vulnerability'));
  const last = wb.worksheets[wb.worksheets.length - 1]!;
  last.addRow([]);
  const at = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(d.generatedAt);
  last.addRow([t('factsheet.generated', { at })]).font = {
    italic: true,
    size: 9,
  };
  for (const ws of wb.worksheets.slice(1)) fitRowHeights(ws); // the text sections, at their final widths
  return wb;
}

function fitPage(ws: ExcelJS.Worksheet) {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.6, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&P / &N' };
}
