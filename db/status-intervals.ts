// Keeps case_status_interval (migration 0012) in step with the register: the cases that triggers
// marked since the last time are derived again from their row and events, a chunk at a time, in
// one transaction. Rows derived under other definitions are never read: when the definitions'
// version differs from the one the rows were made with, every case is derived again.
import { stmt, writeTransaction, type Db } from './connection.js';
import { STATUS_DEFINITIONS_VERSION, type CaseFacts } from '../shared/indicators/case-status.js';
import { periodFacts, statusIntervals } from '../shared/indicators/status-intervals.js';
import type { CaseGroupFacts } from '../shared/indicators/dimensions.js';

const VERSION_KEY = 'status_intervals_version';
const CHUNK = 5_000;
const DAY = 86_400_000;

/** An ISO date as the day number the interval rows keep (days from 1970-01-01). */
export const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);

type CaseRow = [
  id: number,
  orgUnitId: number,
  diagnosisDate: string,
  sex: string,
  birthYear: number | null,
  kpMask: number,
  legalStatus: string,
  migrantType: string,
  citizenship: string | null,
];
type EventRow = [
  caseId: number,
  kind: string,
  date: string,
  cd4: number | null,
  copies: number | null,
  undetectable: number | null,
  outcome: string | null,
];
type GroupRow = [
  id: number,
  sex: string,
  birthYear: number | null,
  kpMask: number,
  legalStatus: string,
  migrantType: string,
  citizenship: string | null,
];

const groupKey = (
  sex: string,
  birthYear: number | null,
  kpMask: number,
  legalStatus: string,
  migrantType: string,
  citizenship: string | null,
) => JSON.stringify([sex, birthYear, kpMask, legalStatus, migrantType, citizenship]);

type Groups = { byId: Map<number, CaseGroupFacts>; byKey: Map<string, number>; maxId: number };
const loaded = new WeakMap<Db, Groups>();

/**
 * Every combination of facts in use (a few thousand at most), read once per connection: groups are
 * only ever added, so the table's highest id tells whether the copy is current (a rolled-back
 * transaction leaves the copy ahead of the table, and it is read again).
 */
function groupsOf(db: Db): Groups {
  const maxId = stmt(db, 'SELECT ifnull(max(id), 0) FROM case_status_group').pluck().get() as number;
  const known = loaded.get(db);
  if (known && known.maxId === maxId) return known;
  const groups: Groups = { byId: new Map(), byKey: new Map(), maxId };
  for (const [id, sex, birthYear, kpMask, legalStatus, migrantType, citizenship] of stmt(
    db,
    'SELECT id, sex, birth_year, kp_mask, legal_status, migrant_type, citizenship FROM case_status_group',
  )
    .raw()
    .all() as GroupRow[]) {
    groups.byId.set(id, { sex, birthYear, kpMask, legalStatus, migrantType, citizenship });
    groups.byKey.set(groupKey(sex, birthYear, kpMask, legalStatus, migrantType, citizenship), id);
  }
  loaded.set(db, groups);
  return groups;
}

/** Every combination of facts in use, by id. */
export const statusGroups = (db: Db): ReadonlyMap<number, CaseGroupFacts> => groupsOf(db).byId;

/**
 * Derives the intervals of marked cases (and of all cases after a change of definitions): all of
 * them, or at most `max`, a chunk per statement, in one transaction. True when marked cases remain.
 */
