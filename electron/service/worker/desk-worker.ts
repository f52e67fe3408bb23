// The back end's own thread: the session (SQLite, exceljs, key derivation) runs here, so the
// window's process and the HTTP server stay free while a file is checked or a year first counted.
// Calls are answered in the order their work allows: a long call that waits (a key derivation, a
// file being read) lets short ones through meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { AppFailure } from '../../../shared/result.js';
import { DeskSession } from '../session.js';
import type { Logger } from '../log.js';
import { inProcess } from './backend.js';
import type { FromWorker, HostRequest, ToWorker, WorkerStart } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('desk-worker runs as a worker thread');
const start = workerData as WorkerStart;
const post = (m: FromWorker) => port.postMessage(m);

const log: Logger = (level, event, fields) => post({ type: 'log', level, event, ...(fields ? { fields } : {}) });

// Services only the host has, asked for by message and answered by id.
let asked = 0;
const waiting = new Map<number, (reply: { ok: true; value: unknown } | { ok: false }) => void>();
function ask<T>(request: HostRequest): Promise<T> {
  const id = ++asked;
  return new Promise<T>((resolve, reject) => {
    waiting.set(id, (r) => (r.ok ? resolve(r.value as T) : reject(new Error(`host ${request.kind} failed`))));
    post({ type: 'hostRequest', id, request });
  });
}

let backend: ReturnType<typeof inProcess>;
try {
  const session = new DeskSession({
    dataDir: start.dataDir,
    appVersion: start.appVersion,
    logger: log,
    ...(start.offers.chooseSavePath
      ? { chooseSavePath: (suggestedName: string) => ask<string | null>({ kind: 'chooseSavePath', suggestedName }) }
      : {}),
    ...(start.offers.chooseOpenPath
      ? { chooseOpenPath: (startIn: string) => ask<string | null>({ kind: 'chooseOpenPath', startIn }) }
      : {}),
    ...(start.offers.printToPdf
      ? { printToPdf: (suggestedName: string) => ask<string | null>({ kind: 'printToPdf', suggestedName }) }
      : {}),
    ...(start.offers.sealer
      ? {
          sealer: {
            seal: async (plain: Buffer) => Buffer.from(await ask<Uint8Array>({ kind: 'seal', plain: new Uint8Array(plain) })),
            unseal: async (sealed: Buffer) => Buffer.from(await ask<Uint8Array>({ kind: 'unseal', sealed: new Uint8Array(sealed) })),
          },
        }
      : {}),
  });
  backend = inProcess(session, log);
  post({ type: 'ready' });
} catch (e) {
  const error = e instanceof AppFailure ? e.error : { code: e instanceof Error ? e.name : 'unknown', params: {} };
  post({ type: 'startFailed', code: error.code, params: error.params ?? {} });
  process.exit(1);
}

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'hostReply': {
      const done = waiting.get(m.id);
      waiting.delete(m.id);
      done?.(m.ok ? { ok: true, value: m.value } : { ok: false });
      return;
    }
    case 'call':
      return void backend.call(m.channel, m.payload).then((value) => post({ type: 'answer', id: m.id, value }));
    case 'lock':
      return void backend.lock().then(() => post({ type: 'answer', id: m.id, value: null }));
    case 'exportPath':
      return void backend.exportPath(m.fileName).then((value) => post({ type: 'answer', id: m.id, value }));
    case 'dispose':
      return void backend.dispose().then(() => {
        post({ type: 'answer', id: m.id, value: null });
        port.close();
      });
  }
});
