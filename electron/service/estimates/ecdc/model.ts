// The CD4-staged model run year by year: people infected (incidence λ) spend a while in primary
// infection, then enter a CD4 stage and progress down the stages to AIDS and death; at each stage
// they may be diagnosed at that stage's rate δ_s(t). What is counted per year: infections,
// diagnoses by stage at diagnosis, AIDS diagnoses, deaths, and the undiagnosed at year end.
import { ALPHA, F_INIT, Q, STAGES, YEAR_EDGE } from './parameters.js';
import { Integrator } from './ode.js';
import { SplineOf, type Spline } from './spline.js';
import { RatesOf, type RateColumns } from './diagnosis-rates.js';

/** State: P, U1-5 (undiagnosed), D1-5 (diagnosed), H1-5 (diagnoses so far by stage), A (AIDS diagnoses), deaths, I (infections). */
export const P = 0;
export const U = 1;
export const D = 6;
export const H = 11;
export const AIDS = 16;
export const DEAD_DIAG = 17;
export const DEAD_UND = 18;
export const INF = 19;
export const SIZE = 20;

export type ModelSetup = { firstYear: number; lastYear: number; spline: Spline; rates: RateColumns };

/** The model at the end of each year (one row per year from the first), and whether incidence ever went below 0. */
export type ModelRun = { years: number[]; ends: Float64Array[]; negativeIncidence: boolean; failed: boolean };

const integrators = new Map<number, Integrator>();
const integratorFor = (size: number) => {
  let i = integrators.get(size);
  if (!i) integrators.set(size, (i = new Integrator(size)));
  return i;
};

export function runModel(setup: ModelSetup, theta: ArrayLike<number>, beta: ArrayLike<number>): ModelRun {
  const delta = new Float64Array(STAGES);
  const incidence = new SplineOf(setup.spline, theta);
  const rates = new RatesOf(setup.rates, beta);
  let negativeIncidence = false;
  const f = (t: number, y: Float64Array, dy: Float64Array) => {
    const lambda = incidence.at(t);
    if (lambda < 0) negativeIncidence = true;
    rates.at(t, delta);
    const enter = ALPHA * y[P]!;
    dy[P] = lambda - enter;
    let aids = 0;
    for (let s = 0; s < STAGES; s++) {
      const u = y[U + s]!;
      const d = y[D + s]!;
      const fromU = s > 0 ? Q[s - 1]! * y[U + s - 1]! : 0;
      const fromD = s > 0 ? Q[s - 1]! * y[D + s - 1]! : 0;
      const diagnosed = delta[s]! * u;
      dy[U + s] = F_INIT[s]! * enter + fromU - (Q[s]! + delta[s]!) * u;
      dy[D + s] = diagnosed + fromD - Q[s]! * d;
      dy[H + s] = diagnosed;
      if (s === 4) aids = diagnosed + Q[3] * y[D + 3]!;
    }
    dy[AIDS] = aids;
    dy[DEAD_DIAG] = Q[4] * y[D + 4]!;
    dy[DEAD_UND] = Q[4] * y[U + 4]!;
    dy[INF] = lambda;
  };
  const y = new Float64Array(SIZE);
  const years: number[] = [];
  const ends: Float64Array[] = [];
  const integrator = integratorFor(SIZE);
  let failed = false;
  for (let year = setup.firstYear; year <= setup.lastYear; year++) {
    // Each year on its own, just inside its edges, as the tool does (steps never cross a year's start).
    if (!integrator.integrate(f, y, year + YEAR_EDGE, year + 1 - YEAR_EDGE)) failed = true;
    years.push(year);
    ends.push(Float64Array.from(y));
  }
  return { years, ends, negativeIncidence, failed };
}

/** A year's count of a cumulative state: its end-of-year value less the year before's. */
export const inYear = (run: ModelRun, i: number, state: number) => run.ends[i]![state]! - (i > 0 ? run.ends[i - 1]![state]! : 0);
