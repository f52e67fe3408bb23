// Workbooks built to hurt: a stray cell in the last column of every row, a header in column XFD,
// a row past a million, a zip that declares or inflates to more than any register, a formula that
// was never calculated. Each is read within its caps or refused with the cap it broke.
import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readSheets, SHEET_LIMITS } from '../../electron/service/imports/read-file.js';
import { XLSX_LIMITS } from '../../electron/service/imports/streamable-xlsx.js';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { CASE_COLUMNS, columnLabel } from '../../shared/imports/columns.js';
import { ru } from '../../shared/i18n/index.js';
import { useSessions, createCentre } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${esc(text)}</t></is></c>`;
const column = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/** A one-sheet workbook whose sheet XML is given row by row, as Excel lays the parts out. */
async function workbook(rows: string, extra: Record<string, string | Buffer> = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Случаи" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  );
  zip.file('xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`);
  for (const [name, body] of Object.entries(extra)) zip.file(name, body);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const header = CASE_COLUMNS.map((k, i) => inline(`${column(i + 1)}1`, columnLabel(k, 'ru'))).join('');
const registerRow = (r: number, registerNo: string | null) =>
  [
    registerNo === null ? null : registerNo,
    'АНМА11985',
    'male',
    '1985',
    'UZB',
    'immigrant',
    'irregular',
    '',
    'heterosexual',
    'RUS',
    '01.03.2017',
    'KAZ',
  ]
    .map((v, i) => (v === null ? '' : inline(`${column(i + 1)}${r}`, v)))
    .join('');

