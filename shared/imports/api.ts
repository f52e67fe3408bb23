// Contract schemas of imports: the file in, the report out, the confirmation.
import { z } from 'zod';
import { LanguageSchema } from '../primitives.js';
import { FORM_CODES } from '../forms/definitions.js';
import { ViolationSchema } from '../forms/api.js';

export const MAX_IMPORT_BYTES = 40 * 1024 * 1024;

export const ImportFileSchema = z
  .object({
    fileName: z.string().min(1).max(260),
    /** The file's bytes, base64: the same way in Electron and in a browser. */
    contentBase64: z
      .string()
      .min(1)
      .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4),
  })
  .strict();

/** How a file was read: a workbook, or CSV in the encoding and with the separator found in it. */
export const FileSourceSchema = z.discriminatedUnion('format', [
  z.object({ format: z.literal('xlsx') }),
  /** A DHIS2 dataValueSet (JSON), read through the DHIS2 mapping. */
  z.object({ format: z.literal('dhis2') }),
  z.object({
    format: z.literal('csv'),
    encoding: z.enum(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1251']),
    separator: z.enum([',', ';', '\t']),
  }),
]);
export type FileSource = z.infer<typeof FileSourceSchema>;

/** The line saying how a file was read, the same on screen and in the report workbook. */
export function describeSource(t: (key: string, params?: Record<string, string>) => string, source: FileSource): string {
  if (source.format === 'xlsx') return t('imports.source.xlsx');
  if (source.format === 'dhis2') return t('imports.source.dhis2');
  const separator = { ',': 'comma', ';': 'semicolon', '\t': 'tab' }[source.separator];
  return t('imports.source.csv', { encoding: t(`imports.encodings.${source.encoding}`), separator: t(`imports.separators.${separator}`) });
}

export const ImportIssueSchema = z.object({
  sheet: z.enum(['cases', 'events', 'values']),
  row: z.number().int(),
  column: z.string().nullable(),
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ImportIssue = z.infer<typeof ImportIssueSchema>;

export const ImportDuplicateSchema = z.object({
  row: z.number().int(),
  registerNo: z.string(),
  /** The case already in the register, or null when the duplicate is an earlier row of the file. */
  existingId: z.number().int().nullable(),
  existingRow: z.number().int().nullable(),
});

export const ImportReportSchema = z.object({
  importId: z.string(),
  fileName: z.string(),
  source: FileSourceSchema,
  rowsRead: z.object({ cases: z.number().int(), events: z.number().int() }),
  accepted: z.object({ cases: z.number().int(), events: z.number().int() }),
  /** The first rejections (all are in the downloadable report); rejectedTotal counts every one. */
  rejected: z.array(ImportIssueSchema),
  rejectedTotal: z.number().int(),
  /** The first likely duplicates (all are in the downloadable report); duplicatesTotal counts every one. */
  duplicates: z.array(ImportDuplicateSchema),
  duplicatesTotal: z.number().int(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const ImportIdSchema = z.object({ importId: z.string().regex(/^[a-f0-9]{16}$/) }).strict();
export const ImportReportFileSchema = ImportIdSchema.extend({ language: LanguageSchema }).strict();
export const ImportDoneSchema = z.object({ cases: z.number().int(), events: z.number().int() });

// Aggregate forms: a template per form and period; a file of values checked into a report.
export const FormTemplateSchema = z
  .object({ form: z.enum(FORM_CODES), period: z.string().regex(/^\d{4}(Q[1-4]|\d{2})?$/), language: LanguageSchema })
  .strict();

export const FormImportReportSchema = z.object({
  importId: z.string(),
  fileName: z.string(),
  source: FileSourceSchema,
  /** Rows with a value, and rows left blank (skipped, nothing erased). */
  rowsRead: z.number().int(),
  blank: z.number().int(),
  accepted: z.object({ total: z.number().int(), added: z.number().int(), changed: z.number().int(), same: z.number().int() }),
  /** Each form, org unit and period the accepted values go to (a DHIS2 file may name several units). */
  periods: z.array(
    z.object({ form: z.enum(FORM_CODES), orgUnitId: z.number().int(), orgUnit: z.string(), period: z.string(), values: z.number().int() }),
  ),
  rejected: z.array(ImportIssueSchema),
  rejectedTotal: z.number().int(),
  /** A later row for the same period, data element and cell as an earlier one: not loaded. */
  repeats: z.array(z.object({ row: z.number().int(), firstRow: z.number().int() })),
  /** Checks that would fail on the form once these values are in: warnings, as in the grid. */
  violations: z.array(ViolationSchema.extend({ form: z.enum(FORM_CODES), orgUnit: z.string(), period: z.string() })),
});
export type FormImportReport = z.infer<typeof FormImportReportSchema>;
export const FormImportDoneSchema = z.object({ values: z.number().int() });

/** The numbers of the report's summary line, the same on screen and in the workbook. */
export const formSummaryParams = (r: FormImportReport) => ({
  read: r.rowsRead,
  blank: r.blank,
  ok: r.accepted.total,
  added: r.accepted.added,
  changed: r.accepted.changed,
  same: r.accepted.same,
  rejected: r.rejectedTotal,
  duplicates: r.repeats.length,
});
