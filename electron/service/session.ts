// The back end's state for one running app: the data folder, its config and the open database.
// Plain Node: the same object serves Electron IPC and the HTTP bridge.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { createDeskDatabase, ensureWritableFolder, freeDatabasePath, openDeskDatabase } from '../../db/open.js';
import { CIPHER_NAMES, inspectDatabase, isPlainSqlite, type DataKey, type Db } from '../../db/connection.js';
import { accountByLogin, createAccount } from '../../db/accounts.js';
import { latestDiagnosisYear } from '../../db/cases.js';
import { subtree } from '../../db/indicators.js';
import { PERMISSIONS, ROLES, grants, type Permission, type Role } from '../../shared/auth/roles.js';
import { loginKey } from '../../shared/auth/password-rules.js';
import type { SessionUser } from '../../shared/auth/api.js';
import { databaseKey, keyFilePath, passwordSlot, readKeyFile, writeKeyFile, type KeyFile } from './vault/key-file.js';
import { createVault, unlockWithPassword, unlockWithRecoveryCode, withPassword } from './vault/vault.js';
import { LoginThrottle } from './auth/throttle.js';
import { forget, recall, remember, rememberedLogin, type DeviceSealer } from './vault/remembered.js';
import { finishEncryption, encryptInPlace } from './vault/encrypt-in-place.js';
import { backupFolder, dailyBackup, inspectBackupFile, listBackups } from './backups/backups.js';
import type { BackupInfo } from '../../shared/backups/api.js';
import { chmodSync, copyFileSync, renameSync } from 'node:fs';
import { schemaVersion } from '../../db/migrate.js';
import { getSetting, setSetting, suppressionMaxCount } from '../../db/settings.js';
import { ensureFacility, orgUnitPath } from '../../db/org-units.js';
import { changeWithAudit } from '../../db/audit.js';
import { AppFailure, appError, fail, type AppError } from '../../shared/result.js';
import type { AppStatus, CreateCentreInput, DatabaseInfo, JobProgress, Language } from '../../shared/contract.js';
import { AsyncLocalStorage } from 'node:async_hooks';
import { readConfig, writeConfig, type AppConfig } from './app-config.js';
import { DEMO_ACTOR, fillDemo } from './demo.js';
import { consoleLogger, type Logger } from './log.js';
import { tidyExports } from './exports/files.js';
import type { ExportRetention } from '../../shared/exports/api.js';
import { DEFAULT_UIC_PATTERN } from '../../shared/cases/uic.js';
import { corrections } from '../../db/translations.js';
import { setCorrections } from '../../shared/i18n/languages.js';

export type SessionOptions = {
  dataDir: string;
  appVersion: string;
  logger?: Logger;
  /** The host's Save As dialog (Electron's); a browser has none and downloads instead. */
  chooseSavePath?: (suggestedName: string) => Promise<string | null>;
  /** The host's Open dialog for a database file (Electron's); a browser has none and lists the data folder instead. */
  chooseOpenPath?: (startIn: string) => Promise<string | null>;
  /** The host's print of the window to a PDF the user places (Electron's printToPDF); a browser prints itself. */
  printToPdf?: (suggestedName: string) => Promise<string | null>;
  /** The clock, for the sign-in delay (tests move it). */
  now?: () => number;
  /** The operating system's key store (Electron's safeStorage), for "remember on this computer"; none in a browser. */
  sealer?: DeviceSealer;
};

/** Who is working: an account of a centre's database, or the demo's implicit user. */
type User = {
  login: string;
  roles: readonly Role[];
  demo: boolean;
  /** Limited to this unit and those below it; null: all. */ orgUnitId?: number | null;
};
const DEMO_USER: User = { login: DEMO_ACTOR, roles: ROLES, demo: true };

/** An open encrypted database's key file and data key, kept while it is open (for password changes, backups). */
type Vault = { path: string; keys: KeyFile; dataKey: Buffer };

/** Whether the file opens with the same key under the other cipher (read-only: nothing is written). */
function opensWithAnotherCipher(path: string, key: DataKey): boolean {
  return CIPHER_NAMES.filter((c) => c !== key.cipher).some((cipher) => {
    try {
      inspectDatabase(path, { bytes: key.bytes, cipher });
      return true;
    } catch {
      return false;
    }
  });
}

/** A backup to restore is never the database itself, its -wal or -shm, its key file or an earlier aside. */
function notTheLiveFile(databasePath: string, file: string): string {
  const live = resolve(databasePath);
  const source = resolve(file);
  if (source === live || source.startsWith(`${live}-`) || source.startsWith(`${live}.`))
    fail('backup_not_readable', { file: basename(file) });
  return source;
}

