// Case-based indicators over the register for an org unit and everything under it. Each case's
// status is kept as dated intervals derived when the case changes (db/status-intervals.ts,
// migration 0012): a period's count is one pass over the intervals (db/count-jobs.ts), calendar
// years of a trend all in the same pass, shared with a helper thread on a second core
// (db/count-reader.ts); what was counted is kept while the data stays as it was.
import { stmt, type Db } from './connection.js';
import { prepareShared, runShared } from './count-reader.js';
import { YEAR_TALLY_FIRST, YEAR_TALLY_LAST, type CountedRow } from './count-jobs.js';
import { decodeStatus, type CountedStatus } from '../shared/indicators/case-status.js';
import { periodCode } from '../shared/indicators/status-intervals.js';
import { dayNumber, refreshStatusIntervals, statusGroups } from './status-intervals.js';
import { addToTally, emptyTally, type Tally } from '../shared/indicators/cascade.js';
import { fixedGroups, groupsOf, type CaseGroupFacts, type Dimension } from '../shared/indicators/dimensions.js';
import { parsePeriod, type Period } from '../shared/periods.js';

/** The org unit and all its descendants. */
export function subtree(db: Db, orgUnitId: number): number[] {
  return (
    stmt(db, `WITH RECURSIVE t(id) AS (SELECT ? UNION ALL SELECT o.id FROM org_unit o JOIN t ON o.parent_id = t.id) SELECT id FROM t`).all(
      orgUnitId,
    ) as { id: number }[]
  ).map((r) => r.id);
}

/** Calls `visit` once per live case diagnosed by the end of the period, with its status and facts. */
export function eachCaseStatus(
  db: Db,
  orgUnitId: number,
  period: Period,
  visit: (status: CountedStatus, facts: CaseGroupFacts, id: number) => void,
): void {
  const units = JSON.stringify(subtree(db, orgUnitId));
  refreshStatusIntervals(db);
  const groups = statusGroups(db);
  const [start, end] = [dayNumber(period.start), dayNumber(period.end)];
  const rows = stmt(
    db,
    `SELECT code, diagnosis_day >= @start, coalesce(first_start_day BETWEEN @start AND @end, 0), group_id, case_id FROM case_status_interval
    WHERE valid_from <= @end AND valid_to >= @end AND org_unit_id IN (SELECT value FROM json_each(@units)) ORDER BY case_id`,
  ).raw();
  for (const [kept, nd, ai, groupId, id] of rows.iterate({ start, end, units }) as Iterable<[number, number, number, number, number]>) {
    visit(decodeStatus(periodCode(kept, nd === 1, ai === 1)), groups.get(groupId)!, id);
  }
}

/** Periods one count may ask for. */
const MAX_PERIODS = 64;

export type Tallies = { total: Tally; byDimension: Map<Dimension, Map<string, Tally>> };

/**
 * A period's counted rows for a set of org units, kept per connection while the data stays as it
 * was: SQLite's data_version (another connection's commits) and total_changes() (this
 * connection's rows written, also by raw SQL or a rollback) together say when it may have changed.
 * The rows do not depend on the breakdown asked, so a new breakdown or a trend overlapping the last
 * one counts nothing again. At most 64 periods are kept.
 */
const counted = new WeakMap<Db, { version: string; rows: Map<string, CountedRow[]> }>();
const MAX_KEPT = 64;

