// The negative binomial's over-dispersion, for a model fitted with the Poisson deviance: the r that
// zeroes the score of the negative binomial likelihood over the fit points, found by Brent's method
// in [1, 100000], separately for AIDS diagnoses and for the other series (as the ECDC tool does).
import { cd4Known, expectedCounts, fitPoints } from './likelihood.js';
import { runModel } from './model.js';
import type { ModelData } from './settings.js';
import type { Fit } from './fit.js';

/** ψ(x), the digamma function: recurrence up to x ≥ 6, then the asymptotic series. */
export function digamma(x: number): number {
  let r = 0;
  while (x < 6) {
    r -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  return r + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}

const score = (points: [number, number][], r: number) =>
  points.reduce((a, [m, y]) => a + digamma(r + y) - digamma(r) + (m - y) / (r + m) + Math.log(r / (r + m)), 0);

/** Brent's root finder on [a, b]; without a sign change, the end with the smaller |score|. */
export function brent(f: (x: number) => number, a: number, b: number, tol = 1e-5, maxIterations = 100): number {
  let fa = f(a);
  let fb = f(b);
  if (fa * fb > 0) return Math.abs(fa) < Math.abs(fb) ? a : b;
  let c = b;
  let fc = fb;
  let d = b - a;
  let e = d;
  for (let i = 0; i < maxIterations; i++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      e = d = b - a;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : Math.sign(xm) * tol1;
    fb = f(b);
  }
  return b;
}

export function estimateDispersion(fit: Fit, data: ModelData): { aids: number; rest: number } {
  const run = runModel(fit.setup, fit.theta, fit.beta);
  const points = fitPoints(fit.settings, expectedCounts(run, fit.settings, cd4Known(data)), data);
  return { aids: brent((r) => score(points.aids, r), 1, 1e5), rest: brent((r) => score(points.rest, r), 1, 1e5) };
}
