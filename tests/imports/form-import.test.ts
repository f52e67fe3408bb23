// Loading aggregate-form values from a spreadsheet, through the contract: the template goes out,
// LibreOffice opens it, a clerk fills it in, LibreOffice saves it; the report names each refused
// row, column and reason, repeats and failed checks; nothing is written before the confirmation.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { comboCells } from '../../shared/forms/definitions.js';
import { csvToXlsx, sheetsAsCsv } from '../helpers/libreoffice.js';
import { useSessions, createCentre } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';
import { progressUntil } from '../helpers/progress.js';

const tempDir = useTempDirs();
const session = useSessions();

async function centreSession() {
  const s = session(tempDir());
  await createCentre(s);
  return s;
}
type S = Awaited<ReturnType<typeof centreSession>>;
const csv = (rows: (string | number)[][]) =>
  rows.map((r) => r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',')).join('\n') + '\n';
const upload = (s: S, file: string, name = 'form.xlsx') =>
  dispatchAsync(s, 'formImports.preview', { fileName: name, contentBase64: readFileSync(file).toString('base64') }, silentLogger);
const values = (s: S, form: 'testing' | 'survey' | 'estimates', period: string) => {
  const r = dispatch(s, 'forms.get', { form, orgUnitId: s.orgUnitId, period }, silentLogger);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return new Map(r.value.values.map((v) => [`${v.de}/${v.coc}`, v.value]));
};