/** The job a call runs in, carried across its awaits: its rows are counted to it alone. */
const runningJob = new AsyncLocalStorage<JobProgress>();

export class DeskSession {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly chooseSavePath: SessionOptions['chooseSavePath'];
  readonly chooseOpenPath: SessionOptions['chooseOpenPath'];
  readonly printToPdf: SessionOptions['printToPdf'];
  private readonly log: Logger;
  private config: AppConfig;
  private db: Db | null = null;
  private openError: AppError | null = null;
  private user: User | null = null;
  private vault: Vault | null = null;
  private locked = false;
  /** An encrypted database waiting for a sign-in. */
  private pendingPath: string | null = null;
  /** A plain centre database of the previous version, waiting for its administrator to encrypt it. */
  private conversionPath: string | null = null;
  readonly throttle: LoginThrottle;
  private readonly sealer: DeviceSealer | undefined;

  constructor(opts: SessionOptions) {
    this.dataDir = resolve(opts.dataDir);
    this.appVersion = opts.appVersion;
    this.chooseSavePath = opts.chooseSavePath;
    this.chooseOpenPath = opts.chooseOpenPath;
    this.printToPdf = opts.printToPdf;
    this.log = opts.logger ?? consoleLogger;
    this.now = opts.now ?? Date.now;
    this.sealer = opts.sealer;
    this.throttle = new LoginThrottle(this.now);
    ensureWritableFolder(this.dataDir);
    this.config = readConfig(this.dataDir);
    const tidied = tidyExports(this.dataDir, this.config.exportRetention);
    if (tidied.parts || tidied.expired) this.log('info', 'exports.tidied', tidied);
    if (this.config.database) this.tryReopen(this.config.database.path);
  }

  /** At start, the remembered file may have gone bad or been replaced: say why, keep going. The app always starts. */
  private tryReopen(path: string) {
    try {
      this.admit(path);
    } catch (e) {
      this.openError =
        e instanceof AppFailure
          ? e.error
          : appError('db_open_failed', {
              file: basename(path),
              reason: String((e as { code?: unknown })?.code ?? (e instanceof Error ? e.name : 'unknown')),
            });
      this.log('warn', 'database.reopen_failed', { code: this.openError.code });
    }
  }

  get database(): Db {
    return this.db ?? fail('no_database');
  }

  /** The org unit new records belong to and figures default to: the account's own if it is limited to one, else the installation's. */
  get orgUnitId(): number {
    return this.user?.orgUnitId ?? (Number(getSetting(this.database, 'installation_org_unit')) || fail('no_database'));
  }

  /** The units an account limited to one may see (it and those below it); null: all. */
  get scope(): ReadonlySet<number> | null {
    const unit = this.user?.orgUnitId;
    return unit ? new Set(subtree(this.database, unit)) : null;
  }

  /**
   * The unit a call names, or the default one, if the account may see it. Outside its scope the
   * answer is "not found", as for a unit that does not exist: nothing said about what is there.
   */
  unit(requested?: number | null): number {
    const unit = requested ?? this.orgUnitId;
    const scope = this.scope;
    if (scope && !scope.has(unit)) fail('not_found');
    return unit;
  }

  /** For work that spans the whole country (the fact sheet): only an account not limited to a unit. */
  requireWholeScope(): void {
    if (this.scope) fail('forbidden');
  }

  /** The change log's "who": the signed-in account, never a typed name. */
  get actor(): string {
    return this.user?.login ?? fail('signed_out');
  }

  /** Whether the current caller may use a channel needing `permission`; the one check, made by dispatch. */
  allows(permission: Permission): 'yes' | 'forbidden' | 'signed_out' | 'locked' {
    if (permission === 'open') return 'yes';
    if (permission === 'setup') return this.db ? 'forbidden' : 'yes';
    if (!this.user || !this.db) return 'signed_out';
    // The back end keeps its own idle clock too: a page that never locked (closed, or a new link
    // opened later) finds the session locked all the same.
    if (!this.user.demo && !this.locked && this.now() - this.lastActivity > this.idleMinutes() * 60_000) this.locked = true;
    if (this.locked) return 'locked';
    this.lastActivity = this.now();
    return grants(this.user.roles, permission) ? 'yes' : 'forbidden';
  }

  private lastActivity = 0;
  private idleMinutes(): number {
    return Number(getSetting(this.database, 'idle_lock_minutes')) || 10;
  }

