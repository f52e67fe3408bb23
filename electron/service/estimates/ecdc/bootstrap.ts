// Confidence bounds for the main fit, by the ECDC tool's parametric bootstrap: registers are drawn
// from the fitted model (Poisson, or negative binomial with the estimated over-dispersion), the
// stage at diagnosis thinned to the share with a known CD4 count as in the real register, and the
// model fitted again to each from the main fit's parameters; the 2.5% and 97.5% quantiles of each
// figure over the runs are its bounds. Seeded, so a run can be repeated exactly.
import poisson from '@stdlib/random-base-poisson';
import binomial from '@stdlib/random-base-binomial';
import negativeBinomial from '@stdlib/random-base-negative-binomial';
import { cd4Known, expectedCounts } from './likelihood.js';
import { runModel } from './model.js';
import { fullTheta, objectiveFor, planOf, repeatedAmoeba, type Fit } from './fit.js';
import { fitOutputs, type OutputRow } from './outputs.js';
import type { ModelData } from './settings.js';

/** The figures that get bounds (the tool's list, where this implementation has them). */
export const BOUNDED = [
  'N_HIV_Obs_M',
  'N_AIDS_M',
  'N_Inf_M',
  'N_Alive',
  'N_Alive_Diag_M',
  'N_Und',
  'delta1',
  'delta2',
  'delta3',
  'delta4',
  't_diag',
  't_diag_p50',
] as const;
export type Bounded = (typeof BOUNDED)[number];

export type Bootstrap = {
  runs: OutputRow[][];
  converged: number;
  /** Per year (as the main fit's rows), per figure: [2.5%, 97.5%]. */
  bounds: Record<Bounded, [number, number]>[];
};

/** The q quantile of sorted values, interpolated between the two nearest (R's type 7). */
export function quantile7(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
}

/** A register drawn from the fitted model. */
function drawRegister(
  fit: Fit,
  data: ModelData,
  draw: { count: (mean: number, aids: boolean) => number; thin: (n: number, p: number) => number },
): ModelData {
  const known = cd4Known(data);
  const e = expectedCounts(runModel(fit.setup, fit.theta, fit.beta), fit.settings, known);
  const stage = e.stage.map((byStage) => byStage.map((m) => draw.count(Math.max(m, 0), false)));
  return {
    hiv: stage.map((s) => s.reduce((a, b) => a + b, 0)),
    cd4: [0, 1, 2, 3].map((s) =>
      stage.map((byStage, i) => (known[i]! >= 0 && known[i]! <= 1 ? draw.thin(byStage[s]!, known[i]!) : 0)),
    ) as ModelData['cd4'],
    hivAids: stage.map((s) => s[4]!),
    aids: e.aids.map((m) => draw.count(Math.max(m, 0), true)),
    dead: [...data.dead],
  };
}

/**
 * `runs` bootstrap fits; `progress(done)` after each, `stop()` asked before each (a cancelled
 * bootstrap returns what it has). Each run refits from the main fit's β and free θ, with the same
 * fixed weights and knots, by the main fit's distribution.
 */
export function bootstrap(
  fit: Fit,
  data: ModelData,
  runs: number,
  seed: number,
  hooks: { progress?: (done: number) => void; stop?: () => boolean } = {},
): Bootstrap {
  const pois = poisson.factory({ seed });
  const nb = negativeBinomial.factory({ seed: seed + 1 });
  const bin = binomial.factory({ seed: seed + 2 });
  const count = (mean: number, aids: boolean) => {
    if (mean <= 0) return 0;
    if (!fit.dispersion) return pois(mean);
    const r = aids ? fit.dispersion.aids : fit.dispersion.rest;
    return nb(r, r / (r + 1e-6 + mean));
  };
  const thin = (n: number, p: number) => (n <= 0 || p <= 0 ? 0 : p >= 1 ? n : bin(n, p));
  const nBeta = fit.setup.rates.parameters;
  const plan = planOf(fit);
  const free = plan.free;
  const start = Float64Array.from([...fit.beta, ...free.map((i) => fit.theta[i]!)]);
  const out: OutputRow[][] = [];
  let converged = 0;
  for (let b = 1; b <= runs && !hooks.stop?.(); b++) {
    const drawn = drawRegister(fit, data, { count, thin });
    const objective = objectiveFor(fit.settings, drawn, fit.setup, plan, fit.dispersion);
    const r = repeatedAmoeba((p) => objective.evaluate(p).value, start, nBeta);
    if (r.converged) converged++;
    const refit: Fit = {
      ...fit,
      beta: r.p.slice(0, nBeta),
      theta: fullTheta(plan, r.p.subarray(nBeta)),
      deviance: r.value,
      converged: r.converged,
    };
    out.push(fitOutputs(refit, drawn, b));
    hooks.progress?.(b);
  }
  const years = out[0]?.length ?? 0;
  const bounds = Array.from(
    { length: years },
    (_, i) =>
      Object.fromEntries(
        BOUNDED.map((c) => {
          const sorted = out.map((run) => run[i]![c]).sort((x, y) => x - y);
          return [c, [quantile7(sorted, 0.025), quantile7(sorted, 0.975)]];
        }),
      ) as Record<Bounded, [number, number]>,
  );
  return { runs: out, converged, bounds };
}
