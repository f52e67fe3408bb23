// Wrapping the database's data key: AES-256-GCM under a key derived from a secret with scrypt.
// Node's own primitives only; the GCM tag is what says a password is wrong (nothing else is
// stored that could be tested against). Derivation runs in libuv's pool, not on the event loop.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';

/** scrypt cost: N=2^17, r=8 takes ~0.35 s and 128 MB on a 2-core laptop (npm run bench prints it). */
export const PASSWORD_KDF = { N: 2 ** 17, r: 8, p: 1 } as const;
/** A recovery code carries 160 random bits: guessing it is out of reach without a costly KDF. */
export const RECOVERY_KDF = { N: 2 ** 14, r: 8, p: 1 } as const;

const b64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/)
  .max(512);

// Only the costs this app writes are read back: a key file edited to ask for gigabytes per try
// (N=2^20, r=32, p=16) is damaged, not a sign-in that takes minutes.
export const KdfSchema = z.object({
  name: z.literal('scrypt'),
  N: z.union([z.literal(RECOVERY_KDF.N), z.literal(PASSWORD_KDF.N)]),
  r: z.literal(8),
  p: z.literal(1),
  salt: b64,
});
export const WrappedKeySchema = z.object({ kdf: KdfSchema, iv: b64, tag: b64, wrapped: b64 });
export type WrappedKey = z.infer<typeof WrappedKeySchema>;

function derive(secret: string, kdf: { N: number; r: number; p: number; salt: string }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      secret.normalize('NFC'),
      Buffer.from(kdf.salt, 'base64'),
      32,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 16 * 1024 * 1024 },
      (e, k) => (e ? reject(e) : resolve(k)),
    ),
  );
}

/** `context` binds the wrapped key to its database and slot: a slot copied elsewhere does not open. */
export async function wrapKey(
  dataKey: Buffer,
  secret: string,
  context: string,
  cost: typeof PASSWORD_KDF | typeof RECOVERY_KDF = PASSWORD_KDF,
): Promise<WrappedKey> {
  const kdf = { name: 'scrypt' as const, ...cost, salt: randomBytes(16).toString('base64') };
  const kek = await derive(secret, kdf);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv).setAAD(Buffer.from(context, 'utf8'));
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { kdf, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), wrapped: wrapped.toString('base64') };
}

/** The time a password costs, spent where there is no slot to try (an unknown name), so timing tells nothing. */
export async function spendPasswordCost(secret: string): Promise<void> {
  await derive(secret, { ...PASSWORD_KDF, salt: randomBytes(16).toString('base64') });
}

/** The data key, or null when the secret (or the context) is not the one it was wrapped with. */
export async function unwrapKey(slot: WrappedKey, secret: string, context: string): Promise<Buffer | null> {
  const kek = await derive(secret, slot.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.iv, 'base64')).setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

export const newDataKey = (): Buffer => randomBytes(32);
