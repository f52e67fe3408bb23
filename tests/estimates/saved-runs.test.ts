// A saved ECDC run as the first 90's source: adopted by an analyst (audited, one per unit), its
// undiagnosed added to the register's living diagnosed, its bounds carried into the first 90's
// interval, the source named; an entered estimate for the year still wins; refusals with reasons.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../shared/dates.js';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import type { DeskSession } from '../../electron/service/session.js';
import { registerSeries } from '../../db/ecdc-series.js';
import { saveRun } from '../../db/estimate-runs.js';
import type { EstimateRunResult } from '../../shared/estimates/api.js';
import { useSessions, withDemo } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();

function demo() {
  const { s, unit } = withDemo(session(tempDir()));
  return { s, unit: unit.id };
}

/** A finished run as the job would save it: undiagnosed 10·(year−2011), bounds ±40%. */
function savedRun(s: DeskSession, unit: number, population = {}, bootstrapRuns = 20) {
  const series = registerSeries(s.database, unit, 2012, 2017, population);
  const result: EstimateRunResult = {
    deviance: 12.5,
    converged: true,
    bootstrapRuns,
    bootstrapSettled: bootstrapRuns,
    years: series.years.map((year, i) => {
      const und = 10 * (year - 2011);
      return {
        year,
        diagnoses: series.hiv[i]!,
        withoutCd4: series.withoutCd4[i]!,
        modelledDiagnoses: series.hiv[i]!,
        newInfections: 5,
        newInfectionsBounds: [3, 7],
        undiagnosed: und,
        undiagnosedBounds: [und * 0.6, und * 1.4],
        timeToDiagnosis: 4,
        timeToDiagnosisMedian: 3.5,
        timeToDiagnosisQuartiles: [2, 5.5],
        undiagnosedByStage: [1, 2, 3, 2, 1, 1].map((x) => (x * und) / 10),
        diagnosisRates: [0.1, 0.15, 0.2, 0.4],
      };
    }),
  };
  return saveRun(s.database, 'demo', {
    orgUnitId: unit,
    population,
    firstYear: 2012,
    lastYear: 2017,
    settings: { bootstrap: bootstrapRuns, seed: 1, model: {} },
    series,
    hivAidsFitted: false,
    result,
  });
}

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe('a saved estimate as the first 90’s denominator', () => {
  it('adopted: living with HIV = living diagnosed + the modelled undiagnosed, its bounds in the interval, the source named', async () => {
    const { s, unit } = demo();
    const before = ok(dispatch(s, 'indicators.cascade', { period: '2016', orgUnitId: unit }, silentLogger));
    expect(before.estimate).toBeNull();
    expect(before.total.cascade.first90).toMatchObject({ computable: false, reason: 'no_estimate' });

    const run = savedRun(s, unit);
    const adopted = ok(dispatch(s, 'estimates.adopt', { runId: run.id, adopted: true }, silentLogger));
    expect(adopted.adopted).toBe(true);

    const r = ok(dispatch(s, 'indicators.cascade', { period: '2016', orgUnitId: unit }, silentLogger));
    const d = r.total.tally.diagnosed;
    expect(d).toBeGreaterThan(0);
    expect(r.estimate).toBe(d + 50);
    expect(r.estimateSource).toEqual({ kind: 'ecdc', runId: run.id, createdAt: run.createdAt, undiagnosed: 50, bounds: [d + 30, d + 70] });
    const f = r.total.cascade.first90;
    if (!f.computable || f.warning) throw new Error('first 90 not computable');
    expect(f.value).toBeCloseTo(d / (d + 50), 12);
    expect(f.low).toBeCloseTo(d / (d + 70), 12);
    expect(f.high).toBeCloseTo(d / (d + 30), 12);
    // The second 90 is not a share of the estimate: Wilson's interval as before.
    expect(r.total.cascade.second90).toEqual(before.total.cascade.second90);

    // The trend: each year the run covers, none before it.
    const trend = ok(dispatch(s, 'indicators.trend', { year: 2017, years: 7, orgUnitId: unit }, silentLogger));
    const sources = trend.rows.map((row) => (row.ok ? (row.estimateSource?.kind ?? null) : 'refused'));
    expect(sources).toEqual([null, 'ecdc', 'ecdc', 'ecdc', 'ecdc', 'ecdc', 'ecdc']);

    // An estimate entered for the year wins over the model, and says so.
    ok(
      dispatch(
        s,
        'forms.save',
        { form: 'estimates', orgUnitId: unit, period: '2016', cells: [{ de: 'est_plhiv', coc: '', value: '900' }] },
        silentLogger,
      ),
    );
    const entered = ok(dispatch(s, 'indicators.cascade', { period: '2016', orgUnitId: unit }, silentLogger));
    expect(entered.estimate).toBe(900);
    expect(entered.estimateSource).toEqual({ kind: 'entered' });
    expect(ok(dispatch(s, 'indicators.cascade', { period: '2015', orgUnitId: unit }, silentLogger)).estimateSource?.kind).toBe('ecdc');

    // The workbook names the source of the denominator.
    const file = ok(
      await dispatchAsync(
        s,
        'exports.indicatorWorkbook',
        { period: '2015', orgUnitId: unit, dimensions: ['sex'], language: 'en', outside: false, years: 1 },
        silentLogger,
      ),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file.path);
    const texts = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String));
    expect(texts).toContain(
      `Estimate of migrants living with HIV: the living diagnosed in the register plus the undiagnosed by the ECDC model (run no. ${run.id} of ${formatDate(run.createdAt)}); the first 90’s interval comes from the model’s 95% bounds.`,
    );
  });

  it('one adopted run per unit, each change in the change log; a sub-population or a run without bounds is refused', () => {
    const { s, unit } = demo();
    const first = savedRun(s, unit);
    const second = savedRun(s, unit);
    ok(dispatch(s, 'estimates.adopt', { runId: first.id, adopted: true }, silentLogger));
    ok(dispatch(s, 'estimates.adopt', { runId: second.id, adopted: true }, silentLogger));
    const runs = ok(dispatch(s, 'estimates.runs', { orgUnitId: unit }, silentLogger));
    expect(runs.map((r) => [r.id, r.adopted])).toEqual([
      [second.id, true],
      [first.id, false],
    ]);
    const audit = ok(dispatch(s, 'audit.recent', { limit: 10 }, silentLogger)).filter((e) => e.entity === 'estimate_run');
    expect(audit.map((e) => [e.action, e.entityId])).toEqual([
      ['update', String(second.id)],
      ['update', String(first.id)],
      ['create', String(second.id)],
      ['create', String(first.id)],
    ]);
    ok(dispatch(s, 'estimates.adopt', { runId: second.id, adopted: false }, silentLogger));
    expect(ok(dispatch(s, 'indicators.cascade', { period: '2016', orgUnitId: unit }, silentLogger)).estimate).toBeNull();

    const pwid = savedRun(s, unit, { keyPopulation: 'pwid' });
    const refused = dispatch(s, 'estimates.adopt', { runId: pwid.id, adopted: true }, silentLogger);
    expect(refused.ok || refused.error.issues?.[0]?.messageKey).toBe('validation.estimate_adopt_population');
    const few = savedRun(s, unit, {}, 5);
    const refusedFew = dispatch(s, 'estimates.adopt', { runId: few.id, adopted: true }, silentLogger);
    expect(refusedFew.ok || refusedFew.error.issues?.[0]?.messageKey).toBe('validation.estimate_adopt_bootstrap');
    const missing = dispatch(s, 'estimates.adopt', { runId: 99999, adopted: true }, silentLogger);
    expect(missing.ok || missing.error.code).toBe('not_found');
  });
});
