// Starts the back end in its own thread and speaks to it for a transport. The host keeps what
// only it may do (dialogs, the OS key store) and answers the thread's requests for them. If the
// thread dies (out of memory, a native fault), every waiting call gets an internal error and a
// new thread starts on the same data folder: SQLite has kept every committed change, and the user
// signs in again.
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { appError, type Result } from '../../../shared/result.js';
import { consoleLogger } from '../log.js';
import { appRoot } from '../paths.js';
import type { SessionOptions } from '../session.js';
import type { DeskBackend } from './backend.js';
import type { FromWorker, HostRequest, ToWorker, WorkerStart } from './protocol.js';

/** The session's options that the host provides (the clock stays the thread's own). */
export type HostOptions = Pick<
  SessionOptions,
  'dataDir' | 'appVersion' | 'logger' | 'chooseSavePath' | 'chooseOpenPath' | 'printToPdf' | 'sealer'
> & {
  /** The compiled thread entry; by default the one beside this program's package.json. */
  script?: string;
  /** The thread's heap cap: past it the thread ends, and a new one is started. */
  heapMb?: number;
};

export const WORKER_SCRIPT = () => join(appRoot(), 'dist', 'node', 'electron', 'service', 'worker', 'desk-worker.js');

/** Restarts allowed within a minute before the back end is left stopped (a fault at every start). */
const MAX_RESTARTS = 3;

export class BackendStartFailed extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, unknown>,
  ) {
    super(`back end did not start: ${code}`);
  }
}

export async function startDeskWorker(opts: HostOptions): Promise<DeskBackend> {
  const log = opts.logger ?? consoleLogger;
  const start: WorkerStart = {
    dataDir: opts.dataDir,
    appVersion: opts.appVersion,
    offers: {
      chooseSavePath: !!opts.chooseSavePath,
      chooseOpenPath: !!opts.chooseOpenPath,
      printToPdf: !!opts.printToPdf,
      sealer: !!opts.sealer,
    },
  };
  /** The thread calls go to; while a new one starts, calls wait for it. */
  let worker: Promise<Worker>;
  let nextId = 0;
  let disposed = false;
  const restarts: number[] = [];
  /** Calls sent and not yet answered: how to answer each, and its answer if its thread dies first. */
  const pending = new Map<number, { done: (value: unknown) => void; whenGone: unknown }>();

  const serve = async (r: HostRequest): Promise<unknown> => {
    switch (r.kind) {
      case 'chooseSavePath':
        return opts.chooseSavePath!(r.suggestedName);
      case 'chooseOpenPath':
        return opts.chooseOpenPath!(r.startIn);
      case 'printToPdf':
        return opts.printToPdf!(r.suggestedName);
      case 'seal':
        return new Uint8Array(await opts.sealer!.seal(Buffer.from(r.plain)));
      case 'unseal':
        return new Uint8Array(await opts.sealer!.unseal(Buffer.from(r.sealed)));
    }
  };

  /** A thread, answered once it has opened (or failed to open) its data folder. */
  const launch = () =>
    new Promise<Worker>((resolve, reject) => {
      const w = new Worker(opts.script ?? WORKER_SCRIPT(), {
        workerData: start,
        ...(opts.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: opts.heapMb } } : {}),
      });
      let ready = false;
      w.on('message', (m: FromWorker) => {
        switch (m.type) {
          case 'ready':
            ready = true;
            return resolve(w);
          case 'startFailed':
            return reject(new BackendStartFailed(m.code, m.params));
          case 'log':
            return log(m.level, m.event, m.fields);
          case 'answer': {
            const call = pending.get(m.id);
            pending.delete(m.id);
            return call?.done(m.value);
          }
          case 'hostRequest':
            return void serve(m.request).then(
              (value) => w.postMessage({ type: 'hostReply', id: m.id, ok: true, value } satisfies ToWorker),
              () => w.postMessage({ type: 'hostReply', id: m.id, ok: false } satisfies ToWorker),
            );
        }
      });
      w.on('error', (e) => {
        log('error', 'backend.failed', { error: e.name });
        if (!ready) reject(e);
      });
      w.on('exit', (code) => {
        if (!ready || disposed) return;
        // Every call still waiting is answered: the thread that would have answered it is gone.
        for (const call of pending.values()) call.done(call.whenGone);
        pending.clear();
        const now = Date.now();
        restarts.push(now);
        while (restarts.length && restarts[0]! < now - 60_000) restarts.shift();
        log('error', 'backend.exited', { code, restarts: restarts.length });
        worker = restarts.length > MAX_RESTARTS ? Promise.reject(new Error('back end stopped')) : launch();
        worker.catch(() => log('error', 'backend.restart_failed'));
      });
    });

  worker = launch();
  await worker;

  /** Sends a message; `whenGone` answers it if the thread dies first, `whenUnsendable` if it cannot be sent at all. */
  const send = <T>(build: (id: number) => ToWorker, whenGone: T, whenUnsendable: T = whenGone): Promise<T> => {
    if (disposed) return Promise.resolve(whenGone);
    const id = ++nextId;
    return new Promise<T>((resolve) => {
      pending.set(id, { done: resolve as (v: unknown) => void, whenGone });
      const answer = (value: T) => {
        pending.delete(id);
        resolve(value);
      };
      worker.then(
        (w) => {
          // Copying a payload to the thread can fail (nested thousands deep: the copy runs out of stack).
          try {
            w.postMessage(build(id));
          } catch (e) {
            log('warn', 'backend.unsendable', { error: e instanceof Error ? e.name : typeof e });
            answer(whenUnsendable);
          }
        },
        () => answer(whenGone),
      );
    });
  };
  const gone: Result<unknown> = { ok: false, error: appError('internal') };
  const unsendable: Result<unknown> = {
    ok: false,
    error: appError('invalid_input', undefined, [{ path: '(root)', messageKey: 'validation.invalid_type' }]),
  };

  return {
    call: (channel, payload) => send((id) => ({ type: 'call', id, channel, payload }), gone, unsendable),
    lock: () => send((id) => ({ type: 'lock', id }), undefined),
    exportPath: (fileName) => send((id) => ({ type: 'exportPath', id, fileName }), null),
    dispose: async () => {
      if (disposed) return;
      await send((id) => ({ type: 'dispose', id }), undefined);
      disposed = true;
      await (await worker.catch(() => null))?.terminate();
    },
  };
}
