// The ECDC HIV Modelling Tool's method against the tool itself: its two test data sets, read as
// they are (its input format), fitted, and every year's figures compared with the results the
// tool's Windows version 1.3.0 produced for them (tests/fixtures/ecdc/*/results-ecdc-tool-1.3.0.csv).
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReferenceFolder } from '../../electron/service/estimates/ecdc/reference-format.js';
import { mainFit } from '../../electron/service/estimates/ecdc/fit.js';
import { fitOutputs, type OutputRow } from '../../electron/service/estimates/ecdc/outputs.js';
import { useTempDirs } from '../helpers/tmp.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'ecdc');
const CLI = join(import.meta.dirname, '..', '..', 'dist', 'node', 'electron', 'cli', 'ecdc-model.js');
const tempDir = useTempDirs();
const COMPARED = ['N_Und', 'N_Inf_M', 'N_HIV_M', 't_diag', 'delta1', 'delta2', 'delta3', 'delta4'] as const;

function toolResults(dir: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(join(FIXTURES, dir, 'results-ecdc-tool-1.3.0.csv'), 'utf8')
    .trim()
    .split(/\r?\n/);
  const cols = head!.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i]!, v])));
}

/** Within 1%, or within 0.5 people where the tool's value is under 50 (the tolerance). */
const close = (ours: number, tool: number) =>
  Math.abs(ours - tool) <= (Math.abs(tool) < 50 ? Math.max(0.5, 0.01 * Math.abs(tool)) : 0.01 * Math.abs(tool));

function compare(dir: string, rows: OutputRow[]) {
  const tool = toolResults(dir);
  expect(rows.map((r) => r.year)).toEqual(tool.map((r) => Number(r['year'])));
  const off: string[] = [];
  let worst = 0;
  rows.forEach((r, i) => {
    for (const c of COMPARED) {
      const t = Number(tool[i]![c]);
      if (!close(r[c], t)) off.push(`${r.year} ${c}: ${r[c]} against ${t}`);
      if (Math.abs(t) >= 1) worst = Math.max(worst, Math.abs(r[c] - t) / Math.abs(t));
    }
  });
  expect(off).toEqual([]);
  return worst;
}

describe('the ECDC model against the ECDC tool 1.3.0', () => {
  it('test-1 (negative binomial, 6 knots, one diagnosis rate): every year within 1%', () => {
    const { settings, data } = readReferenceFolder(join(FIXTURES, 'test-1'));
    const fit = mainFit(settings, data);
    expect(fit.converged).toBe(true);
    // The tool's deviance at its optimum, and its over-dispersion (AIDS at the upper bound, the rest estimated).
    expect(fit.deviance).toBeCloseTo(4148.0941, 3);
    expect(fit.dispersion!.aids).toBe(1e5);
    expect(fit.dispersion!.rest).toBeCloseTo(4.6077, 3);
    expect(compare('test-1', fitOutputs(fit, data))).toBeLessThan(1e-5);
    // Its time to diagnosis quartiles and the living-with-HIV figures too.
    const rows = fitOutputs(fit, data);
    const tool = toolResults('test-1');
    for (const c of ['t_diag_p25', 't_diag_p50', 't_diag_p75', 'N_Alive', 'N_Alive_Diag_M'] as const)
      rows.forEach((r, i) => expect(close(r[c], Number(tool[i]![c])), `${r.year} ${c}`).toBe(true));
  });

  it('test-2 (Poisson, 7 knots, twenty diagnosis rates by CD4 and changing within intervals): every year within 1%', () => {
    // Through the command an analyst runs, on the compiled code: this fit takes ~85,000 runs of the
    // model, 2-3 times slower under the test runner's transform than compiled.
    const out = join(tempDir(), 'test-2.csv');
    const r = spawnSync(process.execPath, [CLI, join(FIXTURES, 'test-2'), '--out', out], { encoding: 'utf8', timeout: 600_000 });
    expect(r.status, r.stderr).toBe(0);
    // The tool's deviance at its optimum (256.508); the fit settled.
    expect(r.stderr).toMatch(/deviance 256\.50\d\d, converged/);
    const [head, ...lines] = readFileSync(out, 'utf8').trim().split('\n');
    const cols = head!.split(',');
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, Number(v)])) as OutputRow);
    expect(compare('test-2', rows)).toBeLessThan(1e-4);
  }, 600_000);
});
