// The line list for the national centre: every live case of an org unit and its sub-units, one
// row each, streamed to disk a chunk at a time (memory stays flat at 100,000 cases) as a job the
// user watches (done of total) and may cancel. The file takes its name only when complete and
// audited; a cancelled or failed job leaves nothing behind.
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import { recordExport } from '../../../db/audit.js';
import { subtree } from '../../../db/indicators.js';
import { lineListChunk, lineListCount, type LineListRow } from '../../../db/line-list.js';
import { orgUnitPath } from '../../../db/org-units.js';
import type { Language } from '../../../shared/contract.js';
import type { ExportJob } from '../../../shared/exports/api.js';
import { columnLabel } from '../../../shared/imports/columns.js';
import { AppFailure, appError, fail } from '../../../shared/result.js';
import type { DeskSession } from '../session.js';
import { saveExport } from './files.js';
import { translator } from './translate.js';
import { addSheet } from './sheet-format.js';

const CHUNK = 5000;
const DATE = 'dd.mm.yyyy';
const DATE_STYLE: Partial<ExcelJS.Style> = { numFmt: DATE };
const PLAIN_STYLE: Partial<ExcelJS.Style> = {};
type Job = ExportJob & { cancel: boolean; generation: number };
const jobs = new Map<string, Job>();
const KEEP = 10;
class Cancelled extends Error {}

const view = (j: Job): ExportJob => ({ jobId: j.jobId, state: j.state, done: j.done, total: j.total, file: j.file, error: j.error });

/** The header of each column (the same as the import template's where they match) and how a row fills it. */
function columns(t: TFunction, language: Language) {
  // Labels looked up once per code, not once per cell: 100,000 rows make a million cells.
  const labels = new Map<string, string>();
  const label = (cat: string, code: string | null) => {
    if (code === null) return null;
    const key = `${cat}.${code}`;
    let l = labels.get(key);
    if (l === undefined) labels.set(key, (l = t(cat.startsWith('enums.') ? key : `categories.${key}`)));
    return l;
  };
  const date = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);
  const cols: { header: string; width: number; date?: boolean; cell: (r: LineListRow) => ExcelJS.CellValue }[] = [
    { header: columnLabel('registerNo', language), width: 14, cell: (r) => r[1] },
    { header: columnLabel('uic', language), width: 13, cell: (r) => r[2] },
    { header: columnLabel('sex', language), width: 11, cell: (r) => label('sex', r[3]) },
    { header: columnLabel('birthYear', language), width: 9, cell: (r) => r[4] },
    { header: columnLabel('citizenship', language), width: 9, cell: (r) => r[5] },
    { header: columnLabel('migrantType', language), width: 24, cell: (r) => label('migrant_type', r[6]) },
    { header: columnLabel('legalStatus', language), width: 14, cell: (r) => label('legal_status', r[7]) },
    {
      header: columnLabel('keyPopulations', language),
      width: 24,
      cell: (r) =>
        r[8]
          ? r[8]
              .split(';')
              .map((k) => label('key_population', k))
              .join('; ')
          : null,
    },
    { header: columnLabel('transmissionRoute', language), width: 24, cell: (r) => label('enums.transmission_route', r[9]) },
    { header: columnLabel('infectionCountry', language), width: 9, cell: (r) => r[10] },
    { header: columnLabel('diagnosisDate', language), width: 12, date: true, cell: (r) => date(r[11]) },
    { header: columnLabel('diagnosisCountry', language), width: 9, cell: (r) => r[12] },
    {
      header: columnLabel('aidsAtDiagnosis', language),
      width: 14,
      cell: (r) => label('enums.aids_at_diagnosis', r[20] === 1 ? 'yes' : r[20] === 0 ? 'no' : 'unknown'),
    },
    { header: columnLabel('firstAidsDate', language), width: 12, date: true, cell: (r) => date(r[21]) },
    { header: t('lineList.outcome'), width: 20, cell: (r) => label('enums.outcome', r[13]) },
    { header: t('lineList.firstArt'), width: 12, date: true, cell: (r) => date(r[14]) },
    { header: t('lineList.lastCd4'), width: 10, cell: (r) => r[15] },
    { header: t('lineList.lastCd4Date'), width: 12, date: true, cell: (r) => date(r[16]) },
    { header: t('lineList.lastVl'), width: 14, cell: (r) => (r[18] === 1 ? t('cases.undetectable') : r[17]) },
    { header: t('lineList.lastVlDate'), width: 12, date: true, cell: (r) => date(r[19]) },
  ];
  return cols;
}

