// Case-based indicators over the register: one ordered pass over cases and their events for an
// org unit and everything under it, so memory stays flat at a million cases.
import { stmt, type Db } from './connection.js';
import { caseStatus, decodeStatus, statusCode, type CaseFacts, type CaseStatus } from '../shared/indicators/case-status.js';
import { addToTally, emptyTally, type Tally } from '../shared/indicators/cascade.js';
import { groupsOf, type CaseGroupFacts, type Dimension } from '../shared/indicators/dimensions.js';
import { parsePeriod, type Period } from '../shared/periods.js';

// Columns of the streaming query, read as raw arrays (half the cost of row objects at scale).
type Row = [
  id: number, diagnosisDate: string, sex: string, birthYear: number | null, kpMask: number, legalStatus: string, migrantType: string, citizenship: string | null,
  kind: CaseFacts['events'][number]['kind'] | null, date: string | null, cd4: number | null, copies: number | null, undetectable: number | null, outcome: CaseFacts['events'][number]['outcome'],
];

/** The org unit and all its descendants. */
export function subtree(db: Db, orgUnitId: number): number[] {
  return (stmt(db, `WITH RECURSIVE t(id) AS (SELECT ? UNION ALL SELECT o.id FROM org_unit o JOIN t ON o.parent_id = t.id) SELECT id FROM t`).all(orgUnitId) as { id: number }[]).map((r) => r.id);
}

/** Calls `visit` once per live case diagnosed by the end of the period, with its status. */
export function eachCaseStatus(db: Db, orgUnitId: number, period: Period, visit: (status: CaseStatus, facts: CaseGroupFacts, id: number) => void): void {
  const units = subtree(db, orgUnitId);
  const sql = `SELECT c.id, c.diagnosis_date, c.sex, c.birth_year, c.kp_mask, c.legal_status, c.migrant_type, c.citizenship,
      e.kind, e.event_date, e.cd4, e.vl_copies, e.vl_undetectable, e.outcome
    FROM hiv_case c LEFT JOIN case_event e ON e.case_id = c.id
    WHERE c.deleted_at IS NULL AND c.diagnosis_date <= ? AND c.org_unit_id IN (SELECT value FROM json_each(?))
    ORDER BY c.id, e.event_date, e.id`;
  let current: { id: number; facts: CaseGroupFacts; diagnosisDate: string; events: CaseFacts['events'][number][] } | null = null;
  const flush = () => current && visit(caseStatus({ diagnosisDate: current.diagnosisDate, events: current.events }, period.start, period.end), current.facts, current.id);
  const query = db.prepare(sql).raw(true); // not cached: raw mode is a property of the statement
  for (const r of query.iterate(period.end, JSON.stringify(units)) as Iterable<Row>) {
    const [id, diagnosisDate, sex, birthYear, kpMask, legalStatus, migrantType, citizenship, kind, date, cd4, copies, undetectable, outcome] = r;
    if (!current || current.id !== id) {
      flush();
      current = { id, diagnosisDate, events: [], facts: { sex, birthYear, kpMask, legalStatus, migrantType, citizenship } };
    }
    if (kind && date) current.events.push({ kind, date, cd4, copies, undetectable: undetectable === null ? null : undetectable === 1, outcome });
  }
  flush();
}

/** The total and, for each dimension asked, each group's tally: all in one pass over the register. */
export function caseTalliesByDimensions(db: Db, orgUnitId: number, period: Period, dims: readonly Dimension[]): { total: Tally; byDimension: Map<Dimension, Map<string, Tally>> } {
  // Count cases by status code per group; decode into tallies once at the end.
  const totalCodes = new Map<number, number>();
  const codes = new Map(dims.map((d) => [d, new Map<string, Map<number, number>>()]));
  const bump = (m: Map<number, number>, code: number) => m.set(code, (m.get(code) ?? 0) + 1);
  const endYear = Number(period.end.slice(0, 4));
  eachCaseStatus(db, orgUnitId, period, (status, facts) => {
    const code = statusCode(status);
    bump(totalCodes, code);
    for (const [dim, groups] of codes) {
      for (const g of groupsOf(facts, dim, endYear)) {
        let m = groups.get(g);
        if (!m) groups.set(g, (m = new Map()));
        bump(m, code);
      }
    }
  });
  const toTally = (m: Map<number, number>) => {
    const t = emptyTally();
    for (const [code, n] of m) addToTally(t, decodeStatus(code), n);
    return t;
  };
  const byDimension = new Map([...codes].map(([dim, groups]) => [dim, new Map([...groups].map(([g, m]) => [g, toTally(m)]))]));
  return { total: toTally(totalCodes), byDimension };
}

