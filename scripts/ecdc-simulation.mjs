// The ECDC model's bounds checked against registers whose truth is known (issue 16's simulation
// check, a bench rather than a test: it takes minutes). Infections are drawn from a known incidence
// curve and each person lives through the model's own stages: primary infection, a CD4 stage,
// progression, diagnosis at the stage's rate, AIDS and death. The register keeps what a centre
// would see (diagnoses by year and stage at diagnosis, AIDS diagnoses, deaths of the diagnosed);
// the model is fitted to it with the bootstrap, and the true number living with undiagnosed HIV at
// the end of the last year is compared with the 95% bounds. Usage:
//   node scripts/ecdc-simulation.mjs [REGISTERS=100] [BOOTSTRAP=100] [SCALE=1]
// SCALE multiplies the incidence: 0.25 gives registers of about 200 diagnoses instead of 800, to see
// how the bounds widen on a small register (the screen warns below 200 with a CD4 count).
import { join } from 'node:path';
import { ROOT, build, ensureInstalled } from './setup.mjs';

ensureInstalled();
build({ renderer: false });
const load = (p) => import(join(ROOT, 'dist', 'node', p));
const { ALPHA, F_INIT, Q, DELTA_AIDS } = await load('electron/service/estimates/ecdc/parameters.js');
const { mainFit } = await load('electron/service/estimates/ecdc/fit.js');
const { fitOutputs } = await load('electron/service/estimates/ecdc/outputs.js');
const { bootstrap } = await load('electron/service/estimates/ecdc/bootstrap.js');
const poisson = (await import('@stdlib/random-base-poisson')).default;
const uniform = (await import('@stdlib/random-base-randu')).default;

const [registers = 100, runs = 100, scale = 1] = process.argv.slice(2).map(Number);
const FIRST = 1985;
const LAST = 2016;
/** The known incidence: a rise from nothing, a peak around 1998, a plateau. */
const incidence = (t) => scale * (60 * Math.exp(-(((t - 1998) / 6) ** 2)) + 25 / (1 + Math.exp(-(t - 2006))) + (t < FIRST + 1 ? 0 : 2));
/** Diagnosis rates by CD4 stage: none before 1990, then constant. */
const DELTA = [0.08, 0.12, 0.2, 0.45];
const deltaAt = (t, s) => (s === 4 ? DELTA_AIDS : t < 1990 ? 0 : DELTA[s]);

function simulate(seed) {
  const u = uniform.factory({ seed });
  const pois = poisson.factory({ seed: seed + 7 });
  const exp = (rate) => -Math.log(1 - u()) / rate;
  const years = LAST - FIRST + 1;
  const stage = Array.from({ length: 5 }, () => new Array(years).fill(0));
  const aids = new Array(years).fill(0);
  const dead = new Array(years).fill(0);
  let undiagnosedAtEnd = 0;
  const end = LAST + 1;
  const yearOf = (t) => Math.floor(t) - FIRST;
  for (let y = FIRST; y <= LAST; y++) {
    // Infections of the year: Poisson with the curve's mean, times by rejection under the curve.
    const n = pois(incidence(y + 0.5));
    for (let i = 0; i < n; i++) {
      let t = y + u();
      t += exp(ALPHA); // primary infection
      let s = 0;
      for (let r = u(), acc = F_INIT[0]; r > acc && s < 4;) acc += F_INIT[++s];
      let diagnosedAt = null;
      // Through the stages: in each, progression and (undiagnosed) diagnosis compete; rates of
      // diagnosis change only at 1990, handled by restarting the clock there.
      while (t < end) {
        if (diagnosedAt === null) {
          const d = deltaAt(t, s);
          const wait = exp(Q[s] + (d || 1e-12));
          const boundary = t < 1990 && s < 4 ? 1990 : Infinity;
          if (t + wait > boundary) {
            t = boundary;
            continue;
          }
          t += wait;
          if (t >= end) break;
          if (d > 0 && u() < d / (Q[s] + d)) {
            diagnosedAt = t;
            stage[s][yearOf(t)]++;
            if (s === 4) aids[yearOf(t)]++;
            continue;
          }
        } else {
          t += exp(Q[s]);
          if (t >= end) break;
        }
        // Progression out of stage s: to the next, or (from AIDS) death.
        if (s === 4) {
          if (diagnosedAt !== null) dead[yearOf(t)]++;
          s = 5;
          break;
        }
        s++;
        if (s === 4 && diagnosedAt !== null) aids[yearOf(t)]++;
      }
      if (diagnosedAt === null && s < 5 && t >= end) undiagnosedAtEnd++;
    }
  }
  const hiv = stage[0].map((_, i) => stage.reduce((a, st) => a + st[i], 0));
  return { data: { hiv, cd4: [stage[0], stage[1], stage[2], stage[3]], hivAids: stage[4], aids, dead }, truth: undiagnosedAtEnd };
}

const settings = {
  firstYear: FIRST,
  lastYear: LAST,
  fit: { total: [1979, 1979], cd4: [FIRST, LAST], aids: [FIRST, LAST], hivAids: [FIRST, LAST] },
  intervals: [
    { startYear: FIRST, jump: false, changing: false, byCd4: false },
    { startYear: 1990, jump: true, changing: false, byCd4: true },
  ],
  knots: 5,
  startIncidenceAtZero: true,
  lastWeightByExtrapolation: true,
  distribution: 'poisson',
  country: 'OTHER',
  delta4Fac: 0,
};

let inside = 0;
const widths = [];
const started = performance.now();
for (let k = 0; k < registers; k++) {
  const { data, truth } = simulate(1000 + k);
  const fit = mainFit(settings, data);
  const last = fitOutputs(fit, data).at(-1);
  const b = bootstrap(fit, data, runs, 5000 + k);
  const [lo, hi] = b.bounds.at(-1).N_Und;
  const ok = truth >= lo && truth <= hi;
  if (ok) inside++;
  widths.push((hi - lo) / Math.max(last.N_Und, 1e-9));
  console.log(
    `register ${k + 1}: ${data.hiv.reduce((a, x) => a + x, 0)} diagnoses; undiagnosed at the end of ${LAST}: true ${truth}, estimated ${last.N_Und.toFixed(0)} [${lo.toFixed(0)}, ${hi.toFixed(0)}] ${ok ? 'inside' : 'OUTSIDE'} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
}
console.log(`\nthe true number lay within the 95% bounds in ${inside} of ${registers} registers (target: at least 90 of 100)`);
const median = [...widths].sort((a, b) => a - b)[Math.floor(widths.length / 2)];
console.log(`median width of the bounds: ${(100 * median).toFixed(0)}% of the estimate`);
process.exit(inside >= Math.ceil(0.9 * registers) ? 0 : 1);
