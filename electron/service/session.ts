// The back end's state for one running app: the data folder, its config and the open database.
// Plain Node: the same object serves Electron IPC and the HTTP bridge.
import { basename, isAbsolute, join, resolve } from 'node:path';
import { createDeskDatabase, ensureWritableFolder, freeDatabasePath, openDeskDatabase } from '../../db/open.js';
import type { Db } from '../../db/connection.js';
import { schemaVersion } from '../../db/migrate.js';
import { getSetting, setSetting, suppressionMaxCount } from '../../db/settings.js';
import { ensureFacility, orgUnitPath } from '../../db/org-units.js';
import { changeWithAudit } from '../../db/audit.js';
import { AppFailure, appError, fail, type AppError } from '../../shared/result.js';
import type { AppStatus, CreateCentreInput, DatabaseInfo, Language } from '../../shared/contract.js';
import { readConfig, writeConfig, type AppConfig } from './app-config.js';
import { DEMO_ACTOR, fillDemo } from './demo.js';
import { consoleLogger, type Logger } from './log.js';
import { tidyExports } from './exports/files.js';
import type { ExportRetention } from '../../shared/exports/api.js';
import { DEFAULT_UIC_PATTERN } from '../../shared/cases/uic.js';

export type SessionOptions = {
  dataDir: string;
  appVersion: string;
  logger?: Logger;
  /** The host's Save As dialog (Electron's); a browser has none and downloads instead. */
  chooseSavePath?: (suggestedName: string) => Promise<string | null>;
  /** The host's print of the window to a PDF the user places (Electron's printToPDF); a browser prints itself. */
  printToPdf?: (suggestedName: string) => Promise<string | null>;
};

export class DeskSession {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly chooseSavePath: SessionOptions['chooseSavePath'];
  readonly printToPdf: SessionOptions['printToPdf'];
  private readonly log: Logger;
  private config: AppConfig;
  private db: Db | null = null;
  private openError: AppError | null = null;

  constructor(opts: SessionOptions) {
    this.dataDir = resolve(opts.dataDir);
    this.appVersion = opts.appVersion;
    this.chooseSavePath = opts.chooseSavePath;
    this.printToPdf = opts.printToPdf;
    this.log = opts.logger ?? consoleLogger;
    ensureWritableFolder(this.dataDir);
    this.config = readConfig(this.dataDir);
    const tidied = tidyExports(this.dataDir, this.config.exportRetention);
    if (tidied.parts || tidied.expired) this.log('info', 'exports.tidied', tidied);
    if (this.config.database) this.tryReopen(this.config.database.path);
  }

  /** At start, the remembered file may have gone bad or been replaced: say why, keep going. The app always starts. */
  private tryReopen(path: string) {
    try {
      this.db = openDeskDatabase(path);
    } catch (e) {
      this.openError = e instanceof AppFailure ? e.error : appError('db_open_failed', { file: basename(path), reason: String((e as { code?: unknown })?.code ?? (e instanceof Error ? e.name : 'unknown')) });
      this.log('warn', 'database.reopen_failed', { code: this.openError.code });
    }
  }

  get database(): Db {
    return this.db ?? fail('no_database');
  }

  /** The org unit new records belong to: the installation's own. */
  get orgUnitId(): number {
    return Number(getSetting(this.database, 'installation_org_unit')) || fail('no_database');
  }

  get actor(): string {
    return this.config.operator ?? DEMO_ACTOR;
  }

  status(): AppStatus {
    return {
      appVersion: this.appVersion,
      language: this.config.language,
      operator: this.config.operator,
      database: this.db && this.config.database ? this.describe(this.db, this.config.database.path, this.config.database.kind) : null,
      openError: this.openError,
      defaultFolder: this.dataDir,
      exportRetention: this.config.exportRetention,
    };
  }

  private describe(db: Db, path: string, kind: 'demo' | 'centre'): DatabaseInfo {
    const unitId = Number(getSetting(db, 'installation_org_unit'));
    return {
      kind, path, schemaVersion: schemaVersion(db), orgUnitPath: unitId ? orgUnitPath(db, unitId) : [],
      uicPattern: getSetting(db, 'uic_pattern') ?? DEFAULT_UIC_PATTERN,
      suppressionMaxCount: suppressionMaxCount(db),
    };
  }

  private save(next: Partial<AppConfig>) {
    const config = { ...this.config, ...next };
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

  private use(db: Db, path: string, kind: 'demo' | 'centre', operator: string | null) {
    this.db?.close();
    this.db = db;
    this.openError = null;
    this.save({ database: { path, kind }, operator });
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
    this.use(db, path, 'demo', DEMO_ACTOR);
    this.log('info', 'database.opened', { kind: 'demo' });
    return this.status();
  }

  createCentre(input: CreateCentreInput): AppStatus {
    const folder = input.folder ? resolve(input.folder) : this.dataDir;
    if (input.folder && !isAbsolute(input.folder)) fail('folder_not_writable', { folder: input.folder, reason: 'not an absolute path' });
    ensureWritableFolder(folder);
    const path = freeDatabasePath(folder, `migrant-hiv-${input.countryCode.toLowerCase()}`);
    const db = createDeskDatabase(path, (db) => {
      const unit = ensureFacility(db, input.operator, { countryCode: input.countryCode, region: input.region, facility: input.centre });
      setSetting(db, input.operator, 'installation_org_unit', String(unit.id));
      changeWithAudit(db, input.operator, (record) => record({ action: 'setup', entity: 'database', entityId: basename(path), newValue: { orgUnit: unit.id } }));
    });
    this.use(db, path, 'centre', input.operator);
    this.log('info', 'database.created', { kind: 'centre' });
    return this.status();
  }

  openExisting(path: string, operator: string): AppStatus {
    if (!isAbsolute(path)) fail('file_not_found', { file: path });
    const db = openDeskDatabase(path);
    const kind = getSetting(db, 'database_kind') === 'demo' ? 'demo' : 'centre';
    this.use(db, path, kind, operator);
    return this.status();
  }

  closeDatabase(): AppStatus {
    this.db?.close();
    this.db = null;
    this.openError = null;
    this.save({ database: null });
    return this.status();
  }

  dispose() {
    this.db?.close();
    this.db = null;
  }
}
