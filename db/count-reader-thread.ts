// The helper thread of count-reader.ts: opens the file read-only, runs the count job for each
// set of parameters, answers on the port, raises the flag. The asking side ends it when idle.
import { workerData, type MessagePort } from 'node:worker_threads';
import { openConnection } from './connection.js';
import type { CountAnswer, CountRequest } from './count-reader.js';
import { COUNT_JOBS } from './count-jobs.js';

const { port, flag } = workerData as { port: MessagePort; flag: Int32Array };

port.on('message', (request: CountRequest) => {
  let answer: CountAnswer;
  try {
    const key = request.key ? { bytes: Buffer.from(request.key.bytes), cipher: request.key.cipher } : undefined;
    const db = openConnection(request.file, { create: false, readonly: true, ...(key ? { key } : {}) });
    try {
      db.pragma('cache_size = -65536');
      db.pragma('mmap_size = 268435456');
      const run = COUNT_JOBS[request.job] as (on: typeof db, p: unknown) => unknown;
      answer = { ok: true, results: request.runs.map((p) => run(db, p)) };
    } finally {
      db.close();
    }
  } catch {
    answer = { ok: false };
  }
  port.postMessage(answer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
