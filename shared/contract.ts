// The one typed API between the renderer and the back end: channel -> zod input -> zod output.
// Both transports (Electron IPC and the local HTTP bridge) carry exactly these channels, and both
// ends parse with these schemas.
import { z } from 'zod';
import { AppErrorSchema } from './result.js';
import { AuditQuerySchema } from './audit/api.js';
import {
  CaseDetailSchema,
  PersonLinkSchema,
  PersonPairSchema,
  CaseIdSchema,
  CasePageSchema,
  CaseQuerySchema,
  DeletedCaseSchema,
  DuplicateQuerySchema,
  DuplicateSchema,
  SaveCaseSchema,
  SaveEventSchema,
} from './cases/api.js';
import {
  DrilldownResultSchema,
  DrilldownSchema,
  IndicatorQuerySchema,
  IndicatorResultSchema,
  TrendQuerySchema,
  TrendResultSchema,
} from './indicators/api.js';
import {
  ExportRetentionSchema,
  ExportedFileSchema,
  ExportJobSchema,
  IndicatorWorkbookSchema,
  JobIdSchema,
  LineListSchema,
  SaveAsSchema,
  SavedAsSchema,
  PrintToPdfSchema,
} from './exports/api.js';
import {
  EstimateAdoptSchema,
  EstimateFilesSchema,
  EstimateJobSchema,
  EstimateRunSchema,
  EstimateRunsQuerySchema,
  EstimateStartSchema,
} from './estimates/api.js';
import { FactSheetFileSchema, FactSheetQuerySchema, FactSheetSchema, SaveContextSchema, SaveTextSchema } from './factsheet/api.js';
import {
  MAX_IMPORT_BYTES,
  ImportDoneSchema,
  ImportFileSchema,
  ImportIdSchema,
  ImportReportFileSchema,
  ImportReportSchema,
  FormTemplateSchema,
  FormImportReportSchema,
  FormImportDoneSchema,
} from './imports/api.js';
import { ApproveSchema, CompletenessSchema, FormDataSchema, FormKeySchema, SaveCellsSchema } from './forms/api.js';
import type { Permission } from './auth/roles.js';
import { BackupFileSchema, BackupInfoSchema, BackupToSchema } from './backups/api.js';
import {
  AccountSchema,
  ChainCheckSchema,
  ChangePasswordSchema,
  IdleLockSchema,
  LoginSchema,
  NewAccountSchema,
  PasswordSchema,
  RecoverSchema,
  ResetPasswordSchema,
  SessionUserSchema,
  SignInSchema,
  UnlockSchema,
  UpdateAccountSchema,
} from './auth/api.js';

export { LANGUAGES, LanguageSchema, nameText, CountryCodeSchema, FilePathSchema } from './primitives.js';
import { LanguageSchema, nameText, CountryCodeSchema, FilePathSchema } from './primitives.js';
import { MeasureReportsSchema } from './fhir/api.js';
import { Dhis2ExportSchema, Dhis2ExportedSchema, MappingLoadedSchema, MappingUploadSchema, MetadataLoadedSchema } from './dhis2/api.js';
import {
  CorrectionsSchema,
  RemoveCorrectionSchema,
  TranslationConfirmSchema,
  TranslationPreviewSchema,
  TranslationsSavedSchema,
  TranslationUploadSchema,
  TranslationWorkbookSchema,
} from './translations/api.js';
import {
  ContinueNumberingSchema,
  IdentitySchema,
  KeyUploadSchema,
  MadePackageSchema,
  MakePackageSchema,
  ReplaceKeySchema,
  RemovePartnerSchema,
  PartnerRemovedSchema,
  MAX_KEY_FILE_BYTES,
  MAX_PACKAGE_BYTES,
  ConfirmPackageSchema,
  PackageLoadedSchema,
  PackagePreviewSchema,
  PackageUploadSchema,
  PartnerSchema,
} from './exchange/api.js';
import { AbroadReportSchema, AbroadReportsQuerySchema, MadeAbroadPackageSchema, MakeAbroadPackageSchema } from './exchange/abroad.js';
export type { Language } from './primitives.js';

