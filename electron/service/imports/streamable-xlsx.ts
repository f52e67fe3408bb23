// An .xlsx file rearranged for exceljs's streaming reader, which reads it a row at a time instead
// of building the whole workbook in memory. Two faults of that reader are worked around here:
// - its XML step decodes each chunk it is handed on its own, so a Cyrillic letter cut in two at
//   a chunk boundary becomes "��" (exceljs issues #2084, #2316; about one row in 2,000 of a
//   Russian register). XML parts are handed over stored, not compressed, in chunks that end
//   between characters; the reader's zip step passes chunks on as it gets them, cut only where a
//   part ends;
// - it needs the shared strings, styles and workbook parts before a worksheet, which Excel and
//   LibreOffice write later, and copies each worksheet meanwhile to the system's temp folder: a
//   register of people at risk must not land there. Worksheets go last, in sheet order.
// The stream is only ever read front to back, in memory: stored parts carry no checksum, and the
// original central directory (offsets now stale) ends it.
// A picked file is hostile until read: only the parts the reader uses are passed on (no images,
// drawings or printer settings to inflate), their sizes as the directory declares them are capped
// before anything is inflated, and a part that inflates to more than it declares is broken.
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { refusal } from '../../../shared/result.js';

/**
 * What a workbook may unpack to: all parts read, and the shared strings (held in memory whole);
 * the columns read (a cell further right is passed over before the reader sees it); the row
 * elements of one worksheet.
 */
export const XLSX_LIMITS = { inflatedBytes: 1024 * 1024 * 1024, sharedStringsBytes: 128 * 1024 * 1024, columns: 256, rows: 1_000_000 };

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DESCRIPTOR = 0x08074b50;
const CHUNK = 64 * 1024;

type Entry = { name: string; flags: number; method: number; header: number; data: number; compressed: number; size: number; end: number };

function endRecord(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) if (zip.readUInt32LE(i) === END) return i;
  throw new Error('not a zip file: no end of central directory');
}

/** The entries of a zip, from its central directory (sizes there are right even when a local header has none). */
function entries(zip: Buffer): { list: Entry[]; directoryStart: number } {
  const eocd = endRecord(zip);
  const count = zip.readUInt16LE(eocd + 10);
  const directoryStart = zip.readUInt32LE(eocd + 16);
  const list: Entry[] = [];
  let p = directoryStart;
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== CENTRAL) throw new Error('broken central directory');
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const header = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    if (zip.readUInt32LE(header) !== LOCAL) throw new Error('broken local header');
    const data = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
    let end = data + compressed;
    // Sizes written after the data (flag bit 3): crc and two sizes, with or without a signature.
    if (flags & 0x08) end += zip.readUInt32LE(end) === DESCRIPTOR ? 16 : 12;
    if (end > directoryStart) throw new Error('entry runs into the central directory');
    if (method !== 0 && method !== 8) throw new Error(`unsupported compression ${method}`);
    list.push({ name, flags, method, header, data, compressed, size, end });
  }
  return { list, directoryStart };
}

/** A refusal naming the limit, in the words of the import's file errors. */
const tooLarge = (limit: 'inflated' | 'shared_strings', max: number) =>
  refusal('file_unreadable', `errors.unreadable.${limit}`, { reason: limit, max: Math.round(max / 1024 / 1024) });

/** A local header of a stored (uncompressed) entry, its size in the header and no checksum (see above). */
function storedHeader(name: Buffer, size: number, flags = 0, timeAndDate: Buffer = Buffer.alloc(4)): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL, 0);
  header.writeUInt16LE(20, 4); // version needed: 2.0
  header.writeUInt16LE(flags & 0x0800, 6); // keeps "name is UTF-8"; sizes are here, not after the data
  timeAndDate.copy(header, 10);
  header.writeUInt32LE(size, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name]);
}

