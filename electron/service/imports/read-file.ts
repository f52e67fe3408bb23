// A file the user picked, as sheets of plain cells: .xlsx through exceljs, .csv through the CSV
// parser. Anything else (a Word file, a password-protected or broken workbook) is refused with
// the reason, before anything is looked at. A picked file is hostile until read: only the columns
// under the header are kept, and a sheet past the caps below is refused with the cap it broke.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvRows, guessSeparator, TooManyFields } from '../../../shared/imports/csv.js';
import { MAX_IMPORT_BYTES, type FileSource } from '../../../shared/imports/api.js';
import { decodeText } from './text-encoding.js';
import type { Cell } from '../../../shared/imports/case-rows.js';
import { FORMULA_WITHOUT_VALUE } from '../../../shared/imports/columns.js';
import { AppFailure, refusal } from '../../../shared/result.js';
import { streamableXlsx, XLSX_LIMITS, type SheetTally } from './streamable-xlsx.js';

/** A sheet's header row, and its other rows: a CSV's are read one at a time, as they are checked. */
export type Sheet = { name: string; header: Cell[]; body: Iterable<Cell[]> };

/** Rows (the header included) and header columns a sheet may have (a workbook's: see XLSX_LIMITS). */
export const SHEET_LIMITS = { rows: 1_000_000, columns: XLSX_LIMITS.columns };

const overLimit = (limit: 'rows' | 'columns', sheet: string) =>
  refusal('file_unreadable', `errors.unreadable.${limit}`, {
    reason: limit,
    sheet,
    max: SHEET_LIMITS[limit].toLocaleString('en').replace(/,/g, ' '),
  });

/** A zip: its local header, or its end record alone (an empty .xlsx), or a spanned one: never text. */
const isZip = (b: Buffer) => b[0] === 0x50 && b[1] === 0x4b && [0x0304, 0x0506, 0x0708].includes((b[2]! << 8) | b[3]!);
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // old .xls, and any password-protected workbook
const startsWith = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);

/** The sheets of a file, as readFile reads them. */
export async function readSheets(fileName: string, bytes: Buffer): Promise<Sheet[]> {
  return (await readFile(fileName, bytes)).sheets;
}

/** A picked file's sheets, and how it was read (said in the report: a CSV's encoding and separator). */
/** An uploaded file's bytes, refused when empty or past the import cap (before anything reads them). */
export function uploadedBytes(file: { fileName: string; contentBase64: string }): Buffer {
  const bytes = Buffer.from(file.contentBase64, 'base64');
  if (bytes.length === 0 || bytes.length > MAX_IMPORT_BYTES)
    throw refusal('file_unreadable', 'errors.unreadable.size', { file: file.fileName, reason: 'size' });
  return bytes;
}

export async function readFile(fileName: string, bytes: Buffer): Promise<{ source: FileSource; sheets: Sheet[] }> {
  const unreadable = (reason: string): never => {
    throw refusal('file_unreadable', `errors.unreadable.${reason}`, { file: fileName, reason });
  };
  if (startsWith(bytes, OLE)) return unreadable(fileName.toLowerCase().endsWith('.xls') ? 'xls' : 'protected');
  if (isZip(bytes)) {
    try {
      return { source: { format: 'xlsx' }, sheets: await readWorkbook(bytes) };
    } catch (e) {
      if (e instanceof AppFailure) throw new AppFailure({ ...e.error, params: { ...e.error.params, file: fileName } });
      return unreadable('corrupt');
    }
  }
  const decoded = decodeText(bytes);
  if (!decoded) return unreadable('not_csv');
  const separator = guessSeparator(decoded.text);
  const limit = (e: AppFailure) => new AppFailure({ ...e.error, params: { ...e.error.params, file: fileName } });
  const rows = csvRows(decoded.text, separator, SHEET_LIMITS.columns + 1);
  // A row wider than the limit stops the reader where it passes it: the header is refused, a wider data row too.
  const next = () => {
    try {
      return rows.next();
    } catch (e) {
      if (e instanceof TooManyFields) throw limit(overLimit('columns', fileName));
      throw e;
    }
  };
  const first = next();
  const header = first.done ? [] : first.value;
  if (header.length > SHEET_LIMITS.columns) throw limit(overLimit('columns', fileName));
  function* body() {
    for (let n = 2, r = next(); !r.done; n++, r = next()) {
      if (n > SHEET_LIMITS.rows) throw limit(overLimit('rows', fileName));
      yield r.value;
    }
  }
  return { source: { format: 'csv', encoding: decoded.encoding, separator }, sheets: [{ name: fileName, header, body: body() }] };
}

