// Incidence as a clamped cubic B-spline over the model's years: K interior knots spaced evenly
// between the first model year and the year after the last. λ(t) = Σ θ_i B_i(t), 0 before the start.

export type Spline = { knots: Float64Array; count: number; start: number; end: number };

/** The knot vector (four-fold at each end) for K interior knots over [start, end]. */
export function makeSpline(start: number, end: number, interior: number): Spline {
  const d = (end - start) / (interior + 1);
  const knots = new Float64Array(interior + 8);
  for (let i = 0; i < 4; i++) {
    knots[i] = start;
    knots[interior + 4 + i] = end;
  }
  for (let k = 1; k <= interior; k++) knots[3 + k] = start + k * d;
  return { knots, count: interior + 4, start, end };
}

/** λ(t) for one set of weights θ (one per basis function), by de Boor's recursion on the knot span of t, found from the last one. */
export class SplineOf {
  private span = 3;
  private readonly c = new Float64Array(4);

  constructor(
    private readonly s: Spline,
    private readonly theta: ArrayLike<number>,
  ) {}

  at(t: number): number {
    const { s, theta, c } = this;
    if (t <= s.start) return 0;
    const k = s.knots;
    let j = this.span;
    while (j > 3 && t < k[j]!) j--;
    while (j < s.count - 1 && t >= k[j + 1]!) j++;
    this.span = j;
    c[0] = theta[j - 3]!;
    c[1] = theta[j - 2]!;
    c[2] = theta[j - 1]!;
    c[3] = theta[j]!;
    for (let r = 1; r <= 3; r++) {
      for (let i = 3; i >= r; i--) {
        const left = k[j - 3 + i]!;
        const right = k[j + 1 + i - r]!;
        const a = right === left ? 0 : (t - left) / (right - left);
        c[i] = (1 - a) * c[i - 1]! + a * c[i]!;
      }
    }
    return c[3];
  }
}
