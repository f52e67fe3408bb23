// Time and peak growth of resident memory during a piece of work. On Linux the kernel keeps the
// peak itself: /proc/self/clear_refs resets the high-water mark (VmHWM) to the current size, and
// every page touched after is counted, however short-lived. Elsewhere a worker thread samples
// the size every 10 ms (it keeps counting while synchronous work blocks the main thread's
// timers), which misses short peaks and adds the worker's own heap, tens of MB that vary from run
// to run: one 200,000-case load measured +6 MB and +94 MB that way.
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const SAMPLER = `
const { parentPort } = require('node:worker_threads');
let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
parentPort.on('message', () => { clearInterval(timer); parentPort.postMessage(Math.max(peak, process.memoryUsage().rss)); });
`;

/** This process's resident size and its high-water mark, in bytes, as the kernel counts them (null off Linux). */
function kernelRss() {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)[1]) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** Resets the kernel's high-water mark to the current size; false where that cannot be done. */
function resetPeak() {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return kernelRss() !== null;
  } catch {
    return false;
  }
}

export async function peakDuring(work) {
  if (resetPeak()) {
    const base = kernelRss().rss;
    const t = performance.now();
    const value = await work();
    const ms = performance.now() - t;
    return { ms, mb: (kernelRss().peak - base) / 1e6, value, how: 'kernel' };
  }
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
  return { ms, mb: (Math.max(peak, process.memoryUsage().rss) - base) / 1e6, value, how: 'sampled' };
}
