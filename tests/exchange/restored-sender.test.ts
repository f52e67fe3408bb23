// A region restored from a backup: the national centre has loaded packages the restored copy never
// made. Its next number is refused (used already, with other content) with the number to continue
// after; the region continues its numbering there, its next package is full, and what the restored
// copy no longer holds (a case entered after the backup) is removed at the national centre too.
import { describe, expect, it } from 'vitest';
import type { DeskSession } from '../../electron/service/session.js';
import { addCase, auditHead, call, centre, introduce, partnerId, refusedWith, upload } from '../helpers/exchange.js';
import { createCentre, useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();

const live = (s: DeskSession) =>
  (
    s.database
      .prepare('SELECT register_no AS no FROM hiv_case WHERE origin_partner_id IS NOT NULL AND deleted_at IS NULL ORDER BY register_no')
      .all() as { no: string }[]
  ).map((r) => r.no);

async function load(national: DeskSession, path: string) {
  const p = await call(national, 'exchange.previewPackage', upload(path));
  await call(national, 'exchange.confirmPackage', { packageId: p.packageId });
  return p;
}

describe('a sender restored from a backup', () => {
  it('continues its numbering after the last number loaded, sends in full, and what it lost is removed at the receiver', async () => {
    const chui = session(tempDir());
    await createCentre(chui, centre('Чуйская область', 'Айгуль'));
    const national = session(tempDir());
    await createCentre(national, centre('г. Бишкек', 'Республика'));
    await introduce(chui, national);
    const to = await partnerId(chui, 'г. Бишкек: центр СПИД');

    await addCase(chui, 'Ч-1', 'АНМА11985', 1985);
    await load(national, (await call(chui, 'exchange.makePackage', { partnerId: to, full: false })).file.path);
    const backup = await call(chui, 'backups.create', { folder: tempDir() });
    // After the backup: two more cases, sent as package no. 2 and loaded.
    await addCase(chui, 'Ч-2', 'БОЛА11990', 1990);
    await addCase(chui, 'Ч-5', 'ДИНА11991', 1991);
    await load(national, (await call(chui, 'exchange.makePackage', { partnerId: to, full: false })).file.path);
    expect(live(national)).toEqual(['Ч-1', 'Ч-2', 'Ч-5']);

    // The region's disk fails; it restores the backup (Ч-2, Ч-5 and package no. 2 are not in it) and
    // enters a new case, which takes the record id Ч-2 had there.
    await call(chui, 'backups.restore', { path: backup.file });
    await addCase(chui, 'Ч-3', 'ВЕРА11979', 1979);
    const again = await call(chui, 'exchange.makePackage', { partnerId: to, full: false });
    expect(again.sequence).toBe(2);
    const head = auditHead(national);
    expect(await refusedWith(national, 'exchange.previewPackage', upload(again.file.path))).toMatchObject({
      code: 'package_replayed',
      messageKey: 'errors.package_renumbered',
      params: { sequence: 2 },
    });

    // It cannot go back on a number it has used itself...
    expect((await refusedWith(chui, 'exchange.continueNumbering', { partnerId: to, after: 1 })).issues).toEqual([
      { path: 'after', messageKey: 'validation.numbering_behind' },
    ]);
    // ...and continues after the number in the refusal: the next package is no. 3, and full.
    expect(await call(chui, 'exchange.continueNumbering', { partnerId: to, after: 2 })).toEqual({ next: 3 });
    const next = await call(chui, 'exchange.makePackage', { partnerId: to, full: false });
    expect(next).toMatchObject({ sequence: 3, full: true, counts: { cases: 2 } });
    expect(auditHead(national)).toBe(head);
    const p = await load(national, next.file.path);
    expect(p).toMatchObject({ full: true, gap: null });
    // The sender's record ids are what the receiver knows its records by: the id of Ч-2 now holds Ч-3
    // (a change), and Ч-5's is in no record of the full package, so it goes (a deletion in the change log).
    expect(p.counts).toMatchObject({ new: 0, changed: 1, unchanged: 1, deleted: 1 });
    expect(live(national)).toEqual(['Ч-1', 'Ч-3']);

    // Afterwards, packages of changes again, numbered on.
    await addCase(chui, 'Ч-4', 'ГУЛЯ11995', 1995);
    const after = await call(chui, 'exchange.makePackage', { partnerId: to, full: false });
    expect(after).toMatchObject({ sequence: 4, full: false, counts: { cases: 1 } });
    // Ч-4 takes the id Ч-5 had: that record comes back with Ч-4's content.
    expect((await load(national, after.file.path)).counts).toMatchObject({ new: 0, changed: 1, deleted: 0 });
    expect(live(national)).toEqual(['Ч-1', 'Ч-3', 'Ч-4']);
  });
});
