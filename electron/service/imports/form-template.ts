// An aggregate form as a template: one row per cell of every data element (period filled in,
// values already entered shown), drop-downs for period, data element and cell from a codes sheet,
// and a whole-number check on counts. The importer reads the same columns back.
import ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import type { Language } from '../../../shared/contract.js';
import { comboCells, DATA_ELEMENTS, FORM_PERIOD_TYPES, MAX_COUNT, TOTAL, type FormCode } from '../../../shared/forms/definitions.js';
import { cellLabel, deLabel } from '../../../shared/forms/labels.js';
import { FORM_COLUMNS, formColumnLabel } from '../../../shared/imports/form-rows.js';
import { addSheet, headerRow } from '../exports/sheet-format.js';

/** The periods the drop-down offers: the form's period types over the years around the chosen one. */
function periodsAround(form: FormCode, year: number): string[] {
  const out: string[] = [];
  for (let y = year - 5; y <= year + 1; y++) {
    for (const type of FORM_PERIOD_TYPES[form]) {
      if (type === 'year') out.push(String(y));
      if (type === 'quarter') for (let q = 1; q <= 4; q++) out.push(`${y}Q${q}`);
      if (type === 'month') for (let m = 1; m <= 12; m++) out.push(`${y}${String(m).padStart(2, '0')}`);
    }
  }
  return out;
}

export function formTemplate(
  t: TFunction,
  language: Language,
  form: FormCode,
  period: string,
  stored: ReadonlyArray<{ de: string; coc: string; value: number | string; comment: string | null }>,
): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = addSheet(wb, t('imports.sheets.values'));
  const codes = addSheet(wb, t('imports.sheets.codes'));
  const elements = DATA_ELEMENTS.filter((d) => d.form === form);
  const rows = elements.flatMap((de) => (de.combo === 'default' ? [''] : [TOTAL, ...comboCells(de.combo)]).map((coc) => ({ de, coc })));

  const lists = {
    period: periodsAround(form, Number(period.slice(0, 4))),
    dataElement: elements.map((d) => deLabel(t, d.code)),
    cell: [...new Set(rows.map((r) => cellLabel(t, language, r.coc)).filter(Boolean))],
  };
  const names = Object.keys(lists) as (keyof typeof lists)[];
  headerRow(
    codes,
    names.map((n) => formColumnLabel(n, language)),
  );
  const longest = Math.max(...names.map((n) => lists[n].length));
  for (let i = 0; i < longest; i++) codes.addRow(names.map((n) => lists[n][i] ?? null));
  names.forEach((n, j) => (codes.getColumn(j + 1).width = Math.min(80, Math.max(14, ...lists[n].map((s) => s.length + 2)))));
  const range = (n: keyof typeof lists) => {
    const col = codes.getColumn(names.indexOf(n) + 1).letter;
    return `'${codes.name}'!$${col}$2:$${col}$${lists[n].length + 1}`;
  };

  headerRow(
    ws,
    FORM_COLUMNS.map((k) => formColumnLabel(k, language)),
  );
  const widths = [
    12,
    Math.max(30, ...lists.dataElement.map((s) => s.length + 2)),
    Math.min(90, Math.max(20, ...lists.cell.map((s) => s.length + 2))),
    14,
    40,
  ];
  widths.forEach((w, j) => (ws.getColumn(j + 1).width = w));
  const have = new Map(stored.map((v) => [`${v.de}/${v.coc}`, v]));
  const list = (n: keyof typeof lists): ExcelJS.DataValidation => ({
    type: 'list',
    allowBlank: true,
    formulae: [range(n)],
    showErrorMessage: true,
    errorTitle: t('imports.badValueTitle'),
    error: t('imports.badValue'),
  });
  for (const { de, coc } of rows) {
    const v = have.get(`${de.code}/${coc}`);
    const row = ws.addRow([period, deLabel(t, de.code), cellLabel(t, language, coc), v?.value ?? null, v?.comment ?? null]);
    row.getCell(1).dataValidation = list('period');
    row.getCell(2).dataValidation = list('dataElement');
    if (coc !== '') row.getCell(3).dataValidation = list('cell');
    row.getCell(4).dataValidation =
      de.valueType === 'count'
        ? {
            type: 'whole',
            operator: 'between',
            allowBlank: true,
            formulae: [0, MAX_COUNT],
            showErrorMessage: true,
            errorTitle: t('imports.badValueTitle'),
            error: t('validation.whole_number'),
          }
        : {
            type: 'textLength',
            operator: 'lessThanOrEqual',
            allowBlank: true,
            formulae: [500],
            showErrorMessage: true,
            errorTitle: t('imports.badValueTitle'),
            error: t('validation.too_big', { max: 500 }),
          };
    if (de.valueType === 'count') row.getCell(4).numFmt = '#,##0';
    if (coc === TOTAL) row.font = { bold: true };
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: FORM_COLUMNS.length } };
  return wb;
}
