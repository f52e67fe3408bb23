// Messages between the host (Electron's main process, or the browser mode's HTTP server) and the
// back-end thread. Both ends are this program's own code in one process, so these are typed, not
// parsed: the renderer's payloads are still parsed with zod, by dispatch, inside the thread.
import type { Result } from '../../../shared/result.js';
import type { LogLevel } from '../log.js';

/** What the thread is started with (structured-clone-able: plain data only). */
export type WorkerStart = {
  dataDir: string;
  appVersion: string;
  /** Which host services exist: Save As and print dialogs, and the OS key store (Electron only). */
  offers: { chooseSavePath: boolean; chooseOpenPath: boolean; printToPdf: boolean; sealer: boolean };
};

/** A service only the host has (a dialog, the OS key store), asked for by the thread. */
export type HostRequest =
  | { kind: 'chooseSavePath'; suggestedName: string }
  | { kind: 'chooseOpenPath'; startIn: string }
  | { kind: 'printToPdf'; suggestedName: string }
  | { kind: 'seal'; plain: Uint8Array }
  | { kind: 'unseal'; sealed: Uint8Array };

export type ToWorker =
  | { type: 'call'; id: number; channel: unknown; payload: unknown }
  | { type: 'lock'; id: number }
  | { type: 'exportPath'; id: number; fileName: string }
  | { type: 'dispose'; id: number }
  | { type: 'hostReply'; id: number; ok: true; value: unknown }
  | { type: 'hostReply'; id: number; ok: false };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'startFailed'; code: string; params: Record<string, unknown> }
  | { type: 'answer'; id: number; value: unknown }
  | { type: 'hostRequest'; id: number; request: HostRequest }
  | { type: 'log'; level: LogLevel; event: string; fields?: Record<string, string | number | boolean> };

export type CallAnswer = Result<unknown>;
