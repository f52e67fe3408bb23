// Case-based indicators over the register for an org unit and everything under it. Each case's
// status for a period is worked out once from its events and cached (migration 0005); the cascade
// then counts cached codes, so a million cases are counted in about a second.
import { stmt, writeTransaction, type Db } from './connection.js';
import { decodeStatus, STATUS_DEFINITIONS_VERSION, statusCode, statusFromSummary, type CaseSummary, type CountedStatus } from '../shared/indicators/case-status.js';
import { addToTally, emptyTally, type Tally } from '../shared/indicators/cascade.js';
import { fixedGroups, groupsOf, type CaseGroupFacts, type Dimension } from '../shared/indicators/dimensions.js';
import { parsePeriod, type Period } from '../shared/periods.js';

/** The org unit and all its descendants. */
export function subtree(db: Db, orgUnitId: number): number[] {
  return (stmt(db, `WITH RECURSIVE t(id) AS (SELECT ? UNION ALL SELECT o.id FROM org_unit o JOIN t ON o.parent_id = t.id) SELECT id FROM t`).all(orgUnitId) as { id: number }[]).map((r) => r.id);
}

// One row per case: what the definitions need at the end of the period (see CaseSummary), worked
// out by SQLite in one grouped pass over the events, for live cases of the units that have no
// cached status for the period yet, a chunk at a time in id order. "Last" values are the max of
// date||(1e12+id)||value, so ties on a date break by entry order exactly as summarize() does.
const SUMMARY_SQL = `
WITH c AS (
  SELECT id, org_unit_id, diagnosis_date, sex, birth_year, kp_mask, legal_status, migrant_type, citizenship FROM hiv_case
  WHERE deleted_at IS NULL AND diagnosis_date <= @end AND org_unit_id IN (SELECT value FROM json_each(@units)) AND id > @after
    AND NOT EXISTS (SELECT 1 FROM case_status_cache s WHERE s.cache_key = @key AND s.case_id = hiv_case.id)
  ORDER BY id LIMIT @chunk
), agg AS (
  SELECT c.*,
    max(CASE WHEN e.kind = 'outcome' AND e.event_date <= @end THEN e.event_date || (1000000000000 + e.id) || e.outcome END) AS last_outcome,
    max(CASE WHEN e.kind IN ('art_start', 'art_stop') AND e.event_date <= @end THEN e.event_date || (1000000000000 + e.id) || e.kind END) AS last_art,
    max(CASE WHEN e.kind = 'art_stop' AND e.event_date <= @end THEN e.event_date || (1000000000000 + e.id) END) AS last_stop,
    min(CASE WHEN e.kind = 'art_start' THEN e.event_date END) AS first_start,
    min(CASE WHEN e.kind = 'art_start' AND e.event_date <= @end THEN e.event_date END) AS first_start_by_end,
    max(CASE WHEN e.kind = 'viral_load' AND e.event_date <= @end THEN e.event_date || (1000000000000 + e.id) || '|' || e.vl_undetectable || '|' || coalesce(e.vl_copies, '') END) AS last_vl
  FROM c LEFT JOIN case_event e ON e.case_id = c.id
  GROUP BY c.id
)
SELECT id, org_unit_id, sex, birth_year, kp_mask, legal_status, migrant_type, citizenship, diagnosis_date,
  substr(last_outcome, 24), substr(last_art, 24),
  -- Without a stop, the episode began at the first start; only after a stop is a look-up needed.
  CASE WHEN substr(last_art, 24) <> 'art_start' THEN NULL WHEN last_stop IS NULL THEN first_start_by_end
    ELSE (SELECT min(x.event_date) FROM case_event x WHERE x.case_id = agg.id AND x.kind = 'art_start'
      AND x.event_date <= @end AND x.event_date || (1000000000000 + x.id) > agg.last_stop) END,
  last_vl, first_start,
  CASE WHEN diagnosis_date >= @start THEN (SELECT x.cd4 FROM case_event x WHERE x.case_id = agg.id AND x.kind = 'cd4' AND x.cd4 IS NOT NULL
    AND x.event_date >= agg.diagnosis_date AND x.event_date <= date(agg.diagnosis_date, '+91 days') AND (agg.first_start IS NULL OR x.event_date <= agg.first_start)
    ORDER BY x.event_date, x.id LIMIT 1) END,
  CASE WHEN first_start BETWEEN @start AND @end THEN (SELECT x.cd4 FROM case_event x WHERE x.case_id = agg.id AND x.kind = 'cd4' AND x.cd4 IS NOT NULL
    AND x.event_date <= agg.first_start AND x.event_date >= date(agg.first_start, '-91 days') ORDER BY x.event_date DESC, x.id DESC LIMIT 1) END
FROM agg ORDER BY id`;

