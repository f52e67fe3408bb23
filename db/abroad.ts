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
 * own country (it knows them). ART started is counted up to `asOf`: a December diagnosis starts
 * treatment in the new year.
 */
export function countAbroad(db: Db, orgUnitId: number, citizenship: string, year: number, asOf: string): AbroadRaw {
  const home = new Set(
    (
      stmt(db, 'SELECT id FROM hiv_case WHERE citizenship = @c AND diagnosis_country = @c AND deleted_at IS NULL').all({
        c: citizenship,
      }) as { id: number }[]
    ).map((r) => r.id),
  );
  const start = `${year}-01-01`;
  const people = new Map<number, { sex: string; age: string; kps: string[]; migrantType: string }>();
  eachCaseStatus(db, orgUnitId, { code: String(year), type: 'year', start, end: `${year}-12-31` }, (status, facts, id) => {
    if (!status.newDiagnosis || facts.citizenship !== citizenship || home.has(id)) return;
    people.set(id, {
      sex: facts.sex,
      age: groupsOf(facts, 'age_unaids', year)[0]!,
      kps: groupsOf(facts, 'key_population', year),
      migrantType: facts.migrantType,
    });
  });
  const started = new Set<number>();
  const end = asOf > `${year}-12-31` ? asOf : `${year}-12-31`;
  eachCaseStatus(db, orgUnitId, { code: String(year), type: 'year', start, end }, (status, _facts, id) => {
    if (people.has(id) && status.artInitiation) started.add(id);
  });
  const by = Object.fromEntries(ABROAD_DIMENSIONS.map((d) => [d, new Map<string, number>()])) as AbroadRaw['by'];
  const bump = (d: AbroadDimension, key: string) => by[d].set(key, (by[d].get(key) ?? 0) + 1);
  for (const [id, p] of people) {
    bump('sex', p.sex);
    bump('age', p.age);
    for (const k of p.kps) bump('keyPopulation', k);
    bump('migrantType', p.migrantType);
    bump('art', started.has(id) ? 'started' : 'not_started');
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

/** The reports held for years from..to, by year then sending country. */
export function abroadReports(db: Db, fromYear: number, toYear: number): AbroadReport[] {
  return (
    stmt(
      db,
      `SELECT r.*, p.centre FROM abroad_report r JOIN exchange_partner p ON p.id = r.partner_id
         WHERE r.year BETWEEN @fromYear AND @toYear ORDER BY r.year DESC, r.from_country, p.centre`,
    ).all({ fromYear, toYear }) as ReportRow[]
  ).map(toReport);
}

/** What a partner's report of a year holds here now, to compare with an incoming one. */
export function heldReport(db: Db, partnerId: number, year: number): AbroadYear | null {
  const r = stmt(db, 'SELECT r.*, NULL AS centre FROM abroad_report r WHERE partner_id = ? AND year = ?').get(partnerId, year) as
    ReportRow | undefined;
  if (!r) return null;
  const { year: y, citizenship, maxCount, total, by } = toReport(r);
  return { year: y, citizenship, maxCount, total, by };
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

/** Stores a checked package's years (replacing the partner's reports of the same years), records it loaded; audited. */
export function applyAbroad(db: Db, actor: string, plan: AbroadPlan, now: Date = new Date()): number {
  const at = now.toISOString();
  return changeWithAudit(db, actor, (record) => {
    const put = stmt(
      db,
      `INSERT OR REPLACE INTO abroad_report (partner_id, year, from_country, citizenship, max_count, total, breakdowns, sequence, made_at, loaded_at, loaded_by)
         VALUES (@partnerId, @year, @fromCountry, @citizenship, @maxCount, @total, @breakdowns, @sequence, @madeAt, @at, @actor)`,
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
      `INSERT INTO exchange_received (partner_id, sequence, full, content_mac, counts, loaded_at, loaded_by, kind)
         VALUES (?, ?, 1, ?, ?, ?, ?, 'abroad')`,
    ).run(plan.partnerId, plan.sequence, plan.sha256, JSON.stringify(counts), at, actor);
    record({
      action: 'import',
      entity: 'exchange_package',
      entityId: `${plan.partnerId}/${plan.sequence}`,
      newValue: { centre: plan.centre, years: plan.years.map((y) => y.year), ...counts },
    });
    return plan.years.length;
  });
}
