// Import channels, for the case register and for the aggregate forms alike: the template, a file
// checked into a report (nothing written), the report as a workbook, and the confirmation that
// writes every accepted row in one audited transaction.
import ExcelJS from 'exceljs';
import { caseOrgUnit, importCases } from '../../../db/cases.js';
import { formValues, importFormValues } from '../../../db/forms.js';
import { listCountries } from '../../../db/reference.js';
import { getOrgUnit } from '../../../db/org-units.js';
import { lookups } from '../../../shared/imports/case-rows.js';
import { describeSource, formSummaryParams } from '../../../shared/imports/api.js';
import { deLabel } from '../../../shared/forms/labels.js';
import { fail } from '../../../shared/result.js';
import { recordExport } from '../../../db/audit.js';
import type { Handlers } from '../handlers.js';
import type { DeskSession } from '../session.js';
import { saveExport } from '../exports/files.js';
import { translator } from '../exports/translate.js';
import { analyse, reportOf, type PendingImport } from './analyse.js';
import { analyseForms, formReportOf, type PendingFormImport } from './form-analyse.js';
import { formTemplate } from './form-template.js';
import { PendingImports } from './pending.js';
import { pacer } from '../pace.js';
import { dhis2Mapping } from '../../../db/dhis2.js';
import { dataValueSetAsSheet } from '../dhis2/data-value-set-in.js';
import { readFile, uploadedBytes } from './read-file.js';
import { reportWorkbook } from './report-workbook.js';
import { caseTemplate } from './template.js';

const registerImports = new PendingImports<PendingImport>();
const formImports = new PendingImports<PendingFormImport>();

async function writeWorkbook(s: DeskSession, base: string, wb: ExcelJS.Workbook) {
  const saved = await saveExport(s, base, async (part) => void (await wb.xlsx.writeFile(part)));
  return { ...saved, suppressed: false, hiddenCells: 0 };
}

const fileOf = (file: { fileName: string; contentBase64: string }) => readFile(file.fileName, uploadedBytes(file));

type ImportChannels =
  | 'imports.template'
  | 'imports.preview'
  | 'imports.report'
  | 'imports.confirm'
  | 'formImports.template'
  | 'formImports.preview'
  | 'formImports.report'
  | 'formImports.confirm';