  private sessionUser(): SessionUser | null {
    const u = this.user;
    return u
      ? {
          login: u.login,
          roles: [...u.roles],
          demo: u.demo,
          orgUnitId: u.orgUnitId ?? null,
          permissions: PERMISSIONS.filter((p) => p === 'open' || (p !== 'setup' && grants(u.roles, p))),
        }
      : null;
  }

  /** The language the person works in: the sheet's words are written and read in it unless a call names another. */
  get language(): Language {
    return this.config.language;
  }

  status(): AppStatus {
    const open = this.db && this.config.database;
    return {
      appVersion: this.appVersion,
      language: this.config.language,
      operator: this.user?.login ?? null,
      user: this.sessionUser(),
      locked: this.locked,
      signIn: this.pendingPath
        ? {
            file: basename(this.pendingPath),
            damagedBackupAt: this.damaged?.path === this.pendingPath ? this.damaged.backupAt : null,
            remembered: this.rememberedHere(),
          }
        : null,
      canRemember: this.sealer !== undefined,
      canBrowse: this.chooseOpenPath !== undefined,
      recent: this.config.recent.map((path) => ({ path, file: basename(path), exists: existsSync(path) })),
      conversion: this.conversionPath ? { file: basename(this.conversionPath) } : null,
      database: open ? this.describe(this.db!, this.config.database!.path, this.config.database!.kind) : null,
      openError: this.openError,
      defaultFolder: this.dataDir,
      exportRetention: this.config.exportRetention,
    };
  }

  private describe(db: Db, path: string, kind: 'demo' | 'centre'): DatabaseInfo {
    const unitId = Number(getSetting(db, 'installation_org_unit'));
    return {
      kind,
      path,
      schemaVersion: schemaVersion(db),
      orgUnitPath: unitId ? orgUnitPath(db, unitId) : [],
      uicPattern: getSetting(db, 'uic_pattern') ?? DEFAULT_UIC_PATTERN,
      suppressionMaxCount: suppressionMaxCount(db),
      idleLockMinutes: Number(getSetting(db, 'idle_lock_minutes')) || 10,
      encrypted: this.vault !== null,
      latestYear: latestDiagnosisYear(db),
    };
  }

  private save(next: Partial<AppConfig>) {
    const config = { ...this.config, ...next };
    const opened = next.database?.kind === 'centre' ? next.database.path : null;
    if (opened) config.recent = [opened, ...config.recent.filter((p) => p !== opened)].slice(0, 8);
    writeConfig(this.dataDir, config);
    this.config = config;
  }

  /** Applied at the next start, so nothing the user is looking at goes while they look. */
  setExportRetention(retention: ExportRetention): AppStatus {
    this.save({ exportRetention: retention });
    this.log('info', 'settings.export_retention', retention);
    return this.status();
  }

  setLanguage(language: Language): AppStatus {
    this.save({ language });
    return this.status();
  }

  private use(db: Db, path: string, kind: 'demo' | 'centre', user: User, vault: Vault | null) {
    this.closeQuietly(); // a new tenure
    this.db = db;
    this.user = user;
    this.vault = vault;
    this.openError = null;
    this.pendingPath = null;
    this.conversionPath = null;
    this.damaged = null;
    this.lastActivity = this.now();
    this.save({ database: { path, kind }, operator: null });
    // The centre's corrected texts go into every file the back end writes while this database is open.
    setCorrections(corrections(db));
    if (vault) this.backUpToday();
  }

  /** The day's first sign-in makes the day's backup; a failure is logged and said nowhere else (work goes on). */
  private backUpToday() {
    try {
      const info = dailyBackup(this.database, this.openVault.path, this.openKey, backupFolder(this.dataDir), new Date(this.now()));
      if (info)
        changeWithAudit(this.database, this.actor, (record) =>
          record({
            action: 'backup',
            entity: 'database',
            entityId: basename(info.file),
            newValue: { kind: 'daily', chainHead: info.chainHead, cases: info.counts.cases },
          }),
        );
    } catch (e) {
      this.log('warn', 'backup.daily_failed', {
        code: e instanceof AppFailure ? e.error.code : String((e as { code?: unknown })?.code ?? 'unknown'),
      });
    }
  }

