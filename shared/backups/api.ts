// Backups as the contract carries them.
import { z } from 'zod';
import { FilePathSchema } from '../primitives.js';

export const BackupInfoSchema = z.object({
  file: z.string(),
  kind: z.enum(['daily', 'manual']),
  createdAt: z.string(),
  bytes: z.number().int().nonnegative(),
  schemaVersion: z.number().int(),
  counts: z.object({ cases: z.number().int(), events: z.number().int(), formValues: z.number().int(), auditEntries: z.number().int() }),
  /** The change log's last hash when the copy was made: a later log must still contain it. */
  chainHead: z.string(),
});
export type BackupInfo = z.infer<typeof BackupInfoSchema>;

export const BackupToSchema = z.object({ folder: FilePathSchema.optional() }).strict();
export const BackupFileSchema = z.object({ path: FilePathSchema }).strict();
