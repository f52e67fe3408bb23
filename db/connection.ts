// Opening a database file safely: refuse what is not ours or is too new *before* anything writes
// to it (even WAL mode rewrites the header), then set the pragmas every connection needs.
import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { fail } from '../shared/result.js';
import { rememberSource } from './count-reader.js';

export type Db = Database.Database;

/** 'MIHV' — marks a file as this program's, so a foreign SQLite file is never migrated. */
export const APPLICATION_ID = 0x4d494856;
const SQLITE_HEADER = 'SQLite format 3\u0000';

export type Inspection = { applicationId: number; userVersion: number; tableCount: number };

/**
 * How an encrypted database's pages are sealed, both from SQLite3 Multiple Ciphers, both
 * authenticated (a changed page reads as damage, not as other data):
 * - 'aegis-256', for every database created since 2026-11-30: AEGIS-256 (an AEAD built on the AES
 *   round, so AES-NI runs it), a random nonce and a 256-bit tag per page. Measured in npm run bench:
 *   case inserts at ~100% of the unencrypted rate.
 * - 'sqlcipher-4', the databases created before: SQLCipher 4 pages (AES-256-CBC + HMAC-SHA512),
 *   which opens in SQLCipher's own tools but inserts at ~65% of the unencrypted rate (21 pages
 *   written per saved case, each hashed in portable C). Such a database keeps its cipher.
 * The key file beside the database names the cipher; the key is raw (no passphrase KDF per open).
 */
export const CIPHERS = {
  'aegis-256': [`cipher = 'aegis'`, `algorithm = 'aegis-256'`],
  'sqlcipher-4': [`cipher = 'sqlcipher'`, 'legacy = 4'],
} as const;
export type CipherName = keyof typeof CIPHERS;
export const CIPHER_NAMES = Object.keys(CIPHERS) as [CipherName, ...CipherName[]];
export const NEW_DATABASE_CIPHER: CipherName = 'aegis-256';

/** The data key of an encrypted database and the cipher it was written with. */
export type DataKey = { bytes: Buffer; cipher: CipherName };

/** The cipher's settings, then the key: for `rekey` (a plain file being encrypted) or `key` (every open). */
export function applyCipher(db: Db, key: DataKey, pragma: 'key' | 'rekey'): void {
  if (key.bytes.length !== 32) throw new Error('a data key is 32 bytes');
  for (const setting of CIPHERS[key.cipher]) db.pragma(setting);
  db.pragma(`${pragma} = "x'${key.bytes.toString('hex')}'"`);
}

/** Applies the key before the first read: SQLite3 Multiple Ciphers then reads and writes pages (and the WAL) encrypted. */
function applyKey(db: Db, key: DataKey | undefined) {
  if (key) applyCipher(db, key, 'key');
  // Statement journals, sorts and temporary tables in memory: SQLite writes them to temporary files
  // (etilqs_*) that are not encrypted, so pages of the register would reach the disk in clear (a
  // package of 100,000 cases wrote 300,000 pages there). In memory they also cost no system calls:
  // importing 100,000 cases measured ~1.8x as fast. A statement's journal holds only the pages it changes.
  db.pragma('temp_store = MEMORY');
}

/** A plain SQLite file starts with its magic string; an encrypted one with random salt. */
export function isPlainSqlite(file: string): boolean {
  return existsSync(file) && statSync(file).isFile() && readHeader(file) === SQLITE_HEADER;
}

function readHeader(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

function sqliteReason(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' ? code : 'unknown';
}

/** SQLite's word for pages that do not read as they should: a damaged file, not a fault of ours. */
export const isDamage = (e: unknown): boolean => /^SQLITE_(CORRUPT|NOTADB)/.test(sqliteReason(e));

/** Read-only look at an existing file: is it SQLite, whose, and which schema version. */
export function inspectDatabase(file: string, key?: DataKey): Inspection {
  const name = basename(file);
  if (!existsSync(file)) fail('file_not_found', { file: name });
  if (!statSync(file).isFile()) fail('not_sqlite', { file: name });
  // An encrypted file has no readable header: only its key tells it from any other file.
  if (!key && readHeader(file) !== SQLITE_HEADER) fail('not_sqlite', { file: name });
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    applyKey(db, key);
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    const tableCount = (db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }).n;
    return { applicationId, userVersion, tableCount };
  } catch (e) {
    // The header said SQLite: what does not read past it is a damaged database.
    if (isDamage(e)) fail('db_damaged', { file: name });
    return fail('db_open_failed', { file: name, reason: sqliteReason(e) });
  } finally {
    db?.close();
  }
}

/** Open for work: WAL for crash safety with concurrent readers, FULL sync so a power cut loses nothing acknowledged. */
export function openConnection(file: string, opts: { create: boolean; key?: DataKey; readonly?: boolean }): Db {
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: !opts.create, readonly: opts.readonly ?? false });
  } catch (e) {
    return fail('db_open_failed', { file: basename(file), reason: sqliteReason(e) });
  }
  try {
    applyKey(db, opts.key);
    // A read-only look (a backup being checked) changes nothing in the file, not even its journal mode.
    if (opts.readonly) {
      db.prepare('SELECT count(*) FROM sqlite_master').get(); // the key is tried here: NOTADB if wrong
      return db;
    }
    db.pragma('journal_mode = WAL');
    // Deleted rows are overwritten, not left in free pages for anyone with the file (and the key).
    db.pragma('secure_delete = ON');
    // Checkpoint every 8,000 pages (32 MB) rather than 1,000: a page changed by many saves is copied
    // back (and, encrypted, decrypted and encrypted again) once. Measured in npm run bench: 20,000
    // cases through the repository 15% faster unencrypted, 26% encrypted.
    db.pragma('wal_autocheckpoint = 8000');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A register of 100,000 cases is tens of MB: keep it in memory rather than re-reading pages.
    db.pragma('cache_size = -65536');
    db.pragma('mmap_size = 268435456');
    rememberSource(db, file, opts.key);
    return db;
  } catch (e) {
    db.close();
    if (isDamage(e)) fail('db_damaged', { file: basename(file) });
    return fail('db_open_failed', { file: basename(file), reason: sqliteReason(e) });
  }
}

/**
 * Runs `work` in a write transaction that takes the write lock at BEGIN (IMMEDIATE). A deferred
 * one reads first and, if another connection wrote meanwhile, fails at its first write without
 * waiting (SQLITE_BUSY / BUSY_SNAPSHOT: a quarter of saves with two windows open); an immediate
 * one waits its turn within busy_timeout. Inside another transaction it is a savepoint.
 */
export function writeTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work).immediate();
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per connection: repositories call this on hot paths. */
export function stmt(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}