  /**
   * Replaces the open database with a backup of it (same key): the backup is checked first, the
   * current file is kept aside (".before-restore-…"), and the restore is written to the change log.
   */
  restoreBackup(file: string): AppStatus {
    const vault = this.openVault;
    const login = this.actor;
    const { path, keys } = vault;
    const dataKey = Buffer.from(vault.dataKey);
    const key = databaseKey(keys, dataKey);
    inspectBackupFile(notTheLiveFile(path, file), key); // checked before anything moves
    this.db!.pragma('wal_checkpoint(TRUNCATE)');
    this.db!.close();
    this.db = null;
    this.generation++; // work started on the file before the restore ends with it
    this.exportsMade.clear();
    const { info, aside } = this.putBackupInPlace(path, file, key);
    let db: Db;
    try {
      db = openDeskDatabase(path, key);
    } catch (e) {
      // It checked out but does not open (a migration failed, say): the register goes back where it was.
      this.putAsideBack(path, aside);
      this.db = openDeskDatabase(path, key);
      throw e;
    }
    this.db = db;
    this.vault = { path, keys, dataKey };
    setCorrections(corrections(db));
    changeWithAudit(db, login, (record) =>
      record({
        action: 'restore',
        entity: 'database',
        entityId: basename(file),
        newValue: { backupTakenAt: info.createdAt, cases: info.counts.cases, chainHead: info.chainHead, keptAside: basename(aside) },
      }),
    );
    // The restored file has its own accounts: the one who restored stays only as what it says.
    const account = accountByLogin(db, login);
    if (!account || account.disabled) return this.signOut();
    this.user = { login: account.login, roles: account.roles, demo: false, orgUnitId: account.orgUnitId };
    return this.status();
  }

