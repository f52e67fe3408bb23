// An adaptive embedded Runge-Kutta 4(5) step with Cash-Karp coefficients and the usual step
// control (Press et al., Numerical Recipes, 2nd ed., §16.2), the scheme the ECDC tool integrates
// its model with: a year is integrated from a small first step, each step checked against a
// relative accuracy, grown or shrunk by the error estimate.
import { ODE_EPS, ODE_FIRST_STEP, ODE_MAX_STEPS } from './parameters.js';

/** dy/dt at t into `out`; it may note anything it sees at t (the model notes negative incidence). */
export type Derivative = (t: number, y: Float64Array, out: Float64Array) => void;

const [A2, A3, A4, A5, A6] = [0.2, 0.3, 0.6, 1, 0.875];
const B21 = 0.2;
const [B31, B32] = [3 / 40, 9 / 40];
const [B41, B42, B43] = [0.3, -0.9, 1.2];
const [B51, B52, B53, B54] = [-11 / 54, 2.5, -70 / 27, 35 / 27];
const [B61, B62, B63, B64, B65] = [1631 / 55296, 175 / 512, 575 / 13824, 44275 / 110592, 253 / 4096];
const [C1, C3, C4, C6] = [37 / 378, 250 / 621, 125 / 594, 512 / 1771];
const [DC1, DC3, DC4, DC5, DC6] = [C1 - 2825 / 27648, C3 - 18575 / 48384, C4 - 13525 / 55296, -277 / 14336, C6 - 0.25];
const SAFETY = 0.9;
const GROW = -0.2;
const SHRINK = -0.25;
const ERRCON = 1.89e-4;
const TINY = 1e-30;

/** Scratch arrays for one system size, reused across steps. */
export class Integrator {
  private readonly k: Float64Array[];
  private readonly tmp: Float64Array;
  private readonly dydx: Float64Array;
  private readonly yerr: Float64Array;
  private readonly yout: Float64Array;
  private readonly scale: Float64Array;

  constructor(readonly size: number) {
    this.k = Array.from({ length: 6 }, () => new Float64Array(size));
    this.tmp = new Float64Array(size);
    this.dydx = this.k[0]!;
    this.yerr = new Float64Array(size);
    this.yout = new Float64Array(size);
    this.scale = new Float64Array(size);
  }

  /** One Cash-Karp step of size h from (t, y) with its derivative in k[0]: the result in yout, the error in yerr. */
  private step(f: Derivative, t: number, y: Float64Array, h: number): void {
    const [k1, k2, k3, k4, k5, k6] = this.k as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    const { tmp, yout, yerr } = this;
    const n = this.size;
    // The stages written out (the model spends most of its time here).
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + h * B21 * k1[i]!;
    f(t + A2 * h, tmp, k2);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + h * (B31 * k1[i]! + B32 * k2[i]!);
    f(t + A3 * h, tmp, k3);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + h * (B41 * k1[i]! + B42 * k2[i]! + B43 * k3[i]!);
    f(t + A4 * h, tmp, k4);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + h * (B51 * k1[i]! + B52 * k2[i]! + B53 * k3[i]! + B54 * k4[i]!);
    f(t + A5 * h, tmp, k5);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + h * (B61 * k1[i]! + B62 * k2[i]! + B63 * k3[i]! + B64 * k4[i]! + B65 * k5[i]!);
    f(t + A6 * h, tmp, k6);
    for (let i = 0; i < n; i++) {
      yout[i] = y[i]! + h * (C1 * k1[i]! + C3 * k3[i]! + C4 * k4[i]! + C6 * k6[i]!);
      yerr[i] = h * (DC1 * k1[i]! + DC3 * k3[i]! + DC4 * k4[i]! + DC5 * k5[i]! + DC6 * k6[i]!);
    }
  }

  /** Integrates y in place from t0 to t1; false if it needed more steps than allowed. */
  integrate(f: Derivative, y: Float64Array, t0: number, t1: number, firstStep = ODE_FIRST_STEP, eps = ODE_EPS): boolean {
    const n = this.size;
    let t = t0;
    let h = Math.sign(t1 - t0) * Math.abs(firstStep);
    for (let count = 0; count < ODE_MAX_STEPS; count++) {
      f(t, y, this.dydx);
      // The scale uses the step as proposed, before it is cut short at the end.
      for (let i = 0; i < n; i++) this.scale[i] = Math.abs(y[i]!) + Math.abs(this.dydx[i]! * h) + TINY;
      if ((t + h - t1) * (t + h - t0) > 0) h = t1 - t;
      // Try steps until the error is within bounds.
      let errmax: number;
      for (;;) {
        this.step(f, t, y, h);
        errmax = 0;
        for (let i = 0; i < n; i++) errmax = Math.max(errmax, Math.abs(this.yerr[i]! / this.scale[i]!));
        errmax /= eps;
        if (errmax <= 1) break;
        const shrunk = SAFETY * h * errmax ** SHRINK;
        h = h >= 0 ? Math.max(shrunk, 0.1 * h) : Math.min(shrunk, 0.1 * h);
        if (t + h === t) return false;
      }
      t += h;
      y.set(this.yout);
      const next = errmax > ERRCON ? SAFETY * h * errmax ** GROW : 5 * h;
      if ((t - t1) * (t1 - t0) >= 0) return true;
      h = next;
    }
    return false;
  }
}