export function startLineList(s: DeskSession, q: { orgUnitId?: number | undefined; language: Language }): ExportJob {
  const db = s.database;
  const unitId = s.unit(q.orgUnitId);
  const path = orgUnitPath(db, unitId);
  if (!path.length) fail('not_found');
  const units = subtree(db, unitId);
  const job: Job = {
    jobId: randomBytes(8).toString('hex'),
    state: 'running',
    done: 0,
    total: lineListCount(db, units),
    file: null,
    error: null,
    cancel: false,
    generation: -1,
  };
  jobs.set(job.jobId, job);
  for (const id of [...jobs.keys()].slice(0, -KEEP)) if (jobs.get(id)!.state !== 'running') jobs.delete(id);
  const own = s.tenure();
  job.generation = s.currentGeneration;
  const base = `line-list-${path[0]!.countryCode}-${unitId}-${new Date().toISOString().slice(0, 10)}`;
  void run(s, own, job, units, base, q.language).catch((e: unknown) => {
    job.state = e instanceof Cancelled ? 'cancelled' : 'failed';
    job.error = e instanceof Cancelled ? null : e instanceof AppFailure ? e.error : appError('internal');
  });
  return view(job);
}

async function run(s: DeskSession, own: ReturnType<DeskSession['tenure']>, job: Job, units: number[], base: string, language: Language) {
  const t = translator(language);
  const cols = columns(t, language);
  const saved = await saveExport(own, base, async (part, fileName) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: part, useStyles: true, useSharedStrings: false });
    const ws = addSheet(wb, t('lineList.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = cols.map((c) => ({ header: c.header, width: c.width, ...(c.date ? { style: { numFmt: DATE } } : {}) }));
    ws.getRow(1).font = { bold: true };
    const styles: Partial<ExcelJS.Style>[] = cols.map((c) => (c.date ? DATE_STYLE : PLAIN_STYLE));
    ws.getRow(1).commit();
    let after = 0;
    for (;;) {
      // The database may have been closed, switched or restored, or its account signed out, while this job waited.
      if (job.cancel || !own.still()) {
        await wb.commit();
        throw job.cancel ? new Cancelled() : new AppFailure(appError('no_database'));
      }
      const rows = lineListChunk(s.database, units, after, CHUNK);
      for (const r of rows) {
        const row = ws.addRow(cols.map((c) => c.cell(r)));
        // One style object per kind of cell: exceljs recognises an object it has seen and skips
        // working the style out again, which otherwise costs more than the rest of the row.
        row.eachCell((cell, col) => (cell.style = styles[col - 1]!));
        row.commit();
      }
      job.done += rows.length;
      if (rows.length < CHUNK) break;
      after = rows[rows.length - 1]![0];
      await new Promise((resolve) => setImmediate(resolve)); // let the file stream drain and other calls in
    }
    ws.commit();
    await wb.commit();
    if (!own.still()) throw new AppFailure(appError('no_database')); // the last write took a while: still the same sign-in?
    recordExport(s.database, own.actor, 'line_list', fileName, { orgUnits: units.length, rows: job.done, language }, true);
  });
  job.file = { ...saved, suppressed: false, hiddenCells: 0 };
  job.state = 'done';
}

export function jobStatus(s: DeskSession, jobId: string): ExportJob {
  const job = jobs.get(jobId);
  if (!job || job.generation !== s.currentGeneration) fail('not_found'); // another sign-in's job is not this one's to see
  return view(job);
}

export function cancelJob(s: DeskSession, jobId: string): ExportJob {
  const job = jobs.get(jobId);
  if (!job || job.generation !== s.currentGeneration) fail('not_found');
  if (job.state === 'running') job.cancel = true;
  return view(job);
}
