// A file the user picked, as sheets of plain cells: .xlsx through exceljs, .csv through the CSV
// parser. Anything else (a Word file, a password-protected or broken workbook) is refused with
// the reason, before anything is looked at.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvRows } from '../../../shared/imports/csv.js';
import type { Cell } from '../../../shared/imports/case-rows.js';
import { fail } from '../../../shared/result.js';
import { streamableXlsx } from './streamable-xlsx.js';

/** A sheet's header row, and its other rows: a CSV's are read one at a time, as they are checked. */
export type Sheet = { name: string; header: Cell[]; body: Iterable<Cell[]> };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // old .xls, and any password-protected workbook
const startsWith = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);

export async function readSheets(fileName: string, bytes: Buffer): Promise<Sheet[]> {
  const unreadable = (reason: string) => fail('file_unreadable', { file: fileName, reason });
  if (startsWith(bytes, OLE)) return unreadable(fileName.toLowerCase().endsWith('.xls') ? 'xls' : 'protected');
  if (startsWith(bytes, ZIP)) {
    try {
      return await readWorkbook(bytes);
    } catch {
      return unreadable('corrupt');
    }
  }
  const text = bytes.toString('utf8');
  // Text with NUL bytes or broken UTF-8 is not a CSV we can trust.
  if (text.includes('\u0000') || text.includes('\ufffd')) return unreadable('not_csv');
  const rows = csvRows(text);
  const first = rows.next();
  return [{ name: fileName, header: first.done ? [] : first.value, body: { [Symbol.iterator]: () => rows } }];
}

/**
 * A workbook's sheets read as a stream (a row at a time, not exceljs's whole model: 100,000 rows
 * took +640 MB that way), with empty rows kept as empty, so row numbers are the user's.
 */
async function readWorkbook(bytes: Buffer): Promise<Sheet[]> {
  const input = Readable.from(streamableXlsx(bytes));
  // The reader does not hear of an error in its input (a part that does not inflate): that ends it here.
  const broken = new Promise<never>((_, reject) => input.once('error', reject));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const read = async () => {
    const sheets: Sheet[] = [];
    for await (const ws of reader as unknown as AsyncIterable<ExcelJS.Worksheet & AsyncIterable<ExcelJS.Row>>) {
      const rows: Cell[][] = [];
      for await (const row of ws) {
        const cells: Cell[] = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = plain(cell.value)));
        rows[row.number - 1] = Array.from(cells, (c) => c ?? null);
      }
      const all = Array.from(rows, (r) => r ?? []);
      sheets.push({ name: ws.name, header: all[0] ?? [], body: all.slice(1) });
    }
    return sheets;
  };
  return Promise.race([read(), broken]);
}

/** exceljs cell values (rich text, formulas, hyperlinks, errors) as plain values. */
function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plain((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return null;
  }
  return String(v);
}
