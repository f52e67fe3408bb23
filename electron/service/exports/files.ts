// Where exports go and how they are written: into the data folder's exports/, under a name that
// never overwrites, first as "<name>.part" and renamed only when complete, so a crash or a failed
// write never leaves a half file that looks finished. A folder that cannot be written is said so.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SERVABLE_NAME, type ExportRetention } from '../../../shared/exports/api.js';
import { fail } from '../../../shared/result.js';

export const exportsDir = (dataDir: string) => join(dataDir, 'exports');

/** A file name like "base.xlsx", or "base (2).xlsx" when that is taken. */
function freeName(dir: string, base: string, ext: string): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? `${base}.${ext}` : `${base} (${i}).${ext}`;
    if (!existsSync(join(dir, name)) && !existsSync(join(dir, `${name}.part`))) return name;
  }
}

/** A file-system error (EACCES, ENOTDIR, ENOSPC…) as the translated "cannot write to the folder". */
const asFolderFailure = (dir: string, e: unknown): unknown => {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? fail('folder_not_writable', { folder: dir, reason: code }) : e;
};

/**
 * Writes `<base>.xlsx` (or `.zip`; or a free variant) into exports/: `write` fills the .part file, and may
 * record the export in the audit log before the file takes its name.
 */
/** Who asks for an export: its data folder, and the note of the files it made (only those are served back to it). */
export type Exporter = { dataDir: string; rememberExport(fileName: string): void };

export async function saveExport(
  by: Exporter,
  base: string,
  write: (partPath: string, fileName: string) => Promise<void>,
  ext: 'xlsx' | 'zip' | 'mhdpkg' | 'mhdkey' | 'json' | 'xml' = 'xlsx',
): Promise<{ fileName: string; path: string }> {
  const dir = exportsDir(by.dataDir);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw asFolderFailure(dir, e);
  }
  const fileName = freeName(dir, base, ext);
  const path = join(dir, fileName);
  const part = `${path}.part`;
  try {
    await write(part, fileName);
    renameSync(part, path);
    by.rememberExport(fileName);
  } catch (e) {
    rmSync(part, { force: true });
    throw asFolderFailure(dir, e);
  }
  return { fileName, path };
}

/**
 * Copies an export where the user chose in the host's Save As dialog (Electron's), as ".part"
 * renamed when complete; null when cancelled or when there is no dialog (a browser downloads).
 */
export async function saveCopyAs(
  dataDir: string,
  fileName: string,
  choose: ((suggested: string) => Promise<string | null>) | undefined,
): Promise<string | null> {
  const source = join(exportsDir(dataDir), fileName);
  if (!SERVABLE_NAME.test(fileName) || !existsSync(source)) fail('file_not_found', { file: fileName });
  const target = choose ? await choose(fileName) : null;
  if (!target) return null;
  const part = `${target}.part`;
  try {
    copyFileSync(source, part);
    renameSync(part, target);
  } catch (e) {
    rmSync(part, { force: true });
    throw asFolderFailure(dirname(target), e);
  }
  return target;
}

const DAY = 86_400_000;

/** A line list holds a row per case: it is kept for less time than the other exports. */
const isLineList = (name: string) => name.startsWith('line-list-');

/**
 * At start (only one app runs per data folder): removes every ".part" file, left by an export a
 * crash or a power cut interrupted, rows of the register in it; then the exports older than the
 * retention setting (0 keeps them). Returns how many files went, for the log.
 */
export function tidyExports(dataDir: string, retention: ExportRetention, now: Date = new Date()): { parts: number; expired: number } {
  const dir = exportsDir(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return { parts: 0, expired: 0 }; // no exports yet
  }
  const out = { parts: 0, expired: 0 };
  for (const name of names) {
    const file = join(dir, name);
    try {
      const stat = statSync(file);
      if (!stat.isFile()) continue;
      if (name.endsWith('.part')) {
        rmSync(file, { force: true });
        out.parts++;
        continue;
      }
      const days = isLineList(name) ? retention.lineListDays : retention.days;
      if (days > 0 && SERVABLE_NAME.test(name) && now.getTime() - stat.mtimeMs > days * DAY) {
        rmSync(file, { force: true });
        out.expired++;
      }
    } catch {
      /* open in another program (Windows), or gone meanwhile: next start */
    }
  }
  return out;
}
