// Diagnosis rates by CD4 stage over time, built from the model file's intervals as the ECDC tool
// builds them: each interval adds a step at its start year (a "jump", if asked for) and a linear
// change over the interval (if "changing in interval"), with one parameter for all four CD4
// stages or one per stage ("different by CD4"). Each column is an increment on the ones before.
import { DELTA_AIDS } from './parameters.js';

export type RateInterval = { startYear: number; jump: boolean; changing: boolean; byCd4: boolean };

/** Column c: its start; for each CD4 stage, the index (1-based) of its parameter, 0 for none. */
export type RateColumns = { starts: number[]; end: number; stageParam: number[][]; parameters: number; delta4Fac: number };

export function rateColumns(intervals: readonly RateInterval[], end: number, delta4Fac = 0): RateColumns {
  const starts: number[] = [];
  const stageParam: number[][] = [];
  let r = 0;
  const take = (byCd4: boolean) => (byCd4 ? [++r, ++r, ++r, ++r] : ((n) => [n, n, n, n])(++r));
  for (const i of intervals) {
    if (i.jump) {
      starts.push(i.startYear);
      stageParam.push(take(i.byCd4));
    }
    starts.push(i.startYear);
    stageParam.push(i.changing ? take(i.byCd4) : [0, 0, 0, 0]);
  }
  return { starts, end, stageParam, parameters: r, delta4Fac };
}

/**
 * The rates of one set of β, ready for many evaluations (an ODE run asks thousands of times): per
 * column, the stages' rate at its start and its change to the next start.
 */
export class RatesOf {
  private readonly base: Float64Array;
  private readonly slope: Float64Array;
  private readonly starts: number[];
  private readonly nexts: number[];
  private column = -1;

  constructor(cols: RateColumns, beta: ArrayLike<number>) {
    const n = cols.starts.length;
    this.base = new Float64Array(4 * n);
    this.slope = new Float64Array(4 * n);
    this.starts = cols.starts;
    this.nexts = cols.starts.map((_, c) => (c + 1 < n ? cols.starts[c + 1]! : cols.end));
    const sum = [0, 0, 0, 0];
    for (let c = 0; c < n; c++) {
      for (let s = 0; s < 4; s++) {
        const p = cols.stageParam[c]![s]!;
        const v = p ? beta[p - 1]! : 0;
        this.base[4 * c + s] = sum[s]! + (c > 0 && s === 3 ? cols.delta4Fac : 0);
        this.slope[4 * c + s] = v;
        sum[s]! += v;
      }
    }
  }

  /**
   * δ_1..δ_5 at t into out: the columns started before t in full, the current one in proportion
   * to how far t is into it (of equal starts, the later: a jump is passed at its year); δ_5 (AIDS) constant.
   */
  at(t: number, out: Float64Array): void {
    const n = this.starts.length;
    let c = this.column;
    // Times move forward within a run, and back only within a step: start from the last column.
    while (c >= 0 && this.starts[c]! > t) c--;
    while (c + 1 < n && this.starts[c + 1]! <= t) c++;
    this.column = c;
    out[4] = DELTA_AIDS;
    if (c < 0) {
      out[0] = out[1] = out[2] = out[3] = 0;
      return;
    }
    const start = this.starts[c]!;
    const span = this.nexts[c]! - start;
    const rho = span === 0 ? 0 : (t - start) / span;
    for (let s = 0; s < 4; s++) out[s] = this.base[4 * c + s]! + rho * this.slope[4 * c + s]!;
  }
}
