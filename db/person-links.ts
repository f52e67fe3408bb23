// One person reported by two centres (or entered twice): a reviewer links the records, and the
// figures count the person once, as the record with the earliest diagnosis, with every record's
// events (db/status-intervals.ts). The records themselves stay as they are, each its centre's;
// a link is audited and can be undone.
import { stmt, type Db } from './connection.js';
import { changeWithAudit } from './audit.js';
import { deriveWhenIdle } from './derive-when-idle.js';
import { fail } from '../shared/result.js';

type Member = { id: number; registerNo: string; diagnosisDate: string; unit: string; receivedFrom: string | null };

const MEMBER = `SELECT c.id, c.register_no AS registerNo, c.diagnosis_date AS diagnosisDate, u.name AS unit, p.centre AS receivedFrom
  FROM hiv_case c JOIN org_unit u ON u.id = c.org_unit_id LEFT JOIN exchange_partner p ON p.id = c.origin_partner_id`;

/** The case every record of this person is linked to (itself when it is not linked). */
const headOf = (db: Db, id: number) =>
  (stmt(db, 'SELECT linked_to FROM person_link WHERE case_id = ?').pluck().get(id) as number | undefined) ?? id;

/** Every record of the person a case belongs to, the one counted first (earliest diagnosis, then lowest id). */
export function personRecords(db: Db, id: number): Member[] {
  const head = headOf(db, id);
  return stmt(
    db,
    `${MEMBER} WHERE c.deleted_at IS NULL AND (c.id = @head OR c.id IN (SELECT case_id FROM person_link WHERE linked_to = @head))
      ORDER BY c.diagnosis_date, c.id`,
  ).all({ head }) as Member[];
}

function relink(db: Db, records: readonly Member[], actor: string, at: string) {
  const ids = JSON.stringify(records.map((r) => r.id));
  stmt(
    db,
    'DELETE FROM person_link WHERE case_id IN (SELECT value FROM json_each(@ids)) OR linked_to IN (SELECT value FROM json_each(@ids))',
  ).run({ ids });
  if (records.length < 2) return;
  const [head, ...rest] = [...records].sort((a, b) =>
    a.diagnosisDate < b.diagnosisDate ? -1 : a.diagnosisDate > b.diagnosisDate ? 1 : a.id - b.id,
  );
  const insert = stmt(db, 'INSERT INTO person_link (case_id, linked_to, linked_at, linked_by) VALUES (?, ?, ?, ?)');
  for (const r of rest) insert.run(r.id, head!.id, at, actor);
}

/** Links two records (and the records each is already linked with) as one person. */
export function linkPersons(db: Db, actor: string, a: number, b: number, now: Date = new Date()): Member[] {
  const result = changeWithAudit(db, actor, (record) => {
    const one = personRecords(db, a);
    const other = personRecords(db, b);
    if (!one.some((r) => r.id === a) || !other.some((r) => r.id === b)) fail('not_found');
    if (one.some((r) => r.id === b)) return one;
    const all = [...one, ...other];
    relink(db, all, actor, now.toISOString());
    record({
      action: 'create',
      entity: 'person_link',
      entityId: `${a}+${b}`,
      newValue: { registerNos: [one.find((r) => r.id === a)!.registerNo, other.find((r) => r.id === b)!.registerNo], records: all.length },
    });
    return personRecords(db, a);
  });
  deriveWhenIdle(db);
  return result;
}

/** Takes a record out of the person it was linked into; the others stay linked with each other. */
export function unlinkPerson(db: Db, actor: string, id: number, now: Date = new Date()): void {
  changeWithAudit(db, actor, (record) => {
    if (!detachFromPerson(db, record, id, actor, now.toISOString())) fail('not_found');
  });
  deriveWhenIdle(db);
}

/** Inside a change: takes a live record out of its person, if it is linked; false when it was not. */
export function detachFromPerson(
  db: Db,
  record: (c: { action: 'delete'; entity: string; entityId: string; oldValue: object }) => void,
  id: number,
  actor: string,
  at: string,
): boolean {
  const records = personRecords(db, id);
  if (!records.some((r) => r.id === id) || records.length < 2) return false;
  relink(
    db,
    records.filter((r) => r.id !== id),
    actor,
    at,
  );
  stmt(db, 'DELETE FROM person_link WHERE case_id = @id OR linked_to = @id').run({ id });
  record({
    action: 'delete',
    entity: 'person_link',
    entityId: String(id),
    oldValue: { registerNos: records.map((r) => r.registerNo), records: records.length },
  });
  return true;
}

/** Pairs of live records that look like one person (code key, sex, birth year) from different centres, not linked yet. */
export function personCandidates(db: Db, limit: number): { a: Member; b: Member }[] {
  const pairs = stmt(
    db,
    `SELECT a.id AS a, b.id AS b FROM hiv_case a JOIN hiv_case b
       ON b.uic_key = a.uic_key AND b.sex = a.sex AND b.birth_year IS a.birth_year AND b.id > a.id
     WHERE a.deleted_at IS NULL AND b.deleted_at IS NULL AND a.origin_partner_id IS NOT b.origin_partner_id
       AND ifnull((SELECT linked_to FROM person_link WHERE case_id = a.id), a.id) != ifnull((SELECT linked_to FROM person_link WHERE case_id = b.id), b.id)
     ORDER BY a.id, b.id LIMIT ?`,
  ).all(limit) as { a: number; b: number }[];
  const one = stmt(db, `${MEMBER} WHERE c.id = ?`);
  return pairs.map((p) => ({ a: one.get(p.a) as Member, b: one.get(p.b) as Member }));
}
