// How far the model's expected counts are from the register's, as the ECDC tool measures it: the
// Poisson (or negative binomial) deviance over each series' fit window, plus a large penalty for
// any impossible point so the optimiser turns back from it.
import { PENALTY, Q } from './parameters.js';
import { H, AIDS, INF, inYear, type ModelRun } from './model.js';
import type { ModelData, ModelSettings } from './settings.js';

export const poissonDeviance = (m: number, y: number) => (y === 0 ? 2 * m : 2 * (y * (Math.log(y) - Math.log(m)) + m - y));
export const negBinDeviance = (m: number, y: number, r: number) =>
  y === 0
    ? -2 * r * (Math.log(r) - Math.log(r + m))
    : 2 * y * (Math.log(y) - Math.log(m)) - 2 * (r + y) * (Math.log(r + y) - Math.log(r + m));

/**
 * The share of a year's diagnoses whose stage was reported before 1996 and who survived to 1996
 * (NL only): the Dutch cohort registered earlier diagnoses only when the person was still alive in 1996.
 * Survival out of stage s through the stages to death: a sum of exponentials (hypoexponential).
 */
export function survivalTo1996(country: string, year: number): number[] {
  if (country !== 'NL' || year >= 1996) return [1, 1, 1, 1, 1];
  const t = 1996 - year;
  return Q.map((_, s) => {
    let sum = 0;
    for (let j = s; j < 5; j++) {
      let prod = 1;
      for (let k = s; k < 5; k++) if (k !== j) prod *= Q[k]! / (Q[k]! - Q[j]!);
      sum += prod * Math.exp(-Q[j]! * t);
    }
    return sum;
  });
}

/** Per model year: the share of diagnoses (not made at AIDS) whose CD4 stage is known. */
export const cd4Known = (data: ModelData) =>
  data.hiv.map((n, i) => {
    const known = data.cd4.reduce((a, c) => a + c[i]!, 0);
    return n > data.hivAids[i]! ? known / (n - data.hivAids[i]!) : 0;
  });

/** The model's expected counts as the register would show them, per year. */
export type Expected = { stage: number[][]; cd4: number[][]; total: number[]; hivAids: number[]; aids: number[]; infections: number[] };

export function expectedCounts(run: ModelRun, settings: ModelSettings, known: readonly number[]): Expected {
  const out: Expected = { stage: [], cd4: [[], [], [], []], total: [], hivAids: [], aids: [], infections: [] };
  run.years.forEach((year, i) => {
    const surv = survivalTo1996(settings.country, year);
    const stage = [0, 1, 2, 3, 4].map((s) => inYear(run, i, H + s) * surv[s]!);
    out.stage.push(stage);
    for (let s = 0; s < 4; s++) out.cd4[s]!.push(stage[s]! * known[i]!);
    out.total.push(stage.reduce((a, b) => a + b, 0));
    out.hivAids.push(stage[4]!);
    out.aids.push(inYear(run, i, AIDS));
    out.infections.push(inYear(run, i, INF));
  });
  return out;
}

/** Which (model, data) pairs a fit compares: each series within its window, where the model expects some. */
export function fitPoints(settings: ModelSettings, e: Expected, data: ModelData): { aids: [number, number][]; rest: [number, number][] } {
  const within = (w: readonly [number, number], year: number) => year >= w[0] && year <= w[1];
  const aids: [number, number][] = [];
  const rest: [number, number][] = [];
  e.total.forEach((_, i) => {
    const year = settings.firstYear + i;
    if (within(settings.fit.cd4, year)) for (let s = 0; s < 4; s++) if (e.cd4[s]![i]! > 0) rest.push([e.cd4[s]![i]!, data.cd4[s]![i]!]);
    if (within(settings.fit.total, year) && !within(settings.fit.cd4, year) && e.total[i]! > 0) rest.push([e.total[i]!, data.hiv[i]!]);
    if (within(settings.fit.hivAids, year) && e.hivAids[i]! > 0) rest.push([e.hivAids[i]!, data.hivAids[i]!]);
    if (within(settings.fit.aids, year) && e.aids[i]! > 0) aids.push([e.aids[i]!, data.aids[i]!]);
  });
  return { aids, rest };
}

/** Penalties for what cannot be: negative incidence anywhere, negative expected counts in any year. */
export function impossible(run: ModelRun, e: Expected): number {
  let p = run.negativeIncidence || run.failed ? PENALTY : 0;
  e.total.forEach((total, i) => {
    if (e.infections[i]! < 0 || total < 0) p += PENALTY;
    for (let s = 0; s < 4; s++) if (e.cd4[s]![i]! < 0) p += PENALTY;
  });
  return p;
}

export type Dispersion = { aids: number; rest: number } | null;

export function deviance(points: { aids: [number, number][]; rest: [number, number][] }, dispersion: Dispersion): number {
  let sum = 0;
  for (const [m, y] of points.aids) sum += dispersion ? negBinDeviance(m, y, dispersion.aids) : poissonDeviance(m, y);
  for (const [m, y] of points.rest) sum += dispersion ? negBinDeviance(m, y, dispersion.rest) : poissonDeviance(m, y);
  return sum;
}
