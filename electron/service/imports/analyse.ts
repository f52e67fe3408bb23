// A case-register file checked row by row against the same rules as the forms, without writing
// anything: which cases and events would go in, which rows are refused (row, column, reason), and
// which rows look like people already counted.
import { randomBytes } from 'node:crypto';
import { stmt, type Db } from '../../../db/connection.js';
import { eventIssues, type CaseInput, type EventInput } from '../../../shared/cases/schema.js';
import { uicKey } from '../../../shared/cases/uic.js';
import { caseFromRow, eventFromRow, type Cell, type Lookups } from '../../../shared/imports/case-rows.js';
import {
  CASE_COLUMNS,
  CASE_REQUIRED,
  cellsOf,
  columnLabel,
  EVENT_COLUMNS,
  EVENT_REQUIRED,
  formulaWithoutValueIn,
  labelsOf,
  mapHeaders,
} from '../../../shared/imports/columns.js';
import type { FileSource, ImportIssue, ImportReport } from '../../../shared/imports/api.js';
import { fail } from '../../../shared/result.js';
import type { Sheet } from './read-file.js';

export type PendingImport = {
  id: string;
  fileName: string;
  source: FileSource;
  databasePath: string;
  cases: { row: number; input: CaseInput; events: EventInput[] }[];
  eventsForExisting: { row: number; caseId: number; event: EventInput }[];
  issues: ImportIssue[];
  duplicates: ImportReport['duplicates'];
  rowsRead: { cases: number; events: number };
};

const REFUSED = -1;
/** Shared by every case the file gives no events for; a case gets its own list with its first event. */
const NO_EVENTS: EventInput[] = [];
const empty = (row: Cell[]) => row.every((c) => c === null || c === undefined || (typeof c !== 'object' && String(c).trim() === ''));

