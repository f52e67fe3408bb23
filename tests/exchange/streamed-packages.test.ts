// A package is read as it is decrypted, line by line, and read again when it is confirmed, so a
// package of any size is loaded without holding its cases (the memory figures are in `npm run
// bench`). These tests hold the reader to what the whole-file reader did, and show that what the
// stream meets late (a content MAC that does not match, a second reading unlike the first) still
// leaves nothing written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeskSession } from '../../electron/service/session.js';
import { applyLoad, identity, outgoing, type IncomingCase, type LoadPlan } from '../../db/exchange.js';
import { contentLines, readManifest, writePackage } from '../../electron/service/exchange/package-file.js';
import { fingerprintOf, macOf, newIdentity, sealTo, sha256, signBytes } from '../../electron/service/exchange/seal.js';
import { gzipSync } from 'node:zlib';
import { LATEST_VERSION } from '../../db/migrations/index.js';
import { aCase } from '../helpers/cases.js';
import { addCase, auditHead, bytesUpload, call, centre, chuiAndNational, craft, partnerId, refusedWith } from '../helpers/exchange.js';
import { useSessions } from '../helpers/session.js';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { useTempDirs } from '../helpers/tmp.js';
import { progressUntil } from '../helpers/progress.js';

const tempDir = useTempDirs();
const session = useSessions();
const CHUI = ['Кыргызстан', 'Чуйская область', 'Чуйская область: центр СПИД'];
const MAGIC_BYTES = 8;

async function pair() {
  const { chui, national } = await chuiAndNational(session, tempDir);
  return { chui, national, fromChui: await partnerId(national, 'Чуйская область: центр СПИД') };
}
const sha = (s: string) => sha256(Buffer.from(s, 'utf8'));
// A register number that does not compress away, so the package is many chunks long.
const registerNo = (id: number) => `Ч-${id}-${sha(String(id)).slice(0, 10)}`;
const caseOf = (id: number) =>
  aCase({
    registerNo: registerNo(id),
    uic: `АНМА1${String(1000 + (id % 9000)).padStart(4, '0')}`,
    birthYear: 1960 + (id % 40),
    diagnosisDate: '2017-02-01',
  });
const caseLine = (id: number) =>
  JSON.stringify({ t: 'case', id, unit: 7, case: caseOf(id), events: [{ kind: 'art_start', date: '2017-03-01' }] });
const count = (s: DeskSession, sql: string) => (s.database.prepare(sql).get() as { n: number }).n;

/** The same package with its manifest changed and signed again by the sender: what only a sender (or its stolen key) could make. */
function resigned(bytes: Buffer, signPrivate: string, edit: (m: Record<string, unknown>) => void): Buffer {
  const { manifest, ciphertext } = readManifest('p', bytes, LATEST_VERSION);
  const m = { ...manifest } as Record<string, unknown>;
  edit(m);
  const json = Buffer.from(JSON.stringify(m), 'utf8');
  const magic = bytes.subarray(0, MAGIC_BYTES);
  const signature = signBytes(signPrivate, Buffer.concat([magic, json]));
  const mLength = Buffer.alloc(4);
  mLength.writeUInt32BE(json.length);
  const sLength = Buffer.alloc(2);
  sLength.writeUInt16BE(signature.length);
  return Buffer.concat([magic, mLength, json, sLength, signature, ciphertext]);
}