export const OrgUnitSchema = z.object({
  id: z.number().int().positive(),
  parentId: z.number().int().positive().nullable(),
  level: z.enum(['country', 'region', 'facility']),
  countryCode: CountryCodeSchema,
  name: z.string(),
});
export type OrgUnit = z.infer<typeof OrgUnitSchema>;

export const CountrySchema = z.object({ code: CountryCodeSchema });
export type Country = z.infer<typeof CountrySchema>;

export const DatabaseInfoSchema = z.object({
  kind: z.enum(['demo', 'centre']),
  path: z.string(),
  schemaVersion: z.number().int(),
  /** The installation's own org unit and its ancestors, country first. */
  orgUnitPath: z.array(OrgUnitSchema),
  /** The UIC pattern setting (a regular expression over the upper-cased code). */
  uicPattern: z.string(),
  /** Outputs leaving the centre hide counts from 1 to this (small-cell suppression). */
  suppressionMaxCount: z.number().int(),
  /** Minutes without input before the screen locks (centre databases). */
  idleLockMinutes: z.number().int(),
  /** Whether the file is encrypted (centre databases are; the synthetic demo is not). */
  encrypted: z.boolean(),
  /** The latest year with a diagnosis in the register (year fields open on it); null: none yet. */
  latestYear: z.number().int().nullable(),
});
export type DatabaseInfo = z.infer<typeof DatabaseInfoSchema>;

export const AppStatusSchema = z.object({
  appVersion: z.string(),
  language: LanguageSchema,
  /** The signed-in account's name (the change log's "who"). */
  operator: z.string().nullable(),
  user: SessionUserSchema.nullable(),
  /** The screen is locked after idle time: the database stays open behind it. */
  locked: z.boolean(),
  /** An encrypted database waits for a sign-in. */
  signIn: z
    .object({
      file: z.string(),
      /** The database was found damaged at the last sign-in; this backup opens with its key. */
      damagedBackupAt: z.string().nullable(),
      /** The account remembered on this computer ("remember on this computer"), if any. */
      remembered: z.string().nullable(),
    })
    .nullable(),
  /** Whether the host can seal a key in the operating system's store (Electron), for "remember on this computer". */
  canRemember: z.boolean(),
  /** A plain database of the previous version waits for its administrator, to be encrypted. */
  conversion: z.object({ file: z.string() }).nullable(),
  /** The open database, once signed in and not locked. */
  database: DatabaseInfoSchema.nullable(),
  /** Why the remembered database could not be opened at start, if it could not. */
  openError: AppErrorSchema.nullable(),
  defaultFolder: z.string(),
  /** Whether the host has an Open dialog (Electron); a browser lists the data folder instead. */
  canBrowse: z.boolean(),
  /** Centre databases opened or created on this computer, the latest first, and whether each is still there. */
  recent: z.array(z.object({ path: z.string(), file: z.string(), exists: z.boolean() })),
  /** Days exports are kept in the data folder (applied at each start). */
  exportRetention: ExportRetentionSchema,
});
export type AppStatus = z.infer<typeof AppStatusSchema>;

export const CreateCentreInputSchema = z
  .object({
    countryCode: CountryCodeSchema,
    region: nameText(120),
    centre: nameText(160),
    /** The administrator's sign-in name and password. */
    login: LoginSchema,
    password: PasswordSchema,
    folder: FilePathSchema.optional(),
    /** Create it even where this country's database already is in the folder (a second one, named -2). */
    alongside: z.boolean().optional(),
  })
  .strict();
export type CreateCentreInput = z.infer<typeof CreateCentreInputSchema>;

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  oldValue: z.unknown().nullable(),
  newValue: z.unknown().nullable(),
  /** A case's number in the register, beside the entries about it (the change log's search gives it). */
  registerNo: z.string().nullable().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

const empty = z.object({}).strict();

