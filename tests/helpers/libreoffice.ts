// A real spreadsheet program reads what we export: LibreOffice converts every sheet of a workbook
// to CSV (as shown on screen, en-US), and the tests compare those cells with the engine's numbers.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseCsv } from '../../shared/imports/csv.js';

/** Tokens: comma, double quote, UTF-8, from line 1, -, en-US, -, -, cells as shown, -, -, every sheet. */
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,-1';

export function sheetsAsCsv(xlsx: string): Map<string, string[][]> {
  return sheetsAsCsvOfEach([xlsx])[0]!;
}

/** Several workbooks (of different file names) read by one LibreOffice run: one start-up instead of one each. */
export function sheetsAsCsvOfEach(files: readonly string[]): Map<string, string[][]>[] {
  const out = mkdtempSync(join(tmpdir(), 'desk-lo-'));
  // Copied under names no other is the start of ("workbook-uz-" would also take "workbook-uz-Cyrl-…"'s sheets).
  const inputs = mkdtempSync(join(tmpdir(), 'desk-lo-in-'));
  const named = files.map((f, i) => {
    const to = join(inputs, `book${i}x.xlsx`);
    copyFileSync(f, to);
    return to;
  });
  // Each run its own profile, so parallel test files do not wait on one profile's lock.
  const profile = `file://${mkdtempSync(join(tmpdir(), 'desk-lo-profile-'))}`;
  execFileSync('libreoffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', CSV_FILTER, '--outdir', out, ...named], {
    timeout: 180_000 + 60_000 * files.length,
    stdio: 'pipe',
  });
  const written = readdirSync(out);
  return named.map((xlsx) => {
    const prefix = `${basename(xlsx, '.xlsx')}-`;
    const sheets = new Map<string, string[][]>();
    for (const f of written)
      if (f.startsWith(prefix) && f.endsWith('.csv'))
        sheets.set(f.slice(prefix.length, -4), parseCsv(readFileSync(join(out, f), 'utf8'), ','));
    return sheets;
  });
}

/** A workbook written by LibreOffice itself from a CSV file (comma-separated, UTF-8). */
export function csvToXlsx(csv: string): string {
  const out = mkdtempSync(join(tmpdir(), 'desk-lo-'));
  const profile = `file://${mkdtempSync(join(tmpdir(), 'desk-lo-profile-'))}`;
  execFileSync(
    'libreoffice',
    [`-env:UserInstallation=${profile}`, '--headless', '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', out, csv],
    { timeout: 180_000, stdio: 'pipe' },
  );
  return join(out, `${basename(csv, '.csv')}.xlsx`);
}

/** A workbook opened and saved again by LibreOffice (its own zip layout: worksheets before shared strings). */
export function resaveXlsx(xlsx: string): string {
  const out = mkdtempSync(join(tmpdir(), 'desk-lo-'));
  const profile = `file://${mkdtempSync(join(tmpdir(), 'desk-lo-profile-'))}`;
  execFileSync('libreoffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', out, xlsx], {
    timeout: 180_000,
    stdio: 'pipe',
  });
  return join(out, basename(xlsx));
}

/** LibreOffice's own character-set numbers for its CSV filter. */
const LO_CHARSET = { 'utf-8': 76, 'windows-1251': 34, 'utf-16le': 65535 } as const;
const COLUMNS_AS_TEXT = Array.from({ length: 20 }, (_, i) => `${i + 1}/2`).join('/');

/**
 * A CSV saved again by LibreOffice in another encoding and with another separator, every cell as
 * typed: what Russian Excel's "CSV (разделители — запятые)" gives (Windows-1251, ';') or its
 * "Unicode text" (UTF-16 LE with a byte-order mark, tab).
 */
export function resaveCsv(csv: string, opts: { encoding: keyof typeof LO_CHARSET; separator: ';' | ',' | '\t' }): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'desk-lo-'));
  const out = mkdtempSync(join(tmpdir(), 'desk-lo-'));
  const source = join(dir, 'register.csv');
  writeFileSync(source, csv);
  const profile = `file://${mkdtempSync(join(tmpdir(), 'desk-lo-profile-'))}`;
  execFileSync(
    'libreoffice',
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      `--infilter=CSV:44,34,76,1,${COLUMNS_AS_TEXT}`,
      '--convert-to',
      `csv:Text - txt - csv (StarCalc):${opts.separator.charCodeAt(0)},34,${LO_CHARSET[opts.encoding]},1`,
      '--outdir',
      out,
      source,
    ],
    { timeout: 180_000, stdio: 'pipe' },
  );
  return readFileSync(join(out, 'register.csv'));
}
