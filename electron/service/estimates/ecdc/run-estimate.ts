// Runs an estimate (main fit and bootstrap) in a thread of its own, so the back end's thread keeps
// answering while it works: progress after each bootstrap run, and a cancel that ends the thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Bounded } from './bootstrap.js';
import type { OutputRow } from './outputs.js';
import type { ModelData, ModelSettings } from './settings.js';

export type EstimateRequest = { settings: ModelSettings; data: ModelData; bootstrap: number; seed: number };
export type EstimateResult = {
  main: OutputRow[];
  deviance: number;
  converged: boolean;
  knots: number;
  bootstrap: { runs: number; converged: number; bounds: Record<Bounded, [number, number]>[] } | null;
};
export type EstimateMessage =
  | { type: 'fitted'; deviance: number; converged: boolean }
  | { type: 'progress'; done: number }
  | { type: 'done'; result: EstimateResult }
  | { type: 'failed'; error: string };

export type EstimateOutcome = { ok: true; result: EstimateResult } | { ok: false; reason: 'cancelled' | 'failed' };

/** The compiled thread entry: beside this module when compiled, under dist/ when tests run the sources. */
function threadScript(): string {
  for (const c of [
    new URL('./estimate-thread.js', import.meta.url),
    new URL('../../../../dist/node/electron/service/estimates/ecdc/estimate-thread.js', import.meta.url),
  ]) {
    const path = fileURLToPath(c);
    if (existsSync(path)) return path;
  }
  throw new Error('the estimate thread is not built');
}

/** A heap cap for the thread: a register's estimate needs tens of MB; past this it ends, reported as failed. */
const HEAP_MB = 512;

export function runEstimate(
  request: EstimateRequest,
  hooks: {
    onFitted?: (m: { deviance: number; converged: boolean }) => void;
    onProgress?: (done: number) => void;
    signal?: AbortSignal;
  } = {},
): Promise<EstimateOutcome> {
  return new Promise((resolve) => {
    if (hooks.signal?.aborted) return resolve({ ok: false, reason: 'cancelled' });
    const worker = new Worker(threadScript(), { workerData: request, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    let settled = false;
    const finish = (outcome: EstimateOutcome) => {
      if (settled) return;
      settled = true;
      hooks.signal?.removeEventListener('abort', cancel);
      void worker.terminate();
      resolve(outcome);
    };
    const cancel = () => finish({ ok: false, reason: 'cancelled' });
    hooks.signal?.addEventListener('abort', cancel);
    worker.on('message', (m: EstimateMessage) => {
      if (m.type === 'fitted') hooks.onFitted?.(m);
      else if (m.type === 'progress') hooks.onProgress?.(m.done);
      else if (m.type === 'done') finish({ ok: true, result: m.result });
      else finish({ ok: false, reason: 'failed' });
    });
    worker.on('error', () => finish({ ok: false, reason: 'failed' }));
    worker.on('exit', () => finish({ ok: false, reason: 'failed' }));
  });
}
