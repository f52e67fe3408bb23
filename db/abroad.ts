// Citizens diagnosed abroad in the database: counting another country's citizens newly diagnosed
// in this register (to send them to that country), and keeping the counts other countries sent
// of this country's citizens (for the fact sheet and the dashboard).
import { stmt, type Db } from './connection.js';
import { changeWithAudit } from './audit.js';
import { eachCaseStatus } from './indicators.js';
import { groupsOf } from '../shared/indicators/dimensions.js';
import { ABROAD_DIMENSIONS, ABROAD_GROUPS, type AbroadDimension, type AbroadReport, type AbroadYear } from '../shared/exchange/abroad.js';

export type AbroadRaw = { total: number; by: Record<AbroadDimension, Map<string, number>> };

/**
 * A country's citizens newly diagnosed in the unit's register in a year, counted as the dashboard
 * counts new diagnoses (a linked person once), leaving out those whose diagnosis was made in their
 * own country (it knows them). ART started is counted to 31 December of the year of diagnosis, so
 * that a year's counts do not change with the day a package is made, and two countries' reports of
 * the same year compare.
 */
export function countAbroad(db: Db, orgUnitId: number, citizenship: string, year: number): AbroadRaw {
  const home = new Set(
    (
      stmt(db, 'SELECT id FROM hiv_case WHERE citizenship = @c AND diagnosis_country = @c AND deleted_at IS NULL').all({
        c: citizenship,
      }) as { id: number }[]
    ).map((r) => r.id),
  );
  const start = `${year}-01-01`;
  const people = new Map<number, { sex: string; age: string; kps: string[]; migrantType: string; started: boolean }>();
  eachCaseStatus(db, orgUnitId, { code: String(year), type: 'year', start, end: `${year}-12-31` }, (status, facts, id) => {
    if (!status.newDiagnosis || facts.citizenship !== citizenship || home.has(id)) return;
    people.set(id, {
      sex: facts.sex,
      age: groupsOf(facts, 'age_unaids', year)[0]!,
      kps: groupsOf(facts, 'key_population', year),
      migrantType: facts.migrantType,
      started: status.artInitiation,
    });
  });
  const by = Object.fromEntries(ABROAD_DIMENSIONS.map((d) => [d, new Map<string, number>()])) as AbroadRaw['by'];
  const bump = (d: AbroadDimension, key: string) => by[d].set(key, (by[d].get(key) ?? 0) + 1);
  for (const p of people.values()) {
    bump('sex', p.sex);
    bump('age', p.age);
    for (const k of p.kps) bump('keyPopulation', k);
    bump('migrantType', p.migrantType);
    bump('art', p.started ? 'started' : 'not_started');
  }
  return { total: people.size, by };
}

/** Each breakdown's groups in print order, with 0 where none. */
export const groupRows = (raw: AbroadRaw, d: AbroadDimension) =>
  (ABROAD_GROUPS[d] as readonly string[]).map((key) => ({ key, n: raw.by[d].get(key) ?? 0 }));

// ---- Received ------------------------------------------------------------------------------

type ReportRow = {
  partner_id: number;
  centre: string;
  year: number;
  from_country: string;
  citizenship: string;
  max_count: number;
  total: number | null;
  breakdowns: string;
  sequence: number;
  made_at: string;
  loaded_at: string;
};
const toReport = (r: ReportRow): AbroadReport => ({
  partnerId: r.partner_id,
  centre: r.centre,
  fromCountry: r.from_country,
  sequence: r.sequence,
  madeAt: r.made_at,
  loadedAt: r.loaded_at,
  year: r.year,
  citizenship: r.citizenship,
  maxCount: r.max_count,
  total: r.total,
  by: JSON.parse(r.breakdowns) as AbroadYear['by'],
});

/**
 * The reports that stand for years from..to: one per sending country and year, the one made last.
 * Two centres of one country (a region and the capital, or a centre before and after its key was
 * replaced) count the same people: side by side they would count them twice.
 */
