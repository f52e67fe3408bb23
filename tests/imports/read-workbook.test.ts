// Reading a workbook the user picked: every sheet by name, row numbers as the user sees them,
// values as typed (dates as dates, a formula as its result), streamed row by row, and never a
// copy of the rows in the system's temp folder.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSheets } from '../../electron/service/imports/read-file.js';
import { streamableXlsx, wholeCharacters } from '../../electron/service/imports/streamable-xlsx.js';
import { resaveXlsx } from '../helpers/libreoffice.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
// exceljs's streaming reader copies a worksheet to a temp file through this module when the
// parts it needs come later in the zip.
const tmp = createRequire(import.meta.url)('tmp') as { file: (...args: unknown[]) => unknown };
afterEach(() => vi.restoreAllMocks());

async function twoSheets(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const cases = wb.addWorksheet('Случаи');
  cases.addRow(['Номер', 'CD4', 'Дата']);
  cases.addRow(['Д-1', 350, new Date(Date.UTC(2017, 2, 1))]);
  cases.addRow([]); // a blank row: the next one is still row 4
  cases.getCell('A4').value = 'Д-2';
  cases.getCell('B4').value = { formula: 'B2*2', result: 700 };
  cases.getCell('C4').value = 'неизвестно';
  const events = wb.addWorksheet('События');
  events.addRow(['Номер', 'Событие']);
  events.addRow(['Д-1', 'cd4']);
  const file = join(tempDir(), 'two.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

const expected = [
  {
    name: 'Случаи',
    header: ['Номер', 'CD4', 'Дата'],
    body: [['Д-1', 350, new Date(Date.UTC(2017, 2, 1))], [], ['Д-2', 700, 'неизвестно']],
  },
  { name: 'События', header: ['Номер', 'Событие'], body: [['Д-1', 'cd4']] },
];
const asArrays = async (bytes: Buffer) =>
  (await readSheets('file.xlsx', bytes)).map((s) => ({ name: s.name, header: s.header, body: [...s.body] }));

describe('reading a workbook', () => {
  it('reads every sheet LibreOffice saved, by name, keeping row numbers, with no temp file', async () => {
    const bytes = readFileSync(resaveXlsx(await twoSheets()));
    // LibreOffice writes a worksheet before the shared strings it uses: the case the reordering is for.
    expect(bytes.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(bytes.indexOf('xl/sharedStrings.xml'));
    const temp = vi.spyOn(tmp, 'file');
    expect(await asArrays(bytes)).toEqual(expected);
    expect(temp).not.toHaveBeenCalled();
  }, 240_000);

  it('reads the same from a zip whose sizes follow the data (streamed zip writers)', async () => {
    const original = readFileSync(await twoSheets());
    const streamed = await (
      await JSZip.loadAsync(original)
    ).generateAsync({ type: 'nodebuffer', streamFiles: true, compression: 'DEFLATE' });
    expect(streamed.readUInt16LE(6) & 0x08).toBe(8); // the first local header says "sizes after the data"
    expect(await asArrays(streamed)).toEqual(expected);
  });

  it('passes the parts the reader reads, worksheets after the others, each part the same text, no chunk ending inside a character', async () => {
    const original = readFileSync(resaveXlsx(await twoSheets()));
    const chunks: Buffer[] = [];
    for await (const c of streamableXlsx(original)) chunks.push(c);
    const moved = Buffer.concat(chunks);
    const cuts = new Set(chunks.map((c) => c.length).reduce<number[]>((at, n) => [...at, (at.at(-1) ?? 0) + n], []));
    const zip = await JSZip.loadAsync(original);
    // Walk the records front to back, as the streaming reader does: XML parts are stored, sizes in their headers.
    const names: string[] = [];
    for (let at = 0; moved.readUInt32LE(at) === 0x04034b50;) {
      expect(moved.readUInt16LE(at + 8)).toBe(0);
      const nameLength = moved.readUInt16LE(at + 26);
      const name = moved.toString('utf8', at + 30, at + 30 + nameLength);
      const start = at + 30 + nameLength + moved.readUInt16LE(at + 28);
      at = start + moved.readUInt32LE(at + 18);
      expect(moved.toString('utf8', start, at), name).toBe(await zip.file(name)!.async('string'));
      for (let i = start + 1; i < at; i++)
        if (cuts.has(i)) expect((moved[i]! & 0xc0) !== 0x80, `${name}: chunk ends inside a character at ${i}`).toBe(true);
      names.push(name);
    }
    // Only the parts the reader reads: no theme, document properties or images to unpack.
    expect([...names].sort()).toEqual([
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    expect(Object.keys(zip.files).length).toBeGreaterThan(names.length); // LibreOffice writes more: [Content_Types].xml, docProps, …
    expect(names.slice(-2)).toEqual(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
    expect(names.indexOf('xl/sharedStrings.xml')).toBeLessThan(names.indexOf('xl/worksheets/sheet1.xml'));
  }, 240_000);

  it('cuts text only between UTF-8 characters', () => {
    const b = Buffer.from('aЖ😀', 'utf8'); // 1 + 2 + 4 bytes
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((n) => wholeCharacters(b.subarray(0, n)))).toEqual([0, 1, 1, 3, 3, 3, 3, 7]);
  });

  it('reads every Cyrillic letter of a large register right, wherever the chunks of the file end', async () => {
    const L = 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ';
    const code = (i: number) => `${L[i % 29]}${L[Math.floor(i / 29) % 29]}${L[Math.floor(i / 841) % 29]}ё${i}`;
    // Text in shared strings (as Excel writes it), and in the worksheet itself (as our line list does).
    const inlineFile = join(tempDir(), 'inline.xlsx');
    const shared = new ExcelJS.Workbook();
    const inline = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: inlineFile, useSharedStrings: false });
    for (const wb of [shared, inline]) {
      const ws = wb.addWorksheet('Регистр');
      ws.addRow(['Номер', 'УИК']).commit();
      for (let i = 0; i < 20_000; i++) ws.addRow([`Д-${i}`, code(i)]).commit();
    }
    await inline.commit();
    const temp = vi.spyOn(tmp, 'file');
    for (const bytes of [Buffer.from(await shared.xlsx.writeBuffer()), readFileSync(inlineFile)]) {
      const [sheet] = await readSheets('big.xlsx', bytes);
      const wrong = [...sheet!.body].flatMap((r, i) =>
        r[0] === `Д-${i}` && r[1] === code(i) ? [] : [`row ${i + 2}: ${JSON.stringify(r)}`],
      );
      expect(wrong).toEqual([]);
    }
    expect(temp).not.toHaveBeenCalled(); // a workbook without shared strings made the reader wait on a temp file
  }, 60_000);

  it('reads past what a real register file also holds: a logo, a comment, a link, merged cells, a hidden sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Регистр');
    ws.addRow(['Номер', 'Ссылка', 'Примечание']);
    ws.addRow(['Д-1', { text: 'протокол', hyperlink: 'https://example.org/p' }, 'см. ниже']);
    ws.getCell('C2').note = 'проверить дату';
    ws.addRow(['Д-2', 'объединено', null]);
    ws.mergeCells('B3:C3');
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    ws.addImage(wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' }), 'E1:F3');
    wb.addWorksheet('Коды', { state: 'hidden' }).addRow(['м', 'ж']);
    const file = join(tempDir(), 'rich.xlsx');
    await wb.xlsx.writeFile(file);
    const bytes = readFileSync(resaveXlsx(file));
    expect(bytes.indexOf('xl/media/')).toBeGreaterThan(0); // the logo: a part copied as it is, not XML
    expect(await asArrays(bytes)).toEqual([
      {
        name: 'Регистр',
        header: ['Номер', 'Ссылка', 'Примечание'],
        body: [
          ['Д-1', 'протокол', 'см. ниже'],
          ['Д-2', 'объединено', null],
        ],
      },
      { name: 'Коды', header: ['м', 'ж'], body: [] },
    ]);
  }, 240_000);

  it('refuses a workbook whose worksheet does not inflate as broken, instead of waiting for ever', async () => {
    const bytes = readFileSync(await twoSheets());
    const at = bytes.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length; // its data follows the name
    for (let i = at + 2; i < at + 12; i++) bytes[i] = 0xff;
    await expect(readSheets('garbled.xlsx', bytes)).rejects.toMatchObject({
      error: { code: 'file_unreadable', params: { reason: 'corrupt' } },
    });
  });

  it('refuses a cut-off workbook as broken', async () => {
    const bytes = readFileSync(await twoSheets());
    const cut = join(tempDir(), 'cut.xlsx');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(readSheets('cut.xlsx', readFileSync(cut))).rejects.toMatchObject({
      error: { code: 'file_unreadable', params: { reason: 'corrupt' } },
    });
  });
});
