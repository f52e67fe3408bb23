// Indicator figures for `npm run bench`: the full cascade with every breakdown over N cases with 5
// events each, for periods never counted before and for a ten-year trend, against a bare GROUP BY
// over the same tables in the same run; and the size of the derived rows against the register's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { figure } from './bench-figures.mjs';

export async function benchIndicators(load, root, { cases = 1_000_000 } = {}) {
  const { createDeskDatabase, openDeskDatabase } = await load('db/open.js');
  const { ensureFacility } = await load('db/org-units.js');
  const { caseTalliesByDimensions, caseTalliesForPeriods } = await load('db/indicators.js');
  const { refreshStatusIntervals } = await load('db/status-intervals.js');
  const { DIMENSIONS } = await load('shared/indicators/dimensions.js');
  const { parsePeriod } = await load('shared/periods.js');
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-ind-'));
  try {
    const file = join(dir, 'big.sqlite');
    const db = createDeskDatabase(file, () => {});
    const unit = ensureFacility(db, 'b', { countryCode: 'KAZ', region: 'r', facility: 'f' });
    let t = performance.now();
    fill(db, unit.id, cases);
    const fillMs = performance.now() - t;
    db.close();
    const big = openDeskDatabase(file);
    const period = parsePeriod('2017');
    const country = unit.parentId ? big.prepare('SELECT parent_id AS p FROM org_unit WHERE id = ?').get(unit.parentId).p : unit.id;

    // Baseline: a bare GROUP BY over the same cases and their events.
    t = performance.now();
    big
      .prepare(
        `SELECT c.sex, c.legal_status, count(DISTINCT c.id) AS n, count(e.id) AS events FROM hiv_case c LEFT JOIN case_event e ON e.case_id = c.id
      WHERE c.deleted_at IS NULL AND c.diagnosis_date <= ? GROUP BY c.sex, c.legal_status`,
      )
      .all(period.end);
    const bareMs = performance.now() - t;

    // The intervals are derived as cases are saved; these rows went in with raw inserts, so they
    // are derived here in one go, as after the upgrade that brought them in (once per register).
    t = performance.now();
    refreshStatusIntervals(big);
    const deriveMs = performance.now() - t;

    // A period never counted before: one pass over the intervals holding at its end.
    const dims = DIMENSIONS.filter((d) => d !== 'none');
    t = performance.now();
    const mem0 = process.memoryUsage().rss;
    const { total, byDimension } = caseTalliesByDimensions(big, country, period, dims);
    const coldMs = performance.now() - t;
    const memMb = (process.memoryUsage().rss - mem0) / 1e6;
    t = performance.now();
    caseTalliesByDimensions(big, country, parsePeriod('2014Q3'), dims);
    const quarterMs = performance.now() - t;
    t = performance.now();
    caseTalliesByDimensions(big, country, period, dims);
    const againMs = performance.now() - t;
    // The dashboard's trend and the fact sheet's figure: ten years, with every breakdown.
    t = performance.now();
    const years = caseTalliesForPeriods(
      big,
      country,
      Array.from({ length: 10 }, (_, i) => parsePeriod(String(2008 + i))),
      ['sex'],
    );
    const trendMs = performance.now() - t;
    // Derived rows against the register's own tables and indexes (pages as SQLite counts them).
    const size = (names) =>
      big
        .prepare(
          `SELECT sum(pgsize) AS b FROM dbstat WHERE name IN (SELECT value FROM json_each(?)) OR name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN (SELECT value FROM json_each(?)))`,
        )
        .get(JSON.stringify(names), JSON.stringify(names)).b;
    const base = size(['hiv_case', 'case_event', 'case_key_population']);
    const derived = size(['case_status_interval', 'case_status_stale']);
    const intervals = big.prepare('SELECT count(*) AS n FROM case_status_interval').get().n;
    big.close();
    figure('indicators.coldPeriodSeconds', coldMs / 1000, 's', bareMs / 1000, '≤ 1.0x the baseline and < 1 s at 1,000,000 cases');
    figure('indicators.coldQuarterSeconds', quarterMs / 1000, 's', bareMs / 1000);
    figure('indicators.trend10Seconds', trendMs / 1000, 's', bareMs / 1000, '< 2 s');
    figure('indicators.deriveAllSeconds', deriveMs / 1000, 's');
    figure('indicators.derivedMb', derived / 1e6, 'MB', base / 1e6, '≤ 30% of the baseline');
    const x = (ms) => `${(ms / 1000).toFixed(2)} s  (${(ms / bareMs).toFixed(2)}x the baseline)`;
    console.log(`\nindicators: ${cases.toLocaleString('en')} cases with 5 events each (filled in ${(fillMs / 1000).toFixed(0)} s)`);
    console.log(`  baseline, bare GROUP BY over cases and events      ${(bareMs / 1000).toFixed(2)} s`);
    console.log(
      `  deriving every case's status intervals, once        ${(deriveMs / 1000).toFixed(1)} s  (${(intervals / cases).toFixed(1)} intervals a case)`,
    );
    console.log(
      `  full cascade, ${byDimension.size} breakdowns, 2017, never counted  ${x(coldMs)}  RSS +${memMb.toFixed(0)} MB  (target ≤ 1.0x and < 1 s at 1,000,000)`,
    );
    console.log(`  full cascade, ${byDimension.size} breakdowns, 2014Q3, never counted ${x(quarterMs)}`);
    console.log(`  full cascade, ${byDimension.size} breakdowns, 2017 again          ${x(againMs)}`);
    console.log(`  ten-year trend by sex, one call                    ${x(trendMs)}  (target < 2 s)`);
    console.log(
      `  derived rows ${(derived / 1e6).toFixed(0)} MB against ${(base / 1e6).toFixed(0)} MB of cases, events and their indexes: ${((derived / base) * 100).toFixed(0)}% (target ≤ 30%)`,
    );
    console.log(
      `  (2017: diagnosed ${total.diagnosed}, on ART ${total.onArt}, suppressed ${total.suppressedOnArt}; 2008-2017 new diagnoses ${years.map((y) => y.total.newDiagnoses).join(' ')})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Synthetic cases with 5 events each (no names), straight into the tables in one transaction. */
export function fill(db, unitId, n) {
  const sexes = ['male', 'female', 'unknown'];
  const insCase =
    db.prepare(`INSERT INTO hiv_case (org_unit_id, register_no, uic, uic_key, sex, birth_year, citizenship, migrant_type, legal_status, transmission_route, diagnosis_date, kp_mask, created_at, updated_at)
    VALUES (?, ?, 'АБВГ11980', 'ABVG11980', ?, ?, ?, ?, ?, 'heterosexual', ?, ?, '2024-01-01', '2024-01-01')`);
  const insEv = db.prepare(
    `INSERT INTO case_event (case_id, kind, event_date, cd4, vl_copies, vl_undetectable, outcome, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '2024-01-01', '2024-01-01')`,
  );
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const y = 2005 + (i % 13);
      const dx = `${y}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const id = Number(
        insCase.run(
          unitId,
          `${i}`,
          sexes[i % 3],
          1950 + (i % 50),
          ['UZB', 'TJK', 'KGZ', 'AFG'][i % 4],
          ['immigrant', 'emigrant', 'internal'][i % 3],
          ['regular', 'irregular', 'unknown'][(i >> 2) % 3],
          dx,
          1 << (i % 7),
        ).lastInsertRowid,
      );
      insEv.run(id, 'cd4', dx, 100 + (i % 600), null, null, null);
      insEv.run(id, 'art_start', `${y}-12-31`, null, null, null, null);
      insEv.run(id, 'viral_load', `${y + 1}-06-30`, null, i % 4 ? 40 : 5000, 0, null);
      insEv.run(id, 'viral_load', `${y + 2}-06-30`, null, null, 1, null);
      insEv.run(id, i % 10 ? 'cd4' : 'outcome', `${y + 1}-01-15`, i % 10 ? 500 : null, null, null, i % 10 ? null : 'ltfu');
    }
  })();
}
