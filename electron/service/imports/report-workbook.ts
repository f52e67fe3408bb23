// An import's report as a workbook: summary lines (how the file was read, what was found), every rejected row (sheet, row, column,
// reason), and a sheet per other finding (duplicates, repeats, failed checks).
import ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import { issueColumnKey } from '../../../shared/imports/columns.js';
import type { ImportIssue } from '../../../shared/imports/api.js';
import { addSheet, fitAndPrint, headerRow } from '../exports/sheet-format.js';

export type ExtraSheet = { name: string; headers: string[]; rows: (string | number)[][] };

export function reportWorkbook(
  t: TFunction,
  fileName: string,
  summary: readonly string[],
  issues: readonly ImportIssue[],
  extra: readonly ExtraSheet[],
): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const first = addSheet(wb, t('imports.sheets.summary'));
  first.addRow([fileName]).font = { bold: true };
  for (const line of summary) first.addRow([line]);
  first.getColumn(1).width = 120;
  const rejected = addSheet(wb, t('imports.sheets.rejected'));
  headerRow(rejected, [t('imports.sheet'), t('imports.row'), t('imports.column'), t('imports.reason')]);
  for (const i of issues)
    rejected.addRow([
      t(`imports.sheetNames.${i.sheet}`),
      i.row,
      i.column ? t(issueColumnKey(i.sheet, i.column)) : '',
      t(i.messageKey, i.params ?? {}),
    ]);
  fitAndPrint(rejected);
  for (const e of extra) {
    const ws = addSheet(wb, e.name);
    headerRow(ws, e.headers);
    for (const r of e.rows) ws.addRow(r);
    fitAndPrint(ws);
  }
  return wb;
}
