// Loading a register that LibreOffice wrote (from CSV), through the contract: the report names
// each refused row, column and reason and each likely duplicate; nothing is written before the
// confirmation, then everything accepted in one audited transaction.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { csvToXlsx, sheetsAsCsv } from '../helpers/libreoffice.js';
import { centreWithOneCase, useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';
import { CASES_CSV, EVENTS_CSV } from '../helpers/register-csv.js';

const tempDir = useTempDirs();
const session = useSessions();

const centreSession = () => centreWithOneCase(session(tempDir()));
const liveCases = (s: Awaited<ReturnType<typeof centreSession>>) =>
  (s.database.prepare('SELECT count(*) AS n FROM hiv_case WHERE deleted_at IS NULL').get() as { n: number }).n;
const upload = (s: Awaited<ReturnType<typeof centreSession>>, file: string, name = 'register.xlsx') =>
  dispatchAsync(s, 'imports.preview', { fileName: name, contentBase64: readFileSync(file).toString('base64') }, silentLogger);

describe('importing the case register', () => {
  it('reports a LibreOffice-written register row by row, writes nothing until confirmed, then all accepted rows in one go', async () => {
    const s = await centreSession();
    const dir = tempDir();
    writeFileSync(join(dir, 'cases.csv'), CASES_CSV);
    const report = await upload(s, csvToXlsx(join(dir, 'cases.csv')));
    if (!report.ok) throw new Error(JSON.stringify(report.error));
    const r = report.value;
    expect(r.rowsRead).toEqual({ cases: 7, events: 0 });
    expect(r.accepted).toEqual({ cases: 2, events: 0 });
    expect(r.rejected.map((i) => [i.row, i.column, i.messageKey])).toEqual([
      [4, 'sex', 'validation.invalid_value'],
      [5, 'diagnosisDate', 'validation.date_in_future'],
      [9, 'citizenship', 'validation.invalid_value'],
    ]);
    expect(r.duplicates).toEqual([
      { row: 6, registerNo: 'R-105', existingId: 1, existingRow: null },
      { row: 7, registerNo: 'R-106', existingId: null, existingRow: 2 },
    ]);
    expect(liveCases(s)).toBe(1); // nothing written yet

    const done = dispatch(s, 'imports.confirm', { importId: r.importId }, silentLogger);
    expect(done).toEqual({ ok: true, value: { cases: 2, events: 0 } });
    expect(liveCases(s)).toBe(3);
    const list = dispatch(s, 'cases.list', { search: 'R-102' }, silentLogger);
    const id = list.ok ? list.value.rows[0]!.id : 0;
    const got = dispatch(s, 'cases.get', { id }, silentLogger);
    expect(got.ok && got.value.case).toMatchObject({
      sex: 'female',
      citizenship: 'TJK',
      legalStatus: 'regular',
      keyPopulations: ['pwid', 'sw'],
      diagnosisDate: '2017-05-02',
    });
    const audit = dispatch(s, 'audit.recent', { limit: 1 }, silentLogger);
    expect(audit.ok && audit.value[0]).toMatchObject({
      action: 'import',
      entity: 'case_register',
      newValue: { cases: 2, rejected: 3, duplicates: 2 },
    });
    // Confirmed once only.
    expect(dispatch(s, 'imports.confirm', { importId: r.importId }, silentLogger)).toMatchObject({
      ok: false,
      error: { code: 'import_expired' },
    });

    // Events for cases now in the register, from a second LibreOffice workbook.
    writeFileSync(join(dir, 'events.csv'), EVENTS_CSV);
    const ev = await upload(s, csvToXlsx(join(dir, 'events.csv')));
    if (!ev.ok) throw new Error(JSON.stringify(ev.error));
    expect(ev.value.accepted).toEqual({ cases: 0, events: 4 });
    expect(ev.value.rejected.map((i) => [i.row, i.column, i.messageKey])).toEqual([
      [6, 'date', 'validation.art_before_diagnosis'],
      [7, 'registerNo', 'validation.unknown_case'],
      [8, 'registerNo', 'validation.unknown_case'],
      [9, 'cd4', 'validation.cd4_range'],
    ]);
    expect(dispatch(s, 'imports.confirm', { importId: ev.value.importId }, silentLogger)).toEqual({
      ok: true,
      value: { cases: 0, events: 4 },
    });
    const r101 = dispatch(s, 'cases.list', { search: 'R-101' }, silentLogger);
    const detail = dispatch(s, 'cases.get', { id: r101.ok ? r101.value.rows[0]!.id : 0 }, silentLogger);
    expect(detail.ok && detail.value.events.map((e) => [e.kind, e.date])).toEqual([
      ['cd4', '2017-03-20'],
      ['art_start', '2017-04-01'],
      ['viral_load', '2017-10-01'],
    ]);

    // The report as a workbook, read back by LibreOffice.
    const file = await dispatchAsync(s, 'imports.report', { importId: ev.value.importId, language: 'ru' }, silentLogger);
    expect(file.ok).toBe(false); // confirmed imports are gone; ask for the report before confirming
  }, 240_000);

  it('gives the report as a workbook before confirming', async () => {
    const s = await centreSession();
    const dir = tempDir();
    writeFileSync(join(dir, 'cases.csv'), CASES_CSV);
    const report = await upload(s, join(dir, 'cases.csv'), 'cases.csv'); // a CSV straight in
    if (!report.ok) throw new Error(JSON.stringify(report.error));
    expect(report.value.accepted.cases).toBe(2);
    const file = await dispatchAsync(s, 'imports.report', { importId: report.value.importId, language: 'ru' }, silentLogger);
    if (!file.ok) throw new Error(JSON.stringify(file.error));
    const sheets = sheetsAsCsv(file.value.path);
    expect(
      sheets
        .get('Отклонено')!
        .slice(1)
        .map((r) => [r[0], r[1], r[2]]),
    ).toEqual([
      ['Случаи', '4', 'Пол'],
      ['Случаи', '5', 'Дата диагноза ВИЧ'],
      ['Случаи', '9', 'Гражданство'],
    ]);
    expect(
      sheets
        .get('Дубликаты')!
        .slice(1)
        .map((r) => r[2]),
    ).toEqual(['в регистре (случай № 1)', 'в файле, строка 2']);
  }, 240_000);

  it('refuses a file that is not a spreadsheet, a protected one, and one without the required columns, writing nothing', async () => {
    const s = await centreSession();
    const dir = tempDir();
    const cases = [
      ['report.pdf', Buffer.from('%PDF-1.7\n\u0000\u0001binary')],
      ['locked.xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])],
      ['broken.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])],
      ['empty.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)])], // a zip that is only its end record
    ] as const;
    for (const [name, bytes] of cases) {
      writeFileSync(join(dir, name), bytes);
      const r = await upload(s, join(dir, name), name);
      expect(!r.ok && r.error.code, name).toBe('file_unreadable');
      expect(!r.ok && r.error.params?.file).toBe(name);
    }
    writeFileSync(join(dir, 'short.csv'), 'УИК;Пол\nБОКА11990;male\n');
    const r = await upload(s, join(dir, 'short.csv'), 'short.csv');
    expect(!r.ok && r.error.code).toBe('missing_columns');
    expect(!r.ok && String(r.error.params?.columns)).toContain('Номер в регистре');
    expect(liveCases(s)).toBe(1);
  });

  it('hands out a template with the valid codes and drop-downs', async () => {
    const s = await centreSession();
    const t = await dispatchAsync(s, 'imports.template', { language: 'ru' }, silentLogger);
    if (!t.ok) throw new Error(JSON.stringify(t.error));
    const sheets = sheetsAsCsv(t.value.path);
    expect([...sheets.keys()].sort()).toEqual(['Коды', 'События', 'Случаи'].sort());
    expect(sheets.get('Случаи')![0]![0]).toBe('Номер в регистре');
    expect(
      sheets
        .get('Коды')!
        .map((r) => r[0])
        .slice(1, 4),
    ).toEqual(['Мужской', 'Женский', 'Неизвестно']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(t.value.path);
    expect(wb.getWorksheet('Случаи')!.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: ["'Коды'!$A$2:$A$4"] });
  }, 240_000);

  it('loads hundreds of rows, each case with its own key populations and audit entry naming its row', async () => {
    const s = await centreSession();
    const dir = tempDir();
    const L = 'АБВГДЕЖЗИКЛМНОПРСТУФ';
    const kps = ['pwid', 'sw;msm', 'none', ''];
    const rows = Array.from(
      { length: 250 },
      (_, i) =>
        `B-${i + 1},${L[i % 20]}${L[Math.floor(i / 20) % 20]}КА${1 + (i % 2)}${1960 + (i % 40)},${i % 2 ? 'female' : 'male'},${1960 + (i % 40)},UZB,immigrant,regular,"${kps[i % 4]}",heterosexual,,2017-01-${String(1 + (i % 28)).padStart(2, '0')},KAZ`,
    );
    writeFileSync(join(dir, 'many.csv'), [CASES_CSV.split('\n')[0], ...rows].join('\n'));
    const report = await upload(s, join(dir, 'many.csv'), 'many.csv');
    if (!report.ok) throw new Error(JSON.stringify(report.error));
    expect(report.value.accepted.cases).toBe(250);
    expect(dispatch(s, 'imports.confirm', { importId: report.value.importId }, silentLogger).ok).toBe(true);
    const got = s.database
      .prepare(
        `SELECT c.register_no AS no, c.sex, c.diagnosis_date AS dx, (SELECT group_concat(key_population, ';') FROM (SELECT key_population FROM case_key_population k WHERE k.case_id = c.id ORDER BY key_population)) AS kps,
        (SELECT json_extract(new_value, '$.row') FROM audit_log a WHERE a.entity = 'case' AND a.entity_id = CAST(c.id AS TEXT) AND a.action = 'create') AS row
      FROM hiv_case c WHERE c.register_no LIKE 'B-%'`,
      )
      .all() as { no: string; sex: string; dx: string; kps: string | null; row: number }[];
    expect(got).toHaveLength(250);
    for (const g of got) {
      const i = Number(g.no.slice(2)) - 1;
      expect([g.sex, g.dx, g.kps ?? '', g.row], g.no).toEqual([
        i % 2 ? 'female' : 'male',
        `2017-01-${String(1 + (i % 28)).padStart(2, '0')}`,
        kps[i % 4]!.split(';').sort().join(';'),
        i + 2,
      ]);
    }
  });

  it('gives each case of the file its own events from the events sheet', async () => {
    const s = await centreSession();
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    const header = CASES_CSV.split('\n')[0]!.split(',');
    const cases = wb.addWorksheet('Случаи');
    cases.addRow(header);
    for (const [no, uic] of [
      ['E-1', 'БОКА11990'],
      ['E-2', 'ДЕЖЗ21988'],
      ['E-3', 'ИКЛМ11970'],
    ] as const)
      cases.addRow([no, uic, 'male', Number(uic.slice(-4)), 'UZB', 'immigrant', 'regular', '', 'heterosexual', '', '2017-03-01', 'KAZ']);
    const events = wb.addWorksheet('События');
    events.addRow(['Номер в регистре', 'Событие', 'Дата', 'CD4']);
    events.addRow(['E-1', 'cd4', '2017-03-05', 420]);
    events.addRow(['E-3', 'cd4', '2017-03-07', 300]);
    events.addRow(['E-1', 'art_start', '2017-04-01', null]);
    await wb.xlsx.writeFile(join(dir, 'both.xlsx'));
    const report = await upload(s, join(dir, 'both.xlsx'));
    if (!report.ok) throw new Error(JSON.stringify(report.error));
    expect(report.value.accepted).toEqual({ cases: 3, events: 3 });
    expect(dispatch(s, 'imports.confirm', { importId: report.value.importId }, silentLogger).ok).toBe(true);
    const eventsOf = (no: string) => {
      const l = dispatch(s, 'cases.list', { search: no }, silentLogger);
      const d = dispatch(s, 'cases.get', { id: l.ok ? l.value.rows[0]!.id : 0 }, silentLogger);
      return d.ok ? d.value.events.map((e) => e.kind) : null;
    };
    expect([eventsOf('E-1'), eventsOf('E-2'), eventsOf('E-3')]).toEqual([['cd4', 'art_start'], [], ['cd4']]);
    // The case's history: its creation from the file's row with its events, one entry, as when typed.
    const l = dispatch(s, 'cases.list', { search: 'E-1' }, silentLogger);
    const history = dispatch(s, 'cases.audit', { id: l.ok ? l.value.rows[0]!.id : 0 }, silentLogger);
    expect(
      history.ok &&
        history.value.map((e) => [
          e.action,
          e.entity,
          typeof e.newValue === 'object' && e.newValue !== null && 'kind' in e.newValue
            ? (e.newValue as { kind: string }).kind
            : e.newValue,
        ]),
    ).toEqual([
      [
        'create',
        'case',
        {
          importedFrom: 'register.xlsx',
          row: 2,
          events: [expect.objectContaining({ kind: 'cd4' }), expect.objectContaining({ kind: 'art_start' })],
        },
      ],
    ]);
  });

  it('counts every likely duplicate, not only the 500 it lists (a file loaded a second time)', async () => {
    const s = await centreSession();
    const header =
      'registerNo,uic,sex,birthYear,citizenship,migrantType,legalStatus,keyPopulations,transmissionRoute,infectionCountry,diagnosisDate,diagnosisCountry';
    const letters = 'АБВГДЕЖЗИКЛМНОПРСТУФХ';
    const rows = Array.from(
      { length: 700 },
      (_, i) =>
        `D-${i},${letters[i % 21]}${letters[Math.floor(i / 21) % 21]}${letters[Math.floor(i / 441) % 21]}Я11990,male,1990,UZB,immigrant,regular,,heterosexual,,2017-03-01,KAZ`,
    );
    const file = { fileName: 'twice.csv', contentBase64: Buffer.from([header, ...rows].join('\n')).toString('base64') };
    const first = await dispatchAsync(s, 'imports.preview', file, silentLogger);
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    expect(first.value).toMatchObject({ accepted: { cases: 700 }, duplicatesTotal: 0 });
    expect(dispatch(s, 'imports.confirm', { importId: first.value.importId }, silentLogger).ok).toBe(true);
    const again = await dispatchAsync(s, 'imports.preview', { ...file, fileName: 'twice-again.csv' }, silentLogger);
    if (!again.ok) throw new Error(JSON.stringify(again.error));
    expect(again.value.accepted.cases).toBe(0);
    expect(again.value.duplicates).toHaveLength(500);
    expect(again.value.duplicatesTotal).toBe(700);
  });
});
