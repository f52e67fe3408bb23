// Contract schemas of exports: what the user asks for and where the file went.
import { z } from 'zod';
import { LanguageSchema } from '../primitives.js';
import { AppErrorSchema } from '../result.js';

/** Breakdowns a workbook can carry (each its own sheet). */
export const EXPORT_DIMENSIONS = ['sex', 'age_who', 'age_unaids', 'key_population', 'legal_status', 'migrant_type', 'citizenship'] as const;

export const IndicatorWorkbookSchema = z
  .object({
    period: z.string().regex(/^\d{4}(Q[1-4])?$/, { message: 'validation.period' }),
    orgUnitId: z.number().int().positive().optional(),
    dimensions: z.array(z.enum(EXPORT_DIMENSIONS)).min(1).max(EXPORT_DIMENSIONS.length),
    language: LanguageSchema,
    /** The multi-year variant: a sheet of the cascade for this many years up to the period's. */
    years: z.number().int().min(1).max(10).default(1),
    /** For outside the centre: small-cell suppression applied. */
    outside: z.boolean(),
  })
  .strict();
export type IndicatorWorkbookRequest = z.infer<typeof IndicatorWorkbookSchema>;

export const ExportedFileSchema = z.object({
  fileName: z.string(),
  path: z.string(),
  suppressed: z.boolean(),
  hiddenCells: z.number().int(),
});
export type ExportedFile = z.infer<typeof ExportedFileSchema>;

export const LineListSchema = z.object({ orgUnitId: z.number().int().positive().optional(), language: LanguageSchema }).strict();
export const JobIdSchema = z.object({ jobId: z.string().regex(/^[a-f0-9]{16}$/) }).strict();

/** A long export the user watches: rows done of total; the file once done; the error if it failed. */
export const ExportJobSchema = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  file: ExportedFileSchema.nullable(),
  error: AppErrorSchema.nullable(),
});
export type ExportJob = z.infer<typeof ExportJobSchema>;

/**
 * How many days exported files are kept in the data folder's exports/ (0: kept until removed by hand);
 * line lists, a row per case, less.
 */
export const ExportRetentionSchema = z
  .object({ days: z.number().int().min(0).max(3650), lineListDays: z.number().int().min(0).max(3650) })
  .strict();
export type ExportRetention = z.infer<typeof ExportRetentionSchema>;
export const DEFAULT_EXPORT_RETENTION: ExportRetention = { days: 30, lineListDays: 7 };

/** A name the back end may hand out: a plain file name in exports/, no path, no hidden files. */
/** Workbooks, and the ZIP of the ECDC tool's input files. */
export const SERVABLE_NAME = /^[\w\-. ()]+\.(xlsx|zip|mhdpkg|mhdkey|json|xml)$/;
export const SaveAsSchema = z.object({ fileName: z.string().max(200).regex(SERVABLE_NAME) }).strict();
/** Where the copy went, or null when the user cancelled the dialog or there is none (a browser downloads instead). */
export const SavedAsSchema = z.object({ savedTo: z.string().nullable() });
/** A printed page saved as PDF by the host (Electron's printToPDF): the name it suggests. */
export const PrintToPdfSchema = z
  .object({
    fileName: z
      .string()
      .max(200)
      .regex(/^[\w\-. ()]+\.pdf$/),
  })
  .strict();