type Facts = [id: number, orgUnitId: number, sex: string, birthYear: number | null, kpMask: number, legalStatus: string, migrantType: string, citizenship: string | null];
type SummaryRow = [
  ...Facts, diagnosisDate: string, lastOutcome: string | null, lastArtKind: 'art_start' | 'art_stop' | null, episodeStart: string | null, lastVl: string | null,
  firstStart: string | null, cd4AtDiagnosis: number | null, cd4AtStart: number | null,
];

function summaryOf(r: SummaryRow): CaseSummary {
  const [, , , , , , , , diagnosisDate, lastOutcome, lastArtKind, episodeStart, lastVl, firstStart, cd4AtDiagnosis, cd4AtStart] = r;
  let vl: CaseSummary['lastVl'] = null;
  if (lastVl) {
    const [, undetectable, copies] = lastVl.slice(23).split('|');
    vl = { date: lastVl.slice(0, 10), undetectable: undetectable === '1', copies: copies === '' || copies === undefined ? null : Number(copies) };
  }
  return { diagnosisDate, lastOutcome, lastArtKind, episodeStart, lastVl: vl, firstStart, cd4AtDiagnosis, cd4AtStart };
}

const CHUNK = 20_000; // cases summarized per statement: bounds memory while the cache fills
const cacheKey = (period: Period) => `v${STATUS_DEFINITIONS_VERSION}:${period.code}`;
/**
 * Periods whose codes stay cached, the most recently used: a dashboard's year and its five-year
 * trend, the fact sheet's two years, a ten-year workbook. A period evicted is worked out again when
 * asked for; its pages are reused by the next, so the file stops growing.
 */
export const CACHED_PERIODS = 10;