/** Where `b` can be cut so that no UTF-8 character is split: its length, or the start of an unfinished last character. */
export function wholeCharacters(b: Buffer): number {
  let k = b.length - 1;
  while (k >= 0 && b.length - k <= 4 && (b[k]! & 0xc0) === 0x80) k--; // continuation bytes
  if (k < 0 || b[k]! < 0x80) return b.length;
  const needs = b[k]! >= 0xf0 ? 4 : b[k]! >= 0xe0 ? 3 : 2;
  return b.length - k >= needs ? b.length : k;
}

/** A part's text in chunks that end between characters; never more bytes than its directory entry declares. */
async function* xmlChunks(zip: Buffer, e: Entry): AsyncGenerator<Buffer> {
  const raw = zip.subarray(e.data, e.data + e.compressed);
  const source =
    e.method === 8 ? Readable.from([raw], { objectMode: false }).pipe(createInflateRaw({ chunkSize: CHUNK })) : Readable.from(sliced(raw));
  let carry: Buffer = Buffer.alloc(0);
  let inflated = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    inflated += chunk.length;
    if (inflated > e.size) {
      source.destroy();
      throw new Error(`${e.name} inflates to more than its declared ${e.size} bytes`);
    }
    const b = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const cut = wholeCharacters(b);
    if (cut) yield b.subarray(0, cut);
    carry = b.subarray(cut);
  }
  if (carry.length) yield carry; // a broken last character stays broken, as in the file
}

/**
 * A cell element whose column has two letters or more (AA onwards), with the letters and row;
 * its content may not hold another cell's tag, so an element never closed costs one step, not a
 * scan to the end of the text.
 */
