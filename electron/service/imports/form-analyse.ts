// An aggregate-form file checked row by row the way the grid checks a typed value, without
// writing anything: which cells would change, which rows are refused (row, column, reason),
// which rows repeat an earlier one, and which checks the forms would then fail.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../../db/connection.js';
import { approval, formValues, receivedApproval, receivedCells, rules, type CellInput } from '../../../db/forms.js';
import { getOrgUnit } from '../../../db/org-units.js';
import { elementLookup } from '../../../shared/forms/labels.js';
import { evaluateRules, toFormValues } from '../../../shared/forms/rules.js';
import { dataElement, type FormCode } from '../../../shared/forms/definitions.js';
import { formColumnLabel, formValueFromRow, FORM_COLUMNS, FORM_REQUIRED } from '../../../shared/imports/form-rows.js';
import { cellsOf, formulaWithoutValueIn, labelsOf, mapHeaders } from '../../../shared/imports/columns.js';
import type { FileSource, FormImportReport, ImportIssue } from '../../../shared/imports/api.js';
import { fail } from '../../../shared/result.js';
import type { Sheet } from './read-file.js';

export type FormGroup = { form: FormCode; orgUnitId: number; period: string; cells: CellInput[] };
export type PendingFormImport = {
  id: string;
  fileName: string;
  databasePath: string;
  orgUnitId: number;
  groups: FormGroup[];
  issues: ImportIssue[];
  report: Omit<FormImportReport, 'rejected' | 'rejectedTotal'>;
};

