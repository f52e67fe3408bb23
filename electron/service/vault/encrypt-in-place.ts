// A plain database of the previous version becomes an encrypted one, and nothing is lost if the
// process dies at any moment: (1) the plain file is brought up to date and checkpointed, (2) a
// verified plain backup is written beside it, (3) an encrypted copy is made and checked table by
// table, (4) the key file is written, (5) the copy replaces the plain file in one rename, (6) the
// plain backup is overwritten and removed. At the next start finishEncryption() tidies whichever
// step was cut short: before (5) the plain file is still the register; after it, the encrypted one.
import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyCipher, isPlainSqlite, openConnection, type Db } from '../../../db/connection.js';
import { openDeskDatabase } from '../../../db/open.js';
import { createAccount } from '../../../db/accounts.js';
import { setSetting } from '../../../db/settings.js';
import { ROLES } from '../../../shared/auth/roles.js';
import { fail } from '../../../shared/result.js';
import type { Logger } from '../log.js';
import { databaseKey, keyFilePath, writeKeyFile, type KeyFile } from './key-file.js';

const encryptingPath = (path: string) => `${path}.encrypting`;
const plainBackupPath = (path: string) => `${path}.plain-backup`;
const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

function tableCounts(db: Db): Record<string, number> {
  const names = (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]
  ).map((r) => r.name);
  return Object.fromEntries(
    names.map((n) => [n, (db.prepare(`SELECT count(*) AS n FROM "${n.replace(/"/g, '""')}"`).get() as { n: number }).n]),
  );
}

function fsyncPath(path: string) {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } catch {
    // Directories cannot be fsynced on Windows; the rename is still atomic there.
  } finally {
    closeSync(fd);
  }
}

/** Overwrites a file with zeros before removing it, so its pages are not simply left on disk. */
export function wipeFile(path: string) {
  if (!existsSync(path)) return;
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  try {
    const zeros = Buffer.alloc(1024 * 1024);
    for (let at = 0; at < size; at += zeros.length) writeSync(fd, zeros, 0, Math.min(zeros.length, size - at), at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  rmSync(path);
}

/** The plain file, opened as every connection is: SQLite's temporary files kept in memory (db/connection.ts says why). */
function plainConnection(file: string): Db {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('temp_store = MEMORY');
  return db;
}

function verifiedCopy(from: string, to: string, expected: Record<string, number>, open: (file: string) => Db) {
  const part = `${to}.part`;
  copyFileSync(from, part);
  fsyncPath(part);
  const db = open(part);
  try {
    db.pragma('journal_mode = DELETE'); // checked without leaving a -wal and -shm beside it
    if (db.pragma('integrity_check', { simple: true }) !== 'ok') fail('db_damaged', { file: from });
    if (JSON.stringify(tableCounts(db)) !== JSON.stringify(expected)) fail('db_damaged', { file: from });
  } finally {
    db.close();
  }
  renameSync(part, to);
}

/** `afterStep` is called as each numbered step ends (tests end the process there to prove each cut is safe). */
export function encryptInPlace(
  path: string,
  opts: { keys: KeyFile; dataKey: Buffer; admin: string; log: Logger; afterStep?: (step: number) => void },
): void {
  const done = opts.afterStep ?? (() => {});
  // (1) up to date, every page in the main file.
  const plain = openDeskDatabase(path);
  const counts = tableCounts(plain);
  plain.pragma('wal_checkpoint(TRUNCATE)');
  plain.close();
  for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix) && statSync(path + suffix).size === 0) rmSync(path + suffix);
  if (existsSync(`${path}-wal`)) fail('db_open_failed', { file: path, reason: 'the database is still open elsewhere' });
  done(1);
  // (2) the plain backup, checked.
  verifiedCopy(path, plainBackupPath(path), counts, plainConnection);
  done(2);
  // (3) the encrypted copy: the same pages re-keyed, then checked and given its first account.
  const encrypting = encryptingPath(path);
  for (const suffix of SIDE_FILES) rmSync(encrypting + suffix, { force: true });
  copyFileSync(path, encrypting);
  const raw = plainConnection(encrypting);
  try {
    raw.pragma('journal_mode = DELETE');
    applyCipher(raw, databaseKey(opts.keys, opts.dataKey), 'rekey');
  } finally {
    raw.close();
  }
  const enc = openConnection(encrypting, { create: false, key: databaseKey(opts.keys, opts.dataKey) });
  try {
    if (enc.pragma('integrity_check', { simple: true }) !== 'ok' || JSON.stringify(tableCounts(enc)) !== JSON.stringify(counts))
      fail('db_damaged', { file: path });
    setSetting(enc, opts.admin, 'database_id', opts.keys.databaseId);
    createAccount(enc, opts.admin, { login: opts.admin, roles: ROLES, orgUnitId: null });
    enc.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    enc.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(encrypting + suffix, { force: true });
  fsyncPath(encrypting);
  done(3);
  // (4) the key, before the encrypted file takes the register's place.
  writeKeyFile(keyFilePath(path), opts.keys);
  done(4);
  // (5) the switch.
  renameSync(encrypting, path);
  fsyncPath(dirname(path));
  done(5);
  // (6) no plain copy left behind.
  wipeFile(plainBackupPath(path));
  for (const suffix of SIDE_FILES.slice(1)) wipeFile(plainBackupPath(path) + suffix);
  done(6);
  opts.log('info', 'database.encrypted_in_place', { tables: Object.keys(counts).length });
}

/** Tidies a conversion that was cut short, whichever step it reached; never touches the register itself. */
export function finishEncryption(path: string, log: Logger): void {
  const encrypting = encryptingPath(path);
  const leftovers = [
    ...SIDE_FILES.map((s) => encrypting + s),
    ...SIDE_FILES.map((s) => `${plainBackupPath(path)}.part${s}`),
    ...SIDE_FILES.slice(1).map((s) => plainBackupPath(path) + s),
    `${keyFilePath(path)}.tmp`,
  ].filter((f) => existsSync(f));
  const backup = existsSync(plainBackupPath(path));
  if (!leftovers.length && !backup) return;
  if (isPlainSqlite(path) && existsSync(keyFilePath(path))) {
    // Written in step 4, but the switch (5) did not happen: this key opens nothing; keep it aside.
    renameSync(keyFilePath(path), `${keyFilePath(path)}.unused-${Date.now()}`);
  }
  for (const f of leftovers) rmSync(f, { force: true });
  // Before the switch the plain file is intact; after it, the encrypted one was checked before it moved.
  if (backup && existsSync(path)) wipeFile(plainBackupPath(path));
  log('info', 'database.encryption_tidied', { leftovers: leftovers.length, backup });
}
