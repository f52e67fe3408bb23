// A second thread that counts periods beside the one that asked: a trend of ten years is ten
// passes over the status intervals, and on a laptop's second core half of them run at the same
// time. The asking thread stays synchronous (the engine's callers are): it sends the helper its
// share, counts its own, then waits on a shared flag and takes the answer with
// receiveMessageOnPort. The helper opens the file read-only for each request and closes it after,
// so it never holds a file a restore is about to replace, and it ends itself when idle.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { DataKey, Db } from './connection.js';
import { COUNT_JOBS, type CountJob, type JobParams, type JobResult } from './count-jobs.js';

/** Where a connection reads from: a helper opens the same file with the same key. */
const sources = new WeakMap<Db, { file: string; key?: DataKey }>();

export function rememberSource(db: Db, file: string, key?: DataKey): void {
  sources.set(db, { file, ...(key ? { key } : {}) });
}

/** What the helper is asked: one of the count jobs, run once per set of parameters. */
export type CountRequest = {
  file: string;
  key?: { bytes: Uint8Array; cipher: DataKey['cipher'] };
  job: CountJob;
  runs: unknown[];
};
export type CountAnswer = { ok: true; results: unknown[] } | { ok: false };

/** The compiled helper: beside this module when it runs compiled, under dist/ when tests run the sources. */
function helperScript(): string | null {
  const candidates = [
    new URL('./count-reader-thread.js', import.meta.url),
    new URL('../dist/node/db/count-reader-thread.js', import.meta.url),
  ];
  for (const c of candidates) {
    const path = fileURLToPath(c);
    if (existsSync(path)) return path;
  }
  return null;
}

type Helper = { worker: Worker; port: MessagePort; flag: Int32Array; idle?: NodeJS.Timeout };
let helper: Helper | null = null;
let split = 0;

/** A helper unused this long is ended, from this side, so no request can reach one that is ending. */
const IDLE_MS = 60_000;

function startHelper(): Helper | null {
  const script = helperScript();
  if (!script) return null;
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(script, { workerData: { port: port2, flag }, transferList: [port2] });
  // The helper never keeps the program running.
  worker.unref();
  port1.unref();
  const dropped = () => {
    if (helper?.worker === worker) helper = null;
  };
  worker.on('exit', dropped);
  worker.on('error', dropped);
  return { worker, port: port1, flag };
}

function endHelper(h: Helper) {
  if (helper === h) helper = null;
  clearTimeout(h.idle);
  void h.worker.terminate();
}

/** The helper, started if need be, to be ended after a minute without use. */
function useHelper(): Helper | null {
  helper ??= startHelper();
  const h = helper;
  if (h) {
    clearTimeout(h.idle);
    h.idle = setTimeout(() => endHelper(h), IDLE_MS).unref();
  }
  return h;
}

/**
 * How long the asking thread waits for the helper once its own share is done: the helper's share
 * is about as long, so four times it (at least 10 s, for a busy laptop) means it is not coming.
 */
const deadline = (ownMs: number) => Math.max(10_000, 4 * ownMs);

const canShare = (db: Db) => sources.has(db) && !db.inTransaction && availableParallelism() >= 2;

/** Starts the helper ahead of need (its thread and module take a moment), where it could be used. */
export function prepareShared(db: Db): void {
  if (canShare(db)) useHelper();
}

/**
 * Runs a count job once per parameter set and returns each run's result, in order: about half on
 * a helper thread when the machine has a second core and the connection reads a file outside any
 * transaction (inside one, only this connection sees its own changes), the rest here.
 */
export function runShared<J extends CountJob>(db: Db, job: J, runs: JobParams<J>[]): JobResult<J>[] {
  const run = COUNT_JOBS[job] as (db: Db, p: JobParams<J>) => JobResult<J>;
  const source = sources.get(db);
  const h = runs.length >= 2 && source && canShare(db) ? useHelper() : null;
  if (!source || !h) return runs.map((p) => run(db, p));
  // Every other run, the last one here: later periods hold more cases and are heavier, and the
  // helper also has a connection to open, so it takes the lighter of the two halves.
  const ourRun = (i: number) => (runs.length - 1 - i) % 2 === 0;
  const request: CountRequest = {
    file: source.file,
    ...(source.key ? { key: { bytes: new Uint8Array(source.key.bytes), cipher: source.key.cipher } } : {}),
    job,
    runs: runs.filter((_, i) => !ourRun(i)),
  };
  Atomics.store(h.flag, 0, 0);
  h.port.postMessage(request);
  const started = performance.now();
  const ours = runs.map((p, i) => (ourRun(i) ? run(db, p) : null));
  const answered = Atomics.wait(h.flag, 0, 0, deadline(performance.now() - started)) !== 'timed-out';
  const answer = answered ? (receiveMessageOnPort(h.port)?.message as CountAnswer | undefined) : undefined;
  if (!answer?.ok) {
    // No answer in time, or the helper could not read: count its share here, and start afresh next time.
    endHelper(h);
    return runs.map((p, i) => ours[i] ?? run(db, p));
  }
  split++;
  let next = 0;
  return runs.map((_, i) => ours[i] ?? (answer.results[next++] as JobResult<J>));
}

/** How many requests a helper has answered in this thread (tests check the helper really ran). */
export const sharedRuns = () => split;
