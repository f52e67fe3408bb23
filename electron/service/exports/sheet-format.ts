// Shared look of exported sheets: bold frozen header, real number and percent formats, widths
// fitted to the content, A4 landscape page set-up with the header repeated on every page.
import type ExcelJS from 'exceljs';

export const COUNT_FORMAT = '#,##0';
export const PERCENT_FORMAT = '0.0%';
export const HIDDEN = '*'; // a suppressed cell

export function headerRow(ws: ExcelJS.Worksheet, labels: string[]): void {
  const row = ws.addRow(labels);
  row.font = { bold: true };
  row.alignment = { vertical: 'top', wrapText: true };
  row.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } }));
  ws.views = [{ state: 'frozen', ySplit: row.number, xSplit: 1 }];
  ws.pageSetup.printTitlesRow = `${row.number}:${row.number}`;
}

/** Widths from the longest text in each column (header lines wrap, so they count less). */
export function fitAndPrint(ws: ExcelJS.Worksheet): void {
  ws.columns.forEach((col) => {
    let width = 8;
    col.eachCell?.({ includeEmpty: false }, (cell) => {
      const text = cell.numFmt === PERCENT_FORMAT ? '100.0%' : String(cell.text ?? '');
      width = Math.max(width, Math.min(60, (cell.font?.bold ? text.length / 2 : text.length) + 2));
    });
    col.width = width;
  });
  ws.pageSetup = { ...ws.pageSetup, paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } };
  ws.headerFooter = { oddFooter: '&P / &N' };
}

/** A count, or the hidden mark. */
export function countCell(cell: ExcelJS.Cell, value: number, hidden: boolean): void {
  if (hidden) {
    cell.value = HIDDEN;
    cell.alignment = { horizontal: 'right' };
  } else {
    cell.value = value;
    cell.numFmt = COUNT_FORMAT;
  }
}

export function percentCell(cell: ExcelJS.Cell, value: number | null, hidden: boolean): void {
  if (hidden) {
    cell.value = HIDDEN;
    cell.alignment = { horizontal: 'right' };
  } else if (value !== null) {
    cell.value = value;
    cell.numFmt = PERCENT_FORMAT;
  }
}
