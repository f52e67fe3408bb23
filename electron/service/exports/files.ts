// Where exports go and how they are written: into the data folder's exports/, under a name that
// never overwrites, first as "<name>.part" and renamed only when complete, so a crash or a failed
// write never leaves a half file that looks finished.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const exportsDir = (dataDir: string) => join(dataDir, 'exports');

/** A file name like "base.xlsx", or "base (2).xlsx" when that is taken. */
export function freeName(dir: string, base: string, ext: string): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? `${base}.${ext}` : `${base} (${i}).${ext}`;
    if (!existsSync(join(dir, name)) && !existsSync(join(dir, `${name}.part`))) return name;
  }
}

export async function writeComplete(path: string, write: (partPath: string) => Promise<void>): Promise<void> {
  const part = `${path}.part`;
  try {
    await write(part);
    renameSync(part, path);
  } catch (e) {
    rmSync(part, { force: true });
    throw e;
  }
}

export function ensureExportsDir(dataDir: string): string {
  const dir = exportsDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** A name the bridge may serve: a plain file name in exports/, no path, no hidden files. */
export const SERVABLE_NAME = /^[\w\-. ()]+\.xlsx$/;
