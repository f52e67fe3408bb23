// The bootstrap's bounds: drawn registers refitted from the main fit give, year by year, bounds
// around the main fit's figures; the same seed gives the same bounds; a cancelled run stops.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReferenceFolder } from '../../electron/service/estimates/ecdc/reference-format.js';
import { mainFit } from '../../electron/service/estimates/ecdc/fit.js';
import { fitOutputs } from '../../electron/service/estimates/ecdc/outputs.js';
import { BOUNDED, bootstrap, quantile7 } from '../../electron/service/estimates/ecdc/bootstrap.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'ecdc', 'test-1');

describe('the bootstrap', () => {
  it('bounds hold the main fit for test-1, repeat exactly with the same seed, and stop when asked', () => {
    const { settings, data } = readReferenceFolder(FIXTURE);
    const fit = mainFit(settings, data);
    const main = fitOutputs(fit, data);
    const done: number[] = [];
    const b = bootstrap(fit, data, 12, 2026, { progress: (n) => done.push(n) });
    expect(done).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(b.runs.map((r) => r[0]!.run)).toEqual(done);
    expect(b.converged).toBeGreaterThanOrEqual(10);
    b.bounds.forEach((year) => BOUNDED.forEach((c) => expect(year[c][0]).toBeLessThanOrEqual(year[c][1])));
    // The undiagnosed and the new infections of the fitted years lie within their bounds (the
    // drawn registers scatter around the main fit), for nearly every year.
    const inside = (c: 'N_Und' | 'N_Inf_M') =>
      main.filter((r, i) => r.year >= 1985 && r[c] >= b.bounds[i]![c][0] && r[c] <= b.bounds[i]![c][1]).length;
    const fitted = main.filter((r) => r.year >= 1985).length;
    expect(inside('N_Und')).toBeGreaterThanOrEqual(fitted - 3);
    expect(inside('N_Inf_M')).toBeGreaterThanOrEqual(fitted - 3);
    // Not a constant: the bounds have width where there are data.
    expect(b.bounds[30]!.N_Und[1] - b.bounds[30]!.N_Und[0]).toBeGreaterThan(10);
    // The same seed, the same registers and the same bounds.
    expect(bootstrap(fit, data, 3, 2026).bounds).toEqual(bootstrap(fit, data, 3, 2026).bounds);
    // Cancelled after two runs: two runs, bounds from them.
    let asked = 0;
    expect(bootstrap(fit, data, 12, 1, { stop: () => asked++ >= 2 }).runs).toHaveLength(2);
  }, 300_000);

  it('quantiles as R computes them (type 7)', () => {
    expect(quantile7([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile7([10, 20, 30, 40, 50], 0.025)).toBeCloseTo(11, 10);
    expect(quantile7([10, 20, 30, 40, 50], 0.975)).toBeCloseTo(49, 10);
    expect(quantile7([7], 0.975)).toBe(7);
  });
});