export function abroadReports(db: Db, fromYear: number, toYear: number): AbroadReport[] {
  return (
    stmt(
      db,
      `SELECT * FROM (
         SELECT r.*, p.centre, row_number() OVER (PARTITION BY r.from_country, r.year ORDER BY r.made_at DESC, r.loaded_at DESC) AS k
           FROM abroad_report r JOIN exchange_partner p ON p.id = r.partner_id WHERE r.year BETWEEN @fromYear AND @toYear)
       WHERE k = 1 ORDER BY year DESC, from_country`,
    ).all({ fromYear, toYear }) as ReportRow[]
  ).map(toReport);
}

/** The report of a year that stands now for a country, to compare with an incoming one. */
export function standingReport(db: Db, fromCountry: string, year: number): (AbroadYear & { partnerId: number; madeAt: string }) | null {
  const r = stmt(
    db,
    'SELECT r.*, NULL AS centre FROM abroad_report r WHERE from_country = ? AND year = ? ORDER BY made_at DESC, loaded_at DESC LIMIT 1',
  ).get(fromCountry, year) as ReportRow | undefined;
  if (!r) return null;
  const { year: y, citizenship, maxCount, total, by, partnerId, madeAt } = toReport(r);
  return { year: y, citizenship, maxCount, total, by, partnerId, madeAt };
}

export type AbroadPlan = {
  partnerId: number;
  centre: string;
  fromCountry: string;
  sequence: number;
  sha256: string;
  madeAt: string;
  years: AbroadYear[];
};

/**
 * Stores a checked package's years, records it loaded; audited. A year replaces the partner's
 * report of it unless that one was made later (a package arriving late changes only the years it is the newest for).
 */
export function applyAbroad(db: Db, actor: string, plan: AbroadPlan, now: Date = new Date()): number {
  const at = now.toISOString();
  return changeWithAudit(db, actor, (record) => {
    const put = stmt(
      db,
      `INSERT INTO abroad_report (partner_id, year, from_country, citizenship, max_count, total, breakdowns, sequence, made_at, loaded_at, loaded_by)
         VALUES (@partnerId, @year, @fromCountry, @citizenship, @maxCount, @total, @breakdowns, @sequence, @madeAt, @at, @actor)
       ON CONFLICT (partner_id, year) DO UPDATE SET from_country = excluded.from_country, citizenship = excluded.citizenship,
         max_count = excluded.max_count, total = excluded.total, breakdowns = excluded.breakdowns, sequence = excluded.sequence,
         made_at = excluded.made_at, loaded_at = excluded.loaded_at, loaded_by = excluded.loaded_by
       WHERE abroad_report.made_at <= excluded.made_at`,
    );
    for (const y of plan.years)
      put.run({
        partnerId: plan.partnerId,
        year: y.year,
        fromCountry: plan.fromCountry,
        citizenship: y.citizenship,
        maxCount: y.maxCount,
        total: y.total,
        breakdowns: JSON.stringify(y.by),
        sequence: plan.sequence,
        madeAt: plan.madeAt,
        at,
        actor,
      });
    const counts = { reports: plan.years.length };
    stmt(
      db,
      `INSERT INTO exchange_received (partner_id, sequence, full, content_mac, counts, loaded_at, loaded_by, kind, key_epoch)
         VALUES (@p, ?, 1, ?, ?, ?, ?, 'abroad', (SELECT key_epoch FROM exchange_partner WHERE id = @p))`,
    ).run({ p: plan.partnerId }, plan.sequence, plan.sha256, JSON.stringify(counts), at, actor);
    record({
      action: 'import',
      entity: 'exchange_package',
      entityId: `${plan.partnerId}/${plan.sequence}`,
      newValue: { centre: plan.centre, years: plan.years.map((y) => y.year), ...counts },
    });
    return plan.years.length;
  });
}