export const importHandlers: Pick<Handlers, ImportChannels> = {
  'imports.template': (s, { language }) =>
    writeWorkbook(s, `case-register-template-${language}`, caseTemplate(translator(language), language, listCountries(s.database))),

  'imports.preview': async (s, file) => {
    // Other calls are answered while the file is read and checked; a sign-out, a close or a restore meanwhile ends the check.
    const own = s.tenure();
    const pace = pacer(
      own.still,
      () => fail('import_expired'),
      () => s.jobStep(),
    );
    const { source, sheets } = await fileOf(file);
    if (!own.still()) fail('import_expired');
    const db = s.database;
    const lk = lookups(listCountries(db), s.status().database!.uicPattern);
    return reportOf(registerImports.put(s, await analyse(db, s.status().database!.path, file.fileName, source, sheets, lk, pace)));
  },

  'imports.report': async (s, { importId, language }) => {
    const p = registerImports.get(s, importId);
    const t = translator(language);
    const r = reportOf(p, Infinity);
    const summary = t('imports.summary', {
      cases: r.rowsRead.cases,
      events: r.rowsRead.events,
      okCases: r.accepted.cases,
      okEvents: r.accepted.events,
      rejected: r.rejectedTotal,
      duplicates: r.duplicates.length,
    });
    const duplicates = {
      name: t('imports.sheets.duplicates'),
      headers: [t('imports.row'), t('imports.registerNo'), t('imports.existing')],
      rows: p.duplicates.map((d) => [
        d.row,
        d.registerNo,
        d.existingId !== null ? t('imports.inRegister', { id: d.existingId }) : t('imports.inFile', { row: d.existingRow }),
      ]),
    };
    const file = await writeWorkbook(
      s,
      `import-report-${p.id.slice(0, 6)}`,
      reportWorkbook(t, p.fileName, [describeSource(t, p.source), summary], p.issues, [duplicates]),
    );
    // The report names rows of the register (numbers, codes): marked as carrying them.
    recordExport(s.database, s.actor, 'import_report', file.fileName, { rows: p.issues.length + p.duplicates.length }, true);
    return file;
  },

  'imports.confirm': (s, { importId }) => {
    const p = registerImports.get(s, importId);
    // Events for cases already in the register: only cases the account may see.
    const scope = s.scope;
    if (scope && p.eventsForExisting.some((e) => !scope.has(caseOrgUnit(s.database, e.caseId) ?? -1))) fail('not_found');
    const done = importCases(s.database, s.actor, s.orgUnitId, p.fileName, p.cases, p.eventsForExisting, {
      rejected: p.issues.length,
      duplicates: p.duplicates.length,
    });
    registerImports.delete(importId);
    return done;
  },

  'formImports.template': (s, { form, period, language }) =>
    writeWorkbook(
      s,
      `form-${form}-${period}-template-${language}`,
      formTemplate(translator(language), language, form, period, formValues(s.database, { form, orgUnitId: s.orgUnitId, period })),
    ),

  'formImports.preview': async (s, file) => {
    // As the register's check: other calls answered between rows; a sign-out, a close or a restore meanwhile ends it.
    const own = s.tenure();
    const expired = () => fail('import_expired');
    const pace = pacer(own.still, expired, () => s.jobStep());
    const uncounted = pacer(own.still, expired);
    const where = () => ({ db: s.database, path: s.status().database!.path, orgUnitId: s.orgUnitId });
    if (file.fileName.toLowerCase().endsWith('.json')) {
      // A DHIS2 dataValueSet: through the mapping into rows the template path checks; refused rows named first.
      const scope = s.scope;
      const { db, path, orgUnitId } = where();
      const mayEnter = (unit: number) => (scope ? scope.has(unit) : getOrgUnit(db, unit) !== undefined);
      // Its values read through the mapping give way too, uncounted: each is counted once, as it is checked.
      const dvs = await dataValueSetAsSheet(file.fileName, uploadedBytes(file), dhis2Mapping(db), mayEnter, uncounted);
      const p = await analyseForms(
        db,
        path,
        orgUnitId,
        file.fileName,
        { format: 'dhis2' },
        dvs.sheets,
        (i) => dvs.units[i] ?? orgUnitId,
        pace,
        uncounted,
      );
      p.issues = [...dvs.issues, ...p.issues].sort((a, b) => a.row - b.row);
      p.report = { ...p.report, rowsRead: p.report.rowsRead + dvs.issues.length, blank: p.report.blank - dvs.issues.length };
      return formReportOf(formImports.put(s, p));
    }
    const { source, sheets } = await fileOf(file);
    if (!own.still()) fail('import_expired');
    const { db, path, orgUnitId } = where();
    return formReportOf(
      formImports.put(s, await analyseForms(db, path, orgUnitId, file.fileName, source, sheets, undefined, pace, uncounted)),
    );
  },

  'formImports.report': (s, { importId, language }) => {
    const p = formImports.get(s, importId);
    const t = translator(language);
    const r = formReportOf(p, Infinity);
    const extra = [
      {
        name: t('imports.sheets.repeats'),
        headers: [t('imports.row'), t('imports.forms.repeats')],
        rows: r.repeats.map((x) => [x.row, t('imports.forms.repeatOf', { row: x.firstRow })]),
      },
      {
        name: t('imports.sheets.checks'),
        headers: [
          t('imports.forms.form'),
          t('settings.orgUnit'),
          t('forms.period'),
          t('workbook.rule'),
          t('workbook.left'),
          t('workbook.right'),
        ],
        rows: r.violations.map((v) => [
          t(`forms.names.${v.form}`),
          v.orgUnit,
          v.period,
          t(v.messageKey),
          `${deLabel(t, v.leftDe)}: ${v.left}`,
          `${deLabel(t, v.rightDe)}: ${v.right}`,
        ]),
      },
    ];
    return writeWorkbook(
      s,
      `form-import-report-${p.id.slice(0, 6)}`,
      reportWorkbook(t, p.fileName, [describeSource(t, r.source), t('imports.forms.summary', formSummaryParams(r))], p.issues, extra),
    );
  },

  'formImports.confirm': (s, { importId }) => {
    const p = formImports.get(s, importId);
    // The account's units may have narrowed since the preview (an administrator changed it): what it may no longer enter is not written.
    const scope = s.scope;
    if (p.orgUnitId !== s.orgUnitId || (scope && p.groups.some((g) => !scope.has(g.orgUnitId)))) fail('import_expired');
    const done = importFormValues(s.database, s.actor, p.fileName, p.groups, {
      rejected: p.issues.length,
      repeats: p.report.repeats.length,
    });
    formImports.delete(importId);
    return done;
  },
};
