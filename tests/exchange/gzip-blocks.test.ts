// A package's content as gzip members that carry their length: read back whole whatever the pieces
// it arrives in, readable as plain gzip by any reader (the apps already in the field read it with
// fflate), a package written before (one gzip stream) still read, and every damaged form refused.
import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Gunzip } from 'fflate';
import { describe, expect, it } from 'vitest';
import { GunzipBlocks, gzipMember } from '../../electron/service/exchange/gzip-blocks.js';

const CAP = 1024 * 1024;

/** Lines like a package's, with bytes that do not compress mixed in. */
const content = (n: number) =>
  Buffer.from(
    Array.from({ length: n }, (_, i) =>
      JSON.stringify({ t: 'case', id: i, note: i % 7 ? 'Ш'.repeat(i % 50) : randomBytes(40).toString('base64') }),
    ).join('\n'),
  );

/** The members of `raw`, cut every `size` bytes. */
const members = (raw: Buffer, size: number) => {
  const out: Buffer[] = [];
  for (let at = 0; at < raw.length; at += size) out.push(gzipMember(raw.subarray(at, at + size)));
  return Buffer.concat(out);
};

/** Pushes `gz` in pieces of the given sizes (round and round), returns what came out. */
function inflate(gz: Buffer, pieces: number[], cap = CAP): Buffer {
  const out: Buffer[] = [];
  const g = new GunzipBlocks((c) => out.push(c), cap);
  let at = 0;
  for (let i = 0; at < gz.length; i++) {
    const size = pieces[i % pieces.length]!;
    g.push(gz.subarray(at, at + size), at + size >= gz.length);
    at += size;
  }
  if (gz.length === 0) g.push(new Uint8Array(0), true);
  return Buffer.concat(out);
}

describe('gzip members with their length', () => {
  it('give back the content whatever the pieces they arrive in, and read as one gzip stream by fflate and by zlib', () => {
    const raw = content(5000);
    const gz = members(raw, 64 * 1024);
    for (const pieces of [[1], [7, 19, 3], [16 * 1024], [gz.length]]) expect(inflate(gz, pieces).equals(raw)).toBe(true);
    // The reader of the apps already in the field: fflate's streaming gunzip.
    const old: Uint8Array[] = [];
    const f = new Gunzip((c) => old.push(c));
    for (let at = 0; at < gz.length; at += 16 * 1024) f.push(gz.subarray(at, at + 16 * 1024), at + 16 * 1024 >= gz.length);
    expect(Buffer.concat(old).equals(raw)).toBe(true);
    expect(gunzipSync(gz).equals(raw)).toBe(true);
    // An empty content is one empty member.
    expect(inflate(gzipMember(Buffer.alloc(0)), [5]).length).toBe(0);
  });

  it('read a package written before (one gzip stream) through the streaming gunzip', () => {
    const raw = content(3000);
    expect(inflate(gzipSync(raw), [16 * 1024]).equals(raw)).toBe(true);
    expect(inflate(gzipSync(raw), [3]).equals(raw)).toBe(true);
  });

  it('refuse a member cut short, a changed byte, a length past the cap, a member inflating past it, and a plain stream after members', () => {
    const raw = content(2000);
    const gz = members(raw, 32 * 1024);
    expect(() => inflate(gz.subarray(0, gz.length - 5), [16 * 1024])).toThrow();
    const changed = Buffer.from(gz);
    changed[40] = changed[40]! ^ 0xff; // inside the first member's deflated bytes
    expect(() => inflate(changed, [16 * 1024])).toThrow();
    const crc = Buffer.from(gz);
    const firstEnd = crc.readUInt32LE(16);
    crc[firstEnd - 8] = crc[firstEnd - 8]! ^ 1; // the first member's CRC-32
    expect(() => inflate(crc, [16 * 1024])).toThrow();
    const long = Buffer.from(gz);
    long.writeUInt32LE(CAP + 1, 16); // says it is longer than any member may be
    expect(() => inflate(long, [16 * 1024])).toThrow();
    // 2 MB of zeros deflate to a few KB: past a 1 MB cap once inflated.
    expect(() => inflate(gzipMember(Buffer.alloc(2 * CAP)), [16 * 1024])).toThrow();
    expect(() => inflate(Buffer.concat([gzipMember(raw.subarray(0, 100)), gzipSync(raw)]), [16 * 1024])).toThrow();
  });
});
