// The downhill simplex method of Nelder and Mead, in the form of Press et al. (Numerical Recipes,
// 2nd ed., §10.4, "amoeba") that the ECDC tool fits with: reflect, extend, contract, shrink, until
// the simplex's best and worst values agree to a relative tolerance. The same form is kept on
// purpose: on a flat likelihood (many diagnosis-rate parameters) another variant stops elsewhere.

export type Objective = (p: Float64Array) => number;

export function amoeba(
  f: Objective,
  start: Float64Array,
  steps: Float64Array,
  ftol: number,
  maxEvaluations: number,
): { p: Float64Array; value: number } {
  const n = start.length;
  const simplex = Array.from({ length: n + 1 }, (_, i) => {
    const v = Float64Array.from(start);
    if (i > 0) v[i - 1]! += steps[i - 1]!;
    return v;
  });
  const y = simplex.map((v) => f(v));
  const psum = new Float64Array(n);
  const sumUp = () => {
    psum.fill(0);
    for (const v of simplex) for (let j = 0; j < n; j++) psum[j]! += v[j]!;
  };
  sumUp();
  const ptry = new Float64Array(n);
  const tryPoint = (ihi: number, fac: number) => {
    const fac1 = (1 - fac) / n;
    const fac2 = fac1 - fac;
    for (let j = 0; j < n; j++) ptry[j] = psum[j]! * fac1 - simplex[ihi]![j]! * fac2;
    const ytry = f(ptry);
    if (ytry < y[ihi]!) {
      y[ihi] = ytry;
      for (let j = 0; j < n; j++) {
        psum[j]! += ptry[j]! - simplex[ihi]![j]!;
        simplex[ihi]![j] = ptry[j]!;
      }
    }
    return ytry;
  };
  let evaluations = 0;
  for (;;) {
    let ilo = 0;
    let ihi: number;
    let inhi: number;
    if (y[0]! > y[1]!) {
      ihi = 0;
      inhi = 1;
    } else {
      ihi = 1;
      inhi = 0;
    }
    for (let i = 0; i <= n; i++) {
      if (y[i]! <= y[ilo]!) ilo = i;
      if (y[i]! > y[ihi]!) {
        inhi = ihi;
        ihi = i;
      } else if (y[i]! > y[inhi]! && i !== ihi) inhi = i;
    }
    const rtol = (2 * Math.abs(y[ihi]! - y[ilo]!)) / (Math.abs(y[ihi]!) + Math.abs(y[ilo]!) + 1e-300);
    if (rtol < ftol || evaluations >= maxEvaluations) return { p: Float64Array.from(simplex[ilo]!), value: y[ilo]! };
    evaluations += 2;
    let ytry = tryPoint(ihi, -1);
    if (ytry <= y[ilo]!) ytry = tryPoint(ihi, 2);
    else if (ytry >= y[inhi]!) {
      const ysave = y[ihi]!;
      ytry = tryPoint(ihi, 0.5);
      if (ytry >= ysave) {
        for (let i = 0; i <= n; i++) {
          if (i === ilo) continue;
          for (let j = 0; j < n; j++) simplex[i]![j] = 0.5 * (simplex[i]![j]! + simplex[ilo]![j]!);
          y[i] = f(simplex[i]!);
        }
        evaluations += n;
        sumUp();
      }
    } else evaluations--;
  }
}