const WIDE_CELL = /<c\b[^>]*?\br=(["'])([A-Z]{2,3})(\d+)\1[^>]*?(?:\/>|>(?:[^<]|<(?!\/?c\b))*<\/c>)/g;
const ROW = /<row[\s>/]/g;
const LONG_SPACE = /[ \t\r\n]{64,}/g;
const columnNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const WINDOW = 4 * 1024 * 1024;

/** The same number of bytes as a comment, which the reader passes over (whitespace it would collect as text). */
const asComment = (n: number) => (n >= 7 ? `<!--${' '.repeat(n - 7)}-->` : ' '.repeat(n));

/** What a worksheet part held, as read: its row elements, and whether it ended as a worksheet does. */
export type SheetTally = { rows: number; complete: boolean };

/**
 * A worksheet on its way to the reader, checked and cleaned without changing its byte count (its
 * stored header declares it; text is read as latin1, a character a byte):
 * - cells right of the column limit become comments: the reader works out each row's width from
 *   its last cell, and one stray cell in column XFD made every row cost 16,384 steps (50,000 rows,
 *   17 s); a header cell (row 1) there is refused instead: the sheet has too many columns;
 * - long runs of whitespace become comments too: the reader adds whitespace to the last cell's
 *   text, and 900 MB of spaces took 838 MB of memory;
 * - row elements are counted (past `maxRows` the file is refused, however few row numbers they
 *   use), so the reader can be checked against them: the reader stops without a word at a stray
 *   "&" or a cut-off part, and a register read halfway would look whole.
 */
export async function* checkedSheet(
  chunks: AsyncIterable<Buffer>,
  limits: { columns: number; rows: number },
  tally: SheetTally,
): AsyncGenerator<Buffer> {
  let pending = '';
  const clean = (text: string) => {
    tally.rows += text.match(ROW)?.length ?? 0;
    if (tally.rows > limits.rows)
      throw refusal('file_unreadable', 'errors.unreadable.rows_in_file', {
        reason: 'rows',
        max: limits.rows.toLocaleString('en').replace(/,/g, ' '),
      });
    return text
      .replace(WIDE_CELL, (cell, _quote, letters: string, row: string) => {
        if (columnNumber(letters) <= limits.columns) return cell;
        if (row === '1' && !cell.endsWith('/>'))
          throw refusal('file_unreadable', 'errors.unreadable.columns', { reason: 'columns', max: String(limits.columns) });
        return asComment(cell.length);
      })
      .replace(LONG_SPACE, (run) => asComment(run.length));
  };
  let tail = '';
  for await (const chunk of chunks) {
    pending += chunk.toString('latin1');
    const cut = pending.lastIndexOf('</row>');
    // Rows end within a window; a single row longer than that passes as it is (one row, one width).
    const upTo = cut >= 0 ? cut + 6 : pending.length > WINDOW ? pending.length : 0;
    if (upTo === 0) continue;
    const done = clean(pending.slice(0, upTo));
    tail = (tail + done).slice(-64);
    yield Buffer.from(done, 'latin1');
    pending = pending.slice(upTo);
  }
  if (pending) {
    const done = clean(pending);
    tail = (tail + done).slice(-64);
    yield Buffer.from(done, 'latin1');
  }
  tally.complete = /<\/worksheet>\s*$/.test(tail);
}

function* sliced(b: Buffer): Generator<Buffer> {
  for (let i = 0; i < b.length; i += CHUNK) yield b.subarray(i, i + CHUNK);
}

const isWorksheet = (name: string) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name);
/** The parts exceljs's streaming reader reads (with hyperlinks and other entries ignored); it drains every other one. */
const isRead = (name: string) =>
  isWorksheet(name) || ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'].includes(name);
const sheetNumber = (name: string) => Number(/(\d+)\.xml$/.exec(name)![1]);

const SHARED_STRINGS = 'xl/sharedStrings.xml';
const NO_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

/** An empty shared-strings part, for a workbook that has none. */
const emptySharedStrings = () => Buffer.concat([storedHeader(Buffer.from(SHARED_STRINGS), NO_SHARED_STRINGS.length), NO_SHARED_STRINGS]);

/**
 * The workbook as the streaming reader reads it right: the parts it reads, stored and cut between
 * characters, worksheets last. The zip's directory is read and its sizes checked against the
 * limits here, so a broken or oversized file fails at the call, not halfway through the stream.
 */
export function streamableXlsx(zip: Buffer, limits = XLSX_LIMITS, tallies = new Map<string, SheetTally>()): AsyncGenerator<Buffer> {
  const { list: all, directoryStart } = entries(zip);
  const list = all.filter((e) => isRead(e.name));
  // A zip that is no workbook (an empty one, a .docx renamed): said so, not "a required column is missing".
  if (!list.some((e) => e.name === 'xl/workbook.xml') || !list.some((e) => isWorksheet(e.name)))
    throw refusal('file_unreadable', 'errors.unreadable.not_workbook', { reason: 'not_workbook' });
  // 0xffffffff: a zip64 size, over 4 GB, far past any limit.
  if (list.reduce((n, e) => n + e.size, 0) > limits.inflatedBytes || list.some((e) => e.size === 0xffffffff))
    throw tooLarge('inflated', limits.inflatedBytes);
  if ((list.find((e) => e.name === SHARED_STRINGS)?.size ?? 0) > limits.sharedStringsBytes)
    throw tooLarge('shared_strings', limits.sharedStringsBytes);
  const sheets = list.filter((e) => isWorksheet(e.name)).sort((a, b) => sheetNumber(a.name) - sheetNumber(b.name));
  return (async function* () {
    for (const e of list.filter((x) => !isWorksheet(x.name))) yield* xmlPart(zip, e);
    // Text typed into the cells themselves (no shared strings, as our line list writes it): the
    // reader still waits for a shared-strings part before reading a worksheet, so it gets one.
    if (!list.some((e) => e.name === SHARED_STRINGS)) yield emptySharedStrings();
    for (const e of sheets) {
      const tally = { rows: 0, complete: false };
      tallies.set(String(sheetNumber(e.name)), tally);
      yield* xmlPart(zip, e, (chunks) => checkedSheet(chunks, limits, tally));
    }
    yield zip.subarray(directoryStart);
  })();
}

async function* xmlPart(
  zip: Buffer,
  e: Entry,
  through: (chunks: AsyncIterable<Buffer>) => AsyncIterable<Buffer> = (chunks) => chunks,
): AsyncGenerator<Buffer> {
  const name = zip.subarray(e.header + 30, e.header + 30 + zip.readUInt16LE(e.header + 26));
  yield storedHeader(name, e.size, e.flags, zip.subarray(e.header + 10, e.header + 14));
  yield* through(xmlChunks(zip, e));
}
