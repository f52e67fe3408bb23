// One row of an aggregate-form file (long format: period, data element, cell, value, comment)
// to a cell the forms save, checked the way the grid checks a typed value. Names may be codes or
// the grid's Russian or English words.
import { FORM_PERIOD_TYPES, type DataElementDef, type FormCode } from '../forms/definitions.js';
import { commentIssue, parseCell } from '../forms/cell-value.js';
import { cellLookup } from '../forms/labels.js';
import { parsePeriod } from '../periods.js';
import { texts, type Language } from '../i18n/languages.js';
import type { Cell, CellIssue } from './case-rows.js';
import { FORMULA_WITHOUT_VALUE, normalise } from './columns.js';

export const FORM_COLUMNS = ['period', 'dataElement', 'cell', 'value', 'comment'] as const;
export const FORM_REQUIRED = ['period', 'dataElement', 'value'] as const;
export type FormColumn = (typeof FORM_COLUMNS)[number];

export const formColumnLabel = (key: FormColumn, lang: Language) => texts(lang).imports.formColumns[key];

export type FormRowValue = {
  form: FormCode;
  period: string;
  de: string;
  coc: string;
  value: number | string;
  comment: string | null | undefined;
};

const text = (c: Cell | undefined): string =>
  c === null || c === undefined || c === FORMULA_WITHOUT_VALUE || c instanceof Date ? '' : String(c).trim();

/** "2025", "2025Q1", "2025 q1", "2025-03" or "202503" as a period code; null when it is none of them. */
export function periodOf(c: Cell | undefined): string | null {
  const s = text(c)
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/^(\d{4})-(\d{2})$/, '$1$2')
    .replace(/^(\d{4})К([1-4])$/, '$1Q$2');
  return parsePeriod(s)?.code ?? null;
}

const cellsByElement = new Map<string, Map<string, string>>();

/** A row's cell, or why it is refused; `blank` when there is no value (the template's untouched rows). */
export function formValueFromRow(
  cells: Partial<Record<FormColumn, Cell>>,
  elements: Map<string, DataElementDef>,
): { value: FormRowValue | null; blank: boolean; issues: CellIssue[] } {
  const raw = cells.value;
  if (text(raw) === '' && !(raw instanceof Date)) return { value: null, blank: true, issues: [] };
  const issues: CellIssue[] = [];
  const de = elements.get(normalise(text(cells.dataElement)));
  if (!de) issues.push({ column: 'dataElement', messageKey: 'validation.unknown_element' });
  const period = periodOf(cells.period);
  const periodOk = period !== null && (!de || FORM_PERIOD_TYPES[de.form].includes(parsePeriod(period)!.type));
  if (!periodOk) issues.push({ column: 'period', messageKey: 'validation.period' });
  let coc: string | undefined;
  if (de) {
    if (!cellsByElement.has(de.code)) cellsByElement.set(de.code, cellLookup(de));
    coc = cellsByElement.get(de.code)!.get(normalise(text(cells.cell)));
    if (coc === undefined) issues.push({ column: 'cell', messageKey: 'validation.unknown_cell' });
  }
  // A date typed where a number belongs comes in as a Date: it is not a count.
  const parsed = de
    ? raw instanceof Date
      ? { ok: false as const, messageKey: 'validation.number_format' }
      : parseCell(de.valueType, text(raw))
    : null;
  if (parsed && !parsed.ok) issues.push({ column: 'value', messageKey: parsed.messageKey });
  const comment = cells.comment === undefined ? undefined : text(cells.comment) || null;
  if (commentIssue(comment)) issues.push({ column: 'comment', messageKey: 'validation.invalid_value' });
  if (issues.length || !de || !parsed?.ok || parsed.value === null || coc === undefined) return { value: null, blank: false, issues };
  return { value: { form: de.form, period: period!, de: de.code, coc, value: parsed.value, comment }, blank: false, issues: [] };
}