/**
 * A workbook's sheets read as a stream (a row at a time, not exceljs's whole model: 100,000 rows
 * took +640 MB that way), with empty rows kept as empty, so row numbers are the user's. Only the
 * cells under the header are read: a stray cell in column XFD made every row 16,384 cells wide.
 */
async function readWorkbook(bytes: Buffer): Promise<Sheet[]> {
  const tallies = new Map<string, SheetTally>();
  const input = Readable.from(streamableXlsx(bytes, XLSX_LIMITS, tallies));
  // The reader does not hear of an error in its input (a part that does not inflate): that ends it here.
  const broken = new Promise<never>((_, reject) => input.once('error', reject));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const read = async () => {
    const sheets: Sheet[] = [];
    for await (const ws of reader as unknown as AsyncIterable<ExcelJS.Worksheet & AsyncIterable<ExcelJS.Row>>) {
      const rows = new Map<number, Cell[]>(); // by row number: a sheet may jump to row 1,000,000
      let header: Cell[] = [];
      let read = 0;
      for await (const row of ws) {
        read++;
        if (row.number > SHEET_LIMITS.rows) throw overLimit('rows', ws.name);
        if (row.number === 1) {
          let width = 0; // the last column with a header
          row.eachCell((cell, col) => void (plain(cell.value) !== null && (width = col)));
          if (width > SHEET_LIMITS.columns) throw overLimit('columns', ws.name);
          header = underHeader(row, width);
        } else if (header.length) rows.set(row.number, underHeader(row, header.length)); // a sheet without a header gives nothing to import
      }
      // The reader stops without a word at a stray "&" or where a part is cut off: fewer rows than the part holds is a broken file.
      const tally = tallies.get(String((ws as unknown as { id: string | number }).id));
      if (!tally || !tally.complete || tally.rows !== read) throw new Error(`sheet ${ws.name}: ${read} rows read of ${tally?.rows}`);
      sheets.push({ name: ws.name, header, body: rowsInOrder(rows) });
    }
    return sheets;
  };
  try {
    return await Promise.race([read(), broken]);
  } finally {
    input.destroy(); // a refusal midway: stop unpacking the rest
  }
}

/** Row 2 onwards in order, a missing row as an empty one (row numbers stay the user's), made as they are read. */
function rowsInOrder(rows: Map<number, Cell[]>): Iterable<Cell[]> {
  let last = 1;
  for (const n of rows.keys()) if (n > last) last = n;
  return {
    *[Symbol.iterator]() {
      for (let n = 2; n <= last; n++) yield rows.get(n) ?? [];
    },
  };
}

/** A row's cells up to the header's width, empty ones as null. */
function underHeader(row: ExcelJS.Row, width: number): Cell[] {
  const cells: Cell[] = [];
  for (let col = 1, n = Math.min(row.cellCount, width); col <= n; col++) cells.push(plain(row.getCell(col).value));
  return cells;
}

/** exceljs cell values (rich text, formulas, hyperlinks, errors) as plain values. */
function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    // A formula saved without its computed value (never calculated, e.g. =WEBSERVICE()) has nothing to import.
    if ('formula' in v || 'sharedFormula' in v) return 'result' in v && v.result !== undefined ? plain(v.result) : FORMULA_WITHOUT_VALUE;
    if ('result' in v) return plain((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return null;
  }
  return String(v);
}
