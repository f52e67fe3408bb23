// A register saved as CSV by a real spreadsheet program in each way a centre's computer saves it:
// Russian Excel's "CSV (разделители — запятые)" is Windows-1251 with ';', its "Unicode text" is
// UTF-16 with tabs, others write UTF-8 with or without a byte-order mark. Each reads to the same
// report, which says how the file was read; bytes that are no text are refused.
import { describe, expect, it } from 'vitest';
import { dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { decodeText } from '../../electron/service/imports/text-encoding.js';
import { resaveCsv } from '../helpers/libreoffice.js';
import { CASES_CSV } from '../helpers/register-csv.js';
import { centreWithOneCase, useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();

const centreSession = () => centreWithOneCase(session(tempDir()));
const preview = (s: Awaited<ReturnType<typeof centreSession>>, bytes: Buffer, name = 'register.csv') =>
  dispatchAsync(s, 'imports.preview', { fileName: name, contentBase64: bytes.toString('base64') }, silentLogger);
const gist = (r: Awaited<ReturnType<typeof preview>>) => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return {
    rowsRead: r.value.rowsRead,
    accepted: r.value.accepted,
    rejected: r.value.rejected.map((i) => [i.row, i.column, i.messageKey]),
    duplicates: r.value.duplicates.map((d) => d.registerNo),
  };
};

describe('CSV files in every encoding a centre meets', () => {
  it('reads the register the same from UTF-8, Windows-1251 with ";" and UTF-16 with tabs, saved by LibreOffice, and says which', async () => {
    const s = await centreSession();
    const plain = await preview(s, Buffer.from(CASES_CSV, 'utf8'));
    const expected = gist(plain);
    expect(expected.accepted.cases).toBe(2); // the Cyrillic values (Узбекистан, ЛУИН, Легальный) were understood
    expect(plain.ok && plain.value.source).toEqual({ format: 'csv', encoding: 'utf-8', separator: ',' });

    const cases = [
      {
        bytes: resaveCsv(CASES_CSV, { encoding: 'windows-1251', separator: ';' }),
        source: { format: 'csv', encoding: 'windows-1251', separator: ';' },
      },
      {
        bytes: resaveCsv(CASES_CSV, { encoding: 'utf-16le', separator: '\t' }),
        source: { format: 'csv', encoding: 'utf-16le', separator: '\t' },
      },
      {
        bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CASES_CSV, 'utf8')]),
        source: { format: 'csv', encoding: 'utf-8-bom', separator: ',' },
      },
    ];
    // UTF-16 BE with its mark: the little-endian file with each pair of bytes swapped.
    const le = cases[1]!.bytes;
    cases.push({ bytes: Buffer.from(le).swap16(), source: { format: 'csv', encoding: 'utf-16be', separator: '\t' } });
    expect(cases[0]!.bytes.includes(Buffer.from('Узбекистан', 'utf8'))).toBe(false); // really not UTF-8
    expect([...le.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    for (const c of cases) {
      const r = await preview(s, c.bytes);
      expect(gist(r), c.source.encoding).toEqual(expected);
      expect(r.ok && r.value.source, c.source.encoding).toEqual(c.source);
    }
    // The report workbook says it too.
    const r = await preview(s, cases[0]!.bytes);
    const file = await dispatchAsync(s, 'imports.report', { importId: r.ok ? r.value.importId : '', language: 'ru' }, silentLogger);
    expect(file.ok).toBe(true);
  }, 240_000);

  it('refuses bytes that are no text in any of them, with the reason', async () => {
    const s = await centreSession();
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    for (const bytes of [png, noise]) {
      const r = await preview(s, bytes, 'register.csv');
      expect(!r.ok && r.error).toMatchObject({ code: 'file_unreadable', messageKey: 'errors.unreadable.not_csv' });
    }
    expect(decodeText(Buffer.from('Пол;Год\nм;1990', 'utf8'))).toEqual({ text: 'Пол;Год\nм;1990', encoding: 'utf-8' });
    expect(decodeText(Buffer.from([0xcf, 0xee, 0xeb]))).toEqual({ text: 'Пол', encoding: 'windows-1251' });
  });
});