/** Each period's counted rows, in order: those not kept are counted together, shared with a helper thread. */
function periodRows(db: Db, units: string, periods: readonly Period[]): CountedRow[][] {
  const version = `${db.pragma('data_version', { simple: true }) as number}:${(stmt(db, 'SELECT total_changes() AS n').get() as { n: number }).n}`;
  let kept = counted.get(db);
  if (!kept || kept.version !== version) counted.set(db, (kept = { version, rows: new Map() }));
  const keyOf = (p: Period) => `${units}|${p.start}|${p.end}`;
  const missing = [...new Map(periods.filter((p) => !kept.rows.has(keyOf(p))).map((p) => [keyOf(p), p])).values()];
  if (missing.length === 1) prepareShared(db); // a trend often follows a first period: its helper is then ready
  const found = missing.length >= 1 && tallyYears(missing) ? yearRows(db, units, missing) : countEach(db, units, missing);
  missing.forEach((p, i) => {
    if (kept.rows.size >= MAX_KEPT) kept.rows.delete(kept.rows.keys().next().value!);
    kept.rows.set(keyOf(p), found[i]!);
  });
  // Read back from what was just counted too: more than 64 periods asked would have pushed some out.
  const fresh = new Map(missing.map((p, i) => [keyOf(p), found[i]!]));
  return periods.map((p) => fresh.get(keyOf(p)) ?? kept.rows.get(keyOf(p))!);
}

/** Each period on its own: one pass over the intervals holding at its end. */
const countEach = (db: Db, units: string, periods: readonly Period[]) =>
  runShared(
    db,
    'periodRows',
    periods.map((p) => ({ start: dayNumber(p.start), end: dayNumber(p.end), units })),
  );

/** Calendar years the one-pass year tally can count: within its formula's range and 64 years of each other. */
function tallyYears(periods: readonly Period[]): boolean {
  if (!periods.every((p) => p.type === 'year' && Number(p.code) >= YEAR_TALLY_FIRST && Number(p.code) <= YEAR_TALLY_LAST)) return false;
  const years = periods.map((p) => Number(p.code));
  return Math.max(...years) - Math.min(...years) < 64;
}

/**
 * Calendar years (a trend) all in one pass over the intervals, halved by case id between this
 * thread and the helper; each year's rows are then built from the years each interval holds for.
 */
function yearRows(db: Db, units: string, years: readonly Period[]): CountedRow[][] {
  const numbers = years.map((p) => Number(p.code));
  const [y0, y1] = [Math.min(...numbers), Math.max(...numbers)];
  // Two subqueries: SQLite looks a lone min() or max() up in the key, but scans for both at once.
  const bounds = stmt(
    db,
    'SELECT (SELECT min(case_id) FROM case_status_interval) AS lo, (SELECT max(case_id) FROM case_status_interval) AS hi',
  ).get() as { lo: number | null; hi: number | null };
  const [lo, hi] = [bounds.lo ?? 0, bounds.hi ?? 0];
  const mid = Math.floor((lo + hi) / 2);
  const base = { y0, y1, s0: dayNumber(`${y0}-01-01`), e0: dayNumber(`${y0}-12-31`), e1: dayNumber(`${y1}-12-31`), units };
  const parts = runShared(db, 'yearTally', [
    { ...base, fromCase: lo, toCase: mid },
    { ...base, fromCase: mid + 1, toCase: hi },
  ]);
  // Both halves' rows, added up by group and code, for each year asked.
  return numbers.map((y) => {
    const rows = new Map<number, CountedRow>();
    for (const part of parts) {
      for (const row of part[y - y0]!) {
        const key = row[0] * 2 ** 18 + row[1];
        const sum = rows.get(key);
        if (!sum) rows.set(key, [...row]);
        else for (let c = 2; c < 6; c++) sum[c]! += row[c]!;
      }
    }
    return [...rows.values()];
  });
}

