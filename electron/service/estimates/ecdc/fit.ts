// The main fit, as the ECDC tool does it: the parameters are the diagnosis-rate increments β and
// the free incidence spline weights θ. A grid of start values is searched, then Nelder-Mead is
// restarted from its own result until the deviance stops changing; spline weights that end up
// below 1 in size are fixed at 0 and the fit starts again; a fit that never settles is tried with
// one knot fewer. The main fit always uses the Poisson deviance; with a negative binomial model
// the over-dispersion is estimated afterwards (it only widens the bootstrap).
import { amoeba } from './amoeba.js';
import { rateColumns, type RateColumns } from './diagnosis-rates.js';
import { cd4Known, deviance, expectedCounts, fitPoints, impossible, type Dispersion } from './likelihood.js';
import { runModel, type ModelSetup } from './model.js';
import { PENALTY } from './parameters.js';
import { makeSpline } from './spline.js';
import { estimateDispersion } from './dispersion.js';
import type { ModelData, ModelSettings } from './settings.js';

const MAX_RESTARTS = 30;
const CONVERGED = 1e-6;
const FTOL = 1e-5;
const MAX_EVALUATIONS = 50_000;
const BETA_STEP = 0.2;
const THETA_STEP = 400;

/** Which spline weights are estimated: the others are 0, or (the last) tied to the two before it. */
export type ThetaPlan = { count: number; free: number[]; zero: Set<number>; tiedLast: boolean };

export type Fit = {
  settings: ModelSettings;
  setup: ModelSetup;
  beta: Float64Array;
  theta: Float64Array;
  deviance: number;
  converged: boolean;
  evaluations: number;
  dispersion: Dispersion;
  knots: number;
};

/** The full θ from the free values: zeros where fixed, the last by linear extrapolation if asked. */
export function fullTheta(plan: ThetaPlan, free: ArrayLike<number>): Float64Array {
  const theta = new Float64Array(plan.count);
  plan.free.forEach((i, k) => (theta[i] = free[k]!));
  if (plan.tiedLast) theta[plan.count - 1] = 2 * theta[plan.count - 2]! - theta[plan.count - 3]!;
  return theta;
}

/** The weights a fit estimated (not fixed at 0, not the tied last), to refit or evaluate from its result. */
export function planOf(fit: Fit): ThetaPlan {
  const tied = fit.settings.lastWeightByExtrapolation;
  const free = [...fit.theta.keys()].filter((i) => fit.theta[i] !== 0 && !(tied && i === fit.theta.length - 1));
  return { count: fit.theta.length, free, zero: new Set([...fit.theta.keys()].filter((i) => !free.includes(i))), tiedLast: tied };
}

export function setupFor(settings: ModelSettings, knots: number): { setup: ModelSetup; rates: RateColumns } {
  const rates = rateColumns(settings.intervals, settings.lastYear + 1, settings.delta4Fac);
  const spline = makeSpline(settings.firstYear, settings.lastYear + 1, knots);
  return { setup: { firstYear: settings.firstYear, lastYear: settings.lastYear, spline, rates }, rates };
}

/** The objective over p = (β, free θ): the deviance with the penalties; and its evaluation count. */
export function objectiveFor(settings: ModelSettings, data: ModelData, setup: ModelSetup, plan: ThetaPlan, dispersion: Dispersion = null) {
  const known = cd4Known(data);
  const nBeta = setup.rates.parameters;
  let evaluations = 0;
  const evaluate = (p: ArrayLike<number>) => {
    evaluations++;
    const beta = Array.from({ length: nBeta }, (_, i) => p[i]!);
    const theta = fullTheta(
      plan,
      Array.from({ length: p.length - nBeta }, (_, i) => p[nBeta + i]!),
    );
    const run = runModel(setup, theta, beta);
    const e = expectedCounts(run, settings, known);
    let value = deviance(fitPoints(settings, e, data), dispersion) + impossible(run, e);
    // The tool caps the first three parameters at 2 (in its order: β first, then free θ).
    for (let i = 0; i < Math.min(3, p.length); i++) if (p[i]! > 2) value += PENALTY;
    return { value, run, expected: e };
  };
  return { evaluate, count: () => evaluations };
}

