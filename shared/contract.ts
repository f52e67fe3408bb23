// The one typed API between the renderer and the back end: channel -> zod input -> zod output.
// Both transports (Electron IPC and the local HTTP bridge) carry exactly these channels, and both
// ends parse with these schemas.
import { z } from 'zod';
import { AppErrorSchema } from './result.js';
import {
  CaseDetailSchema, CaseIdSchema, CasePageSchema, CaseQuerySchema, DeletedCaseSchema, DuplicateQuerySchema, DuplicateSchema, SaveCaseSchema, SaveEventSchema,
} from './cases/api.js';
import { DrilldownResultSchema, DrilldownSchema, IndicatorQuerySchema, IndicatorResultSchema } from './indicators/api.js';
import { ExportRetentionSchema, ExportedFileSchema, ExportJobSchema, IndicatorWorkbookSchema, JobIdSchema, LineListSchema, SaveAsSchema, SavedAsSchema, PrintToPdfSchema } from './exports/api.js';
import { FactSheetFileSchema, FactSheetKeySchema, FactSheetSchema, SaveContextSchema, SaveTextSchema } from './factsheet/api.js';
import { MAX_IMPORT_BYTES, ImportDoneSchema, ImportFileSchema, ImportIdSchema, ImportReportFileSchema, ImportReportSchema, FormTemplateSchema, FormImportReportSchema, FormImportDoneSchema } from './imports/api.js';
import { ApproveSchema, CompletenessSchema, FormDataSchema, FormKeySchema, SaveCellsSchema } from './forms/api.js';

export { LANGUAGES, LanguageSchema, nameText, CountryCodeSchema, FilePathSchema } from './primitives.js';
import { LanguageSchema, nameText, CountryCodeSchema, FilePathSchema } from './primitives.js';
export type { Language } from './primitives.js';

export const OrgUnitSchema = z.object({
  id: z.number().int().positive(),
  parentId: z.number().int().positive().nullable(),
  level: z.enum(['country', 'region', 'facility']),
  countryCode: CountryCodeSchema,
  name: z.string(),
});
export type OrgUnit = z.infer<typeof OrgUnitSchema>;

export const CountrySchema = z.object({ code: CountryCodeSchema, nameRu: z.string(), nameEn: z.string() });
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
});
export type DatabaseInfo = z.infer<typeof DatabaseInfoSchema>;

export const AppStatusSchema = z.object({
  appVersion: z.string(),
  language: LanguageSchema,
  operator: z.string().nullable(),
  database: DatabaseInfoSchema.nullable(),
  /** Why the remembered database could not be opened at start, if it could not. */
  openError: AppErrorSchema.nullable(),
  defaultFolder: z.string(),
  /** Days exports are kept in the data folder (applied at each start). */
  exportRetention: ExportRetentionSchema,
});
export type AppStatus = z.infer<typeof AppStatusSchema>;

export const CreateCentreInputSchema = z
  .object({
    countryCode: CountryCodeSchema,
    region: nameText(120),
    centre: nameText(160),
    operator: nameText(80),
    folder: FilePathSchema.optional(),
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
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

const empty = z.object({}).strict();

export const contract = {
  'app.status': { input: empty, output: AppStatusSchema },
  'app.setLanguage': { input: z.object({ language: LanguageSchema }).strict(), output: AppStatusSchema },
  'setup.openDemo': { input: empty, output: AppStatusSchema },
  'setup.createCentre': { input: CreateCentreInputSchema, output: AppStatusSchema },
  'setup.openExisting': { input: z.object({ path: FilePathSchema, operator: nameText(80) }).strict(), output: AppStatusSchema },
  'setup.close': { input: empty, output: AppStatusSchema },
  'reference.countries': { input: empty, output: z.array(CountrySchema) },
  'orgUnits.list': { input: empty, output: z.array(OrgUnitSchema) },
  'audit.recent': { input: z.object({ limit: z.number().int().min(1).max(500) }).strict(), output: z.array(AuditEntrySchema) },
  'cases.list': { input: CaseQuerySchema, output: CasePageSchema },
  'cases.get': { input: CaseIdSchema, output: CaseDetailSchema },
  'cases.create': { input: SaveCaseSchema, output: CaseDetailSchema },
  'cases.update': { input: SaveCaseSchema.extend({ id: z.number().int().positive() }).strict(), output: CaseDetailSchema },
  'cases.delete': { input: CaseIdSchema, output: z.object({ id: z.number().int() }) },
  'cases.restore': { input: CaseIdSchema, output: CaseDetailSchema },
  'cases.deleted': { input: empty, output: z.array(DeletedCaseSchema) },
  'cases.duplicates': { input: DuplicateQuerySchema, output: z.array(DuplicateSchema) },
  'cases.audit': { input: CaseIdSchema, output: z.array(AuditEntrySchema) },
  'events.save': { input: SaveEventSchema, output: CaseDetailSchema },
  'forms.get': { input: FormKeySchema.strict(), output: FormDataSchema },
  'forms.save': { input: SaveCellsSchema, output: FormDataSchema },
  'forms.approve': { input: ApproveSchema, output: FormDataSchema },
  'forms.completeness': { input: z.object({ year: z.number().int().min(1981).max(2200) }).strict(), output: CompletenessSchema },
  'settings.setSuppression': { input: z.object({ maxCount: z.number().int().min(1).max(20) }).strict(), output: AppStatusSchema },
  'settings.setExportRetention': { input: ExportRetentionSchema, output: AppStatusSchema },
  'exports.indicatorWorkbook': { input: IndicatorWorkbookSchema, output: ExportedFileSchema },
  'imports.template': { input: z.object({ language: LanguageSchema }).strict(), output: ExportedFileSchema },
  'imports.preview': { input: ImportFileSchema, output: ImportReportSchema, uploadBytes: MAX_IMPORT_BYTES },
  'imports.report': { input: ImportReportFileSchema, output: ExportedFileSchema },
  'imports.confirm': { input: ImportIdSchema, output: ImportDoneSchema },
  'formImports.template': { input: FormTemplateSchema, output: ExportedFileSchema },
  'formImports.preview': { input: ImportFileSchema, output: FormImportReportSchema, uploadBytes: MAX_IMPORT_BYTES },
  'formImports.report': { input: ImportReportFileSchema, output: ExportedFileSchema },
  'formImports.confirm': { input: ImportIdSchema, output: FormImportDoneSchema },
  'factsheet.get': { input: FactSheetKeySchema, output: FactSheetSchema },
  'factsheet.saveContext': { input: SaveContextSchema, output: FactSheetSchema },
  'factsheet.saveText': { input: SaveTextSchema, output: FactSheetSchema },
  'factsheet.workbook': { input: FactSheetFileSchema, output: ExportedFileSchema },
  'files.printToPdf': { input: PrintToPdfSchema, output: SavedAsSchema },
  'files.saveAs': { input: SaveAsSchema, output: SavedAsSchema },
  'exports.lineList': { input: LineListSchema, output: ExportJobSchema },
  'exports.job': { input: JobIdSchema, output: ExportJobSchema },
  'exports.cancel': { input: JobIdSchema, output: ExportJobSchema },
  'indicators.cascade': { input: IndicatorQuerySchema, output: IndicatorResultSchema },
  'indicators.cases': { input: DrilldownSchema, output: DrilldownResultSchema },
  'events.delete': { input: z.object({ caseId: z.number().int().positive(), eventId: z.number().int().positive() }).strict(), output: CaseDetailSchema },
} as const;

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
