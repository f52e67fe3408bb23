// Shared look of exported sheets: bold frozen header, real number and percent formats, widths
// fitted to the content, A4 landscape page set-up with the header repeated on every page.
import type ExcelJS from 'exceljs';

export const COUNT_FORMAT = '#,##0';
export const PERCENT_FORMAT = '0.0%';
export const HIDDEN = '*'; // a suppressed cell

/**
 * A sheet under a name Excel accepts, whatever a translation (or a centre's correction) made of it:
 * no [ ] : * ? / \, no leading or trailing apostrophe, at most 31 characters, never empty, and never
 * a name the workbook already has (Excel compares names without case): a second one gets " (2)".
 */
export function addSheet<W extends ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter>(
  wb: W,
  name: string,
  options?: Partial<ExcelJS.AddWorksheetOptions>,
): ReturnType<W['addWorksheet']> {
  const base =
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim()
      .slice(0, 31)
      .trim() || 'Sheet';
  // A streaming writer (the line list) keeps no list of its sheets: it has only the one being added.
  const sheets = 'worksheets' in wb && Array.isArray(wb.worksheets) ? wb.worksheets : [];
  const taken = new Set(sheets.map((w) => w.name.toLowerCase()));
  let unique = base;
  for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${base.slice(0, 31 - ` (${n})`.length)} (${n})`;
  return wb.addWorksheet(unique, options) as ReturnType<W['addWorksheet']>;
}

export function headerRow(ws: ExcelJS.Worksheet, labels: (string | number)[]): void {
  const row = ws.addRow(labels);
  row.font = { bold: true };
  row.alignment = { vertical: 'top', wrapText: true };
  row.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } }));
  ws.views = [{ state: 'frozen', ySplit: row.number, xSplit: 1 }];
  ws.pageSetup.printTitlesRow = `${row.number}:${row.number}`;
}

/** A header wraps onto two lines or more, but never inside a word. */
const headerWidth = (text: string) => Math.max(text.length / 2, ...text.split(/\s+/).map((w) => w.length));

/**
 * Widths from the longest text in each column (header lines wrap, so they count less), or as
 * `fixed` gives them by column number; then row heights for the wrapped text.
 */
export function fitAndPrint(ws: ExcelJS.Worksheet, fixed: Record<number, number> = {}): void {
  ws.columns.forEach((col, i) => {
    let width = 8;
    col.eachCell?.({ includeEmpty: false }, (cell) => {
      const text = cell.numFmt === PERCENT_FORMAT ? '100.0%' : String(cell.text ?? '');
      width = Math.max(width, Math.min(60, (cell.font?.bold ? headerWidth(text) : text.length) + 2));
    });
    col.width = fixed[i + 1] ?? width;
  });
  fitRowHeights(ws);
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&P / &N' };
}

const LINE_HEIGHT = 15; // points, for the default 11-point font

/** Lines a text takes when wrapped at word boundaries into `chars` characters. */
export function wrappedLines(text: string, chars: number): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = Infinity;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (used + 1 + word.length > chars) {
        lines += Math.ceil(word.length / chars);
        used = word.length % chars || chars;
      } else used += 1 + word.length;
    }
    if (used === Infinity) lines += 1; // an empty line
  }
  return Math.max(1, lines);
}

/**
 * Rows with wrapped text get the height of their longest cell: Excel works it out on opening,
 * LibreOffice does not, and prints the lines over the next rows. Bold text is wider, and the
 * estimate errs towards a line too many.
 */
export function fitRowHeights(ws: ExcelJS.Worksheet): void {
  ws.eachRow((row) => {
    let lines = 1;
    row.eachCell((cell) => {
      if (!cell.alignment?.wrapText) return;
      const width = ws.getColumn(cell.col).width ?? 8;
      lines = Math.max(lines, wrappedLines(String(cell.text ?? ''), Math.max(1, Math.floor((cell.font?.bold ? width / 1.15 : width) - 1))));
    });
    if (lines > 1) row.height = lines * LINE_HEIGHT;
  });
}

/** A count, or the hidden mark. */
/** The cells a workbook hides ("*"), counted as the file leaves: what the person is told was hidden. */
export function countHidden(wb: ExcelJS.Workbook): number {
  let n = 0;
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void (cell.value === HIDDEN && n++))));
  return n;
}

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
