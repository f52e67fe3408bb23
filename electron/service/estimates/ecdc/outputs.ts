// What the main fit says, year by year, in the ECDC tool's own output columns (so the two can be
// laid side by side): modelled diagnoses and infections, the number living with undiagnosed HIV
// at the year's end (in total and by stage), living and diagnosed, diagnosis rates, and the time
// from infection to diagnosis (mean and quartiles) under that year's diagnosis rates.
import { ALPHA, F_INIT, Q, STAGES, YEAR_EDGE } from './parameters.js';
import { Integrator } from './ode.js';
import { RatesOf } from './diagnosis-rates.js';
import { AIDS, DEAD_UND, H, INF, P, U, inYear, runModel } from './model.js';
import { cd4Known, expectedCounts } from './likelihood.js';
import type { ModelData } from './settings.js';
import type { Fit } from './fit.js';

export const OUTPUT_COLUMNS = [
  'run',
  'year',
  'N_HIV_M',
  'Cum_HIV_M',
  'N_HIV_Obs_M',
  'N_HIV_D',
  'N_CD4_1_M',
  'N_CD4_2_M',
  'N_CD4_3_M',
  'N_CD4_4_M',
  'N_HIVAIDS_M',
  'N_AIDS_M',
  'N_AIDS_D',
  'N_Inf_M',
  'Cum_Inf_M',
  'N_Und',
  'N_Und_PrimInf',
  'N_Und_CD4_1_M',
  'N_Und_CD4_2_M',
  'N_Und_CD4_3_M',
  'N_Und_CD4_4_M',
  'N_Und_HIVAIDS_M',
  'N_Alive',
  'N_Alive_Diag_M',
  'N_Dead_D',
  'Cum_Dead_D',
  'Cum_Und_Dead_M',
  'delta1',
  'delta2',
  'delta3',
  'delta4',
  't_diag',
  't_diag_p25',
  't_diag_p50',
  't_diag_p75',
] as const;
export type OutputRow = Record<(typeof OUTPUT_COLUMNS)[number], number>;

/**
 * Mean time from infection to diagnosis with the rates held at δ: through primary infection, then
 * over every path from the entry stage to the stage of diagnosis, the time spent on the way times
 * the path's probability (as the tool reports it: not divided by the chance of being diagnosed at all).
 */
export function meanTimeToDiagnosis(delta: ArrayLike<number>): number {
  let t = 1 / ALPHA;
  for (let k = 0; k < STAGES; k++) {
    for (let j = k; j < STAGES; j++) {
      let time = 0;
      let reach = 1;
      for (let i = k; i <= j; i++) time += 1 / (Q[i]! + delta[i]!);
      for (let i = k; i < j; i++) reach *= Q[i]! / (Q[i]! + delta[i]!);
      t += F_INIT[k]! * time * reach * (delta[j]! / (Q[j]! + delta[j]!));
    }
  }
  return t;
}

const sub = new Integrator(11);

/**
 * Quartiles of the time to diagnosis with the rates held at δ: 1,000 people start in primary
 * infection and the share diagnosed is read every 0.001 year (the tool's grid, just inside each
 * slice's edges, so a slice spans 0.000998 year); each quartile is the slice whose share is
 * nearest, reported at its middle.
 */
export function timeToDiagnosisQuartiles(delta: ArrayLike<number>): [number, number, number] {
  const f = (_t: number, y: Float64Array, dy: Float64Array) => {
    const enter = ALPHA * y[0]!;
    dy[0] = -enter;
    for (let s = 0; s < STAGES; s++) {
      const u = y[1 + s]!;
      dy[1 + s] = F_INIT[s]! * enter + (s > 0 ? Q[s - 1]! * y[s]! : 0) - (Q[s]! + delta[s]!) * u;
      dy[6 + s] = delta[s]! * u;
    }
  };
  const y = new Float64Array(11);
  y[0] = 1000;
  const targets = [0.25, 0.5, 0.75];
  const best = [100, 100, 100];
  const at = [0, 0, 0];
  for (let j = 1; j < 1_000_000; j++) {
    sub.integrate(f, y, (j - 1) / 1000 + YEAR_EDGE, j / 1000 - YEAR_EDGE);
    let diagnosed = 0;
    for (let s = 0; s < STAGES; s++) diagnosed += y[6 + s]!;
    const share = diagnosed / 1000;
    targets.forEach((p, q) => {
      if (Math.abs(share - p) < best[q]!) {
        best[q] = Math.abs(share - p);
        at[q] = j;
      }
    });
    if (at[2] !== j) break; // past the third quartile
  }
  return at.map((j) => (j - 0.5) / 1000) as [number, number, number];
}

export function fitOutputs(fit: Fit, data: ModelData, run = 0): OutputRow[] {
  const model = runModel(fit.setup, fit.theta, fit.beta);
  const e = expectedCounts(model, fit.settings, cd4Known(data));
  const delta = new Float64Array(STAGES);
  const rates = new RatesOf(fit.setup.rates, fit.beta);
  const quartiles = new Map<string, [number, number, number]>();
  let cumDead = 0;
  let cumHiv = 0;
  return model.years.map((year, i) => {
    const end = model.ends[i]!;
    const hivByStage = [0, 1, 2, 3, 4].map((s) => inYear(model, i, H + s));
    cumHiv += hivByStage.reduce((a, b) => a + b, 0);
    cumDead += data.dead[i]!;
    rates.at(year, delta);
    const key = Array.from(delta).join(',');
    if (!quartiles.has(key)) quartiles.set(key, timeToDiagnosisQuartiles(delta));
    const [p25, p50, p75] = quartiles.get(key)!;
    const undiagnosed = end[P]! + [0, 1, 2, 3, 4].reduce((a, s) => a + end[U + s]!, 0);
    return {
      run,
      year,
      N_HIV_M: hivByStage.reduce((a, b) => a + b, 0),
      Cum_HIV_M: cumHiv,
      N_HIV_Obs_M: e.total[i]!,
      N_HIV_D: data.hiv[i]!,
      N_CD4_1_M: hivByStage[0]!,
      N_CD4_2_M: hivByStage[1]!,
      N_CD4_3_M: hivByStage[2]!,
      N_CD4_4_M: hivByStage[3]!,
      N_HIVAIDS_M: hivByStage[4]!,
      N_AIDS_M: inYear(model, i, AIDS),
      N_AIDS_D: data.aids[i]!,
      N_Inf_M: inYear(model, i, INF),
      Cum_Inf_M: end[INF]!,
      N_Und: undiagnosed,
      N_Und_PrimInf: end[P]!,
      N_Und_CD4_1_M: end[U]!,
      N_Und_CD4_2_M: end[U + 1]!,
      N_Und_CD4_3_M: end[U + 2]!,
      N_Und_CD4_4_M: end[U + 3]!,
      N_Und_HIVAIDS_M: end[U + 4]!,
      // As the tool reports it: deaths among the diagnosed from the register, not from the model.
      N_Alive: end[INF]! - cumDead - end[DEAD_UND]!,
      N_Alive_Diag_M: cumHiv - cumDead,
      N_Dead_D: data.dead[i]!,
      Cum_Dead_D: cumDead,
      Cum_Und_Dead_M: end[DEAD_UND]!,
      delta1: delta[0]!,
      delta2: delta[1]!,
      delta3: delta[2]!,
      delta4: delta[3]!,
      t_diag: meanTimeToDiagnosis(delta),
      t_diag_p25: p25,
      t_diag_p50: p50,
      t_diag_p75: p75,
    };
  });
}