/** A database file in the data folder, for a first start without an Open dialog. */
export const DatabaseFileSchema = z.object({ path: z.string(), file: z.string(), modifiedAt: z.string(), bytes: z.number().int() });

/** A new database's status and its recovery code, shown once. */
export const CreatedSchema = z.object({ status: AppStatusSchema, recoveryCode: z.string() });

/** A long job's progress, while it runs: its channel, the rows it has checked, when it started. */
export const JobProgressSchema = z.object({ channel: z.string(), rows: z.number().int().nonnegative(), startedAt: z.string() });
export type JobProgress = z.infer<typeof JobProgressSchema>;

/**
 * A channel's transport details beside its schemas: who may call it (`permission`), the largest
 * payload it takes (`uploadBytes`), and whether it is a long job (`job`) whose progress
 * `jobs.progress` tells while it runs (the back end answers other calls meanwhile). An export of
 * rows is the other kind of long work: it answers at once with a job to watch (`exports.job`).
 */
type ChannelSpec = { input: z.ZodType; output: z.ZodType; permission: Permission; uploadBytes?: number; job?: true };

export const contract = {
  'app.status': { input: empty, output: AppStatusSchema, permission: 'open' },
  'app.setLanguage': { input: z.object({ language: LanguageSchema }).strict(), output: AppStatusSchema, permission: 'open' },
  'setup.openDemo': { input: empty, output: AppStatusSchema, permission: 'setup' },
  'setup.createCentre': { input: CreateCentreInputSchema, output: CreatedSchema, permission: 'setup' },
  'setup.openExisting': { input: z.object({ path: FilePathSchema }).strict(), output: AppStatusSchema, permission: 'setup' },
  'setup.close': { input: empty, output: AppStatusSchema, permission: 'open' },
  'setup.databases': { input: empty, output: z.array(DatabaseFileSchema), permission: 'setup' },
  'setup.browse': { input: empty, output: z.object({ path: z.string().nullable() }), permission: 'setup' },
  'reference.countries': { input: empty, output: z.array(CountrySchema), permission: 'open' },
  'orgUnits.list': { input: empty, output: z.array(OrgUnitSchema), permission: 'signedIn' },
  'jobs.progress': { input: empty, output: JobProgressSchema.nullable(), permission: 'signedIn' },
  'audit.recent': {
    input: z.object({ limit: z.number().int().min(1).max(500) }).strict(),
    output: z.array(AuditEntrySchema),
    permission: 'admin',
  },
  'audit.search': {
    input: AuditQuerySchema,
    output: z.object({ entries: z.array(AuditEntrySchema), more: z.boolean() }),
    permission: 'admin',
  },
  'cases.list': { input: CaseQuerySchema, output: CasePageSchema, permission: 'register.read' },
  'persons.candidates': { input: z.object({}).strict(), output: z.array(PersonPairSchema), permission: 'register.read' },
  'persons.link': { input: PersonLinkSchema, output: CaseDetailSchema, permission: 'register.write' },
  'persons.unlink': {
    input: z.object({ caseId: z.number().int().positive() }).strict(),
    output: CaseDetailSchema,
    permission: 'register.write',
  },
  'cases.get': { input: CaseIdSchema, output: CaseDetailSchema, permission: 'register.read' },
  'cases.create': { input: SaveCaseSchema, output: CaseDetailSchema, permission: 'register.write' },
  'cases.update': {
    input: SaveCaseSchema.extend({ id: z.number().int().positive() }).strict(),
    output: CaseDetailSchema,
    permission: 'register.write',
  },
  'cases.delete': { input: CaseIdSchema, output: z.object({ id: z.number().int() }), permission: 'register.write' },
  'cases.restore': { input: CaseIdSchema, output: CaseDetailSchema, permission: 'register.write' },
  'cases.deleted': { input: empty, output: z.array(DeletedCaseSchema), permission: 'register.read' },
  'cases.duplicates': { input: DuplicateQuerySchema, output: z.array(DuplicateSchema), permission: 'register.read' },
  'cases.audit': { input: CaseIdSchema, output: z.array(AuditEntrySchema), permission: 'register.read' },
  'events.save': { input: SaveEventSchema, output: CaseDetailSchema, permission: 'register.write' },
  'forms.get': { input: FormKeySchema.strict(), output: FormDataSchema, permission: 'signedIn' },
  'forms.save': { input: SaveCellsSchema, output: FormDataSchema, permission: 'forms.write' },
  'forms.approve': { input: ApproveSchema, output: FormDataSchema, permission: 'forms.approve' },
  'forms.completeness': {
    input: z.object({ year: z.number().int().min(1981).max(2200) }).strict(),
    output: CompletenessSchema,
    permission: 'signedIn',
  },
  'settings.setSuppression': {
    input: z.object({ maxCount: z.number().int().min(1).max(20) }).strict(),
    output: AppStatusSchema,
    permission: 'admin',
  },
  'settings.setExportRetention': { input: ExportRetentionSchema, output: AppStatusSchema, permission: 'admin' },
  'exports.indicatorWorkbook': { input: IndicatorWorkbookSchema, output: ExportedFileSchema, permission: 'analysis' },
  'imports.template': { input: z.object({ language: LanguageSchema }).strict(), output: ExportedFileSchema, permission: 'register.write' },
  'imports.preview': {
    input: ImportFileSchema,
    output: ImportReportSchema,
    uploadBytes: MAX_IMPORT_BYTES,
    permission: 'register.write',
    job: true,
  },
  'imports.report': { input: ImportReportFileSchema, output: ExportedFileSchema, permission: 'register.write' },
  'imports.confirm': { input: ImportIdSchema, output: ImportDoneSchema, permission: 'register.write' },
  'formImports.template': { input: FormTemplateSchema, output: ExportedFileSchema, permission: 'forms.write' },
  'formImports.preview': {
    input: ImportFileSchema,
    output: FormImportReportSchema,
    uploadBytes: MAX_IMPORT_BYTES,
    permission: 'forms.write',
    job: true,
  },
  'formImports.report': { input: ImportReportFileSchema, output: ExportedFileSchema, permission: 'forms.write' },
  'formImports.confirm': { input: ImportIdSchema, output: FormImportDoneSchema, permission: 'forms.write' },
  // Exchange packages between centres: administrators only (a package carries the whole register).
  'exchange.identity': { input: empty, output: IdentitySchema, permission: 'admin' },
  'exchange.keyFile': { input: empty, output: ExportedFileSchema, permission: 'admin' },
  'exchange.partners': { input: empty, output: z.array(PartnerSchema), permission: 'admin' },
  'exchange.addPartner': { input: KeyUploadSchema, output: PartnerSchema, uploadBytes: MAX_KEY_FILE_BYTES, permission: 'admin' },
  'exchange.replaceKey': { input: ReplaceKeySchema, output: PartnerSchema, uploadBytes: MAX_KEY_FILE_BYTES, permission: 'admin' },
  'exchange.removePartner': { input: RemovePartnerSchema, output: PartnerRemovedSchema, permission: 'admin' },
  'exchange.makePackage': { input: MakePackageSchema, output: MadePackageSchema, permission: 'admin' },
  'exchange.previewPackage': {
    input: PackageUploadSchema,
    output: PackagePreviewSchema,
    uploadBytes: MAX_PACKAGE_BYTES,
    permission: 'admin',
    job: true,
  },
  'exchange.confirmPackage': { input: ConfirmPackageSchema, output: PackageLoadedSchema, permission: 'admin' },
  // Counts only, small ones hidden: made by an administrator (it is sealed to a partner), read by whoever sees the dashboard.
  'exchange.continueNumbering': {
    input: ContinueNumberingSchema,
    output: z.object({ next: z.number().int() }),
    permission: 'admin',
  },
  'exchange.makeAbroadPackage': { input: MakeAbroadPackageSchema, output: MadeAbroadPackageSchema, permission: 'admin' },
  'exchange.abroadReports': { input: AbroadReportsQuerySchema, output: z.array(AbroadReportSchema), permission: 'indicators.view' },
  'fhir.measureReports': { input: MeasureReportsSchema, output: ExportedFileSchema, permission: 'analysis' },
  'dhis2.export': { input: Dhis2ExportSchema, output: Dhis2ExportedSchema, permission: 'analysis' },
  'dhis2.mappingWorkbook': { input: z.object({ language: LanguageSchema }).strict(), output: ExportedFileSchema, permission: 'admin' },
  'dhis2.loadMetadata': { input: MappingUploadSchema, output: MetadataLoadedSchema, uploadBytes: MAX_IMPORT_BYTES, permission: 'admin' },
  'dhis2.loadMapping': { input: MappingUploadSchema, output: MappingLoadedSchema, uploadBytes: MAX_IMPORT_BYTES, permission: 'admin' },
  'translations.workbook': { input: TranslationWorkbookSchema, output: ExportedFileSchema, permission: 'admin' },
  'translations.preview': {
    input: TranslationUploadSchema,
    output: TranslationPreviewSchema,
    uploadBytes: MAX_IMPORT_BYTES,
    permission: 'admin',
  },
  'translations.confirm': { input: TranslationConfirmSchema, output: TranslationsSavedSchema, permission: 'admin' },
  'translations.get': { input: empty, output: CorrectionsSchema, permission: 'signedIn' },
  'translations.remove': { input: RemoveCorrectionSchema, output: CorrectionsSchema, permission: 'admin' },
  'factsheet.get': { input: FactSheetQuerySchema, output: FactSheetSchema, permission: 'indicators.view' },
  'factsheet.saveContext': { input: SaveContextSchema, output: FactSheetSchema, permission: 'analysis' },
  'factsheet.saveText': { input: SaveTextSchema, output: FactSheetSchema, permission: 'analysis' },
  'factsheet.workbook': { input: FactSheetFileSchema, output: ExportedFileSchema, permission: 'analysis' },
  'files.printToPdf': { input: PrintToPdfSchema, output: SavedAsSchema, permission: 'analysis' },
  'files.saveAs': { input: SaveAsSchema, output: SavedAsSchema, permission: 'signedIn' },
  'exports.lineList': { input: LineListSchema, output: ExportJobSchema, permission: 'analysis' },
  'exports.job': { input: JobIdSchema, output: ExportJobSchema, permission: 'signedIn' },
  'exports.cancel': { input: JobIdSchema, output: ExportJobSchema, permission: 'signedIn' },
  'estimates.start': { input: EstimateStartSchema, output: EstimateJobSchema, permission: 'analysis' },
  'estimates.job': { input: JobIdSchema, output: EstimateJobSchema, permission: 'signedIn' },
  'estimates.cancel': { input: JobIdSchema, output: EstimateJobSchema, permission: 'signedIn' },
  'estimates.current': { input: empty, output: EstimateJobSchema.nullable(), permission: 'signedIn' },
  'estimates.runs': { input: EstimateRunsQuerySchema, output: z.array(EstimateRunSchema), permission: 'indicators.view' },
  'estimates.adopt': { input: EstimateAdoptSchema, output: EstimateRunSchema, permission: 'analysis' },
  'estimates.ecdcFiles': { input: EstimateFilesSchema, output: ExportedFileSchema, permission: 'analysis' },
  'indicators.cascade': { input: IndicatorQuerySchema, output: IndicatorResultSchema, permission: 'indicators.view' },
  'indicators.trend': { input: TrendQuerySchema, output: TrendResultSchema, permission: 'indicators.view' },
  'indicators.cases': { input: DrilldownSchema, output: DrilldownResultSchema, permission: 'register.read' },
  'events.delete': {
    input: z.object({ caseId: z.number().int().positive(), eventId: z.number().int().positive() }).strict(),
    output: CaseDetailSchema,
    permission: 'register.write',
  },
  'setup.encryptExisting': { input: SignInSchema, output: CreatedSchema, permission: 'setup' },
  'auth.signIn': { input: SignInSchema.extend({ remember: z.boolean().optional() }).strict(), output: AppStatusSchema, permission: 'open' },
  'auth.signInRemembered': { input: empty, output: AppStatusSchema, permission: 'open' },
  'auth.forgetHere': { input: empty, output: AppStatusSchema, permission: 'open' },
  'auth.recover': { input: RecoverSchema, output: AppStatusSchema, permission: 'open' },
  'auth.unlock': { input: UnlockSchema, output: AppStatusSchema, permission: 'open' },
  'auth.restoreLatest': { input: SignInSchema, output: AppStatusSchema, permission: 'open' },
  'auth.lock': { input: empty, output: AppStatusSchema, permission: 'signedIn' },
  'auth.signOut': { input: empty, output: AppStatusSchema, permission: 'open' },
  'auth.changePassword': { input: ChangePasswordSchema, output: AppStatusSchema, permission: 'signedIn' },
  'accounts.list': { input: empty, output: z.array(AccountSchema), permission: 'admin' },
  'accounts.create': { input: NewAccountSchema, output: z.array(AccountSchema), permission: 'admin' },
  'accounts.update': { input: UpdateAccountSchema, output: z.array(AccountSchema), permission: 'admin' },
  'accounts.resetPassword': { input: ResetPasswordSchema, output: z.array(AccountSchema), permission: 'admin' },
  'settings.setIdleLock': { input: IdleLockSchema, output: AppStatusSchema, permission: 'admin' },
  'audit.verify': { input: empty, output: ChainCheckSchema, permission: 'admin' },
  'backups.list': { input: empty, output: z.array(BackupInfoSchema), permission: 'admin' },
  'backups.create': { input: BackupToSchema, output: BackupInfoSchema, permission: 'admin' },
  'backups.inspect': {
    input: BackupFileSchema,
    output: BackupInfoSchema.omit({ file: true, kind: true, bytes: true }),
    permission: 'admin',
  },
  'backups.restore': { input: BackupFileSchema, output: AppStatusSchema, permission: 'admin' },
} as const satisfies Record<string, ChannelSpec>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;
export const CHANNELS = Object.keys(contract) as Channel[];