/** The grid of start values the tool searches: rates 0.05-0.25 (stage 4 higher), weights 1 to 1.1e11. */
function gridStart(nBeta: number, nFree: number, f: (p: Float64Array) => number): Float64Array {
  let best: Float64Array | null = null;
  let bestValue = Infinity;
  for (let i = 1; i <= 5; i++) {
    for (let j = 0; j <= 10; j++) {
      const p = new Float64Array(nBeta + nFree);
      const first = [0.05 * i, 0.05 * i, 0.05 * i, 0.05 * i + 0.4];
      for (let b = 0; b < Math.min(4, nBeta); b++) p[b] = first[b]!;
      for (let k = 0; k < nFree; k++) p[nBeta + k] = (j + 1) * 10 ** j;
      const v = f(p);
      if (v < bestValue) {
        bestValue = v;
        best = p;
      }
    }
  }
  return best!;
}

/** Nelder-Mead from p, restarted from its own result until the value changes by at most 1e-6 (at most 30 times). */
export function repeatedAmoeba(f: (p: Float64Array) => number, start: Float64Array, nBeta: number) {
  const steps = Float64Array.from(start, (_, i) => (i < nBeta ? BETA_STEP : THETA_STEP));
  let p = start;
  let previous = f(start) + CONVERGED + 1;
  let value = previous;
  let converged = false;
  for (let k = 0; k < MAX_RESTARTS; k++) {
    const r = amoeba(f, p, steps, FTOL, MAX_EVALUATIONS);
    p = r.p;
    previous = value;
    value = r.value;
    if (Math.abs(value - previous) <= CONVERGED) {
      converged = true;
      break;
    }
  }
  return { p, value, converged };
}

export function mainFit(settings: ModelSettings, data: ModelData): Fit {
  let knots = settings.knots;
  let evaluations = 0;
  for (;;) {
    const { setup } = setupFor(settings, knots);
    const count = knots + 4;
    const zero = new Set<number>(settings.startIncidenceAtZero ? [0] : []);
    const plan = (): ThetaPlan => ({
      count,
      zero,
      tiedLast: settings.lastWeightByExtrapolation,
      free: Array.from({ length: count }, (_, i) => i).filter(
        (i) => !zero.has(i) && !(settings.lastWeightByExtrapolation && i === count - 1),
      ),
    });
    const nBeta = setup.rates.parameters;
    let result: { p: Float64Array; value: number; converged: boolean };
    let current: ThetaPlan;
    for (;;) {
      current = plan();
      const objective = objectiveFor(settings, data, setup, current);
      const f = (p: Float64Array) => objective.evaluate(p).value;
      result = repeatedAmoeba(f, gridStart(nBeta, current.free.length, f), nBeta);
      evaluations += objective.count();
      // Weights that ended up below 1 in size are fixed at 0, and the fit starts again from the grid.
      const theta = fullTheta(current, result.p.subarray(nBeta));
      const small = current.free.filter((i) => Math.abs(theta[i]!) < 1);
      if (!small.length) break;
      for (const i of small) zero.add(i);
    }
    if (result.converged || knots <= 1) {
      const beta = result.p.slice(0, nBeta);
      const theta = fullTheta(current, result.p.subarray(nBeta));
      const fit: Fit = {
        settings,
        setup,
        beta,
        theta,
        deviance: result.value,
        converged: result.converged,
        evaluations,
        dispersion: null,
        knots,
      };
      if (settings.distribution === 'negative_binomial') fit.dispersion = estimateDispersion(fit, data);
      return fit;
    }
    knots -= 1;
  }
}
