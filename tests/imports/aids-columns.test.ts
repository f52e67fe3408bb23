// AIDS at diagnosis and the first AIDS date, which the ECDC model counts: loaded from a register a
// centre keeps in a spreadsheet (in words, either language), refused with the reason where they
// contradict the diagnosis, and shown again by the line list LibreOffice reads.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { csvToXlsx, sheetsAsCsv } from '../helpers/libreoffice.js';
import { centreWithOneCase, useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();

const HEADER =
  'Номер в регистре,УИК,Пол,Год рождения,Гражданство,Тип мигранта,Правовой статус,Ключевые группы,Путь передачи,Вероятная страна заражения,Дата диагноза ВИЧ,Страна диагноза,СПИД при выявлении ВИЧ,Дата первого диагноза СПИДа';
const row = (no: string, uic: string, aids: string, date: string) =>
  `${no},${uic},male,1980,UZB,immigrant,regular,,heterosexual,,15.03.2017,KAZ,${aids},${date}`;

describe('AIDS columns of the register', () => {
  it('load in words, refuse a contradiction with the reason, and come back in the line list', async () => {
    const s = await centreWithOneCase(session(tempDir()));
    const dir = tempDir();
    writeFileSync(
      join(dir, 'cases.csv'),
      [
        HEADER,
        row('A-1', 'ГДЕЖ11980', 'да (в течение 91 дня)', '01.04.2017'),
        row('A-2', 'ЗИКЛ11980', 'нет', ''),
        row('A-3', 'МНОП11980', 'yes', ''),
        row('A-4', 'РСТУ11980', 'может быть', ''), // not a mark
        row('A-5', 'ФХЦЧ11980', 'да', '01.01.2018'), // "at diagnosis" yet ten months later
        row('A-6', 'ШЩЭЮ11980', '', '01.01.2016'), // AIDS before the HIV diagnosis
        row('A-7', 'ЯБВГ11980', 'неизвестно', '01.06.2019'), // AIDS later, at diagnosis unknown
      ].join('\n'),
    );
    const file = csvToXlsx(join(dir, 'cases.csv'));
    const report = await dispatchAsync(
      s,
      'imports.preview',
      { fileName: 'register.xlsx', contentBase64: readFileSync(file).toString('base64') },
      silentLogger,
    );
    if (!report.ok) throw new Error(JSON.stringify(report.error));
    expect(report.value.rejected.map((i) => [i.row, i.column, i.messageKey])).toEqual([
      [5, 'aidsAtDiagnosis', 'validation.invalid_value'],
      [6, 'firstAidsDate', 'validation.aids_at_diagnosis_date'],
      [7, 'firstAidsDate', 'validation.aids_before_diagnosis'],
    ]);
    expect(dispatch(s, 'imports.confirm', { importId: report.value.importId }, silentLogger)).toEqual({
      ok: true,
      value: { cases: 4, events: 0 },
    });
    const stored = (no: string) => {
      const list = dispatch(s, 'cases.list', { search: no }, silentLogger);
      const got = dispatch(s, 'cases.get', { id: list.ok ? list.value.rows[0]!.id : 0 }, silentLogger);
      if (!got.ok) throw new Error(no);
      return [got.value.case.aidsAtDiagnosis ?? null, got.value.case.firstAidsDate ?? null];
    };
    expect([stored('A-1'), stored('A-2'), stored('A-3'), stored('A-7')]).toEqual([
      [true, '2017-04-01'],
      [false, null],
      [true, null],
      [null, '2019-06-01'],
    ]);

    const started = dispatch(s, 'exports.lineList', { language: 'ru' }, silentLogger);
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    let job = started.value;
    const deadline = Date.now() + 120_000;
    while (job.state === 'running' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      const next = dispatch(s, 'exports.job', { jobId: job.jobId }, silentLogger);
      if (!next.ok) throw new Error(JSON.stringify(next.error));
      job = next.value;
    }
    expect(job.state).toBe('done');
    const sheet = sheetsAsCsv(job.file!.path).get('Случаи')!;
    const mark = sheet[0]!.indexOf('СПИД при выявлении ВИЧ');
    const date = sheet[0]!.indexOf('Дата первого диагноза СПИДа');
    expect(mark).toBeGreaterThan(0);
    const byNo = new Map(sheet.slice(1).map((r) => [r[0], [r[mark], r[date]]]));
    expect(byNo.get('A-1')).toEqual(['да (в течение 91 дня)', '01.04.2017']);
    expect(byNo.get('A-2')).toEqual(['нет', '']);
    expect(byNo.get('A-7')).toEqual(['неизвестно', '01.06.2019']);
  }, 180_000);
});
