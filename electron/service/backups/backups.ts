// Backups of the open database: written with VACUUM INTO (an encrypted database gives a copy
// encrypted with the same key), to a ".part" file that is checked (key, integrity, schema, counts)
// before it is renamed, so a crash never leaves a file that looks like a good backup. Beside each
// copy: the key file of that moment (a backup must open even if the database's own key file is
// lost) and a small manifest (date, counts, the change log's chain head).
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { openConnection, type DataKey, type Db } from '../../../db/connection.js';
import { chainHead } from '../../../db/audit-chain.js';
import { schemaVersion } from '../../../db/migrate.js';
import { LATEST_VERSION } from '../../../db/migrations/index.js';
import { fail } from '../../../shared/result.js';
import { BackupInfoSchema, type BackupInfo } from '../../../shared/backups/api.js';
import { keyFilePath } from '../vault/key-file.js';

export const backupFolder = (dataDir: string) => join(dataDir, 'backups');
const stem = (databasePath: string) => basename(databasePath).replace(/\.sqlite$/i, '');
const manifestPath = (file: string) => `${file}.json`;

function counts(db: Db): BackupInfo['counts'] {
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    cases: n('SELECT count(*) AS n FROM hiv_case WHERE deleted_at IS NULL'),
    events: n('SELECT count(*) AS n FROM case_event'),
    formValues: n('SELECT count(*) AS n FROM data_value'),
    auditEntries: n('SELECT count(*) AS n FROM audit_log'),
  };
}

/** Opens a backup with the key and says what it holds; refuses one that does not open or does not check out. */
export function inspectBackupFile(file: string, key: DataKey | undefined): Omit<BackupInfo, 'file' | 'kind' | 'bytes'> {
  if (!existsSync(file) || !statSync(file).isFile()) fail('file_not_found', { file: basename(file) });
  let db: Db | undefined;
  try {
    db = openConnection(file, { create: false, ...(key ? { key } : {}), readonly: true });
    if (db.pragma('integrity_check', { simple: true }) !== 'ok') fail('backup_not_readable', { file: basename(file) });
    // A backup from a newer version of the app would not open once in place: refused before anything moves.
    const version = schemaVersion(db);
    if (version > LATEST_VERSION) fail('db_too_new', { file: basename(file), found: version, supported: LATEST_VERSION });
    const createdAt = (db.prepare(`SELECT max(at) AS at FROM audit_log`).get() as { at: string | null }).at ?? '';
    return { createdAt, schemaVersion: version, counts: counts(db), chainHead: chainHead(db).hash };
  } catch (e) {
    const code = (e as { error?: { code?: string } }).error?.code;
    if (code === 'backup_not_readable' || code === 'db_too_new') throw e;
    return fail('backup_not_readable', { file: basename(file) });
  } finally {
    db?.close();
  }
}

/** Writes a checked backup of `db` into `folder`; `kind` names it (daily ones are pruned, manual ones kept). */
export function writeBackup(
  db: Db,
  databasePath: string,
  key: DataKey | undefined,
  folder: string,
  kind: 'daily' | 'manual',
  now = new Date(),
): BackupInfo {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  // Milliseconds in the name, and a free name if two copies still meet: one never overwrites another.
  const at = now.toISOString().slice(0, 23).replace(/[:T.]/g, '-');
  let name = `${stem(databasePath)}-${kind}-${at}.sqlite`;
  for (let i = 2; existsSync(join(folder, name)); i++) name = `${stem(databasePath)}-${kind}-${at}-${i}.sqlite`;
  const file = join(folder, name);
  const part = `${file}.part`;
  rmSync(part, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(part);
    const checked = inspectBackupFile(part, key);
    const live = counts(db);
    if (JSON.stringify(checked.counts) !== JSON.stringify(live) || checked.schemaVersion !== schemaVersion(db))
      fail('backup_not_readable', { file: name });
    if (key) copyFileSync(keyFilePath(databasePath), keyFilePath(file));
    const info: BackupInfo = BackupInfoSchema.parse({ ...checked, createdAt: now.toISOString(), file, kind, bytes: statSync(part).size });
    writeFileSync(manifestPath(file), JSON.stringify(info, null, 1), { mode: 0o600 });
    chmodSync(part, 0o600);
    renameSync(part, file);
    return info;
  } catch (e) {
    for (const f of [part, `${part}-wal`, `${part}-shm`, `${part}-journal`]) rmSync(f, { force: true });
    throw e;
  }
}

/** Backups of this database in a folder, newest first (those whose manifest reads). */
export function listBackups(folder: string, databasePath: string): BackupInfo[] {
  if (!existsSync(folder)) return [];
  // Exactly this database's names: "register-daily-…", never "register-2-daily-…" of a neighbour.
  const ours = new RegExp(
    `^${stem(databasePath).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(daily|manual)-\\d{4}-\\d{2}-\\d{2}-[\\d-]+\\.sqlite$`,
  );
  const found: BackupInfo[] = [];
  for (const f of readdirSync(folder)) {
    if (!ours.test(f)) continue;
    const file = join(folder, f);
    try {
      found.push(BackupInfoSchema.parse({ ...JSON.parse(readFileSync(manifestPath(file), 'utf8')), file }));
    } catch {
      // A copy without its manifest is not ours to list (or is damaged): left alone.
    }
  }
  return found.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

const dayOf = (iso: string) => iso.slice(0, 10);
function weekOf(iso: string): string {
  const d = new Date(`${dayOf(iso)}T00:00:00Z`);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  return dayOf(monday.toISOString());
}

/** Keeps the newest daily backup of each of the last 7 days it has, and of 4 weeks before them; removes the rest. */
export function pruneDaily(folder: string, databasePath: string): string[] {
  const daily = listBackups(folder, databasePath).filter((b) => b.kind === 'daily');
  const keep = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const b of daily) {
    if (days.size < 7 && !days.has(dayOf(b.createdAt))) {
      days.add(dayOf(b.createdAt));
      keep.add(b.file);
    } else if (
      !days.has(dayOf(b.createdAt)) &&
      weeks.size < 4 &&
      !weeks.has(weekOf(b.createdAt)) &&
      ![...days].some((d) => weekOf(`${d}T00:00:00Z`) === weekOf(b.createdAt))
    ) {
      weeks.add(weekOf(b.createdAt));
      keep.add(b.file);
    }
  }
  const removed = daily.filter((b) => !keep.has(b.file)).map((b) => b.file);
  for (const f of removed) for (const x of [f, keyFilePath(f), manifestPath(f)]) rmSync(x, { force: true });
  return removed;
}

/** At the first sign-in of a day: one daily backup, then the old ones pruned. */
export function dailyBackup(db: Db, databasePath: string, key: DataKey | undefined, folder: string, now = new Date()): BackupInfo | null {
  const today = dayOf(now.toISOString());
  if (listBackups(folder, databasePath).some((b) => b.kind === 'daily' && dayOf(b.createdAt) === today)) return null;
  const info = writeBackup(db, databasePath, key, folder, 'daily', now);
  pruneDaily(folder, databasePath);
  return info;
}
