// A centre corrects its language: the translation workbook out (LibreOffice reads it: key, where,
// Russian, English, the language; texts the language lacks highlighted), edited, loaded back: the
// preview lists the changes and refuses a wrong placeholder, an unknown key and a text too long for
// its place; nothing is written before the confirmation; then each text is audited, the screens get
// it, and the next workbook the app writes in that language uses it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { LANGUAGES, SHIPPED, setCorrections, texts } from '../../shared/i18n/languages.js';
import { SOURCE_TEXTS } from '../../shared/translations/check.js';
import { corrections, saveCorrections } from '../../db/translations.js';
import { translationWorkbook } from '../../electron/service/translations/workbook.js';
import { sheetsAsCsv } from '../helpers/libreoffice.js';
import { createCentre, useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();

describe('the translation workbook', () => {
  it('of every language, loaded back unedited, is that language’s and changes nothing', async () => {
    const s = session(tempDir());
    await createCentre(s);
    for (const language of LANGUAGES) {
      const out = await dispatchAsync(s, 'translations.workbook', { language }, silentLogger);
      if (!out.ok) throw new Error(JSON.stringify(out.error));
      const upload = { fileName: `translation-${language}.xlsx`, contentBase64: readFileSync(out.value.path).toString('base64') };
      const back = await dispatchAsync(s, 'translations.preview', { ...upload, language }, silentLogger);
      expect(back.ok && { changes: back.value.changesTotal, refused: back.value.refusedTotal }, language).toEqual({
        changes: 0,
        refused: 0,
      });
    }
  });

  it('goes out, comes back corrected: the preview refuses wrong rows, the confirmation saves and audits the rest, and outputs use them', async () => {
    const s = session(tempDir());
    await createCentre(s);
    const out = await dispatchAsync(s, 'translations.workbook', { language: 'kk' }, silentLogger);
    if (!out.ok) throw new Error(JSON.stringify(out.error));
    const [sheet] = [...sheetsAsCsv(out.value.path).values()];
    expect(sheet![0]).toEqual([
      texts('kk').settings.translationKey,
      texts('kk').settings.translationWhere,
      'Русский',
      'English',
      'Қазақша (kk)',
    ]);
    const nav = sheet!.find((r) => r[0] === 'nav.cases')!;
    expect(nav.slice(2)).toEqual([SHIPPED.ru.nav!.cases, SHIPPED.en.nav!.cases, SHIPPED.kk.nav!.cases]);

    // The clerk edits it in a spreadsheet program.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out.value.path);
    const ws = wb.worksheets[0]!;
    const rowOf = (key: string) => {
      let found = 0;
      ws.eachRow((r, n) => {
        if (r.getCell(1).value === key) found = n;
      });
      return ws.getRow(found);
    };
    // Nothing highlighted while Kazakh has every text; a text a language lacks (shown in Russian) is.
    const fills: string[] = [];
    ws.eachRow((r) => {
      if ((r.getCell(5).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === 'FFFFF2B3') fills.push(String(r.getCell(1).value));
    });
    expect(fills).toEqual(
      [...SOURCE_TEXTS.keys()].filter(
        (k) => k.split('.').reduce<unknown>((x, p) => (x as Record<string, unknown>)?.[p], SHIPPED.kk) === undefined,
      ),
    );
    const partial = translationWorkbook('kk', { nav: { cases: 'Жағдайлар' } }).worksheets[0]!;
    const filled = (key: string) => {
      let argb: string | undefined = 'none';
      partial.eachRow((r) => {
        if (r.getCell(1).value === key) argb = (r.getCell(5).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
      });
      return argb;
    };
    expect([filled('nav.cases'), filled('nav.forms')]).toEqual([undefined, 'FFFFF2B3']);
    rowOf('nav.cases').getCell(5).value = 'АИТВ жағдайлары тіркелімі';
    const withCount = rowOf('cases.position');
    withCount.getCell(5).value = 'Жағдай {{n}} / {{барлығы}}'; // a placeholder renamed: would show raw
    rowOf('common.cancel').getCell(5).value = 'Болдырмау '.repeat(30); // too long for a button
    ws.addRow(['nav.nothing', '', '', '', 'Жоқ']); // a key the app does not have
    rowOf('common.back').getCell(5).value = ''; // emptied: left as it is
    const edited = join(tempDir(), 'translation-kk-edited.xlsx');
    await wb.xlsx.writeFile(edited);
    const upload = { fileName: 'translation-kk-edited.xlsx', contentBase64: readFileSync(edited).toString('base64') };

    // The wrong language is refused as a whole.
    const other = await dispatchAsync(s, 'translations.preview', { ...upload, language: 'uz' }, silentLogger);
    expect(other).toMatchObject({ ok: false, error: { messageKey: 'errors.translation_other_language' } });

    const preview = await dispatchAsync(s, 'translations.preview', { ...upload, language: 'kk' }, silentLogger);
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(preview.value.changes).toEqual([{ key: 'nav.cases', before: SHIPPED.kk.nav!.cases, after: 'АИТВ жағдайлары тіркелімі' }]);
    expect(preview.value.refused.map((r) => [r.key, r.messageKey]).sort()).toEqual(
      [
        ['cases.position', 'translations.placeholders'],
        ['common.cancel', 'translations.tooLong'],
        ['nav.nothing', 'translations.unknownKey'],
      ].sort(),
    );
    expect(dispatch(s, 'translations.get', {}, silentLogger)).toEqual({ ok: true, value: {} }); // nothing yet

    expect(dispatch(s, 'translations.confirm', { previewId: preview.value.previewId }, silentLogger)).toEqual({
      ok: true,
      value: { saved: 1 },
    });
    expect(dispatch(s, 'translations.get', {}, silentLogger)).toEqual({
      ok: true,
      value: { kk: { 'nav.cases': 'АИТВ жағдайлары тіркелімі' } },
    });
    const audit = s.database
      .prepare("SELECT entity_id AS id, old_value AS old, new_value AS new FROM audit_log WHERE entity = 'translation'")
      .all();
    expect(audit).toEqual([
      {
        id: 'kk:nav.cases',
        old: JSON.stringify({ text: SHIPPED.kk.nav!.cases }),
        new: JSON.stringify({ text: 'АИТВ жағдайлары тіркелімі' }),
      },
    ]);
    // The back end's texts carry it: the next workbook shows it as the language's text.
    expect(texts('kk').nav.cases).toBe('АИТВ жағдайлары тіркелімі');
    const again = await dispatchAsync(s, 'translations.workbook', { language: 'kk' }, silentLogger);
    if (!again.ok) throw new Error(JSON.stringify(again.error));
    expect([...sheetsAsCsv(again.value.path).values()][0]!.find((r) => r[0] === 'nav.cases')![4]).toBe('АИТВ жағдайлары тіркелімі');
    // The same preview cannot be confirmed twice.
    expect(dispatch(s, 'translations.confirm', { previewId: preview.value.previewId }, silentLogger)).toMatchObject({ ok: false });
    // Closing the database takes its corrections away from the next one.
    dispatch(s, 'setup.close', {}, silentLogger);
    expect(texts('kk').nav.cases).toBe(SHIPPED.kk.nav!.cases);
  }, 240_000);

  it('refuses a file that is not a translation workbook, writing nothing', async () => {
    const s = session(tempDir());
    await createCentre(s);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['a']);
    const file = join(tempDir(), 'other.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await dispatchAsync(
      s,
      'translations.preview',
      { fileName: 'other.xlsx', contentBase64: readFileSync(file).toString('base64'), language: 'kk' },
      silentLogger,
    );
    expect(r).toMatchObject({ ok: false, error: { messageKey: 'errors.translation_not_workbook' } });
    expect(dispatch(s, 'translations.get', {}, silentLogger)).toEqual({ ok: true, value: {} });
  });

  it('a correction that gives two sheets one name, or a name Excel refuses, still gives a workbook', async () => {
    const s = session(tempDir());
    await createCentre(s);
    const cascade = texts('kk').workbook.sheets.cascade;
    setCorrections({ kk: { 'workbook.sheets.definitions': cascade, 'workbook.sheets.quality': `'${'Сапа/тексеру:'.repeat(5)}` } });
    try {
      const r = await dispatchAsync(
        s,
        'exports.indicatorWorkbook',
        { period: '2017', dimensions: ['sex'], language: 'kk', outside: false },
        silentLogger,
      );
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(r.value.path);
      const names = wb.worksheets.map((w) => w.name);
      expect(names).toContain(cascade);
      expect(names).toContain(`${cascade} (2)`);
      expect(names.every((n) => n.length <= 31 && !/[[\]:*?/\\]/.test(n) && !n.startsWith("'"))).toBe(true);
    } finally {
      setCorrections({});
    }
  });
});

describe('a correction taken back', () => {
  it('restores the shipped text on screens and in files, audited with the text it had; taking it back twice is refused', async () => {
    const s = session(tempDir());
    await createCentre(s);
    const shipped = SHIPPED.kk.nav!.forms!;
    saveCorrections(s.database, 'setup', 'kk', [{ key: 'nav.forms', before: shipped, after: 'Жиынтық есеп нысандары' }]);
    setCorrections(corrections(s.database));
    expect(texts('kk').nav.forms).toBe('Жиынтық есеп нысандары');

    const left = dispatch(s, 'translations.remove', { language: 'kk', key: 'nav.forms' }, silentLogger);
    expect(left).toEqual({ ok: true, value: {} });
    expect(texts('kk').nav.forms).toBe(shipped);
    const entry = s.database
      .prepare(`SELECT action, old_value AS o, new_value AS n FROM audit_log WHERE entity = 'translation' ORDER BY id DESC LIMIT 1`)
      .get() as { action: string; o: string; n: string };
    expect(entry.action).toBe('delete');
    expect(JSON.parse(entry.o)).toEqual({ text: 'Жиынтық есеп нысандары' });
    expect(JSON.parse(entry.n)).toEqual({ text: shipped });
    expect(dispatch(s, 'translations.remove', { language: 'kk', key: 'nav.forms' }, silentLogger)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