describe('importing aggregate forms', () => {
  it('two files checked at once (one chosen while the other is read) each answer for themselves; the progress told is the later one’s alone', async () => {
    const s = await centreSession();
    const file = (rows: number, value: number) => ({
      fileName: `forms-${rows}.csv`,
      contentBase64: Buffer.from(
        csv([
          ['Period', 'Data element', 'Cell (breakdown)', 'Value', 'Comment'],
          ...Array.from({ length: rows }, (_, i) => [`20${10 + (i % 10)}-0${1 + (i % 9)}`, 'tested_voluntary', 'total', String(value), '']),
        ]),
      ).toString('base64'),
    });
    const first = dispatchAsync(s, 'formImports.preview', file(30_000, 111), silentLogger);
    const second = dispatchAsync(s, 'formImports.preview', file(3_000, 222), silentLogger);
    const told = await progressUntil(second, () => {
      const r = dispatch(s, 'jobs.progress', {}, silentLogger);
      return r.ok ? r.value : null;
    });
    // While the later file was checked, only its rows were counted (the earlier one's turns counted to it).
    expect(told.every((j) => j.channel === 'formImports.preview')).toBe(true);
    expect(Math.max(0, ...told.map((j) => j.rows))).toBeLessThanOrEqual(3_000);
    const [early, late] = await Promise.all([first, second]);
    if (!early.ok || !late.ok) throw new Error('a check failed');
    expect([early.value.rowsRead, late.value.rowsRead]).toEqual([30_000, 3_000]);
    expect(dispatch(s, 'jobs.progress', {}, silentLogger)).toEqual({ ok: true, value: null });
    expect(dispatch(s, 'formImports.confirm', { importId: late.value.importId }, silentLogger).ok).toBe(true);
    expect(values(s, 'testing', '201001').get('tested_voluntary/total')).toBe(222);
  });

  it('fills the template LibreOffice opened and saved: report first, then every accepted value in one audited transaction', async () => {
    const s = await centreSession();
    const t = await dispatchAsync(s, 'formImports.template', { form: 'testing', period: '2025', language: 'ru' }, silentLogger);
    if (!t.ok) throw new Error(JSON.stringify(t.error));
    // Drop-downs and the whole-number check, as exceljs reads them back.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(t.value.path);
    const ws = wb.getWorksheet('Значения')!;
    expect(ws.getCell('B2').dataValidation).toMatchObject({ type: 'list' });
    expect(ws.getCell('D2').dataValidation).toMatchObject({ type: 'whole', formulae: [0, 10_000_000] });

    const sheet = sheetsAsCsv(t.value.path).get('Значения')!;
    expect(sheet[0]).toEqual(['Период', 'Показатель', 'Ячейка (разбивка)', 'Значение', 'Комментарий']);
    // One row per cell: 6 settings x (tested, positive) x (total + 324 cells) and x (total + 7 key populations).
    const rows = sheet.slice(1).filter((r) => r.some((c) => c !== ''));
    expect(rows).toHaveLength(6 * 2 * (1 + comboCells('demographic').length) + 6 * 2 * (1 + comboCells('key_population').length));
    const find = (element: string, cell: string) => {
      const i = rows.findIndex((r) => r[1] === element && r[2] === cell);
      expect(i, `${element} / ${cell}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    const fill = (element: string, cell: string, value: string, comment = '') => {
      rows[find(element, cell)]![3] = value;
      rows[find(element, cell)]![4] = comment;
    };
    fill('Обследовано на ВИЧ (Добровольное)', 'Итого', '1200', 'по журналу');
    fill('Обследовано на ВИЧ (Добровольное)', 'Мужской; 25-29; Нелегальный; Иностранный гражданин (иммигрант)', '40');
    fill('Выявлено ВИЧ+ (Добровольное)', 'Мужской; 25-29; Нелегальный; Иностранный гражданин (иммигрант)', '55'); // more positive than tested: a warning
    fill('Выявлено ВИЧ+ (Добровольное)', 'Итого', '2,5'); // refused
    fill('Обследовано на ВИЧ (Обязательное, по ключевым группам)', 'Секс-работники', '300');
    rows[find('Обследовано на ВИЧ (Обязательное)', 'Итого')]![3] = 'много'; // refused
    rows.push(['2025', 'Обследовано на ВИЧ (Добровольное)', 'Итого', '1300', '']); // repeats the first
    rows.push(['2025', 'Протестировано чего-то', 'Итого', '5', '']); // no such element
    rows.push(['2025Q5', 'Обследовано на ВИЧ (Добровольное)', 'Итого', '5', '']); // no such period
    const dir = tempDir();
    writeFileSync(join(dir, 'filled.csv'), csv([sheet[0]!, ...rows]));
    const report = await upload(s, csvToXlsx(join(dir, 'filled.csv')));
    if (!report.ok) throw new Error(JSON.stringify(report.error));
    const r = report.value;
    const last = rows.length + 1;
    expect(r.rowsRead).toBe(9);
    expect(r.blank).toBe(rows.length - 9);
    expect(r.accepted).toEqual({ total: 4, added: 4, changed: 0, same: 0 });
    // A template's values all go to the centre's own unit, named in the report.
    expect(r.periods).toEqual([{ form: 'testing', orgUnitId: s.orgUnitId, orgUnit: 'Областной центр СПИД', period: '2025', values: 4 }]);
    expect(r.rejected.map((i) => [i.row, i.column, i.messageKey])).toEqual([
      [find('Обследовано на ВИЧ (Обязательное)', 'Итого') + 2, 'value', 'validation.number_format'],
      [find('Выявлено ВИЧ+ (Добровольное)', 'Итого') + 2, 'value', 'validation.whole_number'],
      [last - 1, 'dataElement', 'validation.unknown_element'],
      [last, 'period', 'validation.period'],
    ]);
    expect(r.repeats).toEqual([{ row: last - 2, firstRow: find('Обследовано на ВИЧ (Добровольное)', 'Итого') + 2 }]);
    expect(r.violations.map((v) => [v.rule, v.left, v.right])).toEqual([['positive_le_tested_voluntary', 55, 40]]);
    expect(values(s, 'testing', '2025').size).toBe(0); // nothing yet

    // The report as a workbook, read by LibreOffice.
    const file = await dispatchAsync(s, 'formImports.report', { importId: r.importId, language: 'ru' }, silentLogger);
    if (!file.ok) throw new Error(JSON.stringify(file.error));
    const out = sheetsAsCsv(file.value.path);
    expect(
      out
        .get('Отклонено')!
        .slice(1)
        .map((x) => x[2]),
    ).toEqual(['Значение', 'Значение', 'Показатель', 'Период']);
    expect(
      out
        .get('Проверки')!
        .slice(1)
        .map((x) => [x[1], x[2]]),
    ).toEqual([['Областной центр СПИД', '2025']]);

    expect(dispatch(s, 'formImports.confirm', { importId: r.importId }, silentLogger)).toEqual({ ok: true, value: { values: 4 } });
    const v = values(s, 'testing', '2025');
    expect(v.get('tested_voluntary/total')).toBe(1200);
    expect(v.get('tested_voluntary/age_band:25-29|legal_status:irregular|migrant_type:immigrant|sex:male')).toBe(40);
    expect(v.get('tested_kp_mandatory/key_population:sw')).toBe(300);
    const audit = dispatch(s, 'audit.recent', { limit: 1 }, silentLogger);
    expect(audit.ok && audit.value[0]).toMatchObject({
      action: 'import',
      entity: 'aggregate_forms',
      newValue: { values: 4, periods: ['testing/2025'], rejected: 4, repeats: 1 },
    });
    expect(dispatch(s, 'formImports.confirm', { importId: r.importId }, silentLogger)).toMatchObject({
      ok: false,
      error: { code: 'import_expired' },
    });

    // The template for the same period now carries the values; loading it back changes nothing.
    const again = await dispatchAsync(s, 'formImports.template', { form: 'testing', period: '2025', language: 'en' }, silentLogger);
    if (!again.ok) throw new Error(JSON.stringify(again.error));
    const back = await upload(s, again.value.path);
    expect(back.ok && back.value.accepted).toEqual({ total: 4, added: 0, changed: 0, same: 4 });
  }, 240_000);

  it('takes several forms and periods from one CSV in English codes; an approved period is refused row by row', async () => {
    const s = await centreSession();
    expect(
      dispatch(
        s,
        'forms.save',
        { form: 'survey', orgUnitId: s.orgUnitId, period: '2024', cells: [{ de: 'survey_sample', coc: 'total', value: '100' }] },
        silentLogger,
      ).ok,
    ).toBe(true);
    expect(dispatch(s, 'forms.approve', { form: 'survey', orgUnitId: s.orgUnitId, period: '2024', approved: true }, silentLogger).ok).toBe(
      true,
    );
    const dir = tempDir();
    writeFileSync(
      join(dir, 'mixed.csv'),
      csv([
        ['Period', 'Data element', 'Cell (breakdown)', 'Value', 'Comment'],
        ['2025', 'survey_sample', 'Total', '400', ''],
        ['2025', 'Sample size', 'People who inject drugs', '150', ''],
        ['2025', 'Survey name', '', 'IBBS 2025, Almaty', ''],
        ['2024', 'survey_positive', 'total', '4', ''],
        ['2025', 'Estimated number of migrants', 'Regular; International immigrant', '52 000', 'Ministry of Labour'],
        ['2025 q2', 'tested_outreach', 'total', '80', ''],
        ['2025-03', 'tested_outreach', 'total', '30', ''],
      ]),
    );
    const report = await upload(s, join(dir, 'mixed.csv'), 'mixed.csv');
    if (!report.ok) throw new Error(JSON.stringify(report.error));
    expect(report.value.rejected.map((i) => [i.row, i.column, i.messageKey, i.params])).toEqual([
      [5, 'period', 'validation.period_approved', { period: '2024' }],
    ]);
    expect(report.value.periods.map(({ form, period, values }) => ({ form, period, values }))).toEqual([
      { form: 'survey', period: '2025', values: 3 },
      { form: 'estimates', period: '2025', values: 1 },
      { form: 'testing', period: '2025Q2', values: 1 },
      { form: 'testing', period: '202503', values: 1 },
    ]);
    expect(dispatch(s, 'formImports.confirm', { importId: report.value.importId }, silentLogger)).toEqual({
      ok: true,
      value: { values: 6 },
    });
    expect(values(s, 'survey', '2025')).toEqual(
      new Map<string, string | number>([
        ['survey_sample/total', 400],
        ['survey_sample/key_population:pwid', 150],
        ['survey_name/', 'IBBS 2025, Almaty'],
      ]),
    );
    expect(values(s, 'estimates', '2025').get('est_migrants/legal_status:regular|migrant_type:immigrant')).toBe(52000);
    expect(values(s, 'testing', '202503').get('tested_outreach/total')).toBe(30);
    expect(values(s, 'survey', '2024').get('survey_positive/total')).toBeUndefined();
  });

  it('refuses a file without the form columns, naming them, and writes nothing', async () => {
    const s = await centreSession();
    const dir = tempDir();
    writeFileSync(join(dir, 'short.csv'), 'Показатель;Значение\nsurvey_sample;5\n');
    const r = await upload(s, join(dir, 'short.csv'), 'short.csv');
    expect(!r.ok && r.error.code).toBe('missing_columns');
    expect(!r.ok && String(r.error.params?.columns)).toContain('Период / Period');
    const audit = dispatch(s, 'audit.recent', { limit: 5 }, silentLogger);
    expect(audit.ok && audit.value.some((e) => e.action === 'import')).toBe(false);
  });
});
