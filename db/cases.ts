// The case register's storage: cases (soft-deleted), their key populations and dated events.
// Every write is one transaction with its audit entries; no names are ever stored.
import { stmt, type Db } from './connection.js';
import { changeWithAudit, recordEach, type Change } from './audit.js';
import { deriveWhenIdle } from './derive-when-idle.js';
import { personRecords } from './person-links.js';

/**
 * An audited change to cases or events. Triggers mark what it touched; the status intervals of
 * those cases are derived once the thread is idle (or by the next count, whichever comes first).
 */
export function changeCases<T>(db: Db, actor: string, work: (record: (c: Omit<Change, 'actor'>) => void) => T): T {
  const result = changeWithAudit(db, actor, work);
  deriveWhenIdle(db);
  return result;
}
import { fail } from '../shared/result.js';
import { uicKey, uicMismatches } from '../shared/cases/uic.js';
import { eventIssues, type CaseInput, type EventInput } from '../shared/cases/schema.js';
import { kpBit, kpMaskOf } from '../shared/cases/key-population-bits.js';
import type { CaseEvent, CaseQuery, CaseRow, Duplicate } from '../shared/cases/api.js';
import { CaseQuerySchema } from '../shared/cases/api.js';

export type CaseDbRow = {
  id: number;
  org_unit_id: number;
  register_no: string;
  uic: string;
  uic_key: string;
  sex: CaseInput['sex'];
  birth_year: number | null;
  citizenship: string | null;
  migrant_type: CaseInput['migrantType'];
  legal_status: CaseInput['legalStatus'];
  transmission_route: CaseInput['transmissionRoute'];
  infection_country: string | null;
  diagnosis_date: string;
  diagnosis_country: string | null;
  aids_at_diagnosis: number | null;
  first_aids_date: string | null;
  current_outcome: CaseRow['currentOutcome'];
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
  origin_partner_id: number | null;
  kps: string | null;
};
export type EventDbRow = {
  id: number;
  case_id: number;
  kind: CaseEvent['kind'];
  event_date: string;
  cd4: number | null;
  vl_copies: number | null;
  vl_undetectable: number | null;
  outcome: CaseEvent['outcome'];
};

