import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeskSession } from '../../electron/service/session.js';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { backupFolder, dailyBackup, listBackups, pruneDaily } from '../../electron/service/backups/backups.js';
import Database from 'better-sqlite3-multiple-ciphers';
import { createDeskDatabase } from '../../db/open.js';
import { applyCipher } from '../../db/connection.js';
import { LATEST_VERSION } from '../../db/migrations/index.js';
import { ROOT } from '../architecture/imports.js';
import { createCentre, REGIONAL_CENTRE, useClockedSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';
import { aCase } from '../helpers/cases.js';

const tempDir = useTempDirs();
const sessionAt = useClockedSessions();
const signIn = (s: DeskSession) =>
  dispatchAsync(s, 'auth.signIn', { login: REGIONAL_CENTRE.login, password: REGIONAL_CENTRE.password }, silentLogger);
const addCases = (s: DeskSession, from: number, n: number) => {
  for (let i = from; i < from + n; i++)
    dispatch(
      s,
      'cases.create',
      {
        case: aCase({ registerNo: `B-${i}`, uic: `КОПИ${String(10000 + i).slice(-5)}`, birthYear: 1960 + (i % 40) }),
        allowDuplicate: false,
      },
      silentLogger,
    );
};
const total = (s: DeskSession) => {
  const r = dispatch(s, 'cases.list', { page: 0 }, silentLogger);
  return r.ok ? r.value.total : -1;
};

describe('backups', () => {
  it('the first sign-in of each day makes an encrypted backup with its key file; later sign-ins that day do not', async () => {
    const clock = { now: Date.parse('2026-11-30T08:00:00Z') };
    const dir = tempDir();
    const s = sessionAt(dir, clock);
    await createCentre(s);
    addCases(s, 0, 3);
    const folder = backupFolder(dir);
    const first = listBackups(folder, s.openVault.path);
    expect(first.map((b) => [b.kind, b.counts.cases])).toEqual([['daily', 0]]); // made at the creation's sign-in
    await dispatchAsync(s, 'auth.signOut', {}, silentLogger);
    clock.now += 3 * 3600_000;
    await signIn(s);
    expect(listBackups(folder, s.openVault.path)).toHaveLength(1);
    await dispatchAsync(s, 'auth.signOut', {}, silentLogger);
    clock.now += 24 * 3600_000;
    await signIn(s);
    const two = listBackups(folder, s.openVault.path);
    expect(two.map((b) => b.counts.cases)).toEqual([3, 0]);
    for (const b of two) {
      expect(existsSync(`${b.file}.keys`)).toBe(true);
      expect(readFileSync(b.file).includes(Buffer.from('КОПИ10001'))).toBe(false);
      expect(readFileSync(b.file).subarray(0, 6).toString()).not.toBe('SQLite');
    }
    const audit = dispatch(s, 'audit.recent', { limit: 3 }, silentLogger);
    expect(audit.ok && audit.value.find((e) => e.action === 'backup')).toMatchObject({
      newValue: { kind: 'daily', chainHead: two[0]!.chainHead },
    });
  });

  it('keeps 7 daily and 4 weekly backups', () => {
    const dir = tempDir();
    const path = join(dir, 'register.sqlite');
    const db = createDeskDatabase(path, () => {});
    const folder = join(dir, 'backups');
    const start = Date.parse('2026-09-01T09:00:00Z');
    for (let day = 0; day < 60; day++) dailyBackup(db, path, undefined, folder, new Date(start + day * 86_400_000));
    db.close();
    const kept = listBackups(folder, path).map((b) => b.createdAt.slice(0, 10));
    expect(kept.slice(0, 7)).toEqual(['2026-10-30', '2026-10-29', '2026-10-28', '2026-10-27', '2026-10-26', '2026-10-25', '2026-10-24']);
    expect(kept.slice(7)).toEqual(['2026-10-18', '2026-10-11', '2026-10-04', '2026-09-27']); // the newest of each of the 4 weeks before
    expect(pruneDaily(folder, path)).toEqual([]);
    expect(readdirSync(folder).filter((f) => f.endsWith('.sqlite'))).toHaveLength(11);
  });

  it('"Back up now" to a chosen folder, then restore: counts and change log as they were, the current file kept aside, the restore logged', async () => {
    const dir = tempDir();
    const usb = tempDir();
    const s = sessionAt(dir);
    await createCentre(s);
    addCases(s, 0, 5);
    const made = await dispatchAsync(s, 'backups.create', { folder: usb }, silentLogger);
    expect(made.ok).toBe(true);
    const backup = made.ok ? made.value : null!;
    expect(backup).toMatchObject({ kind: 'manual', counts: { cases: 5 } });
    expect(existsSync(`${backup.file}.keys`)).toBe(true);
    addCases(s, 5, 4);
    expect(total(s)).toBe(9);

    const look = dispatch(s, 'backups.inspect', { path: backup.file }, silentLogger);
    expect(look).toMatchObject({ ok: true, value: { counts: { cases: 5 }, chainHead: backup.chainHead } });
    const restored = dispatch(s, 'backups.restore', { path: backup.file }, silentLogger);
    expect(restored).toMatchObject({ ok: true, value: { user: { login: REGIONAL_CENTRE.login }, database: { encrypted: true } } });
    expect(total(s)).toBe(5);
    const check = dispatch(s, 'audit.verify', {}, silentLogger);
    // The restored log is the backed-up one, whole, plus the restore entry after it.
    expect(check.ok && check.value).toMatchObject({ ok: true, checked: backup.counts.auditEntries + 1 });
    expect(readdirSync(dir).some((f) => f.startsWith('migrant-hiv-kaz.sqlite.before-restore-'))).toBe(true);
    const path = s.openVault.path;
    const log = dispatch(s, 'audit.recent', { limit: 2 }, silentLogger);
    expect(log.ok && log.value.map((e) => e.action)).toEqual(['verify', 'restore']);
    // And after a restart the restored register opens with the same password.
    s.dispose();
    const again = sessionAt(dir);
    expect((await signIn(again)).ok).toBe(true);
    expect(total(again)).toBe(5);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o077).toBe(0); // the restored file private, as the original was
  });

  it('a backup of another database, or a file that is none, is refused and nothing changes', async () => {
    const s = sessionAt(tempDir());
    await createCentre(s);
    addCases(s, 0, 2);
    const other = sessionAt(tempDir());
    await createCentre(other, { ...REGIONAL_CENTRE, login: 'Ержан', password: 'СовсемДругойПароль' });
    const theirs = await dispatchAsync(other, 'backups.create', {}, silentLogger);
    const file = theirs.ok ? theirs.value.file : '';
    expect(dispatch(s, 'backups.restore', { path: file }, silentLogger)).toMatchObject({
      ok: false,
      error: { code: 'backup_not_readable' },
    });
    expect(dispatch(s, 'backups.restore', { path: join(ROOT, 'package.json') }, silentLogger)).toMatchObject({
      ok: false,
      error: { code: 'backup_not_readable' },
    });
    expect(total(s)).toBe(2);
  });

  /** A centre with three cases and a backup of it on a USB stick, its schema version then marked as `version`. */
  async function centreWithBackupMarked(version: number) {
    const dir = tempDir();
    const s = sessionAt(dir);
    await createCentre(s);
    addCases(s, 0, 3);
    const made = dispatch(s, 'backups.create', { folder: join(dir, 'usb') }, silentLogger);
    if (!made.ok) throw new Error(made.error.code);
    const raw = new Database(made.value.file);
    applyCipher(raw, s.openKey, 'key');
    raw.pragma(`user_version = ${version}`);
    raw.close();
    return { dir, s, made };
  }

  it('a backup from a newer version of the app is refused before anything moves; the register stays open and signs in again', async () => {
    // As the next version would write it: the same file at a later schema version.
    const { dir, s, made } = await centreWithBackupMarked(LATEST_VERSION + 1);
    const path = s.openVault.path;
    const before = readdirSync(dir).sort();
    expect(dispatch(s, 'backups.inspect', { path: made.value.file }, silentLogger)).toMatchObject({
      ok: false,
      error: { code: 'db_too_new' },
    });
    expect(dispatch(s, 'backups.restore', { path: made.value.file }, silentLogger)).toMatchObject({
      ok: false,
      error: { code: 'db_too_new' },
    });
    expect(readdirSync(dir).sort()).toEqual(before); // nothing set aside, nothing put in its place
    expect(total(s)).toBe(3);
    s.dispose();
    const again = sessionAt(dir);
    await signIn(again);
    expect(again.openVault.path).toBe(path);
    expect(total(again)).toBe(3);
  });

  it('a backup that checks out but will not open (its upgrade fails) is taken back out: the register stays as it was', async () => {
    // Marked one version older than it is: opening it runs the last migration again, which fails.
    const { dir, s, made } = await centreWithBackupMarked(LATEST_VERSION - 1);
    addCases(s, 3, 2);
    expect(dispatch(s, 'backups.inspect', { path: made.value.file }, silentLogger).ok).toBe(true);
    expect(dispatch(s, 'backups.restore', { path: made.value.file }, silentLogger).ok).toBe(false);
    expect(total(s)).toBe(5); // the register, open again, as it was before the attempt
    const files = readdirSync(dir);
    expect(files.filter((f) => f.includes('.before-restore-'))).toEqual([]);
    expect(files.filter((f) => f.includes('.restore-failed-'))).toHaveLength(1);
    s.dispose();
    const again = sessionAt(dir);
    await signIn(again);
    expect(total(again)).toBe(5);
  });

  it('killed at random moments while backing up, no file is left that looks like a good backup', async () => {
    const dir = tempDir();
    const s = sessionAt(dir);
    await createCentre(s);
    addCases(s, 0, 300);
    const path = s.openVault.path;
    const { cipher } = s.openKey;
    const hex = s.openKey.bytes.toString('hex'); // before dispose() wipes the key in memory
    s.dispose();
    const dist = (p: string) => join(ROOT, 'dist', 'node', p);
    const script = `
      const { openDeskDatabase } = await import(${JSON.stringify(dist('db/open.js'))});
      const { writeBackup } = await import(${JSON.stringify(dist('electron/service/backups/backups.js'))});
      const key = { bytes: Buffer.from(${JSON.stringify(hex)}, 'hex'), cipher: ${JSON.stringify(cipher)} };
      const db = openDeskDatabase(${JSON.stringify(path)}, key);
      process.stdout.write('start\\n');
      for (let i = 0; i < 1000; i++) writeBackup(db, ${JSON.stringify(path)}, key, ${JSON.stringify(join(dir, 'usb'))}, 'manual', new Date(Date.UTC(2026, 0, 1, 0, 0, i)));`;
    let started = 0; // runs that opened the database and began copying (a child that cannot open proves nothing)
    for (let run = 0; run < 6; run++) {
      await new Promise<void>((done) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        child.stdout.on('data', () => {
          started++;
          setTimeout(() => child.kill('SIGKILL'), 50 + Math.random() * 400);
        });
        child.on('exit', () => done());
      });
    }
    expect(started).toBe(6);
    const again = sessionAt(dir);
    await signIn(again);
    // However many copies each run finished before its kill (none, on a slow machine), and a new one made after:
    const made = dispatch(again, 'backups.create', { folder: join(dir, 'usb') }, silentLogger);
    expect(made.ok).toBe(true);
    const listed = listBackups(join(dir, 'usb'), path);
    expect(listed.length).toBeGreaterThan(0);
    // Every file that looks like a backup (a .sqlite with its manifest) opens and checks out.
    for (const b of listed)
      expect(dispatch(again, 'backups.inspect', { path: b.file }, silentLogger), b.file).toMatchObject({
        ok: true,
        value: { counts: { cases: 300 } },
      });
    expect(readdirSync(join(dir, 'usb')).filter((f) => f.endsWith('.sqlite')).length).toBe(listed.length);
  });

  it('a database found damaged at sign-in offers the newest backup that opens with its key, and restores it for the same account', async () => {
    const clock = { now: Date.parse('2026-11-29T08:00:00Z') };
    const dir = tempDir();
    const s = sessionAt(dir, clock);
    await createCentre(s); // the 29th's backup: no cases
    addCases(s, 0, 6);
    await dispatchAsync(s, 'auth.signOut', {}, silentLogger);
    clock.now += 86_400_000;
    await signIn(s); // the 30th's backup: six cases
    addCases(s, 6, 2);
    const path = s.openVault.path;
    s.dispose();
    const { readFileSync: read, writeFileSync: write } = await import('node:fs');
    const bytes = read(path);
    bytes.fill(0x5a, 4096, 4096 + 64); // the second page: the schema's tables do not read
    write(path, bytes);

    const again = sessionAt(dir, clock);
    const r = await signIn(again);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'db_damaged', params: { file: 'migrant-hiv-kaz.sqlite', backupAt: '2026-11-30T08:00:00.000Z' } },
    });
    expect(again.status().signIn).toMatchObject({ damagedBackupAt: '2026-11-30T08:00:00.000Z' });
    // Nothing is armed by that failure: the restore asks for the password again.
    expect(
      await dispatchAsync(again, 'auth.restoreLatest', { login: REGIONAL_CENTRE.login, password: 'not-the-password' }, silentLogger),
    ).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
    const restored = await dispatchAsync(
      again,
      'auth.restoreLatest',
      { login: REGIONAL_CENTRE.login, password: REGIONAL_CENTRE.password },
      silentLogger,
    );
    expect(restored).toMatchObject({ ok: true, value: { user: { login: REGIONAL_CENTRE.login }, database: { encrypted: true } } });
    expect(total(again)).toBe(6); // the two cases typed after the backup are what is lost: said on the screen
    expect(readdirSync(dir).filter((f) => f.includes('.before-restore-'))).toHaveLength(1); // the damaged file kept aside
    const log = dispatch(again, 'audit.recent', { limit: 5 }, silentLogger);
    expect(log.ok && log.value.find((e) => e.action === 'restore')).toMatchObject({ newValue: { reason: 'damaged', cases: 6 } });
    await dispatchAsync(again, 'auth.signOut', {}, silentLogger);
    expect(again.status().signIn).toMatchObject({ damagedBackupAt: null }); // the offer is gone with the damage
  });
});