/** For each period, in order: the total and, for each dimension asked, each group's tally. */
export function caseTalliesForPeriods(db: Db, orgUnitId: number, periods: readonly Period[], dims: readonly Dimension[]): Tallies[] {
  if (periods.length > MAX_PERIODS) throw new RangeError(`at most ${MAX_PERIODS} periods per count`);
  const units = JSON.stringify(subtree(db, orgUnitId));
  refreshStatusIntervals(db);
  const groups = statusGroups(db);
  // Count cases by status code per group; decode into tallies once at the end.
  const perPeriod = periods.map(() => ({
    total: new Map<number, number>(),
    codes: new Map(dims.map((d) => [d, new Map<string, Map<number, number>>()])),
  }));
  const bump = (m: Map<number, number>, code: number, n: number) => {
    if (n > 0) m.set(code, (m.get(code) ?? 0) + n);
  };
  const rowsOf = periodRows(db, units, periods);
  periods.forEach((period, i) => {
    const into = perPeriod[i]!;
    const endYear = Number(period.end.slice(0, 4));
    for (const [groupId, kept, n, diagnosed, started, both] of rowsOf[i]!) {
      // The four ways a case stands to the period (diagnosed in it or not, started ART in it or not).
      const split: [number, number][] = [
        [periodCode(kept, true, true), both],
        [periodCode(kept, true, false), diagnosed - both],
        [periodCode(kept, false, true), started - both],
        [periodCode(kept, false, false), n - diagnosed - started + both],
      ];
      const facts = groups.get(groupId)!;
      for (const [code, count] of split) bump(into.total, code, count);
      for (const [dim, found] of into.codes) {
        for (const g of groupsOf(facts, dim, endYear)) {
          let m = found.get(g);
          if (!m) found.set(g, (m = new Map()));
          for (const [code, count] of split) bump(m, code, count);
        }
      }
    }
  });
  const toTally = (m: Map<number, number>) => {
    const t = emptyTally();
    for (const [code, n] of m) addToTally(t, decodeStatus(code), n);
    return t;
  };
  return perPeriod.map(({ total, codes }) => ({
    total: toTally(total),
    byDimension: new Map([...codes].map(([dim, found]) => [dim, new Map([...found].map(([g, m]) => [g, toTally(m)]))])),
  }));
}

/** The total and, for each dimension asked, each group's tally, for one period. */
export function caseTalliesByDimensions(db: Db, orgUnitId: number, period: Period, dims: readonly Dimension[]): Tallies {
  return caseTalliesForPeriods(db, orgUnitId, [period], dims)[0]!;
}

/** The total and, for a dimension, each group's tally: the dimension's fixed rows in order (empty ones as 0), then any other group. */
export function caseTallies(
  db: Db,
  orgUnitId: number,
  period: Period,
  dim: Dimension,
): { total: Tally; groups: { key: string; tally: Tally }[] } {
  const { total, byDimension } = caseTalliesByDimensions(db, orgUnitId, period, [dim]);
  const found = byDimension.get(dim)!;
  const fixed = fixedGroups(dim) ?? [];
  const others = [...found.keys()]
    .filter((k) => !fixed.includes(k))
    .sort((a, b) => (a === 'unknown' ? 1 : b === 'unknown' ? -1 : a.localeCompare(b)));
  return { total, groups: [...fixed, ...others].map((key) => ({ key, tally: found.get(key) ?? emptyTally() })) };
}

/** The entered estimate of migrants living with HIV for the year, summed over the subtree; null if none. */
export function plhivEstimate(db: Db, orgUnitId: number, year: number): number | null {
  const r = stmt(
    db,
    `SELECT sum(value_number) AS n, count(*) AS c FROM data_value WHERE data_element = 'est_plhiv' AND coc = '' AND period = ? AND org_unit_id IN (SELECT value FROM json_each(?))`,
  ).get(String(year), JSON.stringify(subtree(db, orgUnitId))) as { n: number | null; c: number };
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
  const rows = stmt(
    db,
    `SELECT v.org_unit_id, v.data_element, v.coc, v.period, v.value_number FROM data_value v JOIN data_element d ON d.code = v.data_element
      WHERE d.form_code = 'testing' AND v.value_number IS NOT NULL AND v.org_unit_id IN (SELECT value FROM json_each(?)) AND substr(v.period, 1, 4) = ?`,
  ).all(units, period.code.slice(0, 4)) as TestingRow[];
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
