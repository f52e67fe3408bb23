// The line list as the national centre receives it: streamed to disk as a job with progress,
// read back by LibreOffice; cancelled, it leaves nothing; and it loads back into an empty register.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import type { DeskSession } from '../../electron/service/session.js';
import type { ExportJob } from '../../shared/exports/api.js';
import { bulkCases } from '../helpers/bulk-cases.js';
import { sheetsAsCsv } from '../helpers/libreoffice.js';
import { useSessions, createCentre } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();

/** The job's progress as a user's screen polls it, until it ends; a job still running after 3 minutes fails the test. */
async function finished(s: DeskSession, job: ExportJob, deadlineMs = 180_000): Promise<{ last: ExportJob; seen: number[] }> {
  const seen: number[] = [];
  const deadline = Date.now() + deadlineMs;
  for (let j = job; ;) {
    seen.push(j.done);
    if (j.state !== 'running') return { last: j, seen };
    if (Date.now() > deadline) throw new Error(`the line list was still running after ${deadlineMs / 1000} s: ${j.done} of ${j.total}`);
    await new Promise((r) => setTimeout(r, 50));
    const next = dispatch(s, 'exports.job', { jobId: j.jobId }, silentLogger);
    if (!next.ok) throw new Error(JSON.stringify(next.error));
    j = next.value;
  }
}

describe('the line list', () => {
  it('streams every live case to a workbook LibreOffice reads, audited, and loads back into an empty register', async () => {
    const s = session(tempDir());
    const opened = dispatch(s, 'setup.openDemo', {}, silentLogger);
    const country = opened.ok ? opened.value.database!.orgUnitPath[0]!.id : 0;
    const started = dispatch(s, 'exports.lineList', { orgUnitId: country, language: 'ru' }, silentLogger);
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const { last } = await finished(s, started.value);
    expect(last.state).toBe('done');
    expect(last.done).toBe(last.total);
    const underCountry = `WITH RECURSIVE u(id) AS (SELECT ? UNION ALL SELECT o.id FROM org_unit o JOIN u ON o.parent_id = u.id)
      SELECT count(*) AS n, min(c.id) AS first FROM hiv_case c WHERE c.deleted_at IS NULL AND c.org_unit_id IN (SELECT id FROM u)`;
    const expected = s.database.prepare(underCountry).get(country) as { n: number; first: number };
    expect(expected.n).toBeGreaterThan(0);
    expect(last.total).toBe(expected.n);
    expect(readdirSync(join(s.dataDir, 'exports'))).toEqual([last.file!.fileName]);

    const sheet = sheetsAsCsv(last.file!.path).get('Случаи')!;
    expect(sheet.length - 1).toBe(last.total);
    expect(sheet[0]!.slice(0, 3)).toEqual(['Номер в регистре', 'УИК', 'Пол']);
    // A row as the register has it: the case with the lowest id comes first.
    const first = dispatch(s, 'cases.get', { id: expected.first }, silentLogger);
    if (!first.ok) throw new Error('no first case');
    const [d, m, y] = [
      first.value.case.diagnosisDate.slice(8, 10),
      first.value.case.diagnosisDate.slice(5, 7),
      first.value.case.diagnosisDate.slice(0, 4),
    ];
    expect(sheet[1]!.slice(0, 4)).toEqual([
      first.value.case.registerNo,
      first.value.case.uic,
      { male: 'Мужской', female: 'Женский', unknown: 'Неизвестно' }[first.value.case.sex],
      String(first.value.case.birthYear),
    ]);
    expect(sheet[1]![10]).toBe(`${d}.${m}.${y}`); // a real date cell, shown as ДД.ММ.ГГГГ
    const audit = dispatch(s, 'audit.recent', { limit: 1 }, silentLogger);
    // Marked as carrying rows about people, with the change log's head at that moment.
    const verified = dispatch(s, 'audit.verify', {}, silentLogger);
    expect(audit.ok && audit.value[0]).toMatchObject({
      action: 'export',
      entity: 'line_list',
      entityId: last.file!.fileName,
      newValue: { rows: last.total, personalRows: true, chainHead: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(verified.ok && verified.value.ok).toBe(true);

    // The same columns as the import template: the list loads into an empty register whole.
    const other = session(tempDir());
    await createCentre(other, {
      countryCode: 'KAZ',
      region: 'г. Астана',
      centre: 'Национальный центр',
      login: 'Айжан',
      password: 'АстанаСтолица-2017',
    });
    const report = await dispatchAsync(
      other,
      'imports.preview',
      { fileName: last.file!.fileName, contentBase64: readFileSync(last.file!.path).toString('base64') },
      silentLogger,
    );
    if (!report.ok) throw new Error(JSON.stringify(report.error));
    expect(report.value.rejected).toEqual([]);
    expect(report.value.accepted.cases + report.value.duplicates.length).toBe(last.total);
  }, 240_000);

  it('shows progress on a large register, and a cancelled export leaves no file and no audit entry', async () => {
    const s = session(tempDir());
    await createCentre(s, {
      countryCode: 'KAZ',
      region: 'Туркестанская область',
      centre: 'Областной центр СПИД',
      login: 'Гульнара',
      password: 'ТуркестанВесна-2017',
    });
    bulkCases(s.database, s.orgUnitId, 30_000, 2);
    const whole = dispatch(s, 'exports.lineList', { language: 'en' }, silentLogger);
    if (!whole.ok) throw new Error(JSON.stringify(whole.error));
    const done = await finished(s, whole.value);
    expect(done.last).toMatchObject({ state: 'done', done: 30_000, total: 30_000 });
    expect(done.seen.some((n) => n > 0 && n < 30_000)).toBe(true); // progress was visible on the way

    const started = dispatch(s, 'exports.lineList', { language: 'en' }, silentLogger);
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    expect(dispatch(s, 'exports.cancel', { jobId: started.value.jobId }, silentLogger).ok).toBe(true);
    const { last } = await finished(s, started.value);
    expect(last.state).toBe('cancelled');
    expect(last.done).toBeLessThan(30_000);
    expect(readdirSync(join(s.dataDir, 'exports'))).toEqual([done.last.file!.fileName]); // only the finished one, no .part
    const audit = dispatch(s, 'audit.recent', { limit: 1 }, silentLogger);
    expect(audit.ok && audit.value[0]?.entityId).toBe(done.last.file!.fileName);
  }, 240_000);
});
