// Contract schemas of imports: the file in, the report out, the confirmation.
import { z } from 'zod';
import { LanguageSchema } from '../primitives.js';

export const MAX_IMPORT_BYTES = 40 * 1024 * 1024;

export const ImportFileSchema = z
  .object({
    fileName: z.string().min(1).max(260),
    /** The file's bytes, base64: the same way in Electron and in a browser. */
    contentBase64: z.string().min(1).max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4),
  })
  .strict();

export const ImportIssueSchema = z.object({
  sheet: z.enum(['cases', 'events']),
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
  rowsRead: z.object({ cases: z.number().int(), events: z.number().int() }),
  accepted: z.object({ cases: z.number().int(), events: z.number().int() }),
  /** The first rejections (all are in the downloadable report); rejectedTotal counts every one. */
  rejected: z.array(ImportIssueSchema),
  rejectedTotal: z.number().int(),
  duplicates: z.array(ImportDuplicateSchema),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const ImportIdSchema = z.object({ importId: z.string().regex(/^[a-f0-9]{16}$/) }).strict();
export const ImportReportFileSchema = ImportIdSchema.extend({ language: LanguageSchema }).strict();
export const ImportDoneSchema = z.object({ cases: z.number().int(), events: z.number().int() });
