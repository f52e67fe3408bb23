// The thread an estimate runs in (run-estimate.ts): the main fit, its outputs, then the bootstrap,
// telling the asking side after each bootstrap run. A fit takes seconds and a bootstrap minutes;
// here they never hold up the back end's thread, which goes on answering calls.
import { parentPort, workerData } from 'node:worker_threads';
import { mainFit } from './fit.js';
import { fitOutputs } from './outputs.js';
import { bootstrap } from './bootstrap.js';
import type { EstimateRequest, EstimateMessage } from './run-estimate.js';

const request = workerData as EstimateRequest;
const post = (m: EstimateMessage) => parentPort!.postMessage(m);

try {
  const fit = mainFit(request.settings, request.data);
  const main = fitOutputs(fit, request.data);
  post({ type: 'fitted', deviance: fit.deviance, converged: fit.converged });
  const b =
    request.bootstrap > 0
      ? bootstrap(fit, request.data, request.bootstrap, request.seed, { progress: (done) => post({ type: 'progress', done }) })
      : null;
  post({
    type: 'done',
    result: {
      main,
      deviance: fit.deviance,
      converged: fit.converged,
      knots: fit.knots,
      bootstrap: b ? { runs: b.runs.length, converged: b.converged, bounds: b.bounds } : null,
    },
  });
} catch (e) {
  post({ type: 'failed', error: e instanceof Error ? e.name : 'unknown' });
}