describe('packages read as a stream', () => {
  it('loads every record of a package many chunks long, blank lines refused, the last line without its newline', async () => {
    const { chui, national } = await pair();
    const ids = Array.from({ length: 5000 }, (_, i) => i + 1);
    const lines = [JSON.stringify({ t: 'unit', id: 7, path: CHUI }), ...ids.map(caseLine)];
    // Blank lines among the records (each refused, as the whole-file reader refused them); no newline after the last record.
    lines.splice(1000, 0, '', '');
    const bytes = craft(chui, national, lines);
    expect(bytes.length).toBeGreaterThan(4 * 16 * 1024); // more than four of the reader's chunks

    const preview = await call(national, 'exchange.previewPackage', bytesUpload(bytes, 'big.mhdpkg'));
    expect(preview.counts).toMatchObject({ new: 5000, refused: 2, changed: 0, unchanged: 0 });
    expect(await call(national, 'exchange.confirmPackage', { packageId: preview.packageId })).toMatchObject({ created: 5000 });
    // Each record as its line said, with the hash of exactly that line's bytes (how the next package finds it unchanged).
    const stored = national.database
      .prepare(
        'SELECT origin_id AS id, register_no AS registerNo, origin_sha256 AS sha FROM hiv_case WHERE origin_id IN (1, 2500, 5000) ORDER BY origin_id',
      )
      .all();
    // (The first 128 bits, in hex: enough to tell a changed line, half the bytes of a whole hash.)
    expect(stored).toEqual([1, 2500, 5000].map((id) => ({ id, registerNo: registerNo(id), sha: sha(caseLine(id)).slice(0, 32) })));
    expect(count(national, 'SELECT count(*) AS n FROM case_event')).toBe(5000);
    // Records loaded by a version that kept the whole hash are found unchanged all the same.
    const whole = national.database.prepare('UPDATE hiv_case SET origin_sha256 = ? WHERE origin_id = ?');
    for (const id of ids) whole.run(sha(caseLine(id)), id);

    // The same records again, in a second package: all unchanged, none written twice.
    const second = craft(chui, national, lines, { sequence: 2 });
    const again = await call(national, 'exchange.previewPackage', bytesUpload(second, 'big-2.mhdpkg'));
    expect(again.counts).toMatchObject({ new: 0, changed: 0, unchanged: 5000 });
    expect(await call(national, 'exchange.confirmPackage', { packageId: again.packageId })).toMatchObject({ created: 0, unchanged: 5000 });
    expect(count(national, 'SELECT count(*) AS n FROM hiv_case')).toBe(5000);
  });

  it('is read in turns: other calls are answered while it is checked, its lines counted, and a sign-out ends the check', async () => {
    const { chui, national } = await pair();
    const lines = [JSON.stringify({ t: 'unit', id: 7, path: CHUI }), ...Array.from({ length: 20_000 }, (_, i) => caseLine(i + 1))];
    const upload = bytesUpload(craft(chui, national, lines), 'big.mhdpkg');
    const progress = () => {
      const r = dispatch(national, 'jobs.progress', {}, silentLogger);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value;
    };
    // Asked while the check runs, between its turns: each answer counts more lines than the last.
    const watch = async (check: Promise<unknown>) => {
      // Signed out, there is no progress to be told (the call is refused): nothing seen.
      const told = await progressUntil(check, () => {
        const r = dispatch(national, 'jobs.progress', {}, silentLogger);
        return r.ok ? r.value : null;
      });
      expect(told.every((j) => j.channel === 'exchange.previewPackage')).toBe(true);
      return told.map((j) => j.rows);
    };
    const check = dispatchAsync(national, 'exchange.previewPackage', upload, silentLogger);
    const seen = await watch(check);
    const done = await check;
    if (!done.ok) throw new Error(JSON.stringify(done.error));
    expect(done.value.counts).toMatchObject({ new: 20_000, refused: 0 });
    expect(seen.filter((n) => n > 0).length).toBeGreaterThan(0);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBeLessThanOrEqual(lines.length);
    expect(progress()).toBeNull();

    // Signed out while it is read: the check ends, and nothing of it is left to confirm.
    const again = dispatchAsync(national, 'exchange.previewPackage', upload, silentLogger);
    const turns = watch(again);
    await new Promise((r) => setImmediate(r));
    expect(dispatch(national, 'auth.signOut', {}, silentLogger).ok).toBe(true);
    await turns;
    expect(await again).toMatchObject({ ok: false, error: { code: 'import_expired' } });
    await call(national, 'auth.signIn', { login: 'Республика', password: centre('', '').password });
    expect(count(national, 'SELECT count(*) AS n FROM hiv_case')).toBe(0);
    expect(progress()).toBeNull();
  }, 120_000);

  it('two packages checked at once count their own lines; a check ends when a package from the same centre is loaded meanwhile', async () => {
    const { chui, national } = await pair();
    const unit = JSON.stringify({ t: 'unit', id: 7, path: CHUI });
    const big = (sequence: number) =>
      bytesUpload(craft(chui, national, [unit, ...Array.from({ length: 20_000 }, (_, i) => caseLine(i + 1))], { sequence }), 'big.mhdpkg');
    const small = bytesUpload(craft(chui, national, [unit, caseLine(1), caseLine(2)], { sequence: 1 }), 'small.mhdpkg');
    // The user chose a large package, then (while it is read) the right, small one: the progress told is the small one's.
    const first = dispatchAsync(national, 'exchange.previewPackage', big(1), silentLogger);
    const second = dispatchAsync(national, 'exchange.previewPackage', small, silentLogger);
    const told = dispatch(national, 'jobs.progress', {}, silentLogger);
    expect(told.ok && told.value).toMatchObject({ channel: 'exchange.previewPackage' });
    expect(told.ok && told.value!.rows).toBeLessThanOrEqual(3);
    const [early, shown] = await Promise.all([first, second]);
    if (!early.ok || !shown.ok) throw new Error('a check failed');
    expect([early.value.counts.new, shown.value.counts.new]).toEqual([20_000, 2]);

    // Package 2 checked while package 1 is loaded: its counts (all new) would be stale, so its check ends.
    const later = dispatchAsync(national, 'exchange.previewPackage', big(2), silentLogger);
    expect(await call(national, 'exchange.confirmPackage', { packageId: shown.value.packageId })).toMatchObject({ created: 2 });
    expect(await later).toMatchObject({ ok: false, error: { code: 'import_expired' } });
    expect(dispatch(national, 'jobs.progress', {}, silentLogger)).toEqual({ ok: true, value: null });
    // Checked again now: the two loaded are known, the rest new.
    expect((await call(national, 'exchange.previewPackage', big(2))).counts).toMatchObject({ new: 19_998, unchanged: 2 });
  }, 120_000);

  it('writes each case as its checks shaped it (spaces trimmed), though the confirmation skips checks the preview made', async () => {
    const { chui, national } = await pair();
    const shaped = { ...caseOf(1), registerNo: '  Ч-ПРОБЕЛ  ', uic: ' АНМА11990 ', diagnosisDate: ' 2017-02-01' };
    const lines = [
      JSON.stringify({ t: 'unit', id: 7, path: CHUI }),
      JSON.stringify({ t: 'case', id: 1, unit: 7, case: shaped, events: [{ kind: 'art_start', date: '2017-03-01 ' }] }),
      caseLine(2),
    ];
    const preview = await call(national, 'exchange.previewPackage', bytesUpload(craft(chui, national, lines), 'shaped.mhdpkg'));
    expect(preview.counts).toMatchObject({ new: 2, refused: 0 });
    expect(await call(national, 'exchange.confirmPackage', { packageId: preview.packageId })).toMatchObject({ created: 2 });
    const rows = national.database
      .prepare(
        `SELECT c.origin_id AS id, c.register_no AS registerNo, c.uic, c.diagnosis_date AS diagnosed, e.event_date AS started
           FROM hiv_case c JOIN case_event e ON e.case_id = c.id ORDER BY c.origin_id`,
      )
      .all();
    expect(rows).toEqual([
      { id: 1, registerNo: 'Ч-ПРОБЕЛ', uic: 'АНМА11990', diagnosed: '2017-02-01', started: '2017-03-01' },
      { id: 2, registerNo: registerNo(2), uic: caseOf(2).uic, diagnosed: '2017-02-01', started: '2017-03-01' },
    ]);
  });

  it('writes the very line the preview checked for a case: not an earlier refused line nor a later repeat with its id', async () => {
    const { chui, national } = await pair();
    const unchecked = { ...caseOf(1), registerNo: 'НЕ-ПРОВЕРЕН' };
    const lines = [
      JSON.stringify({ t: 'unit', id: 7, path: CHUI }),
      // Refused by the line's own schema (a field no record has): the preview never checked its case.
      JSON.stringify({ t: 'case', id: 1, unit: 7, case: unchecked, events: [], extra: 1 }),
      caseLine(1),
      // The same id again: refused as a repeat, though its case is valid.
      JSON.stringify({ t: 'case', id: 1, unit: 7, case: { ...caseOf(1), registerNo: 'ПОВТОР' }, events: [] }),
      caseLine(2),
    ];
    const preview = await call(national, 'exchange.previewPackage', bytesUpload(craft(chui, national, lines), 'repeats.mhdpkg'));
    expect(preview.counts).toMatchObject({ new: 2, refused: 2 });
    expect(await call(national, 'exchange.confirmPackage', { packageId: preview.packageId })).toMatchObject({ created: 2 });
    const rows = national.database
      .prepare('SELECT origin_id AS id, register_no AS registerNo, origin_sha256 AS sha FROM hiv_case ORDER BY origin_id')
      .all();
    expect(rows).toEqual([
      { id: 1, registerNo: registerNo(1), sha: sha(caseLine(1)).slice(0, 32) },
      { id: 2, registerNo: registerNo(2), sha: sha(caseLine(2)).slice(0, 32) },
    ]);
    expect(count(national, 'SELECT count(*) AS n FROM case_event')).toBe(2);
  });

  it('a content MAC the records do not match is found after the last line: refused as tampered, nothing written', async () => {
    const { chui, national } = await pair();
    const lines = [JSON.stringify({ t: 'unit', id: 7, path: CHUI }), ...[1, 2, 3].map(caseLine)];
    const bad = resigned(craft(chui, national, lines), identity(chui.database)!.signPrivate, (m) => {
      m.contentMac = '0'.repeat(64);
    });
    const before = auditHead(national);
    expect(await refusedWith(national, 'exchange.previewPackage', bytesUpload(bad, 'bad.mhdpkg'))).toMatchObject({
      code: 'package_tampered',
    });
    expect(auditHead(national)).toBe(before);
    expect(count(national, 'SELECT count(*) AS n FROM hiv_case')).toBe(0);
  });

  it('a confirmation whose second reading breaks off or differs from the preview undoes everything it wrote', async () => {
    const { national, fromChui } = await pair();
    const incoming = (id: number): IncomingCase => ({ id, unit: 7, case: caseOf(id), events: [], lineHash: sha(String(id)).slice(0, 32) });
    const plan: LoadPlan = {
      partnerId: fromChui,
      centre: 'Чуйская область: центр СПИД',
      sequence: 1,
      full: true,
      sha256: 'f'.repeat(64),
      countryCode: 'KGZ',
      units: new Map([[7, CHUI]]),
      create: new Set([1, 2]),
      update: new Map(),
      remove: [],
      unchanged: 0,
      refused: 0,
      newUnits: 2,
      forms: { upsert: [], remove: [], approve: [], unapprove: [], unchanged: 0, conflicts: 0 },
    };
    const before = auditHead(national);
    const nothingWritten = () => {
      expect(count(national, 'SELECT count(*) AS n FROM hiv_case')).toBe(0);
      expect(count(national, 'SELECT count(*) AS n FROM exchange_received')).toBe(0);
      expect(count(national, `SELECT count(*) AS n FROM org_unit WHERE name = 'Чуйская область'`)).toBe(0);
      expect(auditHead(national)).toBe(before);
    };
    // The file could not be read to its end (the MAC checked after the last line, say).
    expect(() =>
      applyLoad(national.database, 'Республика', plan, (visit) => {
        visit(incoming(1));
        throw new Error('the package ended early');
      }),
    ).toThrow('the package ended early');
    nothingWritten();
    // Read to its end, but one planned case short of what was previewed.
    expect(() => applyLoad(national.database, 'Республика', plan, (visit) => visit(incoming(1)))).toThrow('import_expired');
    nothingWritten();
    // Read as previewed: both written.
    expect(
      applyLoad(national.database, 'Республика', plan, (visit) => {
        visit(incoming(1));
        visit(incoming(2));
      }),
    ).toMatchObject({ created: 2 });
    expect(count(national, 'SELECT count(*) AS n FROM hiv_case')).toBe(2);
  });

  it('is written as its lines come, many chunks long, and reads back line for line with the counts made on the way', () => {
    const sender = newIdentity();
    const receiver = newIdentity();
    const file = join(tempDir(), 'made.mhdpkg');
    const lines = Array.from({ length: 6000 }, (_, i) => caseLine(i + 1));
    let seen = 0;
    const manifest = writePackage(
      file,
      {
        sender: { fingerprint: fingerprintOf(sender), centre: 'Чуйская область: центр СПИД', countryCode: 'KGZ', unitPath: CHUI },
        receiver: { fingerprint: fingerprintOf(receiver), centre: 'г. Бишкек: центр СПИД' },
        sequence: 1,
        createdAt: '2026-12-02T00:00:00.000Z',
        schemaVersion: LATEST_VERSION,
        appVersion: '0.0.0-test',
      },
      (function* () {
        for (const l of lines) {
          seen++;
          yield l;
        }
      })(),
      () => ({
        kind: 'register',
        full: true,
        since: null,
        counts: { units: 0, cases: seen, events: seen, deleted: 0, values: 0, approvals: 0 },
      }),
      sender,
      receiver.boxPublic,
    );
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(4 * 16 * 1024); // and more than one gathering of lines (256 KB) before compression
    const { manifest: read, ciphertext } = readManifest('made.mhdpkg', bytes, LATEST_VERSION);
    expect(read).toEqual(manifest);
    expect(read.kind === 'register' && read.counts.cases).toBe(6000);
    expect(lines.join('\n').length).toBeGreaterThan(4 * 256 * 1024);
    const back = [...contentLines('made.mhdpkg', read, ciphertext, receiver)];
    expect(back.map((l) => l?.lineHash)).toEqual(lines.map((l) => sha(l).slice(0, 32)));
    // Sealed to the receiver: the sender itself cannot open it.
    expect(() => [...contentLines('made.mhdpkg', read, ciphertext, sender)]).toThrow();
  });

  it('bytes the sender sealed that do not inflate are "damaged" (ask for the file again), not "tampered"', async () => {
    const { chui, national } = await chuiAndNational(session, tempDir);
    const { manifest } = readManifest('p', craft(chui, national, []), LATEST_VERSION);
    const me = identity(national.database)!;
    const aad = Buffer.from(`${manifest.sender.fingerprint}|${manifest.receiver.fingerprint}|1`);
    // A valid tag over bytes that are not gzip; and gzip with garbage after it.
    for (const plaintext of [Buffer.from('not gzip'), Buffer.concat([gzipSync(Buffer.from('x')), Buffer.from('garbage')])]) {
      const s = sealTo(me.boxPublic, plaintext, aad);
      const m = {
        ...manifest,
        contentMac: macOf(s.key, Buffer.alloc(0)),
        cipher: {
          ...manifest.cipher,
          ephemeral: s.ephemeral,
          iv: s.iv,
          tag: s.tag,
          bytes: s.ciphertext.length,
          sha256: sha256(s.ciphertext),
        },
      };
      expect(() => [...contentLines('p', m, s.ciphertext, me)]).toThrow(
        expect.objectContaining({ error: expect.objectContaining({ messageKey: 'errors.package.damaged' }) }),
      );
    }
  });

  it('a package whose making stops part-way leaves the register writable (both reads of it closed)', async () => {
    const { chui } = await chuiAndNational(session, tempDir);
    await addCase(chui, 'Ч-1', 'АНМА11985', 1985);
    await addCase(chui, 'Ч-2', 'БОЛА11990', 1990);
    const out = outgoing(chui.database, await partnerId(chui, 'г. Бишкек: центр СПИД'), true);
    for (const r of out.records()) {
      expect(r.t).toBe('case');
      break; // as a failed write of the file stops the reading
    }
    await addCase(chui, 'Ч-3', 'ВЕРА11979', 1979);
    expect(count(chui, 'SELECT count(*) AS n FROM hiv_case')).toBe(3);
  });
});
