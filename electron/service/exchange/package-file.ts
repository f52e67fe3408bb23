// The package file: "MHDPKG", a clear manifest (who to whom, which number, what it holds, hashes),
// the sender's Ed25519 signature over it, and the content (newline-separated JSON records,
// gzipped) sealed to the receiver. Reading checks, in this order, everything a hostile or damaged
// file could get wrong, and refuses with the reason before anything is decrypted or written.
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  ManifestSchema,
  MAX_PACKAGE_CONTENT_BYTES,
  PACKAGE_FORMAT_VERSION,
  PackageLineSchema,
  type Manifest,
  type PackageLine,
  type PackageBody,
  groupFingerprint,
} from '../../../shared/exchange/api.js';
import { refusal } from '../../../shared/result.js';
import { macOf, openSealed, sealTo, sha256, signBytes, verifyBytes, type Identity, type PublicKeys } from './seal.js';

const MAGIC = Buffer.from('MHDPKG\u0000\u0001', 'latin1');
const MAX_MANIFEST_BYTES = 64 * 1024;
/** Lines a package may hold (a unit, case, deletion, form value or approval each): a national register of a million cases fits. */
const MAX_PACKAGE_LINES = 3_000_000;
/** One record's line: a case with thousands of events fits. */
const MAX_LINE_BYTES = 8 * 1024 * 1024;

const unreadable = (file: string, reason: 'not_package' | 'truncated' | 'damaged' | 'too_large') =>
  refusal('package_unreadable', `errors.package.${reason}`, { file });

/** Additional data bound to the sealed content: a package cannot be re-labelled to another pair or number. */
const aadOf = (m: Pick<Manifest, 'sender' | 'receiver' | 'sequence'>) =>
  Buffer.from(`${m.sender.fingerprint}|${m.receiver.fingerprint}|${m.sequence}`, 'utf8');

/** Who to whom, which number, when, by which app: what every package's manifest says. */
export type PackageHead = Pick<Manifest, 'sender' | 'receiver' | 'sequence' | 'createdAt' | 'schemaVersion' | 'appVersion'>;
/** The oldest format each kind needs: a register package stays readable by the apps that came before citizens-abroad packages. */
const FORMAT_OF: Record<PackageBody['kind'], number> = { register: 1, abroad: 2 };

/** Writes a package's bytes: the lines sealed to the receiver, the manifest signed by the sender. */
export function buildPackage(
  head: PackageHead,
  body: PackageBody,
  lines: readonly string[],
  sender: Pick<Identity, 'signPrivate'>,
  receiverBoxPublic: string,
): { bytes: Buffer; manifest: Manifest } {
  const content = Buffer.from(lines.join('\n'), 'utf8');
  const sealed = sealTo(receiverBoxPublic, gzipSync(content), aadOf(head));
  const manifest: Manifest = {
    format: 'migrant-hiv-desk/package',
    formatVersion: FORMAT_OF[body.kind],
    ...head,
    ...body,
    contentMac: macOf(sealed.key, content),
    cipher: {
      alg: 'X25519-HKDF-SHA256-AES-256-GCM',
      ephemeral: sealed.ephemeral,
      iv: sealed.iv,
      tag: sealed.tag,
      bytes: sealed.ciphertext.length,
      sha256: sha256(sealed.ciphertext),
    },
  };
  const m = Buffer.from(JSON.stringify(manifest), 'utf8');
  const signature = signBytes(sender.signPrivate, Buffer.concat([MAGIC, m]));
  const lengths = Buffer.alloc(4);
  lengths.writeUInt32BE(m.length);
  const sigLength = Buffer.alloc(2);
  sigLength.writeUInt16BE(signature.length);
  return { bytes: Buffer.concat([MAGIC, lengths, m, sigLength, signature, sealed.ciphertext]), manifest };
}

