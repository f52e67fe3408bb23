// The demo's fact sheets: section 1 of the 2018 report's six annexes (2016/2017 figures, each with
// its source) and the report's bullet points for the other sections, filed as the 2017 sheets.
import type { Db } from '../../db/connection.js';
import { saveContextValues, saveSheetText } from '../../db/fact-sheet.js';
import { dataYearOf, REPORT_SHEETS_2018, sourceOf } from '../../db/seed/fact-sheet-values-2018.js';
import { REPORT_TEXTS_2018 } from '../../db/seed/fact-sheet-texts-2018.js';
import { REPORT_TEXTS_2018_RU } from '../../db/seed/fact-sheet-texts-2018-ru.js';

/** The first line of each translated text: the report was written in English; this is a draft translation. */
export const TRANSLATION_MARK = '(Перевод с английского: текст отчёта семинара 2018 года; перевод не проверен носителем языка.)';
import type { ContextValue } from '../../shared/factsheet/api.js';
import { INSTRUMENTS, TEXT_SECTIONS } from '../../shared/factsheet/definitions.js';
import { readReportFigure } from '../../shared/factsheet/report-number.js';

export const REPORT_SHEET_YEAR = 2017;

/** Section 1 of a country's sheet as the report prints it, with the demo's notes in `language` (Russian or English). */
export function reportContextValues(country: string, language: 'ru' | 'en'): ContextValue[] {
  const sheet = REPORT_SHEETS_2018[country]!;
  const values = Object.entries(sheet.values).map(([indicator, printed]): ContextValue => {
    const byHand = 'printed' in printed ? printed : null;
    const asPrinted = printed as readonly [string, number | null, (',' | '.')?];
    const read = byHand
      ? { value: byHand.value, low: byHand.low ?? null, high: byHand.high ?? null, noData: false, decimals: byHand.decimals }
      : readReportFigure(...asPrinted);
    const note = [byHand?.note[language], sheet.notes?.[indicator]?.[language]].filter(Boolean).join(' ') || null;
    // The source keeps the report's footnote number (the HDI's is printed without one).
    const footnote = byHand ? byHand.footnote : asPrinted[1];
    return {
      indicator,
      value: read.value,
      low: read.low,
      high: read.high,
      text: read.noData ? 'no_data' : null,
      dataYear: dataYearOf(country, indicator),
      source: sourceOf(country, indicator),
      note,
      decimals: read.decimals,
      footnote,
    };
  });
  const ratifications = INSTRUMENTS.map((instrument, i): ContextValue => ({
    indicator: instrument.code,
    value: null,
    low: null,
    high: null,
    text: sheet.ratifications[i]!,
    dataYear: null,
    source: 'Report on the regional workshop, 2018',
    note: null,
    decimals: null,
    footnote: null,
  }));
  return [...values, ...ratifications];
}

export function fillDemoFactSheets(db: Db, actor: string): void {
  for (const country of Object.keys(REPORT_SHEETS_2018)) {
    const key = { country, year: REPORT_SHEET_YEAR };
    // The report's English, and the Russian translation (its notes and texts) beside it.
    for (const language of ['en', 'ru'] as const) saveContextValues(db, actor, key, reportContextValues(country, language), language);
    for (const section of TEXT_SECTIONS) {
      const body = REPORT_TEXTS_2018[country]?.[section];
      if (body) saveSheetText(db, actor, key, section, body, 'en');
      const translated = REPORT_TEXTS_2018_RU[country]?.[section];
      if (translated) saveSheetText(db, actor, key, section, `${TRANSLATION_MARK}\n${translated}`, 'ru');
    }
  }
}
