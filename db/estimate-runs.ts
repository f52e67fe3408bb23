// Saved ECDC model runs (migration 0015): written once when a run finishes, never edited; the only
// change is which run of an org unit the cascade takes its undiagnosed from (adopted), audited.
import { stmt, type Db } from './connection.js';
import { chainHead } from './audit-chain.js';
import { changeWithAudit } from './audit.js';
import { subtree } from './indicators.js';
import type { RegisterSeries, SeriesPopulation } from './ecdc-series.js';
import type { EstimateRun, EstimateRunResult } from '../shared/estimates/api.js';

/** Which method made a run (the screen names it in the user's language). */
export const ECDC_METHOD = 'ecdc-hiv-modelling-tool-1.3.0';

type Row = {
  id: number;
  org_unit_id: number;
  population: string;
  first_year: number;
  last_year: number;
  method: string;
  settings: string;
  register_state: string;
  result: string;
  created_by: string;
  created_at: string;
  adopted: number;
};

const toRun = (r: Row): EstimateRun => {
  const settings = JSON.parse(r.settings) as {
    bootstrap: number;
    seed: number;
    model?: { knots?: number; intervals?: { startYear: number }[] };
  };
  return {
    id: r.id,
    orgUnitId: r.org_unit_id,
    population: JSON.parse(r.population) as SeriesPopulation,
    firstYear: r.first_year,
    lastYear: r.last_year,
    method: r.method,
    bootstrap: settings.bootstrap,
    seed: settings.seed,
    knots: settings.model?.knots ?? 4,
    rateChangeYears: (settings.model?.intervals ?? []).slice(1).map((i) => i.startYear),
    registerState: JSON.parse(r.register_state) as EstimateRun['registerState'],
    result: JSON.parse(r.result) as EstimateRunResult,
    createdBy: r.created_by,
    createdAt: r.created_at,
    adopted: r.adopted === 1,
  };
};

export type NewRun = {
  orgUnitId: number;
  population: SeriesPopulation;
  firstYear: number;
  lastYear: number;
  settings: { bootstrap: number; seed: number; model: unknown };
  series: RegisterSeries;
  /** Whether the model fitted the HIV/AIDS series (AIDS at diagnosis recorded for enough cases). */
  hivAidsFitted: boolean;
  result: EstimateRunResult;
};

/** Saves a finished run with the register's state it saw (its counts and the change log's head before the save). */
export function saveRun(db: Db, actor: string, run: NewRun, now = new Date()): EstimateRun {
  return changeWithAudit(db, actor, (record) => {
    const head = chainHead(db);
    const registerState = {
      auditEntry: head.id,
      auditHash: head.hash,
      diagnoses: run.series.hiv.reduce((a, b) => a + b, 0),
      withoutCd4: run.series.withoutCd4.reduce((a, b) => a + b, 0),
      aidsKnown: run.series.aidsKnown.reduce((a, b) => a + b, 0),
      hivAids: run.series.hivAids.reduce((a, b) => a + b, 0),
      hivAidsFitted: run.hivAidsFitted,
      series: run.series,
    };
    const { lastInsertRowid } = stmt(
      db,
      `INSERT INTO estimate_run (org_unit_id, population, first_year, last_year, method, settings, register_state, result, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      run.orgUnitId,
      JSON.stringify(run.population),
      run.firstYear,
      run.lastYear,
      ECDC_METHOD,
      JSON.stringify(run.settings),
      JSON.stringify(registerState),
      JSON.stringify(run.result),
      actor,
      now.toISOString(),
    );
    const id = Number(lastInsertRowid);
    // The change log keeps what identifies the run; its figures are in the run's own row.
    record({
      action: 'create',
      entity: 'estimate_run',
      entityId: id,
      newValue: {
        orgUnitId: run.orgUnitId,
        population: run.population,
        years: [run.firstYear, run.lastYear],
        bootstrap: run.settings.bootstrap,
        seed: run.settings.seed,
        registerAuditEntry: head.id,
      },
    });
    return getRun(db, id)!;
  });
}

export function getRun(db: Db, id: number): EstimateRun | null {
  const row = stmt(db, 'SELECT * FROM estimate_run WHERE id = ?').get(id) as Row | undefined;
  return row ? toRun(row) : null;
}

/** Runs of the org unit and the units below it, newest first. */
export function listRuns(db: Db, orgUnitId: number, limit = 100): EstimateRun[] {
  return (
    stmt(db, 'SELECT * FROM estimate_run WHERE org_unit_id IN (SELECT value FROM json_each(?)) ORDER BY id DESC LIMIT ?').all(
      JSON.stringify(subtree(db, orgUnitId)),
      limit,
    ) as Row[]
  ).map(toRun);
}

/** Makes a run its org unit's source of the undiagnosed (the one before it stops being), or stops it being one. */
export function adoptRun(db: Db, actor: string, id: number, adopted: boolean): EstimateRun {
  return changeWithAudit(db, actor, (record) => {
    const run = getRun(db, id)!;
    const before = stmt(db, 'SELECT id FROM estimate_run WHERE org_unit_id = ? AND adopted = 1').get(run.orgUnitId) as
      { id: number } | undefined;
    if (adopted === run.adopted) return run;
    if (adopted) stmt(db, 'UPDATE estimate_run SET adopted = 0 WHERE org_unit_id = ? AND adopted = 1').run(run.orgUnitId);
    stmt(db, 'UPDATE estimate_run SET adopted = ? WHERE id = ?').run(adopted ? 1 : 0, id);
    record({
      action: 'update',
      entity: 'estimate_run',
      entityId: id,
      oldValue: { adoptedRun: before?.id ?? null },
      newValue: { adoptedRun: adopted ? id : null },
    });
    return getRun(db, id)!;
  });
}

/** The adopted run's undiagnosed at the end of `year` for exactly this org unit, if one covers the year. */
export type ModelledUndiagnosed = { runId: number; createdAt: string; undiagnosed: number; bounds: [number, number] | null };

export function adoptedUndiagnosed(db: Db, orgUnitId: number, year: number): ModelledUndiagnosed | null {
  const row = stmt(
    db,
    'SELECT id, created_at, result FROM estimate_run WHERE org_unit_id = ? AND adopted = 1 AND ? BETWEEN first_year AND last_year',
  ).get(orgUnitId, year) as { id: number; created_at: string; result: string } | undefined;
  if (!row) return null;
  const y = (JSON.parse(row.result) as EstimateRunResult).years.find((r) => r.year === year);
  return y ? { runId: row.id, createdAt: row.created_at, undiagnosed: y.undiagnosed, bounds: y.undiagnosedBounds } : null;
}
