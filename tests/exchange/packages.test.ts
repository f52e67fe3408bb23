// Exchange packages through the contract, between three real (encrypted) centre databases: two
// regions of Kyrgyzstan and their national centre. Keys are swapped as files; packages are made,
// previewed and loaded; loading twice changes nothing; every kind of bad package is refused with
// its reason and nothing written.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DeskSession } from '../../electron/service/session.js';
import { addCase, auditHead, bytesUpload, call, centre, introduce, partnerId, refusedWith, upload } from '../helpers/exchange.js';
import { identity } from '../../db/exchange.js';
import { LATEST_VERSION } from '../../db/migrations/index.js';
import { buildPackage } from '../../electron/service/exchange/package-file.js';
import { aCase } from '../helpers/cases.js';
import { TOTAL } from '../../shared/forms/definitions.js';
import { createCentre, useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';
import { CODE_IN_WORDS, flat, words } from '../helpers/audit-words.js';

const tempDir = useTempDirs();
const session = useSessions();

const received = (s: DeskSession) =>
  s.database
    .prepare(
      `SELECT c.register_no AS registerNo, c.uic, c.deleted_at IS NOT NULL AS deleted, u.name AS unit,
         (SELECT count(*) FROM case_event e WHERE e.case_id = c.id) AS events
       FROM hiv_case c JOIN org_unit u ON u.id = c.org_unit_id WHERE c.origin_partner_id IS NOT NULL ORDER BY c.register_no`,
    )
    .all() as { registerNo: string; uic: string; deleted: number; unit: string; events: number }[];

async function threeCentres() {
  const chui = session(tempDir());
  await createCentre(chui, centre('Чуйская область', 'Айгуль'));
  const osh = session(tempDir());
  await createCentre(osh, centre('Ошская область', 'Бакыт'));
  const national = session(tempDir());
  await createCentre(national, centre('г. Бишкек', 'Республика'));
  await introduce(chui, national);
  await introduce(osh, national);
  return { chui, osh, national };
}

describe('exchange packages between centres', () => {
  it('carries a region’s register to the national centre: previewed, loaded once, read-only there, then only what changed', async () => {
    const { chui, national } = await threeCentres();
    const a = await addCase(chui, 'Ч-1', 'АНМА11985', 1985);
    const b = await addCase(chui, 'Ч-2', 'БОЛА11990', 1990);
    await addCase(chui, 'Ч-3', 'ВЕРА11979', 1979);
    const toNational = await partnerId(chui, 'г. Бишкек: центр СПИД');

    // The first package holds everything, even when "since the last" is asked.
    const first = await call(chui, 'exchange.makePackage', { partnerId: toNational, full: false });
    expect(first).toMatchObject({ sequence: 1, full: true, counts: { cases: 3, events: 3, deleted: 0, units: 1 } });
    expect(first.file.fileName).toMatch(/^package-KGZ-[0-9a-f]{8}-to-[0-9a-f]{8}-0001\.mhdpkg$/);
    // Nothing in the clear: no register number or code can be read from the file's bytes.
    const bytes = readFileSync(first.file.path);
    for (const secret of ['Ч-1', 'АНМА11985', 'ANMA']) expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);

    const before = auditHead(national);
    const preview = await call(national, 'exchange.previewPackage', upload(first.file.path));
    expect(preview).toMatchObject({ sequence: 1, full: true, alreadyLoaded: false, gap: null });
    expect(preview.counts).toEqual({ new: 3, changed: 0, unchanged: 0, deleted: 0, refused: 0, samePerson: 0, newUnits: 2 });
    expect(auditHead(national)).toBe(before); // a preview writes nothing
    expect(await call(national, 'exchange.confirmPackage', { packageId: preview.packageId })).toEqual({
      reports: 0,
      values: 0,
      approvals: 0,
      created: 3,
      updated: 0,
      deleted: 0,
      unchanged: 0,
      refused: 0,
      translations: 0,
    });
    // In the sender's own unit, made under the country by name, each with its event.
    expect(received(national)).toEqual([
      { registerNo: 'Ч-1', uic: 'АНМА11985', deleted: 0, unit: 'Чуйская область: центр СПИД', events: 1 },
      { registerNo: 'Ч-2', uic: 'БОЛА11990', deleted: 0, unit: 'Чуйская область: центр СПИД', events: 1 },
      { registerNo: 'Ч-3', uic: 'ВЕРА11979', deleted: 0, unit: 'Чуйская область: центр СПИД', events: 1 },
    ]);
    // Counted by the national centre like its own cases.
    const country = (national.database.prepare(`SELECT id FROM org_unit WHERE level = 'country'`).get() as { id: number }).id;
    const cascade = await call(national, 'indicators.cascade', { period: '2017', dimension: 'sex', orgUnitId: country });
    expect(cascade.total.tally.diagnosed).toBe(3);
    expect(cascade.total.tally.onArt).toBe(3);

    // Loading the same package again changes nothing, not even the change log.
    const head = auditHead(national);
    const again = await call(national, 'exchange.previewPackage', upload(first.file.path));
    expect(again.alreadyLoaded).toBe(true);
    expect(await call(national, 'exchange.confirmPackage', { packageId: again.packageId })).toMatchObject({
      created: 0,
      updated: 0,
      deleted: 0,
    });
    expect(auditHead(national)).toBe(head);

    // The national centre reads a received case but cannot change it: the region owns it.
    const localId = (national.database.prepare(`SELECT id FROM hiv_case WHERE register_no = 'Ч-1'`).get() as { id: number }).id;
    const detail = await call(national, 'cases.get', { id: localId });
    expect(detail.receivedFrom).toBe('Чуйская область: центр СПИД');
    for (const refused of [
      await refusedWith(national, 'cases.update', { id: localId, case: { ...detail.case, sex: 'female' }, allowDuplicate: false }),
      await refusedWith(national, 'cases.delete', { id: localId }),
      await refusedWith(national, 'events.save', { caseId: localId, eventId: null, event: { kind: 'cd4', date: '2017-04-01', cd4: 300 } }),
    ])
      expect(refused).toMatchObject({ code: 'received_read_only', params: { centre: 'Чуйская область: центр СПИД' } });

    // The region changes one case, adds an event to another's, deletes a third: package 2 holds those only.
    await call(chui, 'cases.update', {
      id: a.id,
      case: { ...aCase({ registerNo: 'Ч-1', uic: 'АНМА11985', birthYear: 1985, diagnosisDate: '2017-02-01' }), legalStatus: 'regular' },
      allowDuplicate: false,
    });
    await call(chui, 'events.save', {
      caseId: b.id,
      eventId: null,
      event: { kind: 'viral_load', date: '2017-09-01', undetectable: true, copies: null },
    });
    const third = (chui.database.prepare(`SELECT id FROM hiv_case WHERE register_no = 'Ч-3'`).get() as { id: number }).id;
    await call(chui, 'cases.delete', { id: third });
    const second = await call(chui, 'exchange.makePackage', { partnerId: toNational, full: false });
    expect(second).toMatchObject({ sequence: 2, full: false, counts: { cases: 2, deleted: 1 } });
    const p2 = await call(national, 'exchange.previewPackage', upload(second.file.path));
    expect(p2.counts).toMatchObject({ new: 0, changed: 2, unchanged: 0, deleted: 1, refused: 0 });
    expect(p2.since).not.toBeNull();
    await call(national, 'exchange.confirmPackage', { packageId: p2.packageId });
    expect(received(national).map((r) => [r.registerNo, r.deleted, r.events])).toEqual([
      ['Ч-1', 0, 1],
      ['Ч-2', 0, 2],
      ['Ч-3', 1, 1],
    ]);
    expect((await call(national, 'cases.get', { id: localId })).case.legalStatus).toBe('regular');
    // The change log says what came from where.
    const entry = national.database
      .prepare(`SELECT new_value FROM audit_log WHERE entity = 'case' AND entity_id = ? AND action = 'update'`)
      .get(String(localId)) as {
      new_value: string;
    };
    expect(JSON.parse(entry.new_value)).toMatchObject({ legalStatus: 'regular', receivedFrom: 'Чуйская область: центр СПИД', package: 2 });

    // Every entry the exchange wrote reads in words on both sides, in both languages.
    for (const lang of ['ru', 'en'] as const) {
      const say = await words(lang);
      for (const s of [national, chui]) {
        const entries = (await call(s, 'audit.search', { limit: 200 })).entries;
        for (const e of entries) expect(flat(say(e)), `${e.entity} ${e.action}`).not.toMatch(CODE_IN_WORDS);
      }
    }
    const say = await words('ru');
    const log = (await call(national, 'audit.search', { kind: 'exchange', limit: 50 })).entries.map((e) => flat(say(e)));
    expect(log[0]).toMatch(/^Пакет обмена № 2: Чуйская область: центр СПИД .*Изменено \| — \| 2 .*Удалено \| — \| 1/);
    const caseLog = (await call(national, 'audit.search', { registerNo: 'Ч-1', limit: 50 })).entries.map((e) => flat(say(e)));
    expect(caseLog[0]).toContain('Получен от центра | — | Чуйская область: центр СПИД, пакет № 2');
    expect(caseLog[0]).toMatch(/Правовой статус \| Нелегальный \| Легальный/);

    // The older package after the newer: refused with the reason, nothing written.
    const head2 = auditHead(national);
    expect(await refusedWith(national, 'exchange.previewPackage', upload(first.file.path))).toMatchObject({
      code: 'package_replayed',
      params: { sequence: 1, last: 2 },
    });
    // A package that never arrived is shown as a gap.
    await call(chui, 'exchange.makePackage', { partnerId: toNational, full: false });
    await addCase(chui, 'Ч-4', 'ГАЛИ11988', 1988);
    const fourth = await call(chui, 'exchange.makePackage', { partnerId: toNational, full: false });
    const p4 = await call(national, 'exchange.previewPackage', upload(fourth.file.path));
    expect(p4.gap).toEqual({ from: 3, to: 3 });
    expect(p4.counts.new).toBe(1);
    expect(auditHead(national)).toBe(head2);
  });

  it('refuses a package for another receiver, from an unknown sender, tampered, truncated or from a newer app, writing nothing', async () => {
    const { chui, osh, national } = await threeCentres();
    await addCase(chui, 'Ч-1', 'АНМА11985', 1985);
    const made = await call(chui, 'exchange.makePackage', { partnerId: await partnerId(chui, 'г. Бишкек: центр СПИД'), full: true });
    const good = readFileSync(made.file.path);
    const head = auditHead(national);
    const cases = () => (national.database.prepare('SELECT count(*) AS n FROM hiv_case').get() as { n: number }).n;

    // Another region that knows the sender still cannot open what was sealed to the national centre.
    await introduce(chui, osh);
    expect(await refusedWith(osh, 'exchange.previewPackage', bytesUpload(good, 'p.mhdpkg'))).toMatchObject({
      code: 'package_other_receiver',
      params: { centre: 'г. Бишкек: центр СПИД' },
    });
    // A sender whose key the receiver never added.
    const stranger = session(tempDir());
    await createCentre(stranger, centre('Нарынская область', 'Незнакомец'));
    await call(stranger, 'exchange.addPartner', upload((await call(national, 'exchange.keyFile', {})).path));
    await addCase(stranger, 'Н-1', 'ДАНА11991', 1991);
    const fromStranger = await call(stranger, 'exchange.makePackage', { partnerId: 1, full: true });
    expect(await refusedWith(national, 'exchange.previewPackage', upload(fromStranger.file.path))).toMatchObject({
      code: 'package_unknown_sender',
      params: { centre: 'Нарынская область: центр СПИД' },
    });

    // One byte changed anywhere: in the sealed content, in the manifest, in the signature.
    const manifestAt = good.indexOf(Buffer.from('"sequence":1', 'utf8'));
    const signatureAt = 8 + 4 + good.readUInt32BE(8) + 2; // magic, manifest length, manifest, signature length
    for (const at of [good.length - 10, manifestAt + 11, signatureAt + 10]) {
      const bad = Buffer.from(good);
      bad[at] = at === manifestAt + 11 ? '2'.charCodeAt(0) : bad[at]! ^ 0x01;
      expect((await refusedWith(national, 'exchange.previewPackage', bytesUpload(bad, 'p.mhdpkg'))).code, `byte ${at}`).toBe(
        'package_tampered',
      );
    }
    // Cut short, at the end or inside the manifest; or not a package at all.
    expect(
      await refusedWith(national, 'exchange.previewPackage', bytesUpload(good.subarray(0, good.length - 100), 'p.mhdpkg')),
    ).toMatchObject({
      code: 'package_unreadable',
      messageKey: 'errors.package.truncated',
    });
    expect((await refusedWith(national, 'exchange.previewPackage', bytesUpload(good.subarray(0, 60), 'p.mhdpkg'))).messageKey).toBe(
      'errors.package.truncated',
    );
    expect(
      (await refusedWith(national, 'exchange.previewPackage', bytesUpload(Buffer.from('PK\u0003\u0004 a workbook'), 'p.mhdpkg')))
        .messageKey,
    ).toBe('errors.package.not_package');

    // A package written by a newer app (a later schema), signed and sealed properly.
    const me = identity(chui.database)!;
    const to = (await call(chui, 'exchange.partners', {})).find((p) => p.centre === 'г. Бишкек: центр СПИД')!;
    const natKeys = identity(national.database)!;
    const newer = buildPackage(
      {
        sender: { fingerprint: me.fingerprint, centre: 'Чуйская область: центр СПИД', countryCode: 'KGZ', unitPath: ['Кыргызстан'] },
        receiver: { fingerprint: to.fingerprint, centre: to.centre },
        sequence: 5,
        createdAt: new Date().toISOString(),
        schemaVersion: LATEST_VERSION + 1,
        appVersion: '9.0.0',
      },
      { kind: 'register', full: true, since: null, counts: { units: 0, cases: 0, events: 0, deleted: 0, values: 0, approvals: 0 } },
      [],
      me,
      natKeys.boxPublic,
    );
    expect(await refusedWith(national, 'exchange.previewPackage', bytesUpload(newer.bytes, 'p.mhdpkg'))).toMatchObject({
      code: 'package_newer',
      params: { version: '9.0.0' },
    });

    expect(auditHead(national)).toBe(head);
    expect(cases()).toBe(0);
    // And the good one still loads.
    const ok = await call(national, 'exchange.previewPackage', bytesUpload(good, 'p.mhdpkg'));
    expect(ok.counts.new).toBe(1);
  });

  it('lists a person two regions both reported for review, and refuses a key file edited by hand or the centre’s own', async () => {
    const { chui, osh, national } = await threeCentres();
    await addCase(chui, 'Ч-1', 'АНМА11985', 1985);
    // The same person in Osh, the code typed in Latin letters.
    const o7 = await addCase(osh, 'О-7', 'ANMA11985', 1985);
    // Only Osh has this person's viral load: linked, the person counts as suppressed.
    await call(osh, 'events.save', {
      caseId: o7.id,
      eventId: null,
      event: { kind: 'viral_load', date: '2017-09-01', undetectable: true, copies: null },
    });
    await addCase(osh, 'О-8', 'ЕЛЕН11992', 1992);
    const fromChui = await call(chui, 'exchange.makePackage', { partnerId: await partnerId(chui, 'г. Бишкек: центр СПИД'), full: true });
    await call(national, 'exchange.confirmPackage', {
      packageId: (await call(national, 'exchange.previewPackage', upload(fromChui.file.path))).packageId,
    });
    const fromOsh = await call(osh, 'exchange.makePackage', { partnerId: await partnerId(osh, 'г. Бишкек: центр СПИД'), full: true });
    const p = await call(national, 'exchange.previewPackage', upload(fromOsh.file.path));
    expect(p.counts).toMatchObject({ new: 2, samePerson: 1 });
    expect(p.samePerson).toEqual([
      { originId: expect.any(Number), registerNo: 'О-7', existingRegisterNo: 'Ч-1', existingUnit: 'Чуйская область: центр СПИД' },
    ]);
    await call(national, 'exchange.confirmPackage', { packageId: p.packageId });

    // Loaded, the person counts twice until a reviewer links the two records.
    const country = (national.database.prepare(`SELECT id FROM org_unit WHERE level = 'country'`).get() as { id: number }).id;
    const tally = async () =>
      (await call(national, 'indicators.cascade', { period: '2017', orgUnitId: country, dimension: 'sex' })).total.tally;
    expect(await tally()).toMatchObject({ diagnosed: 3, onArt: 3, suppressedOnArt: 1 });
    const candidates = await call(national, 'persons.candidates', {});
    expect(candidates.map((c) => [c.a.registerNo, c.b.registerNo, c.a.receivedFrom, c.b.receivedFrom])).toEqual([
      ['Ч-1', 'О-7', 'Чуйская область: центр СПИД', 'Ошская область: центр СПИД'],
    ]);
    const linked = await call(national, 'persons.link', { caseId: candidates[0]!.b.id, withCaseId: candidates[0]!.a.id });
    expect(linked.personRecords.map((r) => r.registerNo)).toEqual(['Ч-1', 'О-7']);
    // Once: diagnosed, on ART and — with Osh's viral load — suppressed.
    expect(await tally()).toMatchObject({ diagnosed: 2, onArt: 2, suppressedOnArt: 1 });
    expect(await call(national, 'persons.candidates', {})).toEqual([]);
    // Both records stay in the register, each its centre's; the link is in the change log, in words.
    expect(received(national).map((r) => r.registerNo)).toEqual(['О-7', 'О-8', 'Ч-1']);
    const say = await words('ru');
    const entry = (await call(national, 'audit.search', { limit: 5 })).entries.find((e) => e.entity === 'person_link')!;
    expect(flat(say(entry))).toMatch(/^Один человек: записи № (О-7 \+ Ч-1|Ч-1 \+ О-7) \(учитывается один раз\)/);
    // Undone: counted twice again.
    const unlinked = await call(national, 'persons.unlink', { caseId: candidates[0]!.b.id });
    expect(unlinked.personRecords).toEqual([]);
    expect(await tally()).toMatchObject({ diagnosed: 3, suppressedOnArt: 1 });
    expect(await call(national, 'persons.candidates', {})).toHaveLength(1);

    // Key files: one edited by hand (its fingerprint no longer its keys'), the centre's own, one already added.
    const keyPath = (await call(osh, 'exchange.keyFile', {})).path;
    const edited = JSON.parse(readFileSync(keyPath, 'utf8')) as { signPublic: string; boxPublic: string };
    edited.boxPublic = JSON.parse(readFileSync((await call(chui, 'exchange.keyFile', {})).path, 'utf8')).boxPublic;
    expect(await refusedWith(national, 'exchange.addPartner', bytesUpload(Buffer.from(JSON.stringify(edited)), 'k.mhdkey'))).toMatchObject({
      code: 'key_file_invalid',
      messageKey: 'errors.key_file_fingerprint',
    });
    expect((await refusedWith(osh, 'exchange.addPartner', upload(keyPath))).messageKey).toBe('errors.key_file_own');
    expect((await refusedWith(national, 'exchange.addPartner', upload(keyPath))).messageKey).toBe('errors.partner_exists');
    expect((await refusedWith(national, 'exchange.addPartner', bytesUpload(Buffer.from('{"format":"x"}'), 'k.mhdkey'))).messageKey).toBe(
      'errors.key_file_not_key',
    );
  });

  it('carries the region’s form values and approved periods: they arrive in its unit, stay approved, are read-only, and follow its changes', async () => {
    const { chui, national } = await threeCentres();
    const unitOf = (s: DeskSession, name: string) =>
      (s.database.prepare('SELECT id FROM org_unit WHERE name = ?').get(name) as { id: number }).id;
    const chuiUnit = unitOf(chui, 'Чуйская область: центр СПИД');
    const cell = (de: string, value: string) => ({ de, coc: TOTAL, value });
    await call(chui, 'forms.save', {
      form: 'testing',
      orgUnitId: chuiUnit,
      period: '2017',
      cells: [cell('tested_voluntary', '1250'), cell('positive_voluntary', '12')],
    });
    await call(chui, 'forms.save', { form: 'testing', orgUnitId: chuiUnit, period: '2016', cells: [cell('tested_voluntary', '900')] });
    await call(chui, 'forms.approve', { form: 'testing', orgUnitId: chuiUnit, period: '2017', approved: true });
    // The national centre's own value in a cell the region also fills: kept, counted as a conflict.
    const toNational = await partnerId(chui, 'г. Бишкек: центр СПИД');
    const first = await call(chui, 'exchange.makePackage', { partnerId: toNational, full: false });
    expect(first.counts).toMatchObject({ cases: 0, values: 3, approvals: 1 });
    const p1 = await call(national, 'exchange.previewPackage', upload(first.file.path));
    expect(p1.forms).toEqual({
      values: { new: 3, changed: 0, removed: 0, unchanged: 0 },
      approvals: { new: 1, removed: 0 },
      refused: 0,
      conflicts: 0,
    });
    expect(await call(national, 'exchange.confirmPackage', { packageId: p1.packageId })).toMatchObject({ values: 3, approvals: 1 });

    const there = unitOf(national, 'Чуйская область: центр СПИД');
    const form2017 = await call(national, 'forms.get', { form: 'testing', orgUnitId: there, period: '2017' });
    expect(form2017.values.map((v) => [v.de, v.value]).sort()).toEqual([
      ['positive_voluntary', 12],
      ['tested_voluntary', 1250],
    ]);
    expect(form2017.approval).toMatchObject({ approvedBy: 'Айгуль' });
    // Read-only there: the approved period is locked; the open one's received cells are the region's.
    expect(
      (
        await refusedWith(national, 'forms.save', {
          form: 'testing',
          orgUnitId: there,
          period: '2016',
          cells: [cell('tested_voluntary', '901')],
        })
      ).code,
    ).toBe('received_read_only');
    expect(
      (await refusedWith(national, 'forms.approve', { form: 'testing', orgUnitId: there, period: '2017', approved: false })).code,
    ).toBe('received_read_only');
    // A cell of the region's unit the national centre fills itself stays its own when the region's value arrives.
    await call(national, 'forms.save', { form: 'testing', orgUnitId: there, period: '2016', cells: [cell('positive_voluntary', '7')] });

    // The region withdraws its approval, changes a value, clears one, and fills the cell the national centre filled.
    await call(chui, 'forms.approve', { form: 'testing', orgUnitId: chuiUnit, period: '2017', approved: false });
    await call(chui, 'forms.save', {
      form: 'testing',
      orgUnitId: chuiUnit,
      period: '2017',
      cells: [cell('tested_voluntary', '1300'), cell('positive_voluntary', '')],
    });
    await call(chui, 'forms.save', { form: 'testing', orgUnitId: chuiUnit, period: '2016', cells: [cell('positive_voluntary', '9')] });
    const second = await call(chui, 'exchange.makePackage', { partnerId: toNational, full: false });
    const p2 = await call(national, 'exchange.previewPackage', upload(second.file.path));
    expect(p2.forms).toEqual({
      values: { new: 0, changed: 1, removed: 1, unchanged: 1 },
      approvals: { new: 0, removed: 1 },
      refused: 0,
      conflicts: 1,
    });
    await call(national, 'exchange.confirmPackage', { packageId: p2.packageId });
    const after = async (period: string) =>
      (await call(national, 'forms.get', { form: 'testing', orgUnitId: there, period })).values.map((v) => [v.de, v.value]).sort();
    expect(await after('2017')).toEqual([['tested_voluntary', 1300]]);
    expect(await after('2016')).toEqual([
      ['positive_voluntary', 7],
      ['tested_voluntary', 900],
    ]);
    expect((await call(national, 'forms.get', { form: 'testing', orgUnitId: there, period: '2017' })).approval).toBeNull();
    // The change log names each cell and says where it came from, in words.
    const say = await words('ru');
    const entries = (await call(national, 'audit.search', { kind: 'forms', limit: 50 })).entries;
    for (const e of entries) expect(flat(say(e))).not.toMatch(CODE_IN_WORDS);
    expect(entries.filter((e) => e.entity === 'data_value' && e.action === 'delete')).toHaveLength(1);
  });
});
