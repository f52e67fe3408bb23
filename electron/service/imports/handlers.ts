// Import channels: the template, a file checked into a report (nothing written), the report as a
// workbook, and the confirmation that writes every accepted row in one audited transaction.
import { importCases } from '../../../db/cases.js';
import { listCountries } from '../../../db/reference.js';
import { lookups } from '../../../shared/imports/case-rows.js';
import { MAX_IMPORT_BYTES } from '../../../shared/imports/api.js';
import { fail } from '../../../shared/result.js';
import type { Handlers } from '../handlers.js';
import type { DeskSession } from '../session.js';
import { saveExport } from '../exports/files.js';
import { headerRow, fitAndPrint } from '../exports/sheet-format.js';
import { translator } from '../exports/translate.js';
import { analyse, reportOf, type PendingImport } from './analyse.js';
import { readSheets } from './read-file.js';
import { caseTemplate } from './template.js';
import ExcelJS from 'exceljs';

// Checked files wait here for the user's confirmation; a few at most, never on disk.
const pending = new Map<string, PendingImport>();
const KEEP = 3;

function pendingFor(s: DeskSession, importId: string): PendingImport {
  const p = pending.get(importId);
  if (!p || p.databasePath !== s.status().database?.path) fail('import_expired');
  return p!;
}

async function writeWorkbook(s: DeskSession, base: string, wb: ExcelJS.Workbook) {
  const saved = await saveExport(s.dataDir, base, async (part) => void (await wb.xlsx.writeFile(part)));
  return { ...saved, suppressed: false, hiddenCells: 0 };
}

export const importHandlers: Pick<Handlers, 'imports.template' | 'imports.preview' | 'imports.report' | 'imports.confirm'> = {
  'imports.template': (s, { language }) => writeWorkbook(s, `case-register-template-${language}`, caseTemplate(translator(language), language, listCountries(s.database))),

  'imports.preview': async (s, { fileName, contentBase64 }) => {
    const bytes = Buffer.from(contentBase64, 'base64');
    if (bytes.length === 0 || bytes.length > MAX_IMPORT_BYTES) fail('file_unreadable', { file: fileName, reason: 'size' });
    const sheets = await readSheets(fileName, bytes);
    const db = s.database;
    const p = analyse(db, s.status().database!.path, fileName, sheets, lookups(listCountries(db), s.status().database!.uicPattern));
    pending.set(p.id, p);
    for (const id of [...pending.keys()].slice(0, -KEEP)) pending.delete(id);
    return reportOf(p);
  },

  'imports.report': (s, { importId, language }) => {
    const p = pendingFor(s, importId);
    const t = translator(language);
    const wb = new ExcelJS.Workbook();
    const r = reportOf(p, Infinity);
    const summary = wb.addWorksheet(t('imports.sheets.summary'));
    summary.addRow([p.fileName]).font = { bold: true };
    summary.addRow([t('imports.summary', { cases: r.rowsRead.cases, events: r.rowsRead.events, okCases: r.accepted.cases, okEvents: r.accepted.events, rejected: r.rejectedTotal, duplicates: r.duplicates.length })]);
    summary.getColumn(1).width = 120;
    const rejected = wb.addWorksheet(t('imports.sheets.rejected'));
    headerRow(rejected, [t('imports.sheet'), t('imports.row'), t('imports.column'), t('imports.reason')]);
    const column = (sheet: string, c: string | null) => (c ? t(sheet === 'events' && (c === 'kind' || c === 'undetectable') ? `cases.${c === 'kind' ? 'eventKind' : c}` : `fields.${c}`) : '');
    for (const i of p.issues) rejected.addRow([t(`imports.sheetNames.${i.sheet}`), i.row, column(i.sheet, i.column), t(i.messageKey, i.params ?? {})]);
    fitAndPrint(rejected);
    const dups = wb.addWorksheet(t('imports.sheets.duplicates'));
    headerRow(dups, [t('imports.row'), t('imports.registerNo'), t('imports.existing')]);
    for (const d of p.duplicates) dups.addRow([d.row, d.registerNo, d.existingId !== null ? t('imports.inRegister', { id: d.existingId }) : t('imports.inFile', { row: d.existingRow })]);
    fitAndPrint(dups);
    return writeWorkbook(s, `import-report-${p.id.slice(0, 6)}`, wb);
  },

  'imports.confirm': (s, { importId }) => {
    const p = pendingFor(s, importId);
    const done = importCases(s.database, s.actor, s.orgUnitId, p.fileName, p.cases, p.eventsForExisting, { rejected: p.issues.length, duplicates: p.duplicates.length });
    pending.delete(importId);
    return done;
  },
};