  /**
   * The (closed) database file is moved aside and a checked backup put in its place: the copy is
   * made first (".restoring"), so a pulled USB stick or a full disk leaves the current file where
   * it was; the live file itself, its side files and earlier asides are refused as sources.
   */
  private putBackupInPlace(path: string, file: string, key: DataKey) {
    const source = notTheLiveFile(path, file);
    const info = inspectBackupFile(source, key);
    const restoring = `${path}.restoring`;
    try {
      copyFileSync(source, restoring);
      inspectBackupFile(restoring, key); // the copy as read back, before anything moves
    } catch (e) {
      rmSync(restoring, { force: true });
      throw e;
    }
    const aside = `${path}.before-restore-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
    if (existsSync(path)) renameSync(path, aside);
    for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
    renameSync(restoring, path);
    chmodSync(path, 0o600);
    this.log('info', 'backup.restored', { cases: info.counts.cases });
    return { info, aside };
  }

  /** Undoes a restore whose file would not open: it is kept as ".restore-failed-…", the register put back. */
  private putAsideBack(path: string, aside: string) {
    const failed = `${path}.restore-failed-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, failed + suffix);
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(aside + suffix)) renameSync(aside + suffix, path + suffix);
    this.log('error', 'backup.restore_undone', {});
  }

  /**
   * After a sign-in found the database damaged: the password again (nothing is kept armed between
   * calls), then the newest backup that checks out with the key takes the file's place and the same
   * account is signed in.
   */
  restoreLatestGood(login: string, password: string): Promise<AppStatus> {
    return this.inTurn(() => this.restoreLatestGoodNow(login, password));
  }

  private async restoreLatestGoodNow(login: string, password: string): Promise<AppStatus> {
    const { path, keys, dataKey } = await this.unlockPending((k) => unlockWithPassword(k, login, password));
    const key = databaseKey(keys, dataKey);
    try {
      openDeskDatabase(path, key).close();
      return this.enter(path, keys, dataKey, login, 'sign_in'); // not damaged (any more): a plain sign-in
    } catch (e) {
      if (!(e instanceof AppFailure) || e.error.code !== 'db_damaged') throw e;
    }
    const backup = this.goodBackup(path, key) ?? fail('db_damaged', { file: basename(path) });
    const { info, aside } = this.putBackupInPlace(path, backup.file, key);
    const status = this.enter(path, keys, dataKey, login, 'sign_in');
    changeWithAudit(this.database, this.actor, (record) =>
      record({
        action: 'restore',
        entity: 'database',
        entityId: basename(backup.file),
        newValue: {
          backupTakenAt: info.createdAt,
          cases: info.counts.cases,
          chainHead: info.chainHead,
          keptAside: basename(aside),
          reason: 'damaged',
        },
      }),
    );
    return status.database ? this.status() : status;
  }

  /** The newest backup of this database that opens and checks out with its key. */
  private goodBackup(path: string, key: DataKey): BackupInfo | null {
    return (
      listBackups(backupFolder(this.dataDir), path).find((b) => {
        try {
          inspectBackupFile(b.file, key);
          return true;
        } catch {
          return false;
        }
      }) ?? null
    );
  }

  /** Shown on the sign-in screen after a sign-in found the file damaged: which backup could replace it (no key kept). */
  private damaged: { path: string; backupAt: string } | null = null;

  private readonly now: () => number;

  private closeQuietly() {
    this.generation++;
    this.exportsMade.clear();
    this.db?.close();
    this.db = null;
    setCorrections({});
    this.user = null;
    this.vault?.dataKey.fill(0);
    this.vault = null;
    this.locked = false;
  }

  /**
   * Takes a database file in: a plain demo opens at once; a plain centre database of the previous
   * version waits for its administrator (it is encrypted first); an encrypted one waits for a sign-in.
   */
  private admit(path: string): void {
    if (isPlainSqlite(path)) {
      finishEncryption(path, this.log); // a conversion cut short: put things as they were
      if (!isPlainSqlite(path)) return this.admit(path);
      const db = openDeskDatabase(path);
      if (getSetting(db, 'database_kind') === 'demo' || basename(path) === 'demo.sqlite') {
        this.use(db, path, 'demo', DEMO_USER, null);
        return;
      }
      db.close();
      this.closeQuietly();
      this.conversionPath = path;
      this.pendingPath = null;
      this.save({ database: { path, kind: 'centre' } });
      return;
    }
    finishEncryption(path, this.log);
    // Not plain SQLite: our encrypted database, or not a database at all. Encrypted pages look
    // random; whole 4 KB pages without a key file beside them are taken for a key file lost.
    if (!existsSync(keyFilePath(path))) {
      const size = existsSync(path) && statSync(path).isFile() ? statSync(path).size : -1;
      if (size < 4096 || size % 4096 !== 0) inspectDatabase(path); // says not found / not SQLite
    }
    readKeyFile(path); // missing or damaged: said now, not after the password
    this.closeQuietly();
    this.pendingPath = path;
    this.conversionPath = null;
    this.save({ database: { path, kind: 'centre' } });
  }

  openDemo(): AppStatus {
    const path = join(this.dataDir, 'demo.sqlite');
    let db: Db;
    try {
      db = openDeskDatabase(path);
    } catch (e) {
      if (!(e instanceof AppFailure) || e.error.code !== 'file_not_found') throw e;
      db = createDeskDatabase(path, fillDemo);
    }
    this.use(db, path, 'demo', DEMO_USER, null);
    this.log('info', 'database.opened', { kind: 'demo' });
    return this.status();
  }

  /** A new centre database, encrypted, with its administrator; the recovery code is returned once and never stored. */
  async createCentre(input: CreateCentreInput): Promise<{ status: AppStatus; recoveryCode: string }> {
    const folder = input.folder ? resolve(input.folder) : this.dataDir;
    if (input.folder && !isAbsolute(input.folder)) fail('folder_not_writable', { folder: input.folder, reason: 'not an absolute path' });
    ensureWritableFolder(folder);
    const base = `migrant-hiv-${input.countryCode.toLowerCase()}`;
    // This country's database already here (under its name or a numbered one): asked, not silently made again beside it.
    const same = new RegExp(`^${base}(-\\d+)?\\.sqlite$`);
    const there = readdirSync(folder)
      .filter((f) => same.test(f))
      .sort()[0];
    if (!input.alongside && there) fail('centre_exists', { file: there, path: join(folder, there) });
    const path = freeDatabasePath(folder, base);
    const { keys, dataKey, recoveryCode } = await createVault({ login: input.login, password: input.password });
    // The key file first: a database is never in place without the key that opens it.
    writeKeyFile(keyFilePath(path), keys);
    let db: Db;
    try {
      db = createDeskDatabase(
        path,
        (db) => {
          const unit = ensureFacility(db, input.login, { countryCode: input.countryCode, region: input.region, facility: input.centre });
          setSetting(db, input.login, 'installation_org_unit', String(unit.id));
          setSetting(db, input.login, 'database_id', keys.databaseId);
          createAccount(db, input.login, { login: input.login, roles: ['admin', 'entry', 'approver', 'analyst'], orgUnitId: null });
          changeWithAudit(db, input.login, (record) =>
            record({ action: 'setup', entity: 'database', entityId: basename(path), newValue: { orgUnit: unit.id, encrypted: true } }),
          );
        },
        databaseKey(keys, dataKey),
      );
    } catch (e) {
      rmSync(keyFilePath(path), { force: true });
      throw e;
    }
    this.use(db, path, 'centre', { login: input.login.trim(), roles: ROLES, demo: false }, { path, keys, dataKey });
    this.log('info', 'database.created', { kind: 'centre' });
    return { status: this.status(), recoveryCode };
  }

  /** The previous version's plain database, encrypted in place for its first administrator. */
  async encryptExisting(admin: { login: string; password: string }): Promise<{ status: AppStatus; recoveryCode: string }> {
    const path = this.conversionPath ?? fail('no_database');
    const { keys, dataKey, recoveryCode } = await createVault(admin);
    encryptInPlace(path, { keys, dataKey, admin: admin.login, log: this.log });
    const db = openDeskDatabase(path, databaseKey(keys, dataKey));
    const account = accountByLogin(db, admin.login)!;
    this.use(db, path, 'centre', { login: account.login, roles: account.roles, demo: false }, { path, keys, dataKey });
    this.log('info', 'database.encrypted', {});
    return { status: this.status(), recoveryCode };
  }

  /** The centre databases in the data folder (the demo and backups aside), the latest changed first. */
  databaseFiles(): { path: string; file: string; modifiedAt: string; bytes: number }[] {
    return (
      readdirSync(this.dataDir, { withFileTypes: true })
        // Our databases only: an encrypted one beside its key file, or a plain SQLite file (a previous version's).
        .filter((e) => e.isFile() && e.name.endsWith('.sqlite') && e.name !== 'demo.sqlite')
        .filter((e) => existsSync(keyFilePath(join(this.dataDir, e.name))) || isPlainSqlite(join(this.dataDir, e.name)))
        .map((e) => {
          const path = join(this.dataDir, e.name);
          const st = statSync(path);
          return { path, file: e.name, modifiedAt: st.mtime.toISOString(), bytes: st.size };
        })
        .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt))
    );
  }

  openExisting(path: string): AppStatus {
    if (!isAbsolute(path)) fail('file_not_found', { file: path });
    if (!existsSync(path)) fail('file_not_found', { file: basename(path) });
    this.admit(path);
    return this.status();
  }

  /** Password checks one after another: forty at once would all pass the delay check before any failed. */
  private passwordTurn: Promise<unknown> = Promise.resolve();
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const next = this.passwordTurn.then(work, work);
    this.passwordTurn = next.catch(() => undefined);
    return next;
  }

  /** The signed-in account's own password, checked with the same delay as a sign-in (for a password change). */
  checkOwnPassword(password: string): Promise<void> {
    return this.inTurn(async () => {
      this.delayed();
      const vault = this.openVault;
      const key = await unlockWithPassword(vault.keys, this.actor, password).catch(() => null);
      if (!key || !timingSafeEqual(key, vault.dataKey)) this.failedAttempt('wrong_password');
      this.throttle.succeeded();
    });
  }

  private delayed() {
    const seconds = this.throttle.waitSeconds();
    if (seconds > 0) fail('login_delayed', { seconds });
  }

  private failedAttempt(code: 'wrong_password' | 'wrong_recovery_code'): never {
    const n = this.throttle.failed();
    this.log('warn', 'auth.failed', { attempt: n });
    return fail(code);
  }

  /** Opens the waiting encrypted database as this account. */
  signIn(login: string, password: string, rememberHere = false): Promise<AppStatus> {
    return this.inTurn(async () => {
      const status = await this.signInNow(login, password);
      const vault = this.vault;
      if (vault && this.sealer) {
        if (rememberHere) await remember(this.dataDir, vault.keys.databaseId, this.actor, vault.dataKey, this.sealer);
        else forget(this.dataDir, vault.keys.databaseId);
      }
      return status;
    });
  }

  /** The account remembered on this computer for the waiting database, if any. */
  private rememberedHere(): string | null {
    if (!this.sealer || !this.pendingPath) return null;
    try {
      return rememberedLogin(this.dataDir, readKeyFile(this.pendingPath).databaseId);
    } catch {
      return null;
    }
  }

  /** Signs the remembered account in with the key the operating system unseals: no password on this computer. */
  signInRemembered(): Promise<AppStatus> {
    return this.inTurn(async () => {
      const path = this.pendingPath ?? fail('no_database');
      const keys = readKeyFile(path);
      const found = this.sealer ? await recall(this.dataDir, keys.databaseId, this.sealer) : null;
      if (!found) {
        forget(this.dataDir, keys.databaseId);
        return fail('wrong_password');
      }
      return this.enter(path, keys, found.dataKey, found.login, 'sign_in');
    });
  }

  /** This computer no longer opens the database without a password. */
  forgetHere(): AppStatus {
    const path = this.vault?.path ?? this.pendingPath;
    if (path) forget(this.dataDir, readKeyFile(path).databaseId);
    return this.status();
  }

  /** The waiting database's key file and its data key, unwrapped by `unlock`; a wrong secret counts toward the delay. */
  private async unlockPending(unlock: (keys: KeyFile) => Promise<Buffer>): Promise<{ path: string; keys: KeyFile; dataKey: Buffer }> {
    const path = this.pendingPath ?? fail('no_database');
    this.delayed();
    const keys = readKeyFile(path);
    try {
      return { path, keys, dataKey: await unlock(keys) };
    } catch (e) {
      const code = e instanceof AppFailure ? e.error.code : null;
      if (code === 'wrong_password' || code === 'wrong_recovery_code') this.failedAttempt(code);
      throw e;
    }
  }

  private async signInNow(login: string, password: string): Promise<AppStatus> {
    const { path, keys, dataKey } = await this.unlockPending((k) => unlockWithPassword(k, login, password));
    return this.enter(path, keys, dataKey, login, 'sign_in');
  }

  /** A forgotten password: the recovery code opens the database and sets the account's new password. */
  recover(login: string, code: string, newPassword: string): Promise<AppStatus> {
    return this.inTurn(() => this.recoverNow(login, code, newPassword));
  }

  private async recoverNow(login: string, code: string, newPassword: string): Promise<AppStatus> {
    const { path, keys, dataKey } = await this.unlockPending((k) => unlockWithRecoveryCode(k, code));
    const next = await withPassword(keys, dataKey, login, newPassword);
    const status = this.enter(path, keys, dataKey, login, 'recover');
    writeKeyFile(keyFilePath(path), next);
    this.vault!.keys = next;
    return status;
  }

  private enter(path: string, keys: KeyFile, dataKey: Buffer, login: string, how: 'sign_in' | 'recover'): AppStatus {
    let db: Db;
    const key = databaseKey(keys, dataKey);
    try {
      db = openDeskDatabase(path, key);
    } catch (e) {
      if (!(e instanceof AppFailure) || e.error.code !== 'db_damaged') throw e;
      // The key file's cipher is not under the password: one edited to the other cipher makes an
      // intact file look damaged. Said as what it is, the key file, with nothing touched.
      if (opensWithAnotherCipher(path, key)) {
        this.log('error', 'key_file.cipher_mismatch', {});
        return fail('key_file_damaged', { file: basename(keyFilePath(path)) });
      }
      // The key is right (it unwrapped), the pages are not: offer the newest backup that opens with it.
      const backup = this.goodBackup(path, key);
      this.damaged = backup ? { path, backupAt: backup.createdAt } : null;
      this.log('error', 'database.damaged_at_sign_in', { backup: Boolean(backup) });
      return fail('db_damaged', { file: basename(path), ...(backup ? { backupAt: backup.createdAt } : {}) });
    }
    const account = accountByLogin(db, login);
    if (!account || account.disabled || (getSetting(db, 'database_id') ?? keys.databaseId) !== keys.databaseId) {
      db.close();
      return account?.disabled ? fail('account_disabled', { login: account.login }) : this.failedAttempt('wrong_password');
    }
    const failures = this.throttle.succeeded();
    changeWithAudit(db, account.login, (record) =>
      record({
        action: how === 'sign_in' ? 'sign_in' : 'recover',
        entity: 'account',
        entityId: account.id,
        newValue: failures ? { failedAttemptsBefore: failures } : null,
      }),
    );
    this.use(
      db,
      path,
      'centre',
      { login: account.login, roles: account.roles, demo: false, orgUnitId: account.orgUnitId },
      { path, keys, dataKey },
    );
    return this.status();
  }

  /** The screen locks; the database stays open and nothing typed is lost; calls wait for the password. */
  lock(): AppStatus {
    if (this.user && !this.user.demo) this.locked = true;
    return this.status();
  }

  unlock(password: string): Promise<AppStatus> {
    return this.inTurn(() => this.unlockNow(password));
  }

  private async unlockNow(password: string): Promise<AppStatus> {
    if (!this.locked || !this.vault || !this.user) return this.status();
    this.delayed();
    const slot = passwordSlot(this.vault.keys, this.user.login);
    const key = slot ? await unlockWithPassword(this.vault.keys, this.user.login, password).catch(() => null) : null;
    if (!key || !timingSafeEqual(key, this.vault.dataKey)) this.failedAttempt('wrong_password');
    this.throttle.succeeded();
    this.locked = false;
    this.lastActivity = this.now();
    return this.status();
  }

  /** An account changed while signed in (its own roles, say): what it may do changes now, not at the next sign-in. */
  refreshUser(account: { login: string; roles: readonly Role[]; disabled: boolean; orgUnitId: number | null }) {
    if (!this.user || this.user.demo || loginKey(this.user.login) !== loginKey(account.login)) return;
    if (account.disabled) this.signOut();
    else this.user = { ...this.user, roles: account.roles, orgUnitId: account.orgUnitId };
  }

  /** Closes the database and forgets its key: the next person signs in. Allowed while locked: it loses nothing but the typing. */
  signOut(): AppStatus {
    const path = this.vault?.path ?? null;
    if (this.db && this.user && !this.user.demo)
      changeWithAudit(this.db, this.user.login, (record) => record({ action: 'sign_out', entity: 'account', entityId: this.user!.login }));
    this.closeQuietly();
    this.damaged = null;
    this.pendingPath = path;
    return this.status();
  }

  /** Files exported by the account signed in now: the only ones the bridge serves back (forgotten at sign-out). */
  private readonly exportsMade = new Set<string>();
  /** Counts sign-ins, sign-outs, closes and restores: long work started under one tenure ends with it. */
  private generation = 0;

  /**
   * Who is working now, fixed at the start of long work (an export job, a file's check): its
   * account, and whether it is still the same sign-in on the same file. A job finishing after a
   * sign-out, another account's sign-in or a restore neither records nor hands its file to the
   * newcomer.
   */
  tenure(): { dataDir: string; actor: string; still: () => boolean; rememberExport: (fileName: string) => void } {
    const generation = this.generation;
    const actor = this.actor;
    const still = () => this.generation === generation && this.allows('signedIn') !== 'signed_out';
    return { dataDir: this.dataDir, actor, still, rememberExport: (f) => void (still() && this.exportsMade.add(f)) };
  }

  /** The long jobs running now, oldest first (the back end's thread gives each its turns), told by jobs.progress. */
  private readonly running: JobProgress[] = [];

  /** The newest job running: what the screen that started it shows (an earlier one shows again if it outlasts it). */
  get job(): JobProgress | null {
    const j = this.running.at(-1);
    return j ? { ...j } : null;
  }

  /**
   * Runs `work` as a job: told as running until the function returned is called, its rows counted
   * by the `jobStep` calls made within it (after awaits too), not by another job's. Two checks at
   * once (a file chosen while another is read) each count their own rows. Neither ends the other:
   * requests may arrive in another order than the files were chosen (an upload's size), so the
   * screen, which knows the order, drops the answer to a file no longer chosen.
   */
  startJob<T>(channel: string, work: () => T): { value: T; end: () => void } {
    const job: JobProgress = { channel, rows: 0, startedAt: new Date(this.now()).toISOString() };
    this.running.push(job);
    const end = () => {
      const at = this.running.indexOf(job);
      if (at >= 0) this.running.splice(at, 1);
    };
    try {
      return { value: runningJob.run(job, work), end };
    } catch (e) {
      end();
      throw e;
    }
  }

  /** One more row checked by the job this call runs in. */
  jobStep() {
    const job = runningJob.getStore();
    if (job) job.rows++;
  }

  get currentGeneration(): number {
    return this.generation;
  }

  rememberExport(fileName: string) {
    this.exportsMade.add(fileName);
  }

  /** Whether the current caller may fetch an exported file: signed in, not locked, and its own export. */
  mayFetchExport(fileName: string): boolean {
    return this.allows('signedIn') === 'yes' && this.exportsMade.has(fileName);
  }

  /** The open encrypted database's key and key file, for what must re-wrap or copy them. */
  get openVault(): Vault {
    return this.vault ?? fail('no_database');
  }

  /** The key that opens the open database (and its backups), with the cipher its key file names. */
  get openKey(): DataKey {
    const { keys, dataKey } = this.openVault;
    return databaseKey(keys, dataKey);
  }

  /** Replaces the key file on disk and in memory (after a password change, a new account). */
  saveKeys(keys: KeyFile) {
    const vault = this.openVault;
    writeKeyFile(keyFilePath(vault.path), keys);
    vault.keys = keys;
  }

  closeDatabase(): AppStatus {
    this.closeQuietly();
    this.damaged = null;
    this.openError = null;
    this.pendingPath = null;
    this.conversionPath = null;
    this.save({ database: null });
    return this.status();
  }

  dispose() {
    this.closeQuietly();
  }
}