export function refreshStatusIntervals(db: Db, max = Infinity): boolean {
  const version = String(STATUS_DEFINITIONS_VERSION);
  const current = (stmt(db, 'SELECT value FROM setting WHERE key = ?').get(VERSION_KEY) as { value: string } | undefined)?.value;
  if (current === version && !stmt(db, 'SELECT 1 FROM case_status_stale LIMIT 1').get()) return false;
  let left = max;
  writeTransaction(db, () => {
    if (current !== version) {
      stmt(db, 'DELETE FROM case_status_interval').run();
      stmt(db, 'INSERT OR IGNORE INTO case_status_stale (case_id) SELECT id FROM hiv_case').run();
      stmt(db, 'INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
        VERSION_KEY,
        version,
      );
    }
    const groups = groupsOf(db);
    const newGroup = stmt(
      db,
      'INSERT INTO case_status_group (sex, birth_year, kp_mask, legal_status, migrant_type, citizenship) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const next = stmt(db, 'SELECT case_id FROM case_status_stale ORDER BY case_id LIMIT ?').pluck();
    const cases = stmt(
      db,
      `SELECT id, org_unit_id, diagnosis_date, sex, birth_year, kp_mask, legal_status, migrant_type, citizenship FROM hiv_case
      WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?))`,
    ).raw();
    const events = stmt(
      db,
      `SELECT case_id, kind, event_date, cd4, vl_copies, vl_undetectable, outcome FROM case_event
      WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, event_date, id`,
    ).raw();
    // One person reported by two centres and linked: the case linked to counts once for all of
    // them (the earliest diagnosis, every record's events); the others count nothing while it is live.
    // Every link row of the people the given cases belong to (a person: the case others are linked to, and them).
    const links = stmt(
      db,
      `SELECT case_id, linked_to FROM person_link WHERE linked_to IN (
         SELECT linked_to FROM person_link WHERE case_id IN (SELECT value FROM json_each(@ids))
         UNION SELECT value FROM json_each(@ids))`,
    ).raw();
    const dates = stmt(
      db,
      'SELECT id, diagnosis_date FROM hiv_case WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?))',
    ).raw();
    const drop = stmt(db, 'DELETE FROM case_status_interval WHERE case_id IN (SELECT value FROM json_each(?))');
    const done = stmt(db, 'DELETE FROM case_status_stale WHERE case_id IN (SELECT value FROM json_each(?))');
    const insert = stmt(
      db,
      `INSERT INTO case_status_interval (case_id, valid_from, valid_to, code, diagnosis_day, first_start_day, org_unit_id, group_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    while (left > 0) {
      const stale = next.all(Math.min(CHUNK, left)) as number[];
      if (!stale.length) break;
      left -= stale.length;
      // A linked case derived again derives its whole person. The person counts once, as its live
      // record with the earliest diagnosis (then the lowest id), with the events of its live records
      // only; a person with one live record left is that record alone.
      const people = new Map<number, number[]>();
      for (const [caseId, linkedTo] of links.all({ ids: JSON.stringify(stale) }) as [number, number][]) {
        const list = people.get(linkedTo) ?? [linkedTo];
        list.push(caseId);
        people.set(linkedTo, list);
      }
      const ids = [...new Set([...stale, ...[...people.values()].flat()])];
      const list = JSON.stringify(ids);
      const diagnosed = new Map((dates.all(list) as [number, string][]).map(([id, date]) => [id, date]));
      const members = new Map<number, number[]>();
      const secondary = new Set<number>();
      for (const person of people.values()) {
        const live = person
          .filter((id) => diagnosed.has(id))
          .sort((x, y) => (diagnosed.get(x)! < diagnosed.get(y)! ? -1 : diagnosed.get(x)! > diagnosed.get(y)! ? 1 : x - y));
        if (live.length < 2) continue;
        members.set(live[0]!, live);
        for (const id of live.slice(1)) secondary.add(id);
      }
      const byCase = new Map<number, CaseFacts['events'][number][]>();
      for (const [caseId, kind, date, cd4, copies, undetectable, outcome] of events.all(list) as EventRow[]) {
        let own = byCase.get(caseId);
        if (!own) byCase.set(caseId, (own = []));
        own.push({
          kind: kind as never,
          date,
          cd4,
          copies,
          undetectable: undetectable === null ? null : undetectable === 1,
          outcome: outcome as never,
        });
      }
      drop.run(list);
      for (const [id, orgUnitId, diagnosisDate, sex, birthYear, kpMask, legalStatus, migrantType, citizenship] of cases.all(
        list,
      ) as CaseRow[]) {
        const key = groupKey(sex, birthYear, kpMask, legalStatus, migrantType, citizenship);
        let groupId = groups.byKey.get(key);
        if (groupId === undefined) {
          groupId = Number(newGroup.run(sex, birthYear, kpMask, legalStatus, migrantType, citizenship).lastInsertRowid);
          groups.byKey.set(key, groupId);
          groups.byId.set(groupId, { sex, birthYear, kpMask, legalStatus, migrantType, citizenship });
          groups.maxId = Math.max(groups.maxId, groupId);
        }
        if (secondary.has(id)) continue; // counted in the case it is linked to
        const person = members.get(id) ?? [id];
        const facts: CaseFacts =
          person.length === 1
            ? { diagnosisDate, events: byCase.get(id) ?? [] }
            : {
                diagnosisDate: person.map((m) => diagnosed.get(m) ?? diagnosisDate).sort()[0]!,
                events: person.flatMap((m) => byCase.get(m) ?? []).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
              };
        const { firstStart, triCode } = periodFacts(facts);
        const dx = dayNumber(facts.diagnosisDate);
        const fs = firstStart === null ? null : dayNumber(firstStart);
        for (const x of statusIntervals(facts))
          insert.run(id, dayNumber(x.from), dayNumber(x.to), x.endCode | triCode, dx, fs, orgUnitId, groupId);
      }
      done.run(list);
    }
  });
  return left <= 0 && !!stmt(db, 'SELECT 1 FROM case_status_stale LIMIT 1').get();
}