/** `pace` gives other calls their turn between rows (service/pace.ts); the check holds no statement open across it. */
export async function analyse(
  db: Db,
  databasePath: string,
  fileName: string,
  source: FileSource,
  sheets: Sheet[],
  lk: Lookups,
  pace: () => Promise<void> | undefined,
): Promise<PendingImport> {
  const mapped = sheets.map((s) => ({
    sheet: s,
    cases: mapHeaders(s.header, CASE_COLUMNS, CASE_REQUIRED, columnLabel),
    events: mapHeaders(s.header, EVENT_COLUMNS, EVENT_REQUIRED, columnLabel),
  }));
  const caseSheet = mapped.find((m) => [...m.cases.columns.values()].includes('uic'));
  const eventSheet = mapped.find((m) => m !== caseSheet && [...m.events.columns.values()].includes('kind'));
  if (!caseSheet && !eventSheet) fail('missing_columns', { file: fileName, columns: labelsOf(CASE_REQUIRED, columnLabel) });
  if (caseSheet?.cases.missing.length) fail('missing_columns', { file: fileName, columns: labelsOf(caseSheet.cases.missing, columnLabel) });
  if (eventSheet?.events.missing.length)
    fail('missing_columns', { file: fileName, columns: labelsOf(eventSheet.events.missing, columnLabel) });

  const p: PendingImport = {
    id: randomBytes(8).toString('hex'),
    fileName,
    source,
    databasePath,
    cases: [],
    eventsForExisting: [],
    issues: [],
    duplicates: [],
    rowsRead: { cases: 0, events: 0 },
  };
  const byRegisterNo = new Map<string, number>(); // index into p.cases, or REFUSED (a plain number: 100,000 rows make 100,000 entries)
  const people = new Map<string, number>(); // uic key, sex, year -> first row
  // Everyone already in the register, read once (a look-up per row would cost more than the rest of
  // the check), a page at a time in id order, so the first id of a person is kept and calls get their turn between pages.
  const inRegisterPeople = new Map<string, number>();
  const page = stmt(
    db,
    `SELECT id, uic_key || '|' || sex || '|' || ifnull(birth_year, 'null') FROM hiv_case WHERE deleted_at IS NULL AND id > ? ORDER BY id LIMIT 5000`,
  );
  for (let after = 0; ;) {
    const rows = page.raw(true).all(after) as [number, string][];
    for (const [id, k] of rows) if (!inRegisterPeople.has(k)) inRegisterPeople.set(k, id);
    if (rows.length < 5000) break;
    after = rows[rows.length - 1]![0];
    await pace();
  }
  const registerNoAt = caseSheet ? [...caseSheet.cases.columns].find(([, k]) => k === 'registerNo')![0] : -1;
  const caseRow = (row: Cell[], n: number, columns: Map<number, (typeof CASE_COLUMNS)[number]>) => {
    if (empty(row)) return;
    p.rowsRead.cases++;
    const formula = formulaWithoutValueIn(row, columns);
    const { value, issues } = formula
      ? { value: null, issues: [{ column: formula, messageKey: 'validation.formula_without_value' }] }
      : caseFromRow(cellsOf(row, columns), lk);
    const registerNo = formula === 'registerNo' ? '' : String(row[registerNoAt] ?? '').trim();
    if (!value) {
      p.issues.push(...issues.map((x) => ({ sheet: 'cases' as const, row: n, ...x })));
      if (registerNo && !byRegisterNo.has(registerNo)) byRegisterNo.set(registerNo, REFUSED);
      return;
    }
    if (byRegisterNo.has(value.registerNo)) {
      p.issues.push({ sheet: 'cases', row: n, column: 'registerNo', messageKey: 'validation.register_no_repeated' });
      return;
    }
    const person = `${uicKey(value.uic)}|${value.sex}|${value.birthYear}`;
    const earlier = people.get(person);
    const existingId = inRegisterPeople.get(person);
    const existing = existingId === undefined ? undefined : { id: existingId };
    if (earlier !== undefined || existing) {
      p.duplicates.push({ row: n, registerNo: value.registerNo, existingId: existing?.id ?? null, existingRow: earlier ?? null });
      byRegisterNo.set(value.registerNo, REFUSED);
      return;
    }
    people.set(person, n);
    byRegisterNo.set(value.registerNo, p.cases.length);
    p.cases.push({ row: n, input: value, events: NO_EVENTS });
  };
  // Row numbers as the user sees them: the header is row 1. A CSV's rows are read as they are checked.
  if (caseSheet) {
    let n = 1;
    for (const row of caseSheet.sheet.body) {
      caseRow(row, ++n, caseSheet.cases.columns);
      await pace();
    }
  }

  // This centre's own case first; a case received from another centre is that centre's to change.
  const inRegister = stmt(
    db,
    `SELECT c.id, c.diagnosis_date AS dx, p.centre AS receivedFrom FROM hiv_case c LEFT JOIN exchange_partner p ON p.id = c.origin_partner_id
      WHERE c.register_no = ? AND c.deleted_at IS NULL ORDER BY c.origin_partner_id IS NOT NULL, c.id LIMIT 1`,
  );
  const eventRow = (row: Cell[], n: number, columns: Map<number, (typeof EVENT_COLUMNS)[number]>) => {
    if (empty(row)) return;
    p.rowsRead.events++;
    const formula = formulaWithoutValueIn(row, columns);
    if (formula) return void p.issues.push({ sheet: 'events', row: n, column: formula, messageKey: 'validation.formula_without_value' });
    const { registerNo, value, issues } = eventFromRow(cellsOf(row, columns), lk);
    const refuse = (column: string | null, messageKey: string) => p.issues.push({ sheet: 'events', row: n, column, messageKey });
    if (!value) return issues.forEach((x) => refuse(x.column, x.messageKey));
    const inFile = byRegisterNo.get(registerNo);
    if (inFile !== undefined) {
      if (inFile === REFUSED) return refuse('registerNo', 'validation.case_rejected');
      const target = p.cases[inFile]!;
      const bad = eventIssues(value, target.input.diagnosisDate)[0];
      if (bad) return refuse(bad.path, bad.messageKey);
      if (target.events === NO_EVENTS) target.events = [];
      target.events.push(value);
      return;
    }
    const existing = registerNo
      ? (inRegister.get(registerNo) as { id: number; dx: string; receivedFrom: string | null } | undefined)
      : undefined;
    if (!existing) return refuse('registerNo', 'validation.unknown_case');
    if (existing.receivedFrom !== null)
      return void p.issues.push({
        sheet: 'events',
        row: n,
        column: 'registerNo',
        messageKey: 'errors.received_read_only',
        params: { centre: existing.receivedFrom },
      });
    const bad = eventIssues(value, existing.dx)[0];
    if (bad) return refuse(bad.path, bad.messageKey);
    p.eventsForExisting.push({ row: n, caseId: existing.id, event: value });
  };
  if (eventSheet) {
    let n = 1;
    for (const row of eventSheet.sheet.body) {
      eventRow(row, ++n, eventSheet.events.columns);
      await pace();
    }
  }
  return p;
}

export function reportOf(p: PendingImport, shown = 500): ImportReport {
  return {
    importId: p.id,
    fileName: p.fileName,
    source: p.source,
    rowsRead: p.rowsRead,
    accepted: { cases: p.cases.length, events: p.cases.reduce((s, c) => s + c.events.length, 0) + p.eventsForExisting.length },
    rejected: p.issues.slice(0, shown),
    rejectedTotal: p.issues.length,
    duplicates: p.duplicates.slice(0, shown),
    duplicatesTotal: p.duplicates.length,
  };
}
