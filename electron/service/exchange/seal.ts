// The cryptography of exchange packages, all from node:crypto: each database has an X25519 key
// pair (packages are sealed to a receiver's public key) and an Ed25519 pair (a sender signs what it
// sends). Sealing: a fresh X25519 pair per package, ECDH with the receiver's key, HKDF-SHA256 to an
// AES-256-GCM key. Keys travel and are stored as base64 DER (SPKI public, PKCS#8 private).
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hash,
  hkdfSync,
  randomBytes,
  sign,
  verify,
  type CipherGCM,
  type DecipherGCM,
} from 'node:crypto';

export type Identity = { boxPublic: string; boxPrivate: string; signPublic: string; signPrivate: string };
export type PublicKeys = Pick<Identity, 'boxPublic' | 'signPublic'>;

const der = (b64: string) => Buffer.from(b64, 'base64');
const publicKey = (b64: string) => createPublicKey({ key: der(b64), format: 'der', type: 'spki' });
const privateKey = (b64: string) => createPrivateKey({ key: der(b64), format: 'der', type: 'pkcs8' });

function pair(type: 'x25519' | 'ed25519'): { pub: string; priv: string } {
  const { publicKey: p, privateKey: k } = generateKeyPairSync(type as 'x25519');
  return {
    pub: p.export({ format: 'der', type: 'spki' }).toString('base64'),
    priv: k.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

export function newIdentity(): Identity {
  const box = pair('x25519');
  const signing = pair('ed25519');
  return { boxPublic: box.pub, boxPrivate: box.priv, signPublic: signing.pub, signPrivate: signing.priv };
}

/** A key's type as node reads it, or null when the bytes are not a key at all. */
export function publicKeyType(b64: string): string | null {
  try {
    return publicKey(b64).asymmetricKeyType ?? null;
  } catch {
    return null;
  }
}

/** What people compare by phone or on paper: 32 hex digits of SHA-256 over both public keys. */
export function fingerprintOf(keys: PublicKeys): string {
  return createHash('sha256').update(der(keys.boxPublic)).update(der(keys.signPublic)).digest('hex').slice(0, 32);
}

export type Sealed = { ephemeral: string; iv: string; tag: string; ciphertext: Buffer };

/** A keyed hash of content under a package's key: comparable by the receiver, not guessable by anyone else. */
export const macOf = (key: Buffer, content: Buffer) => createHmac('sha256', key).update(content).digest('hex');

function packageKey(shared: Buffer, ephemeral: string, receiver: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([der(ephemeral), der(receiver)]), 'migrant-hiv-desk package v1', 32));
}

/** A cipher for `receiverBoxPublic`'s holder only, fed in chunks, with `aad` bound to it unencrypted; and the package's key. */
export function sealStream(receiverBoxPublic: string, aad: Buffer): { cipher: CipherGCM; ephemeral: string; iv: string; key: Buffer } {
  const eph = pair('x25519');
  const shared = diffieHellman({ privateKey: privateKey(eph.priv), publicKey: publicKey(receiverBoxPublic) });
  const iv = randomBytes(12);
  const key = packageKey(shared, eph.pub, receiverBoxPublic);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  return { cipher, ephemeral: eph.pub, iv: iv.toString('base64'), key };
}

/** Encrypts for the holder of `receiverBoxPublic`'s private key only; `aad` is bound to it unencrypted. Also gives the package's key. */
export function sealTo(receiverBoxPublic: string, plaintext: Buffer, aad: Buffer): Sealed & { key: Buffer } {
  const { cipher, ephemeral, iv, key } = sealStream(receiverBoxPublic, aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ephemeral, iv, tag: cipher.getAuthTag().toString('base64'), ciphertext, key };
}

/** A decipher for a package's ciphertext in chunks (its tag checked by `final()`) and the package's key; null when the keys do not fit. */
export function openStream(
  me: Pick<Identity, 'boxPublic' | 'boxPrivate'>,
  s: Omit<Sealed, 'ciphertext'>,
  aad: Buffer,
): { decipher: DecipherGCM; key: Buffer } | null {
  try {
    const shared = diffieHellman({ privateKey: privateKey(me.boxPrivate), publicKey: publicKey(s.ephemeral) });
    const key = packageKey(shared, s.ephemeral, me.boxPublic);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(s.iv, 'base64'));
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(s.tag, 'base64'));
    return { decipher, key };
  } catch {
    return null;
  }
}

export const signBytes = (signPrivate: string, data: Buffer): Buffer => sign(null, data, privateKey(signPrivate));

export function verifyBytes(signPublic: string, data: Buffer, signature: Buffer): boolean {
  try {
    return verify(null, data, publicKey(signPublic), signature);
  } catch {
    return false;
  }
}

/** One-shot: a package hashes each of its lines, and `hash` is about twice as fast as a Hash object per line. */
export const sha256 = (b: Buffer | string) => hash('sha256', b, 'hex');
