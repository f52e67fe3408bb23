// The package file: "MHDPKG", a clear manifest (who to whom, which number, what it holds, hashes),
// the sender's Ed25519 signature over it, and the content (newline-separated JSON records,
// gzipped) sealed to the receiver. Reading checks, in this order, everything a hostile or damaged
// file could get wrong, and refuses with the reason before anything is decrypted or written.
import { createHash, createHmac } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
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
import { AppFailure, refusal } from '../../../shared/result.js';
import { GunzipBlocks, gzipMember } from './gzip-blocks.js';
import { macOf, openStream, sealStream, sealTo, sha256, signBytes, verifyBytes, type Identity, type PublicKeys } from './seal.js';

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

/** The file's head: magic, the manifest and the sender's signature over both; the ciphertext follows it. */
function head(
  h: PackageHead,
  body: PackageBody,
  sealed: { ephemeral: string; iv: string; tag: string; bytes: number; sha256: string },
  contentMac: string,
  sender: Pick<Identity, 'signPrivate'>,
): { bytes: Buffer; manifest: Manifest } {
  const manifest: Manifest = {
    format: 'migrant-hiv-desk/package',
    // Corrected texts need format 3: an older app refuses such a package as newer instead of miscounting its lines.
    formatVersion: body.kind === 'register' && body.counts.translations !== undefined ? 3 : FORMAT_OF[body.kind],
    ...h,
    ...body,
    contentMac,
    cipher: { alg: 'X25519-HKDF-SHA256-AES-256-GCM', ...sealed },
  };
  const m = Buffer.from(JSON.stringify(manifest), 'utf8');
  const signature = signBytes(sender.signPrivate, Buffer.concat([MAGIC, m]));
  const lengths = Buffer.alloc(4);
  lengths.writeUInt32BE(m.length);
  const sigLength = Buffer.alloc(2);
  sigLength.writeUInt16BE(signature.length);
  return { bytes: Buffer.concat([MAGIC, lengths, m, sigLength, signature]), manifest };
}

/** A small package's bytes (citizens abroad, tests): the lines sealed to the receiver, the manifest signed by the sender. */
export function buildPackage(
  h: PackageHead,
  body: PackageBody,
  lines: readonly string[],
  sender: Pick<Identity, 'signPrivate'>,
  receiverBoxPublic: string,
): { bytes: Buffer; manifest: Manifest } {
  const content = Buffer.from(lines.join('\n'), 'utf8');
  const sealed = sealTo(receiverBoxPublic, gzipSync(content), aadOf(h));
  const { bytes, manifest } = head(
    h,
    body,
    { ephemeral: sealed.ephemeral, iv: sealed.iv, tag: sealed.tag, bytes: sealed.ciphertext.length, sha256: sha256(sealed.ciphertext) },
    macOf(sealed.key, content),
    sender,
  );
  return { bytes: Buffer.concat([bytes, sealed.ciphertext]), manifest };
}

/** Lines are gathered this much into each gzip member (one member is what a reader inflates at once). */
const GATHER = 256 * 1024;

/**
 * Writes a package of any size to `file` as its lines come: gathered into gzip members
 * (`gzipMember`, each ending with a line), encrypted and written chunk by chunk to a sealed part beside it, then the signed head
 * (which names the ciphertext's length, hash and tag, known only at the end) and the part copied
 * after it. `body` is asked for once the lines are done, so it can carry counts made while they
 * were read. Synchronous throughout: the lines may come from an open database read.
 */
