// Translations a centre corrects: the workbook out, the corrected workbook checked and confirmed.
import { z } from 'zod';
import { LanguageSchema } from '../primitives.js';
import { ImportFileSchema } from '../imports/api.js';

export const TranslationWorkbookSchema = z.object({ language: LanguageSchema }).strict();
export const TranslationUploadSchema = ImportFileSchema.extend({ language: LanguageSchema }).strict();
export const TranslationPreviewSchema = z.object({
  previewId: z.string(),
  language: LanguageSchema,
  /** The first changes (at most 500): the text shown now and the one the workbook gives. */
  changes: z.array(z.object({ key: z.string(), before: z.string(), after: z.string() })),
  changesTotal: z.number().int(),
  /** The first refused rows (at most 200), and how many there are. */
  refused: z.array(z.object({ row: z.number().int(), key: z.string(), messageKey: z.string() })),
  refusedTotal: z.number().int(),
});
export type TranslationPreview = z.infer<typeof TranslationPreviewSchema>;
export const TranslationConfirmSchema = z.object({ previewId: z.string().min(1).max(100) }).strict();
export const TranslationsSavedSchema = z.object({ saved: z.number().int() });
/** The centre's corrections, per language: {key: text}. */
export const CorrectionsSchema = z.record(z.string(), z.record(z.string(), z.string()));
/** A correction taken back (the shipped text shows again); the corrections left. */
export const RemoveCorrectionSchema = z.object({ language: LanguageSchema, key: z.string().min(1).max(200) }).strict();
