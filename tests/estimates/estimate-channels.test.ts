// The ECDC model on the demo register through the contract: started as a job, watched while the
// back end goes on answering, its result per year with bounds; cancelled on asking; refused with a
// reason where there is nothing to fit.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();

describe('estimates through the contract', () => {
  it('runs on the demo register as a job, answers other calls meanwhile, and gives each year with bounds', async () => {
    const s = session(tempDir());
    s.openDemo();
    const started = dispatch(s, 'estimates.start', { firstYear: 2012, lastYear: 2017, bootstrap: 3, seed: 3 }, silentLogger);
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    expect(started.value).toMatchObject({ state: 'running', stage: 'fitting', done: 0, total: 3, result: null });
    const { jobId } = started.value;
    // The back end answers while the model works in its own thread.
    const t = performance.now();
    expect(dispatch(s, 'app.status', {}, silentLogger).ok).toBe(true);
    expect(performance.now() - t).toBeLessThan(1000);
    await expect
      .poll(
        () => {
          const j = dispatch(s, 'estimates.job', { jobId }, silentLogger);
          return j.ok ? j.value.state : 'lost';
        },
        { timeout: 240_000, interval: 200 },
      )
      .toBe('done');
    const job = dispatch(s, 'estimates.job', { jobId }, silentLogger);
    if (!job.ok || !job.value.result) throw new Error('no result');
    const r = job.value.result;
    expect(job.value.done).toBe(3);
    expect(r.bootstrapRuns).toBe(3);
    expect(r.years.map((y) => y.year)).toEqual([2012, 2013, 2014, 2015, 2016, 2017]);
    // The register's own counts beside the model's: the demo's 60 cases, some without a CD4 at diagnosis.
    expect(r.years.reduce((a, y) => a + y.diagnoses, 0)).toBe(60);
    expect(r.years.reduce((a, y) => a + y.withoutCd4, 0)).toBeGreaterThan(0);
    for (const y of r.years) {
      expect(y.undiagnosed).toBeGreaterThan(0);
      // By stage, the undiagnosed add up to the total; rates and quartiles in their order.
      expect(y.undiagnosedByStage.reduce((a, b) => a + b, 0)).toBeCloseTo(y.undiagnosed, 6);
      expect(y.diagnosisRates.every((d) => d >= 0)).toBe(true);
      expect(y.timeToDiagnosisQuartiles[0]).toBeLessThanOrEqual(y.timeToDiagnosisMedian);
      expect(y.timeToDiagnosisMedian).toBeLessThanOrEqual(y.timeToDiagnosisQuartiles[1]);
      expect(y.undiagnosedBounds![0]).toBeLessThanOrEqual(y.undiagnosedBounds![1]);
    }
    // Saved with what it saw, by whom, and in the change log; too few runs for the cascade's bounds.
    const runs = dispatch(s, 'estimates.runs', {}, silentLogger);
    if (!runs.ok) throw new Error('no runs');
    expect(runs.value).toHaveLength(1);
    expect(runs.value[0]).toMatchObject({ id: job.value.runId, firstYear: 2012, lastYear: 2017, bootstrap: 3, seed: 3, adopted: false });
    expect(runs.value[0]!.registerState).toMatchObject({ diagnoses: 60, withoutCd4: r.years.reduce((a, y) => a + y.withoutCd4, 0) });
    expect(runs.value[0]!.result).toEqual(r);
    const audit = dispatch(s, 'audit.recent', { limit: 5 }, silentLogger);
    expect(audit.ok && audit.value.some((e) => e.entity === 'estimate_run' && e.action === 'create')).toBe(true);
    const adopt = dispatch(s, 'estimates.adopt', { runId: job.value.runId!, adopted: true }, silentLogger);
    expect(adopt.ok || adopt.error.issues?.[0]?.messageKey).toBe('validation.estimate_adopt_bootstrap');
  }, 300_000);

  it('is cancelled on asking; a population with no CD4 at diagnosis, or too few years, is refused with the reason', async () => {
    const s = session(tempDir());
    s.openDemo();
    const started = dispatch(s, 'estimates.start', { firstYear: 2012, lastYear: 2017, bootstrap: 1000 }, silentLogger);
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    // A screen opened again finds it; a second run meanwhile is refused with the reason.
    const current = dispatch(s, 'estimates.current', {}, silentLogger);
    expect(current.ok && current.value?.jobId).toBe(started.value.jobId);
    const second = dispatch(s, 'estimates.start', { firstYear: 2012, lastYear: 2017, bootstrap: 20 }, silentLogger);
    expect(second.ok || second.error.issues?.[0]?.messageKey).toBe('validation.estimate_running');
    expect(dispatch(s, 'estimates.cancel', { jobId: started.value.jobId }, silentLogger).ok).toBe(true);
    await expect
      .poll(
        () => {
          const j = dispatch(s, 'estimates.job', { jobId: started.value.jobId }, silentLogger);
          return j.ok ? j.value.state : 'lost';
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe('cancelled');
    expect(dispatch(s, 'estimates.current', {}, silentLogger)).toEqual({ ok: true, value: null });
    const none = dispatch(s, 'estimates.start', { firstYear: 1990, lastYear: 1999 }, silentLogger);
    expect(none.ok || none.error.issues).toEqual([{ path: 'population', messageKey: 'validation.estimate_no_cases' }]);
    // Cases, but not one with a CD4 count at diagnosis.
    const units = dispatch(s, 'orgUnits.list', {}, silentLogger);
    const facility = units.ok ? units.value.find((u) => u.level === 'facility')!.id : 0;
    s.database
      .prepare(`DELETE FROM case_event WHERE kind = 'cd4' AND case_id IN (SELECT id FROM hiv_case WHERE org_unit_id = ?)`)
      .run(facility);
    const noCd4 = dispatch(s, 'estimates.start', { firstYear: 2012, lastYear: 2017 }, silentLogger);
    expect(noCd4.ok || noCd4.error.issues).toEqual([{ path: 'population', messageKey: 'validation.estimate_no_cd4' }]);
    const short = dispatch(s, 'estimates.start', { firstYear: 2015, lastYear: 2017 }, silentLogger);
    expect(short.ok || short.error.issues?.[0]).toMatchObject({ path: 'lastYear', messageKey: 'validation.estimate_years' });
  }, 120_000);
});