export function writePackage(
  file: string,
  h: PackageHead,
  lines: Iterable<string>,
  body: () => PackageBody,
  sender: Pick<Identity, 'signPrivate'>,
  receiverBoxPublic: string,
): Manifest {
  const sealedPart = `${file}.sealed`;
  const { cipher, ephemeral, iv, key } = sealStream(receiverBoxPublic, aadOf(h));
  const mac = createHmac('sha256', key);
  const hash = createHash('sha256');
  let bytes = 0;
  const out = openSync(sealedPart, 'w', 0o600);
  try {
    const put = (b: Buffer) => {
      if (!b.length) return;
      hash.update(b);
      bytes += b.length;
      writeSync(out, b);
    };
    let gathered: Buffer[] = [];
    let size = 0;
    const push = () => {
      const b = Buffer.concat(gathered);
      mac.update(b);
      put(cipher.update(gzipMember(b)));
      gathered = [];
      size = 0;
    };
    let first = true;
    for (const line of lines) {
      const b = Buffer.from(first ? line : `\n${line}`, 'utf8');
      first = false;
      gathered.push(b);
      if ((size += b.length) >= GATHER) push();
    }
    if (gathered.length || first) push(); // an empty package is still one (empty) member
    put(cipher.final());
    closeSync(out);
    const made = head(
      h,
      body(),
      { ephemeral, iv, tag: cipher.getAuthTag().toString('base64'), bytes, sha256: hash.digest('hex') },
      mac.digest('hex'),
      sender,
    );
    writeFileSync(file, made.bytes, { mode: 0o600 });
    // The sealed part after the head, a chunk at a time.
    const into = openSync(file, 'a');
    const from = openSync(sealedPart, 'r');
    try {
      const chunk = Buffer.alloc(1024 * 1024);
      for (let n; (n = readSync(from, chunk, 0, chunk.length, null)) > 0;) writeSync(into, chunk, 0, n);
    } finally {
      closeSync(from);
      closeSync(into);
    }
    return made.manifest;
  } finally {
    try {
      closeSync(out);
    } catch {
      // closed already
    }
    rmSync(sealedPart, { force: true });
  }
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

/**
 * One line of a package's content: the record, the hash of its bytes and its number (from 0), or
 * null for a line that is not a record. `lineHash` is the first 128 bits of its SHA-256 in hex, kept with a
 * received case to tell a later package's same line from a changed one (the package's signature
 * and MAC already vouch for the bytes; half the hash is half the bytes stored per case).
 */
export type ContentLine = { line: PackageLine; lineHash: string; n: number } | null;
export const LINE_HASH_CHARS = 32;
/** See ContentLine. */
export const lineHashOf = (bytes: Buffer) => sha256(bytes).slice(0, LINE_HASH_CHARS);

/** A member holds lines gathered past GATHER: at most one line more (deflate adds ~0.03% to bytes that do not compress). */
const MAX_MEMBER_BYTES = GATHER + MAX_LINE_BYTES + 64 * 1024;

/** Ciphertext is opened this much at a time: a chunk inflates to at most ~16 MB (deflate's ratio is ~1:1032). */
const CHUNK = 16 * 1024;

/**
 * A verified package's content, line by line as it is decrypted and inflated: memory holds one
 * chunk and one line whatever the package's size. The tag and the content's MAC are checked after
 * the last line (a throw there), so a caller acts on the lines only where that can be undone: a
 * preview it discards, a transaction that rolls back. (The ciphertext's hash was already checked
 * against the signed manifest by `verifyPackage`, so the bytes are the sender's.)
 */
export function* contentLines(
  file: string,
  manifest: Manifest,
  ciphertext: Buffer,
  me: Pick<Identity, 'boxPublic' | 'boxPrivate'>,
  /**
   * A second reading of the same bytes (a confirmation): only the lines whose numbers it names are
   * parsed and yielded, and without the line schema, which the first reading checked on exactly
   * these lines (the MAC after the last line proves the bytes are the same), nor hashed (the first
   * reading kept their hashes; `lineHash` is empty). The rest are passed over unparsed. Only for
   * numbers an earlier reading yielded as records.
   */
  picked?: (n: number) => boolean,
): Generator<ContentLine, void, undefined> {
  const tampered = () => refusal('package_tampered', 'errors.package_tampered', { file });
  const opened = openStream(me, manifest.cipher, aadOf(manifest));
  if (!opened) throw tampered();
  const { decipher, key } = opened;
  const mac = createHmac('sha256', key);
  let inflated = 0;
  let count = 0;
  const out: Buffer[] = [];
  const gunzip = new GunzipBlocks((chunk) => {
    inflated += chunk.length;
    if (inflated > MAX_PACKAGE_CONTENT_BYTES) throw unreadable(file, 'too_large');
    out.push(chunk);
  }, MAX_MEMBER_BYTES);
  // The part of a line not yet ended, kept as pieces: one long line across many chunks is copied once.
  let partial: Buffer[] = [];
  let partialBytes = 0;
  const parse = (bytes: Buffer): ContentLine => {
    const n = count;
    // A line count and a line length a register could need, and a refusal past them (millions of empty lines inflate from a few KB).
    if (++count > MAX_PACKAGE_LINES || bytes.length > MAX_LINE_BYTES) throw unreadable(file, 'too_large');
    if (bytes.length === 0) return null;
    if (picked) return { line: JSON.parse(bytes.toString('utf8')) as PackageLine, lineHash: '', n };
    try {
      const parsed = PackageLineSchema.safeParse(JSON.parse(bytes.toString('utf8')));
      return parsed.success ? { line: parsed.data, lineHash: lineHashOf(bytes), n } : null;
    } catch {
      return null;
    }
  };
  /** A line passed over by a second reading: counted (the caps hold), not parsed. */
  const wanted = (bytes: number): boolean => {
    if (!picked || picked(count)) return true;
    if (++count > MAX_PACKAGE_LINES || bytes > MAX_LINE_BYTES) throw unreadable(file, 'too_large');
    return false;
  };
  function* linesOf(chunk: Buffer): Generator<ContentLine, void, undefined> {
    mac.update(chunk);
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end >= 0; end = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, end);
      if (wanted(partialBytes + piece.length)) yield parse(partialBytes ? Buffer.concat([...partial, piece]) : piece);
      partial = [];
      partialBytes = 0;
      start = end + 1;
    }
    if (start < chunk.length) {
      partial.push(chunk.subarray(start));
      partialBytes += chunk.length - start;
      if (partialBytes > MAX_LINE_BYTES) throw unreadable(file, 'too_large');
    }
  }
  const inflate = (bytes: Uint8Array, last: boolean) => {
    try {
      gunzip.push(bytes, last);
    } catch (e) {
      if (e instanceof AppFailure) throw e;
      // Bytes that do not inflate: a package its sender sealed damaged, unless the tag says the
      // ciphertext is not the sender's (checked by a decipher of its own: this one is part-way through).
      const check = openStream(me, manifest.cipher, aadOf(manifest))?.decipher;
      try {
        if (!check) throw tampered();
        for (let at = 0; at < ciphertext.length; at += CHUNK) check.update(ciphertext.subarray(at, at + CHUNK));
        check.final();
      } catch {
        throw tampered();
      }
      throw unreadable(file, 'damaged');
    }
  };
  for (let at = 0; at < ciphertext.length; at += CHUNK) {
    inflate(decipher.update(ciphertext.subarray(at, at + CHUNK)), false);
    for (const chunk of out.splice(0)) yield* linesOf(chunk);
  }
  try {
    decipher.final();
  } catch {
    throw tampered();
  }
  inflate(new Uint8Array(0), true);
  for (const chunk of out.splice(0)) yield* linesOf(chunk);
  if (partialBytes && wanted(partialBytes)) yield parse(Buffer.concat(partial));
  if (mac.digest('hex') !== manifest.contentMac) throw tampered();
}

/** A small package's content whole (citizens abroad: one line a year): the records and how many lines were not records. */
export function readContent(
  file: string,
  manifest: Manifest,
  ciphertext: Buffer,
  me: Pick<Identity, 'boxPublic' | 'boxPrivate'>,
): { lines: PackageLine[]; badLines: number } {
  const lines: PackageLine[] = [];
  let badLines = 0;
  for (const l of contentLines(file, manifest, ciphertext, me))
    if (l) lines.push(l.line);
    else badLines++;
  return { lines, badLines };
}
