// Accounts and sign-in, as the contract carries them.
import { z } from 'zod';
import { nameText } from '../primitives.js';
import { LOGIN_PATTERN, MAX_PASSWORD_LENGTH, PERMISSIONS, ROLES } from './index.js';

export const RoleSchema = z.enum(ROLES);
export const PermissionSchema = z.enum(PERMISSIONS);
/** A sign-in name: what staff type to sign in; it is also the name the change log shows. */
export const LoginSchema = nameText(80)
  .transform((s) => s.normalize('NFKC'))
  .refine((s) => LOGIN_PATTERN.test(s), { message: 'validation.login_characters' });
/** Length and commonness are checked by the back end, which names the rule broken. */
export const PasswordSchema = z.string().min(1, { message: 'validation.required' }).max(MAX_PASSWORD_LENGTH);

export const AccountSchema = z.object({
  id: z.number().int().positive(),
  login: z.string(),
  roles: z.array(RoleSchema),
  orgUnitId: z.number().int().positive().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof AccountSchema>;

/** Who is signed in, and what they may do (so the UI can hide what the back end would refuse). */
export const SessionUserSchema = z.object({
  login: z.string(),
  roles: z.array(RoleSchema),
  permissions: z.array(PermissionSchema),
  /** The demo database needs no account: it is synthetic. */
  demo: z.boolean(),
  /** The organisation the account is limited to (with those below it); null: the whole database. Sections open on it. */
  orgUnitId: z.number().int().nullable(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const SignInSchema = z.object({ login: LoginSchema, password: PasswordSchema }).strict();
export const UnlockSchema = z.object({ password: PasswordSchema }).strict();
export const RecoverSchema = z
  .object({
    login: LoginSchema,
    recoveryCode: z.string().trim().min(1, { message: 'validation.required' }).max(80),
    newPassword: PasswordSchema,
  })
  .strict();
export const ChangePasswordSchema = z.object({ current: PasswordSchema, next: PasswordSchema }).strict();
export const NewAccountSchema = z
  .object({
    login: LoginSchema,
    password: PasswordSchema,
    roles: z.array(RoleSchema).min(1, { message: 'validation.required' }),
    orgUnitId: z.number().int().positive().nullable(),
  })
  .strict();
export const UpdateAccountSchema = z
  .object({
    id: z.number().int().positive(),
    roles: z.array(RoleSchema).min(1, { message: 'validation.required' }).optional(),
    disabled: z.boolean().optional(),
    orgUnitId: z.number().int().positive().nullable().optional(),
  })
  .strict();
export const ResetPasswordSchema = z.object({ id: z.number().int().positive(), password: PasswordSchema }).strict();
export const IdleLockSchema = z.object({ minutes: z.number().int().min(1).max(240) }).strict();

export const ChainCheckSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  head: z.string(),
  firstBad: z.object({ id: z.number().int(), at: z.string(), reason: z.enum(['content', 'link', 'gap']) }).nullable(),
  /**
   * The chain's heads kept outside the database (each backup's manifest): someone holding the key
   * can re-hash the whole log, but not the heads already copied away. The first that disagrees.
   */
  anchors: z.object({
    checked: z.number().int(),
    contradicted: z.object({ file: z.string(), createdAt: z.string(), reason: z.enum(['truncated', 'rewritten']) }).nullable(),
  }),
});