/** The total and, for a dimension, each group's tally. */
export function caseTallies(db: Db, orgUnitId: number, period: Period, dim: Dimension): { total: Tally; groups: { key: string; tally: Tally }[] } {
  const { total, byDimension } = caseTalliesByDimensions(db, orgUnitId, period, [dim]);
  return { total, groups: [...byDimension.get(dim)!].sort(([a], [b]) => a.localeCompare(b)).map(([key, t]) => ({ key, tally: t })) };
}

/** The entered estimate of migrants living with HIV for the year, summed over the subtree; null if none. */
export function plhivEstimate(db: Db, orgUnitId: number, year: number): number | null {
  const r = stmt(db, `SELECT sum(value_number) AS n, count(*) AS c FROM data_value WHERE data_element = 'est_plhiv' AND coc = '' AND period = ? AND org_unit_id IN (SELECT value FROM json_each(?))`)
    .get(String(year), JSON.stringify(subtree(db, orgUnitId))) as { n: number | null; c: number };
  return r.c ? r.n : null;
}

type TestingRow = { org_unit_id: number; data_element: string; coc: string; period: string; value_number: number };

/**
 * Tested and positive per testing setting (HIV.IND.19/20) for a year or a quarter, over the subtree.
 * Per org unit and data element: the value entered for the period itself if any, else the sum of
 * its quarters, else of its months; and the total cell if entered, else the sum of the breakdown.
 */
export function testingTotals(db: Db, orgUnitId: number, period: Period): Map<string, number> {
  const units = JSON.stringify(subtree(db, orgUnitId));
  const rows = stmt(db, `SELECT v.org_unit_id, v.data_element, v.coc, v.period, v.value_number FROM data_value v JOIN data_element d ON d.code = v.data_element
      WHERE d.form_code = 'testing' AND v.value_number IS NOT NULL AND v.org_unit_id IN (SELECT value FROM json_each(?)) AND substr(v.period, 1, 4) = ?`)
    .all(units, period.code.slice(0, 4)) as TestingRow[];
  const within = (p: string) => {
    const sub = parsePeriod(p);
    return sub !== null && sub.start >= period.start && sub.end <= period.end;
  };
  // unit/de -> level (0 the period itself, 1 quarters, 2 months) -> total or breakdown sums
  const acc = new Map<string, Map<number, { total: number | null; breakdown: number }>>();
  for (const r of rows) {
    if (!within(r.period)) continue;
    const level = r.period === period.code ? 0 : r.period.includes('Q') ? 1 : r.period.length === 6 ? 2 : 3;
    if (level === 3) continue;
    const key = `${r.org_unit_id}/${r.data_element}`;
    if (!acc.has(key)) acc.set(key, new Map());
    const byLevel = acc.get(key)!;
    if (!byLevel.has(level)) byLevel.set(level, { total: null, breakdown: 0 });
    const a = byLevel.get(level)!;
    if (r.coc === 'total') a.total = (a.total ?? 0) + r.value_number;
    else if (!r.data_element.includes('_kp_')) a.breakdown += r.value_number; // key populations overlap: never summed
  }
  const out = new Map<string, number>();
  for (const [key, byLevel] of acc) {
    const de = key.slice(key.indexOf('/') + 1);
    const finest = [0, 1, 2].map((l) => byLevel.get(l)).find((x) => x !== undefined)!;
    const value = finest.total ?? finest.breakdown;
    out.set(de, (out.get(de) ?? 0) + value);
  }
  return out;
}