export async function analyseForms(
  db: Db,
  databasePath: string,
  orgUnitId: number,
  fileName: string,
  source: FileSource,
  sheets: Sheet[],
  /** The unit each body row goes to (a DHIS2 file names one per value); else all go to `orgUnitId`. */
  unitOfRow: (index: number) => number = () => orgUnitId,
  /** Gives other calls their turn between rows (service/pace.ts), each a row checked; nothing is held open across it. */
  pace: () => Promise<void> | undefined = () => undefined,
  /** The same between a file's forms and periods, where no row is counted. */
  giveWay: () => Promise<void> | undefined = pace,
): Promise<PendingFormImport> {
  const mapped = sheets.map((s) => ({ sheet: s, ...mapHeaders(s.header, FORM_COLUMNS, FORM_REQUIRED, formColumnLabel) }));
  const found = mapped.find((m) => m.missing.length === 0) ?? mapped.sort((a, b) => a.missing.length - b.missing.length)[0];
  if (!found || found.missing.length)
    fail('missing_columns', { file: fileName, columns: labelsOf(found?.missing ?? FORM_REQUIRED, formColumnLabel) });

  const elements = elementLookup();
  const issues: ImportIssue[] = [];
  const repeats: FormImportReport['repeats'] = [];
  const seen = new Map<string, number>(); // unit/form/period/de/coc -> first row
  const groups = new Map<string, FormGroup & { rows: number[] }>();
  let rowsRead = 0;
  let blank = 0;
  let n = 1; // as the user sees it: the header is row 1
  for (const row of found.sheet.body) {
    await pace();
    const unit = unitOfRow(n - 1);
    n++;
    const formula = formulaWithoutValueIn(row, found.columns);
    if (formula) {
      rowsRead++;
      issues.push({ sheet: 'values', row: n, column: formula, messageKey: 'validation.formula_without_value' });
      continue;
    }
    const cells = cellsOf(row, found.columns);
    const { value, blank: isBlank, issues: bad } = formValueFromRow(cells, elements);
    if (isBlank) {
      blank++;
      continue;
    }
    rowsRead++;
    if (!value) {
      issues.push(...bad.map((x) => ({ sheet: 'values' as const, row: n, ...x })));
      continue;
    }
    const key = `${unit}/${value.form}/${value.period}/${value.de}/${value.coc}`;
    const first = seen.get(key);
    if (first !== undefined) {
      repeats.push({ row: n, firstRow: first });
      continue;
    }
    seen.set(key, n);
    const g = `${unit}/${value.form}/${value.period}`;
    if (!groups.has(g)) groups.set(g, { form: value.form, orgUnitId: unit, period: value.period, cells: [], rows: [] });
    groups.get(g)!.cells.push({
      de: value.de,
      coc: value.coc,
      value: String(value.value),
      ...(value.comment !== undefined ? { comment: value.comment } : {}),
    });
    groups.get(g)!.rows.push(n);
  }

  const accepted = { total: 0, added: 0, changed: 0, same: 0 };
  const kept: FormGroup[] = [];
  const violations: FormImportReport['violations'] = [];
  const names = new Map<number, string>();
  const unitName = (id: number) => {
    if (!names.has(id)) names.set(id, getOrgUnit(db, id)?.name ?? '');
    return names.get(id)!;
  };
  // Refused here, after the repeats were set aside: a repeat of such a row is refused for the same reason (its first row is not loaded).
  const refusedHere = new Map<number, ImportIssue>();
  const refuse = (issue: ImportIssue) => {
    issues.push(issue);
    refusedHere.set(issue.row, issue);
  };
  for (const g of groups.values()) {
    await giveWay();
    const key = { form: g.form, orgUnitId: g.orgUnitId, period: g.period };
    if (approval(db, key)) {
      // Approved here: withdrawn here. Approved by the centre that sent it: only that centre can reopen it.
      const sender = receivedApproval(db, key);
      const refusal: Pick<ImportIssue, 'messageKey' | 'params'> =
        sender === null
          ? { messageKey: 'validation.period_approved', params: { period: g.period } }
          : { messageKey: 'imports.forms.receivedApproval', params: { period: g.period, centre: sender } };
      for (const row of g.rows) refuse({ sheet: 'values', row, column: 'period', ...refusal });
      continue;
    }
    // A value another centre sent is that centre's: refused here by row, not at confirmation for the whole file.
    const received = receivedCells(db, key);
    g.cells = g.cells.filter((c, i) => {
      const centre = received.get(`${c.de}/${c.coc}`);
      if (centre === undefined) return true;
      refuse({ sheet: 'values', row: g.rows[i]!, column: 'value', messageKey: 'imports.forms.received', params: { centre } });
      return false;
    });
    g.rows = g.rows.filter((row) => !refusedHere.has(row));
    if (!g.cells.length) continue;
    const stored = formValues(db, key);
    const before = new Map(stored.map((v) => [`${v.de}/${v.coc}`, v]));
    for (const c of g.cells) {
      const old = before.get(`${c.de}/${c.coc}`);
      const value = typeof old?.value === 'number' ? Number(c.value) : c.value;
      if (!old) accepted.added++;
      else if (old.value === value && (c.comment === undefined || c.comment === old.comment)) accepted.same++;
      else accepted.changed++;
    }
    accepted.total += g.cells.length;
    const merged = toFormValues([
      ...stored,
      ...g.cells.map((c) => ({ de: c.de, coc: c.coc, value: dataElement(c.de)!.valueType === 'count' ? Number(c.value) : c.value! })),
    ]);
    const orgUnit = unitName(g.orgUnitId);
    violations.push(...evaluateRules(rules(db, g.form), merged, g.form).map((v) => ({ ...v, form: g.form, orgUnit, period: g.period })));
    kept.push({ form: g.form, orgUnitId: g.orgUnitId, period: g.period, cells: g.cells });
  }
  for (let i = repeats.length - 1; i >= 0; i--) {
    const first = refusedHere.get(repeats[i]!.firstRow);
    if (first) issues.push({ ...first, row: repeats.splice(i, 1)[0]!.row });
  }
  issues.sort((a, b) => a.row - b.row);
  return {
    id: randomBytes(8).toString('hex'),
    fileName,
    databasePath,
    orgUnitId,
    groups: kept,
    issues,
    report: {
      importId: '',
      fileName,
      source,
      rowsRead,
      blank,
      accepted,
      periods: kept.map((g) => ({
        form: g.form,
        orgUnitId: g.orgUnitId,
        orgUnit: unitName(g.orgUnitId),
        period: g.period,
        values: g.cells.length,
      })),
      repeats,
      violations,
    },
  };
}

export function formReportOf(p: PendingFormImport, shown = 500): FormImportReport {
  return {
    ...p.report,
    importId: p.id,
    rejected: p.issues.slice(0, shown),
    rejectedTotal: p.issues.length,
    repeats: p.report.repeats.slice(0, shown),
    violations: p.report.violations.slice(0, shown),
  };
}
