// What a transport (Electron's IPC, the HTTP bridge) needs from the back end: calls answered as
// Results, the lock a new browser page asks for, and which exported file the signed-in account may
// download. The back end normally runs in its own thread (host.ts); `inProcess` serves the same
// session on the caller's thread, for tests of the transports themselves.
import type { Result } from '../../../shared/result.js';
import { dispatchAsync } from '../dispatch.js';
import { exportsDir } from '../exports/files.js';
import type { Logger } from '../log.js';
import type { DeskSession } from '../session.js';
import { join } from 'node:path';

export type DeskBackend = {
  call(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  /** A new page opened with a launch link finds a signed-in centre locked: the link is no password. */
  lock(): Promise<void>;
  /** The path of an exported file the signed-in account made in this sign-in, or null. */
  exportPath(fileName: string): Promise<string | null>;
  dispose(): Promise<void>;
};

export function inProcess(session: DeskSession, log?: Logger): DeskBackend {
  return {
    call: (channel, payload) => dispatchAsync(session, channel, payload, log),
    lock: async () => void session.lock(),
    exportPath: async (name) => (session.mayFetchExport(name) ? join(exportsDir(session.dataDir), name) : null),
    dispose: async () => session.dispose(),
  };
}
