// The one shape every contract call returns: a value, or an error with a stable code and a
// translation key. Errors are data, never exceptions thrown across the transport.
import { z } from 'zod';

export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'unauthorized',
  'no_database',
  'not_sqlite',
  'not_desk_database',
  'db_too_new',
  'db_open_failed',
  'db_damaged',
  'file_not_found',
  'folder_not_writable',
  'already_exists',
  'centre_exists',
  'no_dialog',
  'not_found',
  'duplicate_case',
  'period_locked',
  'file_unreadable',
  'file_not_readable',
  'too_large',
  'missing_columns',
  'import_expired',
  'forbidden',
  'signed_out',
  'locked',
  'wrong_password',
  'login_delayed',
  'weak_password',
  'account_disabled',
  'wrong_recovery_code',
  'key_file_missing',
  'key_file_damaged',
  'last_admin',
  'backup_not_readable',
  'model_input_refused',
  'received_read_only',
  'key_file_invalid',
  'package_unreadable',
  'package_newer',
  'package_other_receiver',
  'package_unknown_sender',
  'package_tampered',
  'package_replayed',
  'package_wrong_kind',
  'dhis2_unmapped',
  'dhis2_mixed_ids',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const FieldIssueSchema = z.object({
  path: z.string(),
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

export const AppErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  issues: z.array(FieldIssueSchema).optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function appError(code: ErrorCode, params?: AppError['params'], issues?: FieldIssue[]): AppError {
  return {
    code,
    messageKey: `errors.${code}`,
    ...(params ? { params } : {}),
    ...(issues ? { issues } : {}),
  };
}

/** Thrown inside the back end to end a call with a known error; turned into a Result at the edge. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.code);
  }
}

/** Refuses with a code the user reads. A declared function, so TypeScript narrows after `if (!x) fail(...)`. */
export function fail(code: ErrorCode, params?: AppError['params'], issues?: FieldIssue[]): never {
  throw new AppFailure(appError(code, params, issues));
}

/** A known error with a message more precise than its code's (e.g. which limit a file broke). */
export const refusal = (code: ErrorCode, messageKey: string, params?: AppError['params']): AppFailure =>
  new AppFailure({ ...appError(code, params), messageKey });

/** zod issues -> field issues whose message keys live in the shared translations. */
export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(root)';
    // Schemas name their own message key where the generic one would be vague.
    if (issue.message.startsWith('validation.')) return { path, messageKey: issue.message };
    const params: Record<string, string | number> = {};
    if ('minimum' in issue && (typeof issue.minimum === 'number' || typeof issue.minimum === 'bigint')) params.min = Number(issue.minimum);
    if ('maximum' in issue && (typeof issue.maximum === 'number' || typeof issue.maximum === 'bigint')) params.max = Number(issue.maximum);
    return { path, messageKey: `validation.${issue.code}`, ...(Object.keys(params).length ? { params } : {}) };
  });
}

/** The envelope as it travels; the client parses it, then the value with the channel's schema. */
export const ResultEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorSchema }),
]);
