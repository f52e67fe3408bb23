// Estimate channels: the ECDC model on the register for a population and years, run as a job in a
// thread of its own (estimates/ecdc/run-estimate.ts); the user watches it (fitting, then the
// bootstrap's runs) and may cancel it. Only the counts per year leave the back end's thread.
import { randomBytes } from 'node:crypto';
import { registerSeries } from '../../../db/ecdc-series.js';
import { adoptRun, getRun, listRuns, saveRun } from '../../../db/estimate-runs.js';
import { orgUnitPath } from '../../../db/org-units.js';
import { appError, fail } from '../../../shared/result.js';
import { MIN_BOOTSTRAP_TO_ADOPT, type EstimateJob } from '../../../shared/estimates/api.js';
import type { Handlers } from '../handlers.js';
import type { DeskSession } from '../session.js';
import { fitsHivAids, modelInputFromRegister, referenceFiles } from './ecdc/register-input.js';
import { writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import { recordExport } from '../../../db/audit.js';
import { saveExport } from '../exports/files.js';

/** The model file's name: the population in the register's codes (plain ASCII, as the tool's examples). */
const modelName = (p: { migrantType?: string; legalStatus?: string; keyPopulation?: string }) =>
  ['migrants', p.migrantType, p.legalStatus, p.keyPopulation].filter(Boolean).join('-');
import { runEstimate, type EstimateResult } from './ecdc/run-estimate.js';
import type { RegisterSeries } from '../../../db/ecdc-series.js';

type Job = EstimateJob & { generation: number; stop: AbortController };
const jobs = new Map<string, Job>();
const KEEP = 20;
/** What the user sees of a job (not its sign-in or its stop switch). */
const view = (job: Job): EstimateJob => ({
  jobId: job.jobId,
  state: job.state,
  stage: job.stage,
  done: job.done,
  total: job.total,
  result: job.result,
  runId: job.runId,
  error: job.error,
});

function resultOf(r: EstimateResult, series: RegisterSeries): NonNullable<EstimateJob['result']> {
  return {
    deviance: r.deviance,
    converged: r.converged,
    bootstrapRuns: r.bootstrap?.runs ?? 0,
    bootstrapSettled: r.bootstrap?.converged ?? 0,
    years: r.main.map((row, i) => ({
      year: row.year,
      diagnoses: series.hiv[i]!,
      withoutCd4: series.withoutCd4[i]!,
      modelledDiagnoses: row.N_HIV_M,
      newInfections: row.N_Inf_M,
      newInfectionsBounds: r.bootstrap?.bounds[i]?.N_Inf_M ?? null,
      undiagnosed: row.N_Und,
      undiagnosedBounds: r.bootstrap?.bounds[i]?.N_Und ?? null,
      timeToDiagnosis: row.t_diag,
      timeToDiagnosisMedian: row.t_diag_p50,
      timeToDiagnosisQuartiles: [row.t_diag_p25, row.t_diag_p75],
      undiagnosedByStage: [
        row.N_Und_PrimInf,
        row.N_Und_CD4_1_M,
        row.N_Und_CD4_2_M,
        row.N_Und_CD4_3_M,
        row.N_Und_CD4_4_M,
        row.N_Und_HIVAIDS_M,
      ],
      diagnosisRates: [row.delta1, row.delta2, row.delta3, row.delta4],
    })),
  };
}

function find(s: DeskSession, jobId: string): Job {
  const job = jobs.get(jobId);
  if (!job || job.generation !== s.currentGeneration) return fail('not_found'); // another sign-in's job is not this one's
  return job;
}

/** No case diagnosed in the population and years: nothing to fit, nothing to hand over. */
const refuseEmpty = (series: RegisterSeries) => {
  if (series.hiv.every((n) => n === 0))
    fail('invalid_input', undefined, [{ path: 'population', messageKey: 'validation.estimate_no_cases' }]);
};

const refuse = (messageKey: string) => fail('invalid_input', undefined, [{ path: 'runId', messageKey }]);

export const estimateHandlers: Pick<
  Handlers,
  | 'estimates.start'
  | 'estimates.job'
  | 'estimates.current'
  | 'estimates.cancel'
  | 'estimates.runs'
  | 'estimates.adopt'
  | 'estimates.ecdcFiles'
> = {
  'estimates.start': (s, q) => {
    const unitId = s.unit(q.orgUnitId);
    if (!orgUnitPath(s.database, unitId).length) fail('not_found');
    // One model at a time: on two cores a second would only slow both (and the window).
    if ([...jobs.values()].some((j) => j.state === 'running' && j.generation === s.currentGeneration))
      fail('invalid_input', undefined, [{ path: 'bootstrap', messageKey: 'validation.estimate_running' }]);
    const series = registerSeries(s.database, unitId, q.firstYear, q.lastYear, q.population);
    refuseEmpty(series);
    // The model is fitted to diagnoses by CD4 at diagnosis: without any, there is nothing to fit.
    if (series.cd4.every((c) => c.every((n) => n === 0)))
      fail('invalid_input', undefined, [{ path: 'population', messageKey: 'validation.estimate_no_cd4' }]);
    const job: Job = {
      jobId: randomBytes(8).toString('hex'),
      state: 'running',
      stage: 'fitting',
      done: 0,
      total: q.bootstrap,
      result: null,
      runId: null,
      error: null,
      generation: s.currentGeneration,
      stop: new AbortController(),
    };
    jobs.set(job.jobId, job);
    for (const id of [...jobs.keys()].slice(0, -KEEP)) if (jobs.get(id)!.state !== 'running') jobs.delete(id);
    const input = modelInputFromRegister(series, { knots: q.knots, rateChangeYears: q.rateChangeYears });
    // Saved by the account that asked, on the file it was asked of: a run ending after a sign-out
    // or a restore is shown to no one and saved nowhere.
    const tenure = s.tenure();
    void runEstimate(
      { ...input, bootstrap: q.bootstrap, seed: q.seed },
      {
        signal: job.stop.signal,
        onFitted: () => (job.stage = q.bootstrap > 0 ? 'bootstrap' : 'done'),
        onProgress: (n) => (job.done = n),
      },
    ).then((outcome) => {
      if (outcome.ok) {
        job.result = resultOf(outcome.result, series);
        if (tenure.still()) {
          const run = saveRun(s.database, tenure.actor, {
            orgUnitId: unitId,
            population: q.population,
            firstYear: q.firstYear,
            lastYear: q.lastYear,
            settings: { bootstrap: q.bootstrap, seed: q.seed, model: input.settings },
            series,
            hivAidsFitted: fitsHivAids(series),
            result: job.result,
          });
          job.runId = run.id;
        }
        job.stage = 'done';
        job.state = 'done';
      } else {
        job.state = outcome.reason;
        job.error = outcome.reason === 'failed' ? appError('internal') : null;
      }
    });
    return view(job);
  },
  'estimates.job': (s, { jobId }) => view(find(s, jobId)),
  // The run going on for this sign-in, so a screen opened again (or reloaded) shows it with Cancel.
  'estimates.current': (s) => {
    const running = [...jobs.values()].find((j) => j.state === 'running' && j.generation === s.currentGeneration);
    return running ? view(running) : null;
  },
  'estimates.cancel': (s, { jobId }) => {
    const job = find(s, jobId);
    if (job.state === 'running') job.stop.abort();
    return view(job);
  },
  'estimates.ecdcFiles': async (s, q) => {
    const unitId = s.unit(q.orgUnitId);
    const path = orgUnitPath(s.database, unitId);
    if (!path.length) fail('not_found');
    const series = registerSeries(s.database, unitId, q.firstYear, q.lastYear, q.population);
    refuseEmpty(series);
    const input = modelInputFromRegister(series, { knots: q.knots, rateChangeYears: q.rateChangeYears });
    const base = `ecdc-input-${path[0]!.countryCode ?? 'unit'}-${unitId}-${modelName(q.population)}-${q.firstYear}-${q.lastYear}`;
    // The tool reads a folder: the ZIP holds one, named as the file, with the model file named for the population.
    const zip = new JSZip();
    const folder = zip.folder(base)!;
    for (const [name, content] of referenceFiles(input.settings, input.data, modelName(q.population))) folder.file(name, content);
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const saved = await saveExport(
      s,
      base,
      async (part, fileName) => {
        writeFileSync(part, bytes);
        // Exact yearly counts, small ones included: the change log says who took them and for what.
        recordExport(s.database, s.actor, 'ecdc_input', fileName, {
          orgUnitId: unitId,
          years: [q.firstYear, q.lastYear],
          population: q.population,
          diagnoses: series.hiv.reduce((a, b) => a + b, 0),
        });
      },
      'zip',
    );
    return { ...saved, suppressed: false, hiddenCells: 0 };
  },
  'estimates.runs': (s, q) => listRuns(s.database, s.unit(q.orgUnitId)),
  'estimates.adopt': (s, { runId, adopted }) => {
    const run = getRun(s.database, runId);
    if (!run) return fail('not_found');
    s.unit(run.orgUnitId); // outside the account's units: not found
    // The cascade's denominator is every migrant of the unit, with bounds to carry into the first 90.
    if (adopted && Object.keys(run.population).length) refuse('validation.estimate_adopt_population');
    if (adopted && run.result.bootstrapRuns < MIN_BOOTSTRAP_TO_ADOPT) refuse('validation.estimate_adopt_bootstrap');
    return adoptRun(s.database, s.actor, runId, adopted);
  },
};
