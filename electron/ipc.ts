// Electron transport of the contract: one invoke channel, forwarded to the back end's thread.
import { ipcMain } from 'electron';
import { IPC_CHANNEL } from '../shared/contract.js';
import { appError } from '../shared/result.js';
import type { DeskBackend } from './service/worker/backend.js';

export function registerIpc(backend: DeskBackend, rendererUrl: string) {
  ipcMain.handle(IPC_CHANNEL, (event, channel: unknown, payload: unknown) => {
    // Only our own page may call: not a frame or a page navigated elsewhere.
    if (!event.senderFrame?.url.startsWith(rendererUrl)) return { ok: false, error: appError('unauthorized') };
    return backend.call(channel, payload);
  });
}
