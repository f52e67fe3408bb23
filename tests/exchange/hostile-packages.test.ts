// Packages a careless centre or an attacker with a partner's key could send, and orders of loading
// a busy national centre could follow: each refused in words or handled, nothing half-written,
// the process alive. (Found by trying the feature as a hostile user would.)
import { describe, expect, it } from 'vitest';
import type { DeskSession } from '../../electron/service/session.js';
import { aCase } from '../helpers/cases.js';
import {
  addCase,
  auditHead,
  bytesUpload,
  call,
  centre,
  chuiAndNational,
  craft,
  partnerId,
  refusedWith,
  upload,
} from '../helpers/exchange.js';
import { createCentre, useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';
import { MAX_KEY_FILE_BYTES } from '../../shared/exchange/api.js';

const tempDir = useTempDirs();
const session = useSessions();
const NATIONAL = 'г. Бишкек: центр СПИД';
const CHUI = ['Кыргызстан', 'Чуйская область', 'Чуйская область: центр СПИД'];

async function pair() {
  const { chui, national } = await chuiAndNational(session, tempDir);
  return { chui, national, to: await partnerId(chui, NATIONAL) };
}
const caseLine = (id: number, unit: number, over: object = {}) =>
  JSON.stringify({
    t: 'case',
    id,
    unit,
    case: aCase({
      registerNo: `X-${id}`,
      uic: `АНМА1${1980 + (id % 20)}`,
      birthYear: 1980 + (id % 20),
      diagnosisDate: '2017-02-01',
      ...over,
    }),
    events: [],
  });
const unitLine = (id: number, path: string[]) => JSON.stringify({ t: 'unit', id, path });
const count = (s: DeskSession, sql: string) => (s.database.prepare(sql).get() as { n: number }).n;

describe('hostile and out-of-order packages', () => {
  it('a preview made before another package from the same centre was loaded is checked again, never applied stale', async () => {
    const { chui, national, to } = await pair();
    const a = await addCase(chui, 'Ч-1', 'АНМА11985', 1985);
    const p1 = await call(chui, 'exchange.makePackage', { partnerId: to, full: false });
    await call(chui, 'cases.delete', { id: a.id });
    const p2 = await call(chui, 'exchange.makePackage', { partnerId: to, full: false });
    const v1 = await call(national, 'exchange.previewPackage', upload(p1.file.path));
    const v2 = await call(national, 'exchange.previewPackage', upload(p2.file.path)); // plans before case A is here
    await call(national, 'exchange.confirmPackage', { packageId: v1.packageId });
    expect(await refusedWith(national, 'exchange.confirmPackage', { packageId: v2.packageId })).toMatchObject({
      code: 'import_expired',
      messageKey: 'errors.package_stale',
    });
    const again = await call(national, 'exchange.previewPackage', upload(p2.file.path));
    expect(again.counts.deleted).toBe(1);
    await call(national, 'exchange.confirmPackage', { packageId: again.packageId });
    expect(count(national, 'SELECT count(*) AS n FROM hiv_case WHERE deleted_at IS NULL')).toBe(0);
  });

  it('a register file cannot add events to a received case', async () => {
    const { chui, national, to } = await pair();
    await addCase(chui, 'Ч-1', 'АНМА11985', 1985);
    const p = await call(chui, 'exchange.makePackage', { partnerId: to, full: false });
    await call(national, 'exchange.confirmPackage', {
      packageId: (await call(national, 'exchange.previewPackage', upload(p.file.path))).packageId,
    });
    const csv = ['Номер в регистре,Событие,Дата,CD4,Вирусная нагрузка,Неопределяемая,Исход', 'Ч-1,CD4,20.03.2017,280,,,'].join('\n');
    const report = await call(national, 'imports.preview', { fileName: 'events.csv', contentBase64: Buffer.from(csv).toString('base64') });
    expect(report.accepted.events).toBe(0);
    expect(report.rejected.map((r) => r.messageKey)).toEqual(['errors.received_read_only']);
  });

  it('a package of millions of empty lines is refused quickly, and the process lives on', async () => {
    const { chui, national } = await pair();
    const bomb = craft(chui, national, [unitLine(1, CHUI), ...Array<string>(2).fill(''), '\n'.repeat(5_000_000)]);
    expect(bomb.length).toBeLessThan(200_000);
    const started = Date.now();
    expect(await refusedWith(national, 'exchange.previewPackage', bytesUpload(bomb, 'p.mhdpkg'))).toMatchObject({
      code: 'package_unreadable',
      messageKey: 'errors.package.too_large',
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(count(national, 'SELECT count(*) AS n FROM org_unit')).toBe(3);
  });

  it('a sender files its records only in its own region, never in another centre’s unit, and makes no unit it does not use', async () => {
    const { chui, national } = await pair();
    const units = count(national, 'SELECT count(*) AS n FROM org_unit');
    // Units only, no record in them: nothing is made.
    const empty = await call(
      national,
      'exchange.previewPackage',
      bytesUpload(craft(chui, national, [unitLine(1, CHUI), unitLine(2, CHUI)]), 'p.mhdpkg'),
    );
    expect(empty.counts.newUnits).toBe(0);
    await call(national, 'exchange.confirmPackage', { packageId: empty.packageId });
    expect(count(national, 'SELECT count(*) AS n FROM org_unit')).toBe(units);
    const lines = [
      unitLine(1, CHUI),
      unitLine(2, ['Кыргызстан', 'г. Бишкек', 'г. Бишкек: центр СПИД']), // the receiver's own facility
      unitLine(3, ['Кыргызстан', 'Ошская область', 'Ошская область: центр СПИД']), // another region's centre
      caseLine(1, 1),
      caseLine(2, 2),
      caseLine(3, 3),
    ];
    const p = await call(national, 'exchange.previewPackage', bytesUpload(craft(chui, national, lines, { sequence: 2 }), 'p.mhdpkg'));
    expect(p.counts).toMatchObject({ new: 1, refused: 2, newUnits: 2 });
    expect(p.refused.map((r) => [r.path, r.messageKey])).toEqual([
      ['unit', 'packages.outsideSender'],
      ['unit', 'packages.outsideSender'],
    ]);
    await call(national, 'exchange.confirmPackage', { packageId: p.packageId });
    expect(count(national, 'SELECT count(*) AS n FROM org_unit') - units).toBe(2); // Чуйская область and its centre
    expect(count(national, `SELECT count(*) AS n FROM org_unit WHERE level = 'country'`)).toBe(1);
  });

  it('a package claiming another country or centre name is shown and filed as the partner it is signed by', async () => {
    const { chui, national } = await pair();
    const me = craft(chui, national, [unitLine(1, CHUI), caseLine(1, 1)], {
      sender: { centre: 'Фальшивый центр', countryCode: 'RUS', unitPath: ['Россия'] } as never,
    });
    const p = await call(national, 'exchange.previewPackage', bytesUpload(me, 'p.mhdpkg'));
    expect(p.sender.centre).toBe('Чуйская область: центр СПИД');
    await call(national, 'exchange.confirmPackage', { packageId: p.packageId });
    expect(count(national, `SELECT count(*) AS n FROM org_unit WHERE level = 'country'`)).toBe(1);
  });

  it('refuses a repeated record, a unit name the register cannot hold, and a number already used with other content', async () => {
    const { chui, national, to } = await pair();
    const lines = [
      unitLine(1, CHUI),
      unitLine(2, [...CHUI, 'Я'.repeat(161)]),
      unitLine(3, [...CHUI, 'a\u0000b']),
      caseLine(5, 1),
      caseLine(5, 1),
      caseLine(6, 2),
      caseLine(7, 3),
    ];
    const p = await call(national, 'exchange.previewPackage', bytesUpload(craft(chui, national, lines), 'p.mhdpkg'));
    expect(p.counts).toMatchObject({ new: 1, refused: 5 });
    expect(p.refused.map((r) => r.messageKey)).toContain('packages.repeatedRecord');
    expect(p.refused.every((r) => /^(validation|packages)\./.test(r.messageKey))).toBe(true);
    await call(national, 'exchange.confirmPackage', { packageId: p.packageId });

    // The sender restored from an older copy makes "no. 1" again with other content: said so, with what to do.
    await addCase(chui, 'Ч-9', 'ЕЛЕН11992', 1992);
    const renumbered = await call(chui, 'exchange.makePackage', { partnerId: to, full: false });
    expect(renumbered.sequence).toBe(1);
    expect(await refusedWith(national, 'exchange.previewPackage', upload(renumbered.file.path))).toMatchObject({
      code: 'package_replayed',
      messageKey: 'errors.package_renumbered',
    });
  });

  it('reads a key file saved with a byte-order mark and refuses one a byte over the size', async () => {
    const chui = session(tempDir());
    await createCentre(chui, centre('Чуйская область', 'Айгуль'));
    const national = session(tempDir());
    await createCentre(national, centre('г. Бишкек', 'Республика'));
    const key = (await import('node:fs')).readFileSync((await call(chui, 'exchange.keyFile', {})).path);
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), key]);
    expect((await call(national, 'exchange.addPartner', bytesUpload(withBom, 'k.mhdkey'))).centre).toBe('Чуйская область: центр СПИД');
    const big = Buffer.concat([key, Buffer.alloc(MAX_KEY_FILE_BYTES + 1 - key.length, 0x20)]);
    expect((await refusedWith(chui, 'exchange.addPartner', bytesUpload(big, 'k.mhdkey'))).messageKey).toBe('errors.key_file_not_key');
    // A centre cannot add a partner whose unit is its own (its records would be filed as this centre's).
    const twin = session(tempDir());
    await createCentre(twin, centre('г. Бишкек', 'Двойник'));
    expect((await refusedWith(national, 'exchange.addPartner', upload((await call(twin, 'exchange.keyFile', {})).path))).messageKey).toBe(
      'errors.key_file_same_unit',
    );
    expect(auditHead(chui)).toBeGreaterThan(0);
  });
});
