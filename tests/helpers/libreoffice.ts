// A real spreadsheet program reads what we export: LibreOffice converts every sheet of a workbook
// to CSV (as shown on screen, en-US), and the tests compare those cells with the engine's numbers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** Tokens: comma, double quote, UTF-8, from line 1, -, en-US, -, -, cells as shown, -, -, every sheet. */
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,-1';

export function sheetsAsCsv(xlsx: string): Map<string, string[][]> {
  const out = mkdtempSync(join(tmpdir(), 'desk-lo-'));
  // Each run its own profile, so parallel test files do not wait on one profile's lock.
  const profile = `file://${mkdtempSync(join(tmpdir(), 'desk-lo-profile-'))}`;
  execFileSync('libreoffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', CSV_FILTER, '--outdir', out, xlsx], { timeout: 180_000, stdio: 'pipe' });
  const prefix = `${basename(xlsx, '.xlsx')}-`;
  const sheets = new Map<string, string[][]>();
  for (const f of readdirSync(out)) if (f.startsWith(prefix) && f.endsWith('.csv')) sheets.set(f.slice(prefix.length, -4), parseCsv(readFileSync(join(out, f), 'utf8')));
  return sheets;
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"', i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) (row.push(field), rows.push(row));
  return rows;
}