export type StoredCase = {
  id: number;
  /** The centre it was received from in a package (read-only here), or null for this centre's own. */
  receivedFrom: string | null;
  personRecords: ReturnType<typeof personRecords>;
  case: CaseInput;
  events: CaseEvent[];
  currentOutcome: CaseRow['currentOutcome'];
  uicMismatches: CaseRow['uicMismatches'];
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

const KPS = `(SELECT group_concat(key_population) FROM case_key_population k WHERE k.case_id = c.id) AS kps`;
const kpList = (kps: string | null) => (kps ? (kps.split(',').sort() as CaseInput['keyPopulations']) : []);

export function toInput(r: CaseDbRow): CaseInput {
  return {
    registerNo: r.register_no,
    uic: r.uic,
    sex: r.sex,
    birthYear: r.birth_year,
    citizenship: r.citizenship,
    migrantType: r.migrant_type,
    legalStatus: r.legal_status,
    keyPopulations: kpList(r.kps),
    transmissionRoute: r.transmission_route,
    infectionCountry: r.infection_country,
    diagnosisDate: r.diagnosis_date,
    diagnosisCountry: r.diagnosis_country,
    // Only when known: a case saved without them reads back as it was given.
    ...(r.aids_at_diagnosis === null ? {} : { aidsAtDiagnosis: r.aids_at_diagnosis === 1 }),
    ...(r.first_aids_date === null ? {} : { firstAidsDate: r.first_aids_date }),
  };
}

/** A stored event as the entry schema takes it (what a package carries). */
export function eventInput(e: EventDbRow): EventInput {
  switch (e.kind) {
    case 'cd4':
      return { kind: 'cd4', date: e.event_date, cd4: e.cd4 ?? 0 };
    case 'viral_load':
      return { kind: 'viral_load', date: e.event_date, undetectable: e.vl_undetectable === 1, copies: e.vl_copies };
    case 'outcome':
      return { kind: 'outcome', date: e.event_date, outcome: e.outcome ?? 'in_care' };
    default:
      return { kind: e.kind, date: e.event_date };
  }
}

const toEvent = (e: EventDbRow): CaseEvent => ({
  id: e.id,
  kind: e.kind,
  date: e.event_date,
  cd4: e.cd4,
  copies: e.vl_copies,
  undetectable: e.vl_undetectable === null ? null : e.vl_undetectable === 1,
  outcome: e.outcome,
});

export function row(db: Db, id: number): CaseDbRow | undefined {
  return stmt(db, `SELECT c.*, ${KPS} FROM hiv_case c WHERE c.id = ?`).get(id) as CaseDbRow | undefined;
}

export function getCase(db: Db, id: number): StoredCase {
  const r = row(db, id) ?? fail('not_found');
  const events = (stmt(db, 'SELECT * FROM case_event WHERE case_id = ? ORDER BY event_date, id').all(id) as EventDbRow[]).map(toEvent);
  const from =
    r.origin_partner_id === null
      ? null
      : (stmt(db, 'SELECT centre FROM exchange_partner WHERE id = ?').get(r.origin_partner_id) as { centre: string });
  return {
    id,
    receivedFrom: from?.centre ?? null,
    personRecords: ((records) => (records.length > 1 ? records : []))(personRecords(db, id)),
    case: toInput(r),
    events,
    currentOutcome: r.current_outcome,
    uicMismatches: uicMismatches(r.uic, r.sex, r.birth_year),
    deletedAt: r.deleted_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Live cases with the same person's code (compared by key), sex and year of birth. */
/** The org unit a case (live or deleted) belongs to, or null when there is no such case. */
export function caseOrgUnit(db: Db, id: number): number | null {
  return (stmt(db, 'SELECT org_unit_id AS unit FROM hiv_case WHERE id = ?').get(id) as { unit: number } | undefined)?.unit ?? null;
}

export function findDuplicates(db: Db, q: { uic: string; sex: string; birthYear: number | null; excludeId: number | null }): Duplicate[] {
  return stmt(
    db,
    `SELECT id, register_no AS registerNo, uic, diagnosis_date AS diagnosisDate FROM hiv_case
       WHERE deleted_at IS NULL AND uic_key = ? AND sex = ? AND birth_year IS ? AND id IS NOT ? ORDER BY id LIMIT 20`,
  ).all(uicKey(q.uic), q.sex, q.birthYear, q.excludeId) as Duplicate[];
}

/**
 * A case received from another centre is that centre's: read and counted here, changed only by its
 * next package. Editing, deleting or restoring it here is refused, naming the centre.
 */
function refuseReceived(db: Db, r: Pick<CaseDbRow, 'origin_partner_id'>) {
  if (r.origin_partner_id === null) return;
  const from = stmt(db, 'SELECT centre FROM exchange_partner WHERE id = ?').get(r.origin_partner_id) as { centre: string } | undefined;
  fail('received_read_only', { centre: from?.centre ?? '' });
}

export const columns = (c: CaseInput) => [
  c.registerNo,
  c.uic,
  uicKey(c.uic),
  c.sex,
  c.birthYear,
  c.citizenship,
  c.migrantType,
  c.legalStatus,
  c.transmissionRoute,
  c.infectionCountry,
  c.diagnosisDate,
  c.diagnosisCountry,
  c.aidsAtDiagnosis == null ? null : c.aidsAtDiagnosis ? 1 : 0,
  c.firstAidsDate ?? null,
];

function insertKeyPopulations(db: Db, id: number, kps: CaseInput['keyPopulations']) {
  if (kps.length === 0) return;
  const insert = stmt(db, 'INSERT INTO case_key_population (case_id, key_population) VALUES (?, ?)');
  for (const kp of kps.length === 1 ? kps : new Set(kps)) insert.run(id, kp);
}

export function writeKeyPopulations(db: Db, id: number, kps: CaseInput['keyPopulations']) {
  stmt(db, 'DELETE FROM case_key_population WHERE case_id = ?').run(id);
  insertKeyPopulations(db, id, kps); // the mask follows by trigger (migration 0013)
}

function refuseDuplicate(db: Db, c: CaseInput, excludeId: number | null, allow: boolean) {
  if (allow) return;
  const dups = findDuplicates(db, { uic: c.uic, sex: c.sex, birthYear: c.birthYear, excludeId });
  if (dups.length) fail('duplicate_case', { id: dups[0]!.id, registerNo: dups[0]!.registerNo });
}

/** A diagnosis moved after an existing ART start would break the rule that ART follows diagnosis. */
function refuseArtBeforeDiagnosis(db: Db, id: number, diagnosisDate: string) {
  const early = stmt(db, `SELECT 1 FROM case_event WHERE case_id = ? AND kind = 'art_start' AND event_date < ?`).get(id, diagnosisDate);
  if (early) fail('invalid_input', undefined, [{ path: 'diagnosisDate', messageKey: 'validation.diagnosis_after_art' }]);
}

export function createCase(db: Db, actor: string, orgUnitId: number, c: CaseInput, opts: { allowDuplicate: boolean; now?: Date }): number {
  return createCaseWithEvents(db, actor, orgUnitId, c, [], opts);
}

/** A case and its events in one transaction: all are saved, or (on any broken rule) none. */
export function createCaseWithEvents(
  db: Db,
  actor: string,
  orgUnitId: number,
  c: CaseInput,
  events: EventInput[],
  opts: { allowDuplicate: boolean; now?: Date },
): number {
  const at = (opts.now ?? new Date()).toISOString();
  return changeCases(db, actor, (record) => {
    refuseDuplicate(db, c, null, opts.allowDuplicate);
    // Said in the log only where there was a possible duplicate to save despite.
    const despite =
      opts.allowDuplicate && findDuplicates(db, { uic: c.uic, sex: c.sex, birthYear: c.birthYear, excludeId: null }).length > 0;
    const entry = { ...c, keyPopulations: [...c.keyPopulations].sort(), ...(despite ? { savedDespiteDuplicate: true } : {}) };
    return insertCase(db, record, orgUnitId, c, events, at, entry);
  });
}

export type Record_ = (c: Omit<Change, 'actor'>) => void;

/**
 * Inside the caller's transaction: the case, its key populations and events, in one audit entry
 * (one save, one entry: the case as entered with each event and the id it was given). Events
 * added or changed later each have their own entry.
 */
function insertCase(
  db: Db,
  record: Record_,
  orgUnitId: number,
  c: CaseInput,
  events: readonly EventInput[],
  at: string,
  entry: object,
): number {
  const id = insertCaseRow(db, orgUnitId, c, at);
  const saved = insertEvents(db, null, id, c, events, at);
  record({ action: 'create', entity: 'case', entityId: id, newValue: saved.length ? { ...entry, events: saved } : entry });
  return id;
}

/** A case's new events, each checked against the case; audited one by one, or (record null) by the caller. */
function insertEvents(db: Db, record: Record_ | null, id: number, c: CaseInput, events: readonly EventInput[], at: string) {
  return events.map((e, i) => {
    const issues = eventIssues(e, c.diagnosisDate).map((issue) => ({ ...issue, path: `events.${i}.${issue.path}` }));
    if (issues.length) fail('invalid_input', undefined, issues);
    return { id: insertEvent(db, record, id, e, at), ...e };
  });
}

/**
 * Checked rows of an imported file: new cases with their events, and events for cases already in
 * the register, all in one transaction (every row, or none), each change audited, plus one entry
 * for the import itself.
 */
export function importCases(
  db: Db,
  actor: string,
  orgUnitId: number,
  file: string,
  cases: readonly { row: number; input: CaseInput; events: readonly EventInput[] }[],
  events: readonly { caseId: number; event: EventInput }[],
  summary: object,
  now: Date = new Date(),
): { cases: number; events: number } {
  const at = now.toISOString();
  return changeCases(db, actor, (record) => {
    let n = 0;
    // The case row holds what the file said; its one entry says where it came from (file and row)
    // and lists its events with their ids, as when typed. Key populations and these entries go in
    // after the loop, each kind in one statement.
    const ids: number[] = [];
    const kps: [number, string][] = [];
    for (const c of cases) ids.push(insertCaseRow(db, orgUnitId, c.input, at, kps));
    if (kps.length)
      stmt(db, 'INSERT INTO case_key_population (case_id, key_population) SELECT value ->> 0, value ->> 1 FROM json_each(?)').run(
        JSON.stringify(kps),
      );
    const created = cases.map((c, i): [number, object] => {
      const saved = insertEvents(db, null, ids[i]!, c.input, c.events, at);
      n += saved.length;
      return [ids[i]!, { importedFrom: file, row: c.row, ...(saved.length ? { events: saved } : {}) }];
    });
    recordEach(db, { actor, action: 'create', entity: 'case' }, created, now);
    const touched = new Set<number>();
    for (const e of events) {
      const target = row(db, e.caseId);
      if (!target || target.deleted_at) fail('not_found');
      refuseReceived(db, target);
      const issues = eventIssues(e.event, target.diagnosis_date);
      if (issues.length) fail('invalid_input', undefined, issues);
      insertEvent(db, record, e.caseId, e.event, at);
      touched.add(e.caseId);
    }
    for (const id of touched) stmt(db, 'UPDATE hiv_case SET updated_at = ? WHERE id = ?').run(at, id);
    record({
      action: 'import',
      entity: 'case_register',
      entityId: file,
      newValue: { cases: cases.length, events: n + events.length, ...summary },
    });
    return { cases: cases.length, events: n + events.length };
  });
}

/**
 * The case row and its key populations (a new case: no clearing, no second write of the row).
 * Given `later`, the key populations are added to it for the caller to insert all at once.
 */
export function insertCaseRow(
  db: Db,
  orgUnitId: number,
  c: CaseInput,
  at: string,
  later?: [number, string][],
  origin?: { partnerId: number; id: number; lineHash: string },
): number {
  const id = Number(
    stmt(
      db,
      `INSERT INTO hiv_case (org_unit_id, register_no, uic, uic_key, sex, birth_year, citizenship, migrant_type, legal_status, transmission_route,
           infection_country, diagnosis_date, diagnosis_country, aids_at_diagnosis, first_aids_date, kp_mask, created_at, updated_at,
           origin_partner_id, origin_id, origin_sha256)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      orgUnitId,
      ...columns(c),
      kpMaskOf(c.keyPopulations), // the mask as the triggers will keep it
      at,
      at,
      origin?.partnerId ?? null,
      origin?.id ?? null,
      origin?.lineHash ?? null,
    ).lastInsertRowid,
  );
  if (!later) insertKeyPopulations(db, id, c.keyPopulations);
  else for (const kp of c.keyPopulations.length === 1 ? c.keyPopulations : new Set(c.keyPopulations)) later.push([id, kp]);
  return id;
}

export function insertEvent(db: Db, record: Record_ | null, caseId: number, e: EventInput, at: string): number {
  const id = Number(
    stmt(
      db,
      'INSERT INTO case_event (case_id, kind, event_date, cd4, vl_copies, vl_undetectable, outcome, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(caseId, ...eventColumns(e), at, at).lastInsertRowid,
  );
  record?.({ action: 'create', entity: 'case_event', entityId: `${caseId}/${id}`, newValue: e });
  return id;
}

export function updateCase(db: Db, actor: string, id: number, c: CaseInput, opts: { allowDuplicate: boolean; now?: Date }): void {
  changeCases(db, actor, (record) => {
    const before = row(db, id);
    if (!before || before.deleted_at) fail('not_found');
    refuseReceived(db, before);
    // Asked once: an edit that keeps the code, sex and year does not ask again.
    const sameIdentity = before.uic_key === uicKey(c.uic) && before.sex === c.sex && before.birth_year === c.birthYear;
    refuseDuplicate(db, c, id, opts.allowDuplicate || sameIdentity);
    refuseArtBeforeDiagnosis(db, id, c.diagnosisDate);
    stmt(
      db,
      `UPDATE hiv_case SET register_no = ?, uic = ?, uic_key = ?, sex = ?, birth_year = ?, citizenship = ?, migrant_type = ?, legal_status = ?,
         transmission_route = ?, infection_country = ?, diagnosis_date = ?, diagnosis_country = ?, aids_at_diagnosis = ?, first_aids_date = ?,
         updated_at = ? WHERE id = ?`,
    ).run(...columns(c), (opts.now ?? new Date()).toISOString(), id);
    writeKeyPopulations(db, id, c.keyPopulations);
    const old = toInput(before);
    // Unknown is unknown whether absent or null: neither is a change from the other.
    const keys = [...new Set([...Object.keys(c), ...Object.keys(old)])] as (keyof CaseInput)[];
    const changed = keys.filter(
      (k) => JSON.stringify(old[k] ?? null) !== JSON.stringify(k === 'keyPopulations' ? [...c.keyPopulations].sort() : (c[k] ?? null)),
    );
    if (changed.length) {
      record({
        action: 'update',
        entity: 'case',
        entityId: id,
        oldValue: Object.fromEntries(changed.map((k) => [k, old[k]])),
        newValue: Object.fromEntries(changed.map((k) => [k, c[k]])),
      });
    }
  });
}

export function deleteCase(db: Db, actor: string, id: number, now: Date = new Date()): void {
  changeCases(db, actor, (record) => {
    const before = row(db, id);
    if (!before || before.deleted_at) fail('not_found');
    refuseReceived(db, before);
    stmt(db, 'UPDATE hiv_case SET deleted_at = ?, deleted_by = ? WHERE id = ?').run(now.toISOString(), actor, id);
    record({ action: 'delete', entity: 'case', entityId: id, oldValue: { registerNo: before.register_no, uic: before.uic } });
  });
}

export function restoreCase(db: Db, actor: string, id: number): void {
  changeCases(db, actor, (record) => {
    const before = row(db, id);
    if (!before || !before.deleted_at) fail('not_found');
    refuseReceived(db, before);
    stmt(db, 'UPDATE hiv_case SET deleted_at = NULL, deleted_by = NULL WHERE id = ?').run(id);
    record({ action: 'restore', entity: 'case', entityId: id, oldValue: { deletedAt: before.deleted_at, deletedBy: before.deleted_by } });
  });
}

export function listDeleted(db: Db): { id: number; registerNo: string; uic: string; deletedAt: string; deletedBy: string }[] {
  return stmt(
    db,
    `SELECT id, register_no AS registerNo, uic, deleted_at AS deletedAt, deleted_by AS deletedBy FROM hiv_case WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC LIMIT 500`,
  ).all() as { id: number; registerNo: string; uic: string; deletedAt: string; deletedBy: string }[];
}

export const eventColumns = (e: EventInput) => [
  e.kind,
  e.date,
  e.kind === 'cd4' ? e.cd4 : null,
  e.kind === 'viral_load' ? (e.undetectable ? null : e.copies) : null,
  e.kind === 'viral_load' ? (e.undetectable ? 1 : 0) : null,
  e.kind === 'outcome' ? e.outcome : null,
];

/** Adds (eventId null) or replaces an event; refused if the case is deleted or the rule of the case is broken. */
export function saveEvent(db: Db, actor: string, caseId: number, eventId: number | null, e: EventInput, now: Date = new Date()): number {
  return changeCases(db, actor, (record) => {
    const c = row(db, caseId);
    if (!c || c.deleted_at) fail('not_found');
    refuseReceived(db, c);
    const issues = eventIssues(e, c.diagnosis_date);
    if (issues.length) fail('invalid_input', undefined, issues);
    const at = now.toISOString();
    let id: number;
    if (eventId === null) {
      id = insertEvent(db, record, caseId, e, at);
    } else {
      const old = stmt(db, 'SELECT * FROM case_event WHERE id = ? AND case_id = ?').get(eventId, caseId) as EventDbRow | undefined;
      if (!old) fail('not_found');
      stmt(
        db,
        'UPDATE case_event SET kind = ?, event_date = ?, cd4 = ?, vl_copies = ?, vl_undetectable = ?, outcome = ?, updated_at = ? WHERE id = ?',
      ).run(...eventColumns(e), at, eventId);
      id = eventId;
      record({ action: 'update', entity: 'case_event', entityId: `${caseId}/${id}`, oldValue: toEvent(old), newValue: e });
    }
    stmt(db, 'UPDATE hiv_case SET updated_at = ? WHERE id = ?').run(at, caseId);
    return id;
  });
}

export function deleteEvent(db: Db, actor: string, caseId: number, eventId: number): void {
  changeCases(db, actor, (record) => {
    const c = row(db, caseId);
    if (c) refuseReceived(db, c);
    const old = stmt(db, 'SELECT * FROM case_event WHERE id = ? AND case_id = ?').get(eventId, caseId) as EventDbRow | undefined;
    if (!old) fail('not_found');
    stmt(db, 'DELETE FROM case_event WHERE id = ?').run(eventId);
    record({ action: 'delete', entity: 'case_event', entityId: `${caseId}/${eventId}`, oldValue: toEvent(old) });
  });
}

const AGE_BANDS: Record<string, [number, number] | null> = {
  '0-14': [0, 14],
  '15-19': [15, 19],
  '20-24': [20, 24],
  '25-29': [25, 29],
  '30-34': [30, 34],
  '35-39': [35, 39],
  '40-44': [40, 44],
  '45-49': [45, 49],
  '50+': [50, 200],
  unknown: null,
};
const SORT_SQL = { diagnosisDate: 'diagnosis_date', registerNo: 'register_no', uic: 'uic_key', birthYear: 'birth_year' } as const;

/** The shortest search that also finds a code by a part inside it (shorter ones: by its start only). */
export const PART_OF_CODE = 3;

/** Builds the WHERE clause of the list; exported so tests can read its query plan. */
export function caseListSql(
  query: CaseQuery,
  units: readonly number[] | null = null,
): { where: string; params: unknown[]; order: string; limit: number; offset: number; countFrom: string } {
  const q = CaseQuerySchema.parse(query);
  const where = ['c.deleted_at IS NULL'];
  const params: unknown[] = [];
  if (units) {
    // An account limited to an org unit sees the cases of it and the units below it.
    where.push('c.org_unit_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(units));
  }
  if (q.search) {
    // Register numbers are matched as typed; codes by their transliterated key. Both by prefix.
    // Two index range scans joined: SQLite will not use an index for an OR of ranges.
    const key = uicKey(q.search);
    // Three letters or digits or more also find a code containing them anywhere ("1985", "НМА1"):
    // a walk over the codes' index, not the table (1M cases: ~0.1 s, `npm run bench`, "search"). A
    // register number's "/" is no part of a code: such a search stays a prefix search.
    const part =
      key.length >= PART_OF_CODE && /^[\p{L}\p{N}]+$/u.test(key)
        ? `UNION SELECT id FROM hiv_case INDEXED BY hiv_case_uic_key WHERE deleted_at IS NULL AND instr(uic_key, ?) > 0`
        : '';
    where.push(`c.id IN (SELECT id FROM hiv_case WHERE deleted_at IS NULL AND register_no >= ? AND register_no < ?
      UNION SELECT id FROM hiv_case WHERE deleted_at IS NULL AND uic_key >= ? AND uic_key < ? ${part})`);
    params.push(q.search, q.search + '\uffff', key, key + '\uffff', ...(part ? [key] : []));
  }
  for (const [field, col] of [
    ['sex', 'sex'],
    ['legalStatus', 'legal_status'],
    ['migrantType', 'migrant_type'],
    ['citizenship', 'citizenship'],
    ['diagnosisYear', 'diagnosis_year'],
    ['outcome', 'current_outcome'],
  ] as const) {
    if (q[field] !== undefined) {
      where.push(`c.${col} = ?`);
      params.push(q[field]);
    }
  }
  if (q.ageBand) {
    const band = AGE_BANDS[q.ageBand];
    if (band) {
      where.push('c.age_at_diagnosis BETWEEN ? AND ?');
      params.push(...band);
    } else where.push('c.birth_year IS NULL');
  }
  if (q.keyPopulation) {
    where.push('c.kp_mask & ? != 0');
    params.push(kpBit(q.keyPopulation));
  }
  const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
  // Counting by column filters alone reads the narrow covering index, never the wide table.
  const countFrom = q.search ? 'hiv_case c' : 'hiv_case c INDEXED BY hiv_case_filter';
  return {
    where: where.join(' AND '),
    params,
    order: `c.${SORT_SQL[q.sort]} ${dir}, c.id ${dir}`,
    limit: q.pageSize,
    offset: q.page * q.pageSize,
    countFrom,
  };
}

export function listCases(db: Db, query: CaseQuery, units: readonly number[] | null = null): { rows: CaseRow[]; total: number } {
  const { where, params, order, limit, offset, countFrom } = caseListSql(query, units);
  const total = (stmt(db, `SELECT count(*) AS n FROM ${countFrom} WHERE ${where}`).get(...params) as { n: number }).n;
  const rows = stmt(db, `SELECT c.*, ${KPS} FROM hiv_case c WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`).all(
    ...params,
    limit,
    offset,
  ) as CaseDbRow[];
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      registerNo: r.register_no,
      uic: r.uic,
      sex: r.sex,
      birthYear: r.birth_year,
      citizenship: r.citizenship,
      migrantType: r.migrant_type,
      legalStatus: r.legal_status,
      diagnosisDate: r.diagnosis_date,
      currentOutcome: r.current_outcome,
      keyPopulations: kpList(r.kps),
      uicMismatches: uicMismatches(r.uic, r.sex, r.birth_year),
    })),
  };
}

/** The latest year with a live diagnosis (the list's index answers it at once); null when none. */
export function latestDiagnosisYear(db: Db): number | null {
  const row = stmt(
    db,
    'SELECT diagnosis_date AS d FROM hiv_case WHERE deleted_at IS NULL ORDER BY diagnosis_date DESC, id DESC LIMIT 1',
  ).get() as { d: string } | undefined;
  return row ? Number(row.d.slice(0, 4)) : null;
}
