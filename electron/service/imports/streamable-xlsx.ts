// An .xlsx file rearranged for exceljs's streaming reader, which reads it a row at a time instead
// of building the whole workbook in memory. Two faults of that reader are worked around here:
// - its XML step decodes each 16 KB chunk on its own, so a Cyrillic letter cut in two at a chunk
//   boundary becomes "��" (exceljs issues #2084, #2316; about one row in 2,000 of a Russian
//   register): every XML part is rewritten as plain ASCII, other characters as &#NNNN; references;
// - it needs the shared strings, styles and workbook parts before a worksheet, which Excel and
//   LibreOffice write later, and copies each worksheet meanwhile to the system's temp folder: a
//   register of people at risk must not land there. Worksheets go last, in sheet order.
// The result only ever lives in memory and is read front to back: rewritten parts are stored
// uncompressed with no checksum (parts already in ASCII are copied as they are), and the original central directory (offsets now stale) ends it.
import { isAscii } from 'node:buffer';
import { inflateRawSync } from 'node:zlib';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DESCRIPTOR = 0x08074b50;

type Entry = { name: string; flags: number; method: number; header: number; data: number; compressed: number; end: number };

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
    const nameLength = zip.readUInt16LE(p + 28);
    const header = zip.readUInt32LE(p + 42);
    const compressed = zip.readUInt32LE(p + 20);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    if (zip.readUInt32LE(header) !== LOCAL) throw new Error('broken local header');
    const data = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
    let end = data + compressed;
    // Sizes written after the data (flag bit 3): crc and two sizes, with or without a signature.
    if (flags & 0x08) end += zip.readUInt32LE(end) === DESCRIPTOR ? 16 : 12;
    if (end > directoryStart) throw new Error('entry runs into the central directory');
    list.push({ name, flags, method, header, data, compressed, end });
  }
  return { list, directoryStart };
}

/** XML text with every character outside ASCII as a numeric character reference. */
export const asciiXml = (xml: string) => xml.replace(/[^\x00-\x7f]/gu, (c) => `&#${c.codePointAt(0)};`);

/** A stored (uncompressed) local record of `content`, sizes in its header. */
function storedRecord(zip: Buffer, e: Entry, content: Buffer): Buffer {
  const name = zip.subarray(e.header + 30, e.header + 30 + zip.readUInt16LE(e.header + 26));
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL, 0);
  header.writeUInt16LE(20, 4); // version needed: 2.0
  header.writeUInt16LE(e.flags & 0x0800, 6); // keeps "name is UTF-8"; sizes are here, not after
  header.writeUInt16LE(0, 8); // stored
  zip.copy(header, 10, e.header + 10, e.header + 14); // time and date
  header.writeUInt32LE(0, 14); // no checksum: see above
  header.writeUInt32LE(content.length, 18);
  header.writeUInt32LE(content.length, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, name, content]);
}

function xmlPart(zip: Buffer, e: Entry): Buffer {
  const raw = zip.subarray(e.data, e.data + e.compressed);
  const xml = e.method === 8 ? inflateRawSync(raw) : e.method === 0 ? raw : null;
  if (!xml) throw new Error(`unsupported compression ${e.method}`);
  // A part already in ASCII (a worksheet whose text is all in the shared strings) stays as it is.
  if (isAscii(xml)) return zip.subarray(e.header, e.end);
  return storedRecord(zip, e, Buffer.from(asciiXml(xml.toString('utf8')), 'latin1'));
}

const isXml = (name: string) => /\.(xml|rels)$/.test(name);
const isWorksheet = (name: string) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name);
const sheetNumber = (name: string) => Number(/(\d+)\.xml$/.exec(name)![1]);

/** The workbook as the streaming reader reads it right: XML parts as ASCII, worksheets last. */
export function streamableXlsx(zip: Buffer): Buffer {
  const { list, directoryStart } = entries(zip);
  const sheets = list.filter((e) => isWorksheet(e.name)).sort((a, b) => sheetNumber(a.name) - sheetNumber(b.name));
  const ordered = [...list.filter((e) => !isWorksheet(e.name)), ...sheets];
  return Buffer.concat([...ordered.map((e) => (isXml(e.name) ? xmlPart(zip, e) : zip.subarray(e.header, e.end))), zip.subarray(directoryStart)]);
}
