// A real spreadsheet program reads what we export: LibreOffice converts every sheet of a workbook
// to CSV (as shown on screen, en-US), and the tests compare those cells with the engine's numbers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseCsv } from '../../shared/imports/csv.js';

/** Tokens: comma, double quote, UTF-8, from line 1, -, en-US, -, -, cells as shown, -, -, every sheet. */
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,-1';

export function sheetsAsCsv(xlsx: string): Map<string, string[][]> {
  const out = mkdtempSync(join(tmpdir(), 'desk-lo-'));
  // Each run its own profile, so parallel test files do not wait on one profile's lock.
  const profile = `file://${mkdtempSync(join(tmpdir(), 'desk-lo-profile-'))}`;
  execFileSync('libreoffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', CSV_FILTER, '--outdir', out, xlsx], { timeout: 180_000, stdio: 'pipe' });
  const prefix = `${basename(xlsx, '.xlsx')}-`;
  const sheets = new Map<string, string[][]>();
  for (const f of readdirSync(out)) if (f.startsWith(prefix) && f.endsWith('.csv')) sheets.set(f.slice(prefix.length, -4), parseCsv(readFileSync(join(out, f), 'utf8'), ','));
  return sheets;
}

/** A workbook written by LibreOffice itself from a CSV file (comma-separated, UTF-8). */
export function csvToXlsx(csv: string): string {
  const out = mkdtempSync(join(tmpdir(), 'desk-lo-'));
  const profile = `file://${mkdtempSync(join(tmpdir(), 'desk-lo-profile-'))}`;
  execFileSync('libreoffice', [`-env:UserInstallation=${profile}`, '--headless', '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', out, csv], { timeout: 180_000, stdio: 'pipe' });
  return join(out, `${basename(csv, '.csv')}.xlsx`);
}

/** A workbook opened and saved again by LibreOffice (its own zip layout: worksheets before shared strings). */
export function resaveXlsx(xlsx: string): string {
  const out = mkdtempSync(join(tmpdir(), 'desk-lo-'));
  const profile = `file://${mkdtempSync(join(tmpdir(), 'desk-lo-profile-'))}`;
  execFileSync('libreoffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', out, xlsx], { timeout: 180_000, stdio: 'pipe' });
  return join(out, basename(xlsx));
}
