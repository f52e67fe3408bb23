// A partner's key replaced and a partner removed, between real (encrypted) centre databases. A
// region loses its database without a backup and starts anew: its new key goes onto the same
// partner, its packages are numbered from 1 again, its first full package replaces what the old
// database sent, and the old key opens nothing. A partner removed keeps, or takes with it, what it
// sent; added back by the same key file, it is the same partner again.
import { describe, expect, it } from 'vitest';
import type { DeskSession } from '../../electron/service/session.js';
import { addCase, auditHead, call, centre, introduce, partnerId, refusedWith, upload } from '../helpers/exchange.js';
import { createCentre, useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';
import { TOTAL } from '../../shared/forms/definitions.js';
import { CODE_IN_WORDS, flat, words } from '../helpers/audit-words.js';

const tempDir = useTempDirs();
const session = useSessions();

const live = (s: DeskSession) =>
  (
    s.database
      .prepare('SELECT register_no AS no FROM hiv_case WHERE origin_partner_id IS NOT NULL AND deleted_at IS NULL ORDER BY register_no')
      .all() as { no: string }[]
  ).map((r) => r.no);
/** People diagnosed to the end of 2017 in the whole country's register, a linked person once. */
async function diagnosed(s: DeskSession) {
  const country = (s.database.prepare(`SELECT id FROM org_unit WHERE level = 'country'`).get() as { id: number }).id;
  return (await call(s, 'indicators.cascade', { period: '2017', dimension: 'sex', orgUnitId: country })).total.tally.diagnosed;
}

async function load(national: DeskSession, path: string) {
  const p = await call(national, 'exchange.previewPackage', upload(path));
  return { preview: p, loaded: await call(national, 'exchange.confirmPackage', { packageId: p.packageId }) };
}

async function regionAndNational() {
  const chui = session(tempDir());
  await createCentre(chui, centre('Чуйская область', 'Айгуль'));
  const national = session(tempDir());
  await createCentre(national, centre('г. Бишкек', 'Республика'));
  await introduce(chui, national);
  return {
    chui,
    national,
    toNational: await partnerId(chui, 'г. Бишкек: центр СПИД'),
    chuiThere: await partnerId(national, 'Чуйская область: центр СПИД'),
  };
}

describe('a partner whose database was made anew', () => {
  it('gets its new key on the same partner: numbered from 1 again, its full package replaces the old records, the old key opens nothing', async () => {
    const { chui, national, toNational, chuiThere } = await regionAndNational();
    await addCase(chui, 'Ч-1', 'АНМА11985', 1985);
    await addCase(chui, 'Ч-2', 'БОЛА11990', 1990);
    await load(national, (await call(chui, 'exchange.makePackage', { partnerId: toNational, full: false })).file.path);
    await addCase(chui, 'Ч-3', 'ВЕРА11979', 1979);
    const oldSecond = await call(chui, 'exchange.makePackage', { partnerId: toNational, full: false });
    await load(national, oldSecond.file.path);
    expect(live(national)).toEqual(['Ч-1', 'Ч-2', 'Ч-3']);
    // The national centre has its own record of Ч-2's person, linked with the region's; and it has sent the region a package.
    const ch2 = await call(chui, 'cases.get', { id: 2 });
    const own = await call(national, 'cases.create', { case: { ...ch2.case, registerNo: 'Б-9' }, allowDuplicate: true });
    const received2 = (national.database.prepare(`SELECT id FROM hiv_case WHERE register_no = 'Ч-2'`).get() as { id: number }).id;
    await call(national, 'persons.link', { caseId: own.id, withCaseId: received2 });
    expect(await diagnosed(national)).toBe(3);
    expect(await call(national, 'exchange.makePackage', { partnerId: chuiThere, full: false })).toMatchObject({ sequence: 1, full: true });

    // The region's disk dies, with no backup. Its new database (same region, same centre) has a new
    // key and knows nothing; the clerk enters a new case Ч-4, then Ч-1 again.
    const fresh = session(tempDir());
    await createCentre(fresh, centre('Чуйская область', 'Айгуль'));
    await call(fresh, 'exchange.addPartner', upload((await call(national, 'exchange.keyFile', {})).path));
    await addCase(fresh, 'Ч-4', 'ГУЛЯ11995', 1995);
    await addCase(fresh, 'Ч-1', 'АНМА11985', 1985);
    const newKey = (await call(fresh, 'exchange.keyFile', {})).path;

    // Not the key of another centre, nor the key the partner has now:
    const other = session(tempDir());
    await createCentre(other, centre('Ошская область', 'Бакыт'));
    const head = auditHead(national);
    expect(
      await refusedWith(national, 'exchange.replaceKey', {
        partnerId: chuiThere,
        ...upload((await call(other, 'exchange.keyFile', {})).path),
      }),
    ).toMatchObject({
      code: 'key_file_invalid',
      messageKey: 'errors.partner_key_other_centre',
      params: { centre: 'Чуйская область: центр СПИД', other: 'Ошская область: центр СПИД' },
    });
    expect(
      (
        await refusedWith(national, 'exchange.replaceKey', {
          partnerId: chuiThere,
          ...upload((await call(chui, 'exchange.keyFile', {})).path),
        })
      ).messageKey,
    ).toBe('errors.partner_same_key');
    expect(auditHead(national)).toBe(head);

    const replaced = await call(national, 'exchange.replaceKey', { partnerId: chuiThere, ...upload(newKey) });
    expect(replaced).toMatchObject({ id: chuiThere, lastReceived: null, lastSent: 1 });
    expect(replaced.fingerprint).toBe((await call(fresh, 'exchange.identity', {})).fingerprint);

    // The old database's package no. 2, arriving late: its key opens nothing now.
    expect((await refusedWith(national, 'exchange.previewPackage', upload(oldSecond.file.path))).code).toBe('package_unknown_sender');

    // The new database's no. 1 (full, as every first package) loads: its ids are 1 and 2 again, its
    // Ч-4 taking the id the old Ч-1 had and its Ч-1 the old Ч-2's; the old Ч-3's id is in no record, so it goes.
    const first = await call(fresh, 'exchange.makePackage', {
      partnerId: (await call(fresh, 'exchange.partners', {}))[0]!.id,
      full: false,
    });
    expect(first).toMatchObject({ sequence: 1, full: true });
    const { preview, loaded } = await load(national, first.file.path);
    expect(preview).toMatchObject({ sequence: 1, gap: null, alreadyLoaded: false });
    expect(loaded).toMatchObject({ created: 0, updated: 2, deleted: 1 });
    expect(live(national)).toEqual(['Ч-1', 'Ч-4']);
    // The record that was Ч-2 (linked with the national centre's Б-9) is now another person: the link is gone with it.
    expect(national.database.prepare('SELECT count(*) AS n FROM person_link').get()).toEqual({ n: 0 });
    expect((await call(national, 'cases.get', { id: own.id })).personRecords).toEqual([]);
    // Ч-1, Ч-4 and the national centre's Б-9 (no longer linked to anyone): three people.
    expect(await diagnosed(national)).toBe(3);

    // What the national centre sends the region next is numbered on, and full: the new database holds nothing of it.
    expect(await call(national, 'exchange.makePackage', { partnerId: chuiThere, full: false })).toMatchObject({ sequence: 2, full: true });
  });
});

describe('a partner removed', () => {
  it('keeping what it sent: still counted, read-only; its packages refused, none made for it; added back by its key file, the same partner', async () => {
    const { chui, national, toNational, chuiThere } = await regionAndNational();
    await addCase(chui, 'Ч-1', 'АНМА11985', 1985);
    await load(national, (await call(chui, 'exchange.makePackage', { partnerId: toNational, full: false })).file.path);
    await addCase(chui, 'Ч-2', 'БОЛА11990', 1990);
    const late = await call(chui, 'exchange.makePackage', { partnerId: toNational, full: false });
    // Checked, then the partner is removed before the clerk confirms: the checked package is stale.
    const checked = await call(national, 'exchange.previewPackage', upload(late.file.path));

    expect(await call(national, 'exchange.removePartner', { partnerId: chuiThere, records: 'keep' })).toEqual({
      cases: 0,
      values: 0,
      approvals: 0,
      reports: 0,
    });
    expect((await refusedWith(national, 'exchange.confirmPackage', { packageId: checked.packageId })).messageKey).toBe(
      'errors.package_stale',
    );
    expect(await call(national, 'exchange.partners', {})).toEqual([]);
    expect(live(national)).toEqual(['Ч-1']);
    expect(await diagnosed(national)).toBe(1);
    expect((await call(national, 'cases.get', { id: 1 })).receivedFrom).toBe('Чуйская область: центр СПИД');
    expect((await refusedWith(national, 'exchange.previewPackage', upload(late.file.path))).code).toBe('package_unknown_sender');
    expect((await refusedWith(national, 'exchange.makePackage', { partnerId: chuiThere, full: true })).code).toBe('not_found');

    // Added back with the same key file: the same partner (its records its own again), numbered on with a gap shown.
    const back = await call(national, 'exchange.addPartner', upload((await call(chui, 'exchange.keyFile', {})).path));
    expect(back).toMatchObject({ id: chuiThere, lastReceived: null });
    const { preview, loaded } = await load(national, late.file.path);
    expect(preview.gap).toEqual({ from: 1, to: 1 });
    expect(loaded).toMatchObject({ created: 1 });
    expect(live(national)).toEqual(['Ч-1', 'Ч-2']);
  });

  it('with what it sent: its cases deleted (each in the change log), its form values, approvals and reports gone; the log reads in words', async () => {
    const { chui, national, toNational, chuiThere } = await regionAndNational();
    await addCase(chui, 'Ч-1', 'АНМА11985', 1985);
    await addCase(chui, 'Ч-2', 'БОЛА11990', 1990);
    const chuiUnit = (chui.database.prepare(`SELECT id FROM org_unit WHERE name = 'Чуйская область: центр СПИД'`).get() as { id: number })
      .id;
    await call(chui, 'forms.save', {
      form: 'testing',
      orgUnitId: chuiUnit,
      period: '2017',
      cells: [
        { de: 'tested_voluntary', coc: TOTAL, value: '1250' },
        { de: 'positive_voluntary', coc: TOTAL, value: '12' },
      ],
    });
    await call(chui, 'forms.approve', { form: 'testing', orgUnitId: chuiUnit, period: '2017', approved: true });
    await load(national, (await call(chui, 'exchange.makePackage', { partnerId: toNational, full: false })).file.path);
    expect(await diagnosed(national)).toBe(2);

    expect(await call(national, 'exchange.removePartner', { partnerId: chuiThere, records: 'remove' })).toEqual({
      cases: 2,
      values: 2,
      approvals: 1,
      reports: 0,
    });
    expect(live(national)).toEqual([]);
    expect(await diagnosed(national)).toBe(0);
    expect(national.database.prepare('SELECT count(*) AS n FROM data_value WHERE origin_partner_id IS NOT NULL').get()).toEqual({ n: 0 });
    const deletes = national.database.prepare(`SELECT count(*) AS n FROM audit_log WHERE entity = 'case' AND action = 'delete'`).get() as {
      n: number;
    };
    expect(deletes.n).toBe(2);
    for (const lang of ['ru', 'en'] as const) {
      const say = await words(lang);
      for (const e of (await call(national, 'audit.search', { limit: 200 })).entries)
        expect(flat(say(e)), `${e.entity} ${e.action}`).not.toMatch(CODE_IN_WORDS);
    }
    const say = await words('ru');
    const log = (await call(national, 'audit.search', { limit: 5 })).entries.map((e) => flat(say(e)));
    expect(log[0]).toMatch(/^Чуйская область: центр СПИД .*Полученное от него \| — \| удалено .*Случаев|Cases/);
    expect(log.some((l) => /Удалён вместе с центром-партнёром \| — \| Чуйская область: центр СПИД/.test(l))).toBe(true);
  });
});
