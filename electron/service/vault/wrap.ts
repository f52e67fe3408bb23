// Wrapping the database's data key: AES-256-GCM under a key derived from a secret with scrypt.
// Node's own primitives only; the GCM tag is what says a password is wrong (nothing else is
// stored that could be tested against). Derivation runs in libuv's pool, not on the event loop.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';

/** scrypt cost: N=2^17, r=8 takes ~0.35 s and 128 MB on a 2-core laptop (npm run bench prints it). */
export const PASSWORD_KDF = { N: 2 ** 17, r: 8, p: 1 } as const;
/** A recovery code carries 160 random bits: guessing it is out of reach without a costly KDF. */
export const RECOVERY_KDF = { N: 2 ** 14, r: 8, p: 1 } as const;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).max(512);

export const KdfSchema = z.object({
  name: z.literal('scrypt'),
  N: z.number().int().min(2 ** 10).max(2 ** 20).refine((n) => (n & (n - 1)) === 0, 'a power of two'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: b64,
});
export const WrappedKeySchema = z.object({ kdf: KdfSchema, iv: b64, tag: b64, wrapped: b64 });
export type WrappedKey = z.infer<typeof WrappedKeySchema>;

function derive(secret: string, kdf: z.infer<typeof KdfSchema>): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 16 * 1024 * 1024 }, (e, k) => (e ? reject(e) : resolve(k))),
  );
}

/** `context` binds the wrapped key to its database and slot: a slot copied elsewhere does not open. */
export async function wrapKey(dataKey: Buffer, secret: string, context: string, cost: { N: number; r: number; p: number } = PASSWORD_KDF): Promise<WrappedKey> {
  const kdf = { name: 'scrypt' as const, ...cost, salt: randomBytes(16).toString('base64') };
  const kek = await derive(secret, kdf);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv).setAAD(Buffer.from(context, 'utf8'));
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { kdf, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), wrapped: wrapped.toString('base64') };
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
