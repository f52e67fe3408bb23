// Sandboxed preload: exposes exactly one function, window.desk.call(channel, input).
// CommonJS because sandboxed preloads cannot be ES modules.
import { contextBridge, ipcRenderer } from 'electron';

const IPC_CHANNEL = 'desk:call'; // shared/contract.ts IPC_CHANNEL; a sandboxed preload cannot import it

contextBridge.exposeInMainWorld('desk', {
  call: (channel: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_CHANNEL, String(channel), input),
});
