// The ECDC model's figures for `npm run bench`: the main fit of the tool's test-1 and test-2 (time),
// beside the same number of single model evaluations timed alone (the fit's own overhead is the
// difference), and the memory the fit leaves behind.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { figure } from './bench-figures.mjs';

export async function benchEcdc(load, root) {
  const { readReferenceFolder } = await load('electron/service/estimates/ecdc/reference-format.js');
  const { mainFit, objectiveFor, planOf, setupFor } = await load('electron/service/estimates/ecdc/fit.js');
  const { bootstrap } = await load('electron/service/estimates/ecdc/bootstrap.js');
  console.log("\nECDC model (the tool's method): main fit of its test data (target < 10 s)");
  for (const name of ['test-1', 'test-2']) {
    const { settings, data } = readReferenceFolder(join(root, 'tests', 'fixtures', 'ecdc', name));
    const rss = process.memoryUsage().rss;
    const t = performance.now();
    const fit = mainFit(settings, data);
    const fitMs = performance.now() - t;
    const grown = (process.memoryUsage().rss - rss) / 1e6;
    // One evaluation of the objective at the fitted point, timed alone (median of 200).
    const { setup } = setupFor(settings, fit.knots);
    const plan = planOf(fit);
    const free = plan.free;
    const p = Float64Array.from([...fit.beta, ...free.map((i) => fit.theta[i])]);
    const objective = objectiveFor(settings, data, setup, plan);
    const times = [];
    for (let i = 0; i < 200; i++) {
      const s = performance.now();
      objective.evaluate(p);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const oneMs = times[100];
    const baseline = oneMs * fit.evaluations;
    figure(`ecdc.${name}.mainFitSeconds`, fitMs / 1000, 's', baseline / 1000, '< 10 s');
    console.log(
      `  ${name}: main fit ${(fitMs / 1000).toFixed(1)} s, ${fit.evaluations} evaluations; one evaluation ${oneMs.toFixed(3)} ms, x ${fit.evaluations} = ${(baseline / 1000).toFixed(1)} s (${((fitMs / baseline) * 100).toFixed(0)}%); deviance ${fit.deviance.toFixed(4)}; RSS +${grown.toFixed(0)} MB`,
    );
    if (name === 'test-1') {
      // The tool's bounds: 100 bootstrap fits (its negative binomial draws), one thread.
      const rssBefore = process.memoryUsage().rss;
      const b0 = performance.now();
      const b = bootstrap(fit, data, 100, 1);
      const bootMs = performance.now() - b0;
      figure('ecdc.test-1.bootstrap100Seconds', bootMs / 1000, 's', fitMs / 1000, '< 300 s');
      console.log(
        `  test-1: 100 bootstrap fits ${(bootMs / 1000).toFixed(1)} s (${b.converged} settled; the main fit took ${(fitMs / 1000).toFixed(1)} s); RSS +${((process.memoryUsage().rss - rssBefore) / 1e6).toFixed(0)} MB (target < 5 min, memory flat)`,
      );
    }
  }
}
