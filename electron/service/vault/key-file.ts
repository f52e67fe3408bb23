// The key file beside an encrypted database ("register.sqlite.keys"): the database's data key,
// wrapped once per account (by its password) and once by the recovery code. It holds no key in
// clear and no data; without it (or a copy: every backup keeps one) the database cannot be opened.
// Written atomically (temp, fsync, rename), never overwritten by a file that does not parse.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { fail } from '../../../shared/result.js';
import { WrappedKeySchema } from './wrap.js';
import { loginKey } from '../../../shared/auth/password-rules.js';
import { CIPHER_NAMES, type DataKey } from '../../../db/connection.js';

export const KEY_FILE_FORMAT = 'migrant-hiv-desk-keys';
const MAX_KEY_FILE_BYTES = 1024 * 1024;

const SlotSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('password'), id: z.uuid(), login: z.string().min(1).max(80) }).extend(WrappedKeySchema.shape),
  z.object({ kind: z.literal('recovery'), id: z.uuid() }).extend(WrappedKeySchema.shape),
]);
export type Slot = z.infer<typeof SlotSchema>;

export const KeyFileSchema = z.object({
  format: z.literal(KEY_FILE_FORMAT),
  version: z.literal(1),
  databaseId: z.uuid(),
  cipher: z.enum(CIPHER_NAMES),
  slots: z
    .array(SlotSchema)
    .max(1000)
    // One recovery slot and one slot per sign-in name: a duplicate placed first cannot shadow the real one.
    .refine((slots) => slots.filter((s) => s.kind === 'recovery').length <= 1)
    .refine((slots) => {
      const names = slots.flatMap((s) => (s.kind === 'password' ? [loginKey(s.login)] : []));
      return new Set(names).size === names.length;
    }),
});
export type KeyFile = z.infer<typeof KeyFileSchema>;

/** The key that opens the database this key file belongs to: its data key, with the cipher the file names. */
export const databaseKey = (keys: Pick<KeyFile, 'cipher'>, dataKey: Buffer): DataKey => ({ bytes: dataKey, cipher: keys.cipher });

export const keyFilePath = (databaseFile: string) => `${databaseFile}.keys`;

/** What a slot's wrapped key is bound to: this database, this slot, this login. */
export const slotContext = (file: KeyFile, slot: Pick<Slot, 'id' | 'kind'> & { login?: string }) =>
  `${KEY_FILE_FORMAT}:${file.databaseId}:${slot.id}:${slot.kind}:${slot.kind === 'password' ? loginKey(slot.login ?? '') : ''}`;

export function readKeyFile(databaseFile: string): KeyFile {
  const path = keyFilePath(databaseFile);
  const file = basename(path);
  if (!existsSync(path)) fail('key_file_missing', { file, database: basename(databaseFile) });
  // Only a regular file of a sensible size is read (a FIFO put there would block the app forever).
  const stat = statSync(path);
  if (!stat.isFile() || stat.size > MAX_KEY_FILE_BYTES) fail('key_file_damaged', { file });
  try {
    return KeyFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return fail('key_file_damaged', { file });
  }
}

export function writeKeyFile(path: string, keys: KeyFile): void {
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(KeyFileSchema.parse(keys), null, 1));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

export const passwordSlot = (keys: KeyFile, login: string) =>
  keys.slots.find((s): s is Extract<Slot, { kind: 'password' }> => s.kind === 'password' && loginKey(s.login) === loginKey(login)) ?? null;
