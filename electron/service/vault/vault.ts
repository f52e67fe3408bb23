// The database key's life: made when a centre's database is created, unwrapped at sign-in by an
// account's password or the recovery code, wrapped again when a password changes.
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import commonPasswords from 'fxa-common-password-list';
import {
  loginKey,
  guessableForms,
  LOCAL_WORDS,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  passwordShapeIssue,
} from '../../../shared/auth/password-rules.js';
import { appError, AppFailure, fail } from '../../../shared/result.js';
import { NEW_DATABASE_CIPHER } from '../../../db/connection.js';
import { KEY_FILE_FORMAT, passwordSlot, slotContext, type KeyFile, type Slot } from './key-file.js';
import { newRecoveryCode, normaliseRecoveryCode } from './recovery-code.js';
import { newDataKey, PASSWORD_KDF, RECOVERY_KDF, spendPasswordCost, unwrapKey, wrapKey } from './wrap.js';

/** Refuses a password a careful administrator would: too short, the login inside it, or on the common lists. */
export function checkPassword(password: string, login: string): void {
  const shape = passwordShapeIssue(password, login);
  const common = !shape && guessableForms(password).some((form) => LOCAL_WORDS.has(form) || commonPasswords.test(form));
  const rule = shape ?? (common ? 'common' : null);
  if (rule)
    throw new AppFailure({
      ...appError('weak_password', { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH }),
      messageKey: `errors.weak_password.${rule}`,
      issues: [
        { path: 'password', messageKey: `errors.weak_password.${rule}`, params: { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH } },
      ],
    });
}

async function newPasswordSlot(keys: Pick<KeyFile, 'databaseId'>, dataKey: Buffer, login: string, password: string): Promise<Slot> {
  const id = randomUUID();
  const context = slotContext({ databaseId: keys.databaseId } as KeyFile, { id, kind: 'password', login: login.trim() });
  return { kind: 'password', id, login: login.trim(), ...(await wrapKey(dataKey, password, context, PASSWORD_KDF)) };
}

/** A new database's key, its administrator's slot and its recovery slot; the code is shown once and never stored. */
export async function createVault(admin: {
  login: string;
  password: string;
}): Promise<{ keys: KeyFile; dataKey: Buffer; recoveryCode: string }> {
  checkPassword(admin.password, admin.login);
  const dataKey = newDataKey();
  const recoveryCode = newRecoveryCode();
  const base = { format: KEY_FILE_FORMAT, version: 1, databaseId: randomUUID(), cipher: NEW_DATABASE_CIPHER } as const;
  const recoveryId = randomUUID();
  const recovery: Slot = {
    kind: 'recovery',
    id: recoveryId,
    ...(await wrapKey(dataKey, recoveryCode, slotContext({ ...base, slots: [] }, { id: recoveryId, kind: 'recovery' }), RECOVERY_KDF)),
  };
  const keys: KeyFile = { ...base, slots: [await newPasswordSlot(base, dataKey, admin.login, admin.password), recovery] };
  return { keys, dataKey, recoveryCode };
}

/** The data key for this login and password, or a refusal that does not say which of the two was wrong. */
export async function unlockWithPassword(keys: KeyFile, login: string, password: string): Promise<Buffer> {
  const slot = passwordSlot(keys, login);
  // No slot: still spend the time a real one would, so timing does not tell which names exist.
  const key = slot ? await unwrapKey(slot, password, slotContext(keys, slot)) : (await spendPasswordCost(password), null);
  return key ?? fail('wrong_password');
}

export async function unlockWithRecoveryCode(keys: KeyFile, typed: string): Promise<Buffer> {
  const code = normaliseRecoveryCode(typed);
  const slot = keys.slots.find((s) => s.kind === 'recovery');
  const key = code && slot ? await unwrapKey(slot, code, slotContext(keys, slot)) : null;
  return key ?? fail('wrong_recovery_code');
}

/** The key file with this login's password slot replaced (or added). */
export async function withPassword(keys: KeyFile, dataKey: Buffer, login: string, password: string): Promise<KeyFile> {
  checkPassword(password, login);
  const slot = await newPasswordSlot(keys, dataKey, login, password);
  return { ...keys, slots: [...keys.slots.filter((s) => !(s.kind === 'password' && loginKey(s.login) === loginKey(login))), slot] };
}

export const withoutPassword = (keys: KeyFile, login: string): KeyFile => ({
  ...keys,
  slots: keys.slots.filter((s) => !(s.kind === 'password' && loginKey(s.login) === loginKey(login))),
});

export const keyFileName = (databaseFile: string) => `${basename(databaseFile)}.keys`;