/** A call's body, unless its channel carries a file: then room for the file, base64-encoded. */
const DEFAULT_BODY_BYTES = 1024 * 1024;
/** The size of the file a channel carries, if it carries one. */
export function uploadLimit(channel: Channel): number | null {
  const spec = contract[channel];
  return 'uploadBytes' in spec ? spec.uploadBytes : null;
}

/** How large a call's body may be, from the channel's own facts: the same limit for every transport. */
export function bodyLimit(channel: Channel): number {
  const upload = uploadLimit(channel);
  return upload !== null ? Math.ceil(upload / 3) * 4 + 4096 : DEFAULT_BODY_BYTES;
}
/** What a channel needs of the caller: the one place it is said, enforced by dispatch for both transports. */
export const permissionOf = (channel: Channel): Permission => contract[channel].permission;
export const isChannel = (name: unknown): name is Channel => typeof name === 'string' && Object.hasOwn(contract, name);

/** The Electron preload exposes exactly this on window.desk. */
export interface DeskBridge {
  call(channel: string, input: unknown): Promise<unknown>;
}

/** IPC channel name used by the preload and main. */
export const IPC_CHANNEL = 'desk:call';
/** HTTP bridge: API path prefix and the header every call must carry. */
export const HTTP_API_PREFIX = '/api/';
export const HTTP_CALL_HEADER = 'x-desk-call';
/** HTTP bridge: the page's session secret on every call, and where it trades its launch code for one. */
export const HTTP_SESSION_HEADER = 'x-desk-session';
export const HTTP_LAUNCH_HEADER = 'x-desk-launch';
export const HTTP_SESSION_PATH = '/session';