/** The manifest and the parts, read without trusting anything yet. */
export function readManifest(
  file: string,
  bytes: Buffer,
  supportedSchema: number,
): { manifest: Manifest; signed: Buffer; signature: Buffer; ciphertext: Buffer } {
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw unreadable(file, 'not_package');
  const mLength = bytes.readUInt32BE(MAGIC.length);
  if (mLength > MAX_MANIFEST_BYTES) throw unreadable(file, 'damaged');
  const mEnd = MAGIC.length + 4 + mLength;
  if (bytes.length < mEnd + 2) throw unreadable(file, 'truncated');
  let loose: unknown;
  try {
    loose = JSON.parse(bytes.subarray(MAGIC.length + 4, mEnd).toString('utf8'));
  } catch {
    throw unreadable(file, 'damaged');
  }
  // Newer first: a later app may change the rest of the manifest too.
  const v = loose as { formatVersion?: unknown; schemaVersion?: unknown; appVersion?: unknown };
  if (
    (typeof v.formatVersion === 'number' && v.formatVersion > PACKAGE_FORMAT_VERSION) ||
    (typeof v.schemaVersion === 'number' && v.schemaVersion > supportedSchema)
  )
    throw refusal('package_newer', 'errors.package_newer', { file, version: String(v.appVersion ?? '') });
  const parsed = ManifestSchema.safeParse(loose);
  if (!parsed.success) throw unreadable(file, 'damaged');
  const sigLength = bytes.readUInt16BE(mEnd);
  const sigEnd = mEnd + 2 + sigLength;
  if (sigLength > 512) throw unreadable(file, 'damaged');
  if (bytes.length < sigEnd) throw unreadable(file, 'truncated');
  return {
    manifest: parsed.data,
    signed: Buffer.concat([MAGIC, bytes.subarray(MAGIC.length + 4, mEnd)]),
    signature: bytes.subarray(mEnd + 2, sigEnd),
    ciphertext: bytes.subarray(sigEnd),
  };
}

/**
 * Checks a package against this database without opening it: for this receiver, from a known
 * sender, signed by it, whole and unchanged. The manifest can then be trusted (a package loaded
 * before is known by it, without decrypting anything).
 */
export function verifyPackage(
  file: string,
  bytes: Buffer,
  me: { fingerprint: string },
  supportedSchema: number,
  senderKeys: (fingerprint: string) => PublicKeys | null,
): { manifest: Manifest; ciphertext: Buffer } {
  const { manifest, signed, signature, ciphertext } = readManifest(file, bytes, supportedSchema);
  if (manifest.receiver.fingerprint !== me.fingerprint)
    throw refusal('package_other_receiver', 'errors.package_other_receiver', { file, centre: manifest.receiver.centre });
  const sender = senderKeys(manifest.sender.fingerprint);
  if (!sender)
    throw refusal('package_unknown_sender', 'errors.package_unknown_sender', {
      file,
      centre: manifest.sender.centre,
      fingerprint: groupFingerprint(manifest.sender.fingerprint),
    });
  if (!verifyBytes(sender.signPublic, signed, signature)) throw refusal('package_tampered', 'errors.package_tampered', { file });
  if (ciphertext.length < manifest.cipher.bytes) throw unreadable(file, 'truncated');
  if (ciphertext.length > manifest.cipher.bytes || sha256(ciphertext) !== manifest.cipher.sha256)
    throw refusal('package_tampered', 'errors.package_tampered', { file });
  return { manifest, ciphertext };
}

/** A verified package's content: decrypted, inflated (capped), each line parsed; lines that are not records are counted. */
export function readContent(
  file: string,
  manifest: Manifest,
  ciphertext: Buffer,
  me: Pick<Identity, 'boxPublic' | 'boxPrivate'>,
): { lines: PackageLine[]; rawLines: string[]; badLines: number } {
  const opened = openSealed(
    me,
    { ephemeral: manifest.cipher.ephemeral, iv: manifest.cipher.iv, tag: manifest.cipher.tag, ciphertext },
    aadOf(manifest),
  );
  if (!opened) throw refusal('package_tampered', 'errors.package_tampered', { file });
  let content: Buffer;
  try {
    content = gunzipSync(opened.plaintext, { maxOutputLength: MAX_PACKAGE_CONTENT_BYTES });
  } catch (e) {
    throw unreadable(file, (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too_large' : 'damaged');
  }
  if (macOf(opened.key, content) !== manifest.contentMac) throw refusal('package_tampered', 'errors.package_tampered', { file });
  // Line by line from the bytes, never one string of the whole: a line count and a line length a
  // register could need, and a refusal past them (millions of empty lines inflate from a few KB).
  const lines: PackageLine[] = [];
  const kept: string[] = [];
  let badLines = 0;
  let count = 0;
  for (let start = 0; start < content.length;) {
    let end = content.indexOf(0x0a, start);
    if (end < 0) end = content.length;
    if (++count > MAX_PACKAGE_LINES || end - start > MAX_LINE_BYTES) throw unreadable(file, 'too_large');
    const raw = content.toString('utf8', start, end);
    start = end + 1;
    let parsed;
    try {
      parsed = raw ? PackageLineSchema.safeParse(JSON.parse(raw)) : null;
    } catch {
      parsed = null;
    }
    if (parsed?.success) {
      lines.push(parsed.data);
      kept.push(raw);
    } else badLines++;
  }
  return { lines, rawLines: kept, badLines };
}
