// Time and peak growth of resident memory during a piece of work. The sampling runs in a worker
// thread, so it keeps counting while synchronous work (a SQLite transaction, a parse) blocks
// the main thread's timers.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const SAMPLER = `
const { parentPort } = require('node:worker_threads');
let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
parentPort.on('message', () => { clearInterval(timer); parentPort.postMessage(Math.max(peak, process.memoryUsage().rss)); });
`;

export async function peakDuring(work) {
  const sampler = new Worker(SAMPLER, { eval: true });
  await new Promise((resolve) => sampler.once('online', resolve));
  const base = process.memoryUsage().rss;
  const t = performance.now();
  let value;
  try {
    value = await work();
  } finally {
    var ms = performance.now() - t;
    sampler.postMessage('stop');
    var peak = await new Promise((resolve) => sampler.once('message', resolve));
    await sampler.terminate();
  }
  return { ms, mb: (Math.max(peak, process.memoryUsage().rss) - base) / 1e6, value };
}
