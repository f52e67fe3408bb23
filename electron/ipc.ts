// Electron transport of the contract: one invoke channel, answered by the shared dispatch.
import { ipcMain } from 'electron';
import { IPC_CHANNEL } from '../shared/contract.js';
import { appError } from '../shared/result.js';
import { dispatchAsync } from './service/dispatch.js';
import type { DeskSession } from './service/session.js';

export function registerIpc(session: DeskSession, rendererUrl: string) {
  ipcMain.handle(IPC_CHANNEL, (event, channel: unknown, payload: unknown) => {
    // Only our own page may call: not a frame or a page navigated elsewhere.
    if (!event.senderFrame?.url.startsWith(rendererUrl)) return { ok: false, error: appError('unauthorized') };
    return dispatchAsync(session, channel, payload);
  });
}
