// The two ways the app gets a working database: open an existing file of ours (upgrading it), or
// create a new one. A new file is built under a temporary name and renamed into place only when
// complete, so a crash never leaves a half-made database where the app will look for one.
import { accessSync, chmodSync, constants, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { APPLICATION_ID, inspectDatabase, isDamage, openConnection, type DataKey, type Db } from './connection.js';
import { migrate } from './migrate.js';
import { LATEST_VERSION } from './migrations/index.js';
import { AppFailure, fail } from '../shared/result.js';

/** Opens our database; `key` for an encrypted one (without it, only a plain file opens). */
export function openDeskDatabase(file: string, key?: DataKey): Db {
  const name = basename(file);
  const info = inspectDatabase(file, key);
  if (info.userVersion > LATEST_VERSION) fail('db_too_new', { file: name, found: info.userVersion, supported: LATEST_VERSION });
  // An empty SQLite file holds nothing to protect: it may become ours. Anything else must carry our id.
  const empty = info.applicationId === 0 && info.tableCount === 0;
  if (info.applicationId !== APPLICATION_ID && !empty) fail('not_desk_database', { file: name });
  const db = openConnection(file, { create: false, ...(key ? { key } : {}) });
  try {
    migrate(db, { file: name });
    // Fresh planner statistics, so filters use their covering index (SQLite's advice for each open).
    db.pragma('optimize=0x10002');
    return db;
  } catch (e) {
    db.close();
    if (isDamage(e)) fail('db_damaged', { file: name });
    throw e;
  }
}

const errnoOf = (e: unknown) => ((e as { code?: unknown })?.code as string | undefined) ?? 'unknown';

/** Checks a folder can take a new file: creates it if missing, then proves it with a probe file. */
export function ensureWritableFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    accessSync(folder, constants.W_OK);
    const probe = join(folder, `.write-probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (e) {
    fail('folder_not_writable', { folder, reason: errnoOf(e) });
  }
}

/** First free name: base.sqlite, base-2.sqlite, ... so nothing existing is ever overwritten. */
export function freeDatabasePath(folder: string, base: string): string {
  for (let i = 1; ; i++) {
    const candidate = join(folder, i === 1 ? `${base}.sqlite` : `${base}-${i}.sqlite`);
    if (!existsSync(candidate) && !existsSync(`${candidate}.creating`)) return candidate;
  }
}

/** Creates, migrates and fills a new database at `file`; `fill` runs on the open connection. */
export function createDeskDatabase(file: string, fill: (db: Db) => void, key?: DataKey): Db {
  ensureWritableFolder(dirname(file));
  if (existsSync(file)) fail('already_exists', { file: basename(file) });
  const temp = `${file}.creating`;
  rmSync(temp, { force: true });
  let db: Db | undefined;
  try {
    db = openConnection(temp, { create: true, ...(key ? { key } : {}) });
    migrate(db, { file: basename(file) });
    fill(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    db = undefined;
    for (const suffix of ['-wal', '-shm']) rmSync(temp + suffix, { force: true });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  } catch (e) {
    db?.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(temp + suffix, { force: true });
    const code = errnoOf(e);
    // File-system trouble (no rights, read-only medium, disk full) is the user's to fix; say so.
    if (!(e instanceof AppFailure) && /^(E[A-Z]+|SQLITE_(CANTOPEN|READONLY|IOERR|FULL|PERM).*)$/.test(code)) {
      fail('folder_not_writable', { folder: dirname(file), reason: code });
    }
    throw e;
  }
  return openDeskDatabase(file, key);
}