/** Works out and caches the status of every live case of the units that has none for the period. */
function fillStatusCache(db: Db, units: string, period: Period, now: Date = new Date()): void {
  const key = cacheKey(period);
  const summaries = db.prepare(SUMMARY_SQL).raw(true); // not cached: raw mode is a property of the statement
  const insert = stmt(db, `INSERT INTO case_status_cache (cache_key, case_id, org_unit_id, code, sex, birth_year, kp_mask, legal_status, migrant_type, citizenship)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  writeTransaction(db, () => {
    // Codes of other definitions versions are never read again (two ranges of the primary key).
    const version = `v${STATUS_DEFINITIONS_VERSION}`;
    stmt(db, `DELETE FROM case_status_cache WHERE cache_key < ? OR cache_key >= ?`).run(`${version}:`, `${version};`);
    stmt(db, `DELETE FROM case_status_cache_use WHERE cache_key < ? OR cache_key >= ?`).run(`${version}:`, `${version};`);
    for (let after = 0; ;) {
      const rows = summaries.all({ key, start: period.start, end: period.end, units, after, chunk: CHUNK }) as SummaryRow[];
      for (const r of rows) insert.run(key, r[0], r[1], statusCode(statusFromSummary(summaryOf(r), period.start, period.end)), r[2], r[3], r[4], r[5], r[6], r[7]);
      if (rows.length < CHUNK) break;
      after = rows[rows.length - 1]![0];
    }
    stmt(db, `INSERT INTO case_status_cache_use (cache_key, used_at) VALUES (?, ?) ON CONFLICT (cache_key) DO UPDATE SET used_at = excluded.used_at`).run(key, now.toISOString());
    for (const { cache_key: old } of stmt(db, `SELECT cache_key FROM case_status_cache_use ORDER BY used_at DESC, cache_key LIMIT -1 OFFSET ?`).all(CACHED_PERIODS) as { cache_key: string }[]) {
      stmt(db, 'DELETE FROM case_status_cache WHERE cache_key = ?').run(old);
      stmt(db, 'DELETE FROM case_status_cache_use WHERE cache_key = ?').run(old);
    }
  });
}

/** Calls `visit` once per live case diagnosed by the end of the period, with its status and facts. */
export function eachCaseStatus(db: Db, orgUnitId: number, period: Period, visit: (status: CountedStatus, facts: CaseGroupFacts, id: number) => void): void {
  const units = JSON.stringify(subtree(db, orgUnitId));
  fillStatusCache(db, units, period);
  const rows = db.prepare(`SELECT code, sex, birth_year, kp_mask, legal_status, migrant_type, citizenship, case_id FROM case_status_cache
    WHERE cache_key = ? AND org_unit_id IN (SELECT value FROM json_each(?))`).raw(true);
  for (const [code, sex, birthYear, kpMask, legalStatus, migrantType, citizenship, id] of rows.iterate(cacheKey(period), units) as Iterable<[number, ...GroupRow, number]>) {
    visit(decodeStatus(code), { sex, birthYear, kpMask, legalStatus, migrantType, citizenship }, id);
  }
}

/** Cases per status code and group facts; read in index order (case_status_cache_groups), no sort. */
export const COUNT_SQL = `SELECT code, sex, birth_year, kp_mask, legal_status, migrant_type, citizenship, count(*) FROM case_status_cache
  WHERE cache_key = ? AND org_unit_id IN (SELECT value FROM json_each(?)) GROUP BY code, sex, birth_year, kp_mask, legal_status, migrant_type, citizenship`;

type GroupRow = [sex: string, birthYear: number | null, kpMask: number, legalStatus: string, migrantType: string, citizenship: string | null];

/** The total and, for each dimension asked, each group's tally: from the cached codes, counted by SQLite. */
export function caseTalliesByDimensions(db: Db, orgUnitId: number, period: Period, dims: readonly Dimension[]): { total: Tally; byDimension: Map<Dimension, Map<string, Tally>> } {
  const units = JSON.stringify(subtree(db, orgUnitId));
  fillStatusCache(db, units, period);
  // Count cases by status code per group; decode into tallies once at the end.
  const totalCodes = new Map<number, number>();
  const codes = new Map(dims.map((d) => [d, new Map<string, Map<number, number>>()]));
  const bump = (m: Map<number, number>, code: number, n: number) => m.set(code, (m.get(code) ?? 0) + n);
  const endYear = Number(period.end.slice(0, 4));
  const counted = db.prepare(COUNT_SQL).raw(true);
  for (const [code, sex, birthYear, kpMask, legalStatus, migrantType, citizenship, n] of counted.iterate(cacheKey(period), units) as Iterable<[number, ...GroupRow, number]>) {
    bump(totalCodes, code, n);
    const facts = { sex, birthYear, kpMask, legalStatus, migrantType, citizenship };
    for (const [dim, groups] of codes) {
      for (const g of groupsOf(facts, dim, endYear)) {
        let m = groups.get(g);
        if (!m) groups.set(g, (m = new Map()));
        bump(m, code, n);
      }
    }
  }
  const toTally = (m: Map<number, number>) => {
    const t = emptyTally();
    for (const [code, n] of m) addToTally(t, decodeStatus(code), n);
    return t;
  };
  const byDimension = new Map([...codes].map(([dim, groups]) => [dim, new Map([...groups].map(([g, m]) => [g, toTally(m)]))]));
  return { total: toTally(totalCodes), byDimension };
}

/** The total and, for a dimension, each group's tally: the dimension's fixed rows in order (empty ones as 0), then any other group. */
export function caseTallies(db: Db, orgUnitId: number, period: Period, dim: Dimension): { total: Tally; groups: { key: string; tally: Tally }[] } {
  const { total, byDimension } = caseTalliesByDimensions(db, orgUnitId, period, [dim]);
  const found = byDimension.get(dim)!;
  const fixed = fixedGroups(dim) ?? [];
  const others = [...found.keys()].filter((k) => !fixed.includes(k)).sort((a, b) => (a === 'unknown' ? 1 : b === 'unknown' ? -1 : a.localeCompare(b)));
  return { total, groups: [...fixed, ...others].map((key) => ({ key, tally: found.get(key) ?? emptyTally() })) };
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