describe('hostile workbooks', () => {
  it('reads 50,000 rows that each hold one cell in column XFD as the empty rows they are, only the columns under the header', async () => {
    let rows = `<row r="1">${header}</row>`;
    for (let r = 2; r <= 50_001; r++) rows += `<row r="${r}"><c r="XFD${r}" t="inlineStr"><is><t>x</t></is></c></row>`;
    const bytes = await workbook(rows);
    expect(bytes.length).toBeLessThan(400_000); // a small file: the harm was all in the reading
    const before = process.memoryUsage().rss;
    const [sheet] = await readSheets('xfd.xlsx', bytes);
    const body = [...sheet!.body];
    expect(sheet!.header).toHaveLength(CASE_COLUMNS.length);
    expect(body).toHaveLength(50_000);
    expect(body.every((r) => r.length <= CASE_COLUMNS.length && r.every((c) => c === null))).toBe(true);
    expect(process.memoryUsage().rss - before).toBeLessThan(1024 * 1024 * 1024); // before: many GB, then out of memory
  }, 120_000);

  it('refuses a header that reaches column XFD, and a row past a million, naming the cap', async () => {
    const wide = await workbook(`<row r="1">${header}${inline('XFD1', 'лишнее')}</row>`);
    await expect(readSheets('wide.xlsx', wide)).rejects.toMatchObject({
      error: {
        code: 'file_unreadable',
        messageKey: 'errors.unreadable.columns',
        params: { file: 'wide.xlsx', max: String(SHEET_LIMITS.columns) },
      },
    });
    const long = await workbook(
      `<row r="1">${header}</row><row r="2">${registerRow(2, 'Д-1')}</row><row r="1000001">${registerRow(1000001, 'Д-2')}</row>`,
    );
    await expect(readSheets('long.xlsx', long)).rejects.toMatchObject({
      error: { messageKey: 'errors.unreadable.rows', params: { file: 'long.xlsx', max: '1 000 000' } },
    });
    expect(ru.errors.unreadable.rows).toContain('{{max}}');
  });

  it('refuses a zip that declares more than the cap before inflating anything, and a part that inflates past what it declares', async () => {
    // A shared-strings part whose directory entry declares more than the cap (the bytes need not be there to be refused).
    const honest = await workbook(`<row r="1">${header}</row>`, {
      'xl/sharedStrings.xml': `<?xml version="1.0"?><sst xmlns="${NS}" count="0" uniqueCount="0"/>`,
    });
    const declared = Buffer.from(honest);
    const name = Buffer.from('xl/sharedStrings.xml');
    const at = declared.lastIndexOf(name); // the central directory's entry comes last
    declared.writeUInt32LE(XLSX_LIMITS.sharedStringsBytes + 1, at - 46 + 24);
    await expect(readSheets('declared.xlsx', declared)).rejects.toMatchObject({
      error: { messageKey: 'errors.unreadable.shared_strings' },
    });
    declared.writeUInt32LE(XLSX_LIMITS.inflatedBytes + 1, at - 46 + 24);
    await expect(readSheets('declared.xlsx', declared)).rejects.toMatchObject({ error: { messageKey: 'errors.unreadable.inflated' } });

    // A worksheet of 64 MB of spaces squeezed into a few kilobytes, declared as a few bytes: refused as broken,
    // without inflating more than it declared.
    const bomb = Buffer.from(await workbook(`<row r="1">${header}</row>`));
    const sheetName = Buffer.from('xl/worksheets/sheet1.xml');
    const local = bomb.indexOf(sheetName) - 30;
    const central = bomb.lastIndexOf(sheetName) - 46;
    const payload = deflateRawSync(
      Buffer.concat([
        Buffer.from(`<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData><row r="1">${header}</row>`),
        Buffer.alloc(64 * 1024 * 1024, 0x20),
        Buffer.from('</sheetData></worksheet>'),
      ]),
    );
    const before = bomb.subarray(0, local);
    const nameLen = bomb.readUInt16LE(local + 26) + bomb.readUInt16LE(local + 28);
    const oldData = local + 30 + nameLen;
    const oldCompressed = bomb.readUInt32LE(central + 20);
    const localHeader = Buffer.from(bomb.subarray(local, oldData));
    localHeader.writeUInt32LE(payload.length, 18);
    localHeader.writeUInt32LE(1000, 22);
    const rest = Buffer.from(bomb.subarray(oldData + oldCompressed));
    const shift = payload.length - oldCompressed;
    // Fix the central directory of the rebuilt file: this entry's sizes, and offsets of what follows.
    const rebuilt = Buffer.concat([before, localHeader, payload, rest]);
    const dir = rebuilt.lastIndexOf(sheetName) - 46;
    rebuilt.writeUInt32LE(payload.length, dir + 20);
    rebuilt.writeUInt32LE(1000, dir + 24); // declares 1,000 bytes
    for (
      let p = rebuilt.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      p >= 0;
      p = rebuilt.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)
    ) {
      const offset = rebuilt.readUInt32LE(p + 42);
      if (offset > local) rebuilt.writeUInt32LE(offset + shift, p + 42);
    }
    const eocd = rebuilt.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    rebuilt.writeUInt32LE(rebuilt.readUInt32LE(eocd + 16) + shift, eocd + 16);
    await expect(readSheets('bomb.xlsx', rebuilt)).rejects.toMatchObject({
      error: { code: 'file_unreadable', params: { reason: 'corrupt' } },
    });
  }, 60_000);

  it('refuses a row whose register number is a formula never calculated, naming the column, and loads the others', async () => {
    const s = session(tempDir());
    await createCentre(s);
    const formula = `<c r="A3"><f>WEBSERVICE("http://example.org")</f></c>`;
    const bytes = await workbook(
      `<row r="1">${header}</row><row r="2">${registerRow(2, 'Д-1')}</row><row r="3">${formula}${registerRow(3, null)}</row><row r="4">${registerRow(4, 'Д-3').replace('АНМА11985', 'БОРИ21990').replace('>male<', '>female<').replace('>1985<', '>1990<')}</row>`,
    );
    const r = await dispatchAsync(
      s,
      'imports.preview',
      { fileName: 'formula.xlsx', contentBase64: bytes.toString('base64') },
      silentLogger,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.rejected).toEqual([{ sheet: 'cases', row: 3, column: 'registerNo', messageKey: 'validation.formula_without_value' }]);
    expect(r.value.accepted.cases).toBe(2);
    const done = dispatch(s, 'imports.confirm', { importId: r.value.importId }, silentLogger);
    expect(done.ok && done.value.cases).toBe(2);
    const list = dispatch(s, 'cases.list', { page: 0, pageSize: 50 }, silentLogger);
    expect(list.ok && list.value.rows.map((c) => c.registerNo).sort()).toEqual(['Д-1', 'Д-3']);
  });

  it('refuses a form value that is a formula never calculated', async () => {
    const s = session(tempDir());
    await createCentre(s);
    const h = ['period', 'dataElement', 'cell', 'value'].map((k, i) => inline(`${column(i + 1)}1`, k)).join('');
    const bytes = await workbook(
      `<row r="1">${h}</row><row r="2">${inline('A2', '2017')}${inline('B2', 'survey_name')}${inline('C2', '')}<c r="D2"><f>A1&amp;B1</f></c></row>`,
    );
    const r = await dispatchAsync(
      s,
      'formImports.preview',
      { fileName: 'form.xlsx', contentBase64: bytes.toString('base64') },
      silentLogger,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.rejected).toEqual([{ sheet: 'values', row: 2, column: 'value', messageKey: 'validation.formula_without_value' }]);
    expect(r.value.accepted.total).toBe(0);
  });

  it('reads a workbook of many sheets that each jump to row 1,000,000 without filling a million empty rows each', async () => {
    const s = session(tempDir());
    await createCentre(s);
    const extra: Record<string, string> = {};
    const sheets = Array.from({ length: 60 }, (_, i) => i + 2);
    for (const n of sheets)
      extra[`xl/worksheets/sheet${n}.xml`] =
        `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData><row r="1">${inline('A1', 'x')}</row><row r="1000000">${inline('A1000000', 'y')}</row></sheetData></worksheet>`;
    extra['xl/workbook.xml'] =
      `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Случаи" sheetId="1" r:id="rId1"/>${sheets.map((n) => `<sheet name="S${n}" sheetId="${n}" r:id="rId${n}"/>`).join('')}</sheets></workbook>`;
    extra['xl/_rels/workbook.xml.rels'] =
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>${sheets.map((n) => `<Relationship Id="rId${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/>`).join('')}</Relationships>`;
    const bytes = await workbook(`<row r="1">${header}</row><row r="2">${registerRow(2, 'Д-1')}</row>`, extra);
    const before = process.memoryUsage().rss;
    const r = await dispatchAsync(s, 'imports.preview', { fileName: 'sheets.xlsx', contentBase64: bytes.toString('base64') }, silentLogger);
    expect(r.ok && r.value.accepted.cases).toBe(1);
    expect(process.memoryUsage().rss - before).toBeLessThan(1024 * 1024 * 1024); // before: 2.9 GB for 60 sheets, out of memory for 150
  }, 120_000);

  it('refuses a worksheet that is cut off or stops the reader early, instead of importing the rows before it as the whole file', async () => {
    const rows = Array.from(
      { length: 200 },
      (_, i) =>
        `<row r="${i + 2}">${registerRow(i + 2, `Д-${i}`)
          .replace('АНМА11985', `АНМА1${1800 + i}`)
          .replace('>1985<', `>${1800 + i}<`)}</row>`,
    ).join('');
    const whole = await workbook(`<row r="1">${header}</row>${rows}`);
    const [sheet] = await readSheets('whole.xlsx', whole);
    expect([...sheet!.body]).toHaveLength(200);
    // Cut in the middle of the rows, as a copy that stopped halfway.
    const zip = await JSZip.loadAsync(whole);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', xml.slice(0, Math.floor(xml.length / 2)));
    const cut = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    await expect(readSheets('cut.xlsx', cut)).rejects.toMatchObject({ error: { code: 'file_unreadable', params: { reason: 'corrupt' } } });
    // A stray "&" (not written as &amp;) sends the reader past every later row without an error.
    zip.file('xl/worksheets/sheet1.xml', xml.replace('>Д-98<', '>bad & amp<'));
    const amp = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    await expect(readSheets('amp.xlsx', amp)).rejects.toMatchObject({ error: { code: 'file_unreadable', params: { reason: 'corrupt' } } });
  });

  it('passes over far cells whichever quotes they are written with, and a cell left open costs no time', async () => {
    let rows = `<row r="1">${header}</row>`;
    for (let r = 2; r <= 20_001; r++) rows += `<row r="${r}"><c r='XFD${r}' t='inlineStr'><is><t>x</t></is></c></row>`;
    const [sheet] = await readSheets('quotes.xlsx', await workbook(rows));
    expect([...sheet!.body].every((r) => r.every((c) => c === null))).toBe(true);
    await expect(
      readSheets('header.xlsx', await workbook(`<row r="1">${header}<c r='XFD1' t='inlineStr'><is><t>x</t></is></c></row>`)),
    ).rejects.toMatchObject({ error: { messageKey: 'errors.unreadable.columns' } });
    // 400,000 cells opened and never closed: refused as broken (a pattern that scanned to the end for each took 6 minutes).
    const open = await workbook(`<row r="1">${header}</row><row r="2">${'<c r="AB2">'.repeat(400_000)}`);
    await expect(readSheets('open.xlsx', open)).rejects.toMatchObject({ error: { params: { reason: 'corrupt' } } });
  });

  it('refuses more row elements than a sheet may have, even if they all say row 5; reads a sheet padded with whitespace in little memory', async () => {
    const many = await workbook(`<row r="1">${header}</row>${'<row r="5"/>'.repeat(SHEET_LIMITS.rows + 1)}`);
    await expect(readSheets('many.xlsx', many)).rejects.toMatchObject({
      error: { messageKey: 'errors.unreadable.rows_in_file', params: { file: 'many.xlsx' } },
    });
    const padded = await workbook(`<row r="1">${header}</row><row r="2">${registerRow(2, 'Д-1')}</row>${' '.repeat(64 * 1024 * 1024)}`);
    const before = process.memoryUsage().rss;
    const [sheet] = await readSheets('padded.xlsx', padded);
    expect([...sheet!.body]).toHaveLength(1);
    expect(process.memoryUsage().rss - before).toBeLessThan(512 * 1024 * 1024); // the reader kept the spaces as text: +838 MB for 900 MB
  }, 120_000);

  it('refuses a CSV line with more fields than the column limit, before building them all', async () => {
    const line = Buffer.from(';'.repeat(30 * 1024 * 1024));
    const before = process.memoryUsage().rss;
    await expect(readSheets('semicolons.csv', line)).rejects.toMatchObject({
      error: { messageKey: 'errors.unreadable.columns', params: { file: 'semicolons.csv' } },
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * 1024 * 1024); // before: every field built, +1 GB for 39 MB
  });
});
