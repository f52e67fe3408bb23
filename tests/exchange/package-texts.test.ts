// A centre's corrected texts travel in a register package only when the sender's user ticks them,
// and are taken only when the receiver's user ticks them: checked as a translation workbook's rows
// are, saved in the package's transaction with a change-log entry each, and shown from then on.
import { describe, expect, it } from 'vitest';
import { saveCorrections } from '../../db/translations.js';
import { texts } from '../../shared/i18n/languages.js';
import { textAt } from '../../shared/i18n/languages.js';
import { bytesUpload, call, chuiAndNational, craft, partnerId, refusedWith, upload } from '../helpers/exchange.js';
import { flat, words } from '../helpers/audit-words.js';
import { useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';
import { readManifest } from '../../electron/service/exchange/package-file.js';
import { LATEST_VERSION } from '../../db/migrations/index.js';
import { readFileSync } from 'node:fs';

const tempDir = useTempDirs();
const session = useSessions();
const KEY = 'nav.indicators';
const CORRECTED = 'Көрсеткіштер (түзетілген)';
const CHUI = ['Кыргызстан', 'Чуйская область', 'Чуйская область: центр СПИД'];

describe('corrected texts in exchange packages', () => {
  it('are sent only when ticked, taken only when ticked, audited, and shown from then on', async () => {
    const { chui, national } = await chuiAndNational(session, tempDir);
    // The region corrected one Kazakh text (as Settings → Languages saves a loaded workbook).
    saveCorrections(chui.database, 'Айгуль', 'kk', [{ key: KEY, before: textAt(texts('kk'), KEY) as string, after: CORRECTED }]);
    const toNational = await partnerId(chui, 'г. Бишкек: центр СПИД');

    // Not ticked: the package holds no text, in the format older apps read.
    const plain = await call(chui, 'exchange.makePackage', { partnerId: toNational, full: true });
    expect(plain.counts.translations).toBeUndefined();
    expect(readManifest('p', readFileSync(plain.file.path), LATEST_VERSION).manifest.formatVersion).toBe(1);
    const p1 = await call(national, 'exchange.previewPackage', upload(plain.file.path));
    expect(p1.translations).toEqual({ new: 0, changed: 0, unchanged: 0, refused: 0 });
    await call(national, 'exchange.confirmPackage', { packageId: p1.packageId, translations: true });

    // Ticked: the text goes, in format 3.
    const withTexts = await call(chui, 'exchange.makePackage', { partnerId: toNational, full: false, translations: true });
    expect(withTexts.counts.translations).toBe(1);
    expect(readManifest('p', readFileSync(withTexts.file.path), LATEST_VERSION).manifest.formatVersion).toBe(3);
    const p2 = await call(national, 'exchange.previewPackage', upload(withTexts.file.path));
    expect(p2.translations).toEqual({ new: 1, changed: 0, unchanged: 0, refused: 0 });
    // Each text shown before it is ticked: what the screen says now, and what the package would make it say.
    expect(p2.textChanges).toEqual([{ language: 'kk', key: KEY, before: textAt(texts('kk'), KEY), after: CORRECTED }]);
    // The receiver does not tick them: its texts stay as they were.
    expect(await call(national, 'exchange.confirmPackage', { packageId: p2.packageId })).toMatchObject({ translations: 0 });
    expect(await call(national, 'translations.get', {})).toEqual({});

    // The same package again (its records already here), this time ticked: the text is taken.
    const p3 = await call(national, 'exchange.previewPackage', upload(withTexts.file.path));
    expect(p3).toMatchObject({ alreadyLoaded: true, translations: { new: 1 } });
    expect(await call(national, 'exchange.confirmPackage', { packageId: p3.packageId, translations: true })).toMatchObject({
      translations: 1,
    });
    expect(await call(national, 'translations.get', {})).toEqual({ kk: { [KEY]: CORRECTED } });
    expect(textAt(texts('kk'), KEY)).toBe(CORRECTED); // the back end's files use it now
    const entry = national.database
      .prepare(`SELECT actor, new_value AS v FROM audit_log WHERE entity = 'translation' ORDER BY id DESC LIMIT 1`)
      .get() as { actor: string; v: string };
    expect(entry.actor).toBe('Республика');
    expect(JSON.parse(entry.v)).toEqual({ text: CORRECTED, receivedFrom: 'Чуйская область: центр СПИД', package: 2 });
  });

  it('a text with other placeholders, an unknown key, an unknown language or said twice is refused; the records still load', async () => {
    const { chui, national } = await chuiAndNational(session, tempDir);
    const line = (language: string, key: string, text: string) => JSON.stringify({ t: 'translation', language, key, text });
    const bytes = craft(chui, national, [
      JSON.stringify({ t: 'unit', id: 7, path: CHUI }),
      line('kk', 'packages.madeFull', 'Пакет {{wrong}}'),
      line('kk', 'no.such.key', 'мәтін'),
      line('xx', KEY, 'мәтін'),
      line('ky', KEY, 'Көрсөткүчтөр (биринчи)'),
      line('ky', KEY, 'Көрсөткүчтөр (оңдолгон)'),
    ]);
    const preview = await call(national, 'exchange.previewPackage', bytesUpload(bytes, 'texts.mhdpkg'));
    // The unknown language is not a record at all (refused with the lines that are not); the other two are refused texts,
    // and so is the first of two lines for one text (the last counts; an app never writes two).
    expect(preview.translations).toEqual({ new: 1, changed: 0, unchanged: 0, refused: 3 });
    expect(preview.counts.refused).toBe(1);
    await call(national, 'exchange.confirmPackage', { packageId: preview.packageId, translations: true });
    expect(await call(national, 'translations.get', {})).toEqual({ ky: { [KEY]: 'Көрсөткүчтөр (оңдолгон)' } });
  });

  it('texts from a sender removed since the preview are not taken; the same texts taken twice are written and logged once', async () => {
    const { chui, national } = await chuiAndNational(session, tempDir);
    saveCorrections(chui.database, 'Айгуль', 'kk', [{ key: KEY, before: textAt(texts('kk'), KEY) as string, after: CORRECTED }]);
    const made = await call(chui, 'exchange.makePackage', {
      partnerId: await partnerId(chui, 'г. Бишкек: центр СПИД'),
      full: true,
      translations: true,
    });
    // Two previews of the same package, both confirmed with the texts ticked.
    const a = await call(national, 'exchange.previewPackage', upload(made.file.path));
    const b = await call(national, 'exchange.previewPackage', upload(made.file.path));
    expect(await call(national, 'exchange.confirmPackage', { packageId: a.packageId, translations: true })).toMatchObject({
      translations: 1,
    });
    expect(await call(national, 'exchange.confirmPackage', { packageId: b.packageId, translations: true })).toMatchObject({
      translations: 0,
    });
    const logged = () =>
      (national.database.prepare(`SELECT count(*) AS n FROM audit_log WHERE entity = 'translation'`).get() as { n: number }).n;
    expect(logged()).toBe(1);
    // The change log says where the text came from, and files it under settings.
    const found = await call(national, 'audit.search', { kind: 'settings' });
    const entry = found.entries.find((e) => e.entity === 'translation')!;
    expect(flat((await words('ru'))(entry))).toContain('Чуйская область: центр СПИД, пакет № 1');

    // Taken back here, then the partner removed between a preview and its confirmation: nothing taken.
    await call(national, 'translations.remove', { language: 'kk', key: KEY });
    const c = await call(national, 'exchange.previewPackage', upload(made.file.path));
    expect(c.translations.new).toBe(1);
    await call(national, 'exchange.removePartner', {
      partnerId: await partnerId(national, 'Чуйская область: центр СПИД'),
      records: 'keep',
    });
    expect(await refusedWith(national, 'exchange.confirmPackage', { packageId: c.packageId, translations: true })).toMatchObject({
      code: 'import_expired',
    });
    expect(await call(national, 'translations.get', {})).toEqual({});
  });
});
