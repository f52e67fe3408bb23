// The translation workbook a centre corrects in Excel: one row per text (key, where it appears,
// Russian, English, the chosen language), the texts the language lacks highlighted; read back, each
// row is checked (unknown key, placeholders, length) and only what differs from the screen's text
// becomes a change.
import ExcelJS from 'exceljs';
import { LANGUAGE_INFO, SHIPPED, texts, type Language, textAt } from '../../../shared/i18n/languages.js';
import { SOURCE_TEXTS, shippedText, translationIssue } from '../../../shared/translations/check.js';
import { refusal } from '../../../shared/result.js';
import type { TranslationPreview } from '../../../shared/translations/api.js';
import { addSheet, headerRow } from '../exports/sheet-format.js';
import { readSheets } from '../imports/read-file.js';

const at = textAt;
const MISSING = 'FFFFF2B3';
/** The language's column header ends with its code in brackets: the reader checks it is the one chosen. */
const languageHeader = (lang: Language) => `${LANGUAGE_INFO[lang].native} (${lang})`;

/** `own`: the language's own texts (shipped); what it lacks is highlighted. */
export function translationWorkbook(lang: Language, own: unknown = SHIPPED[lang]): ExcelJS.Workbook {
  const t = texts(lang);
  const wb = new ExcelJS.Workbook();
  const ws = addSheet(wb, t.settings.translationSheet);
  headerRow(ws, [
    t.settings.translationKey,
    t.settings.translationWhere,
    LANGUAGE_INFO.ru.native,
    LANGUAGE_INFO.en.native,
    languageHeader(lang),
  ]);
  ws.columns = [{ width: 40 }, { width: 22 }, { width: 60 }, { width: 60 }, { width: 60 }];
  const en = texts('en');
  const sections = t.nav as Record<string, string>;
  for (const [key, original] of SOURCE_TEXTS) {
    const ownText = at(own, key) as string | undefined;
    const section = key.split('.')[0]!;
    const where = section === 'nav' ? t.settings.translationMenu : (sections[section] ?? section);
    const row = ws.addRow([key, where, original, at(en, key) as string, at(t, key) as string]);
    row.alignment = { vertical: 'top', wrapText: true };
    // A text the language does not have yet (Russian's shows in its place): to be written.
    if (ownText === undefined) row.getCell(5).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: MISSING } };
  }
  return wb;
}

export type CheckedTranslations = Omit<TranslationPreview, 'previewId' | 'changes' | 'refused'> & {
  changes: { key: string; before: string; after: string }[];
  refused: { row: number; key: string; messageKey: string }[];
};

export async function readTranslationWorkbook(fileName: string, bytes: Buffer, lang: Language): Promise<CheckedTranslations> {
  const sheets = await readSheets(fileName, bytes);
  const sheet = sheets.find((s) => String(s.header[0] ?? '').trim() !== '' && s.header.length >= 5);
  if (!sheet) throw refusal('file_unreadable', 'errors.translation_not_workbook', { file: fileName });
  const code = /\(([\w-]+)\)\s*$/.exec(String(sheet.header[4] ?? ''))?.[1];
  if (code !== lang)
    throw refusal('invalid_input', 'errors.translation_other_language', { file: fileName, language: LANGUAGE_INFO[lang].native });
  const current = texts(lang);
  const changes: CheckedTranslations['changes'] = [];
  const refused: CheckedTranslations['refused'] = [];
  const seen = new Set<string>();
  let n = 1;
  for (const cells of sheet.body) {
    n++;
    const key = typeof cells[0] === 'string' ? cells[0].trim() : '';
    const text = typeof cells[4] === 'string' ? cells[4].trim() : cells[4] === null || cells[4] === undefined ? '' : null;
    if (key === '' && text === '') continue;
    if (text === '') continue; // an emptied cell leaves the text as it is
    const issue = text === null ? 'translations.notText' : seen.has(key) ? 'translations.repeated' : translationIssue(key, text);
    seen.add(key);
    if (issue) {
      refused.push({ row: n, key, messageKey: issue });
      continue;
    }
    const before = (at(current, key) as string | undefined) ?? shippedText(lang, key) ?? '';
    if (text !== before) changes.push({ key, before, after: text! });
  }
  return { language: lang, changes, changesTotal: changes.length, refused, refusedTotal: refused.length };
}
