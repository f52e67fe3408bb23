// Electron main process: a single locked-down window over the same back end the bridge serves.
// Everything of substance lives in service/ (plain Node); this file only wires Electron to it.
import { app, BrowserWindow, dialog, safeStorage, session as electronSession, shell } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BackendStartFailed, startDeskWorker } from './service/worker/host.js';
import type { DeskBackend } from './service/worker/backend.js';
import { defaultDataDir } from './service/data-dir.js';
import { appVersion, rendererDir } from './service/paths.js';
import { CONTENT_SECURITY_POLICY } from './bridge/security.js';
import { registerIpc } from './ipc.js';
import { acquireInstanceLock } from './service/instance-lock.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const indexHtml = join(rendererDir(), 'index.html');
let mainWindow: BrowserWindow | null = null;

/** One app per data folder, window or browser mode alike (service/instance-lock.ts): a second start brings this window to the front. */
const showWindow = () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
  return { app: 'migrant-hiv-desk' as const, mode: 'window' as const, url: null };
};

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.whenReady().then(async () => {
  const dataDir = defaultDataDir();
  const held = await acquireInstanceLock(dataDir, showWindow);
  if ('heldBy' in held) {
    const url = held.heldBy?.url;
    dialog.showMessageBoxSync({
      type: 'info',
      title: 'Migrant HIV Desk',
      message: 'База данных уже открыта в другом окне программы.\nThe database is open in another window of the program.',
      detail: url ? 'Она открыта в браузере; открываю её там. / It is open in a browser; opening it there.' : '',
    });
    if (url) await shell.openExternal(url);
    app.quit();
    return;
  }
  app.on('will-quit', () => void held.lock.release());
  const ses = electronSession.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  // The back end runs in its own thread (service/worker): this process keeps windows, dialogs and the key store.
  let desk: DeskBackend;
  try {
    // "Remember on this computer": the data key sealed by DPAPI (Windows) or the keyring (Linux).
    const sealer = safeStorage.isEncryptionAvailable()
      ? {
          seal: (key: Buffer) => safeStorage.encryptString(key.toString('base64')),
          unseal: (sealed: Buffer) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
        }
      : undefined;
    desk = await startDeskWorker({
      dataDir,
      appVersion: appVersion(),
      chooseSavePath: saveDialog,
      chooseOpenPath: openDialog,
      printToPdf: printWindowToPdf,
      ...(sealer ? { sealer } : {}),
    });
  } catch (e) {
    const detail = e instanceof BackendStartFailed ? `${e.code} ${JSON.stringify(e.params)}` : String(e);
    dialog.showErrorBox('Migrant HIV Desk', `Не удалось запустить программу / Cannot start:\n${detail}`);
    app.quit();
    return;
  }
  registerIpc(desk, pathToFileURL(rendererDir()).href);
  app.on('before-quit', () => void desk.dispose());

  mainWindow = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'Migrant HIV Desk',
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadFile(indexHtml);
});

app.on('window-all-closed', () => app.quit());

const SAVE_FILTERS: Record<string, { name: string; extensions: string[] }> = {
  zip: { name: 'ZIP', extensions: ['zip'] },
  mhdpkg: { name: 'Exchange package', extensions: ['mhdpkg'] },
  mhdkey: { name: 'Key file', extensions: ['mhdkey'] },
  json: { name: 'DHIS2 dataValueSet (JSON)', extensions: ['json'] },
  xml: { name: 'DHIS2 ADX (XML)', extensions: ['xml'] },
};

/** Save As for an export (a workbook, a zip, an exchange package or key file), starting in Documents; null when the user cancels. */
async function saveDialog(suggestedName: string): Promise<string | null> {
  const ext = suggestedName.slice(suggestedName.lastIndexOf('.') + 1);
  const options = {
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [SAVE_FILTERS[ext] ?? { name: 'Excel', extensions: ['xlsx'] }],
  };
  const r = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return r.canceled || !r.filePath ? null : r.filePath;
}

/** Open for a database file, starting in the data folder; null when the user cancels. */
async function openDialog(startIn: string): Promise<string | null> {
  const options = {
    defaultPath: startIn,
    properties: ['openFile' as const],
    filters: [{ name: 'SQLite', extensions: ['sqlite'] }],
  };
  const r = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
}

/** The window as it prints (A4, print styles), saved where the user chooses. */
async function printWindowToPdf(suggestedName: string): Promise<string | null> {
  if (!mainWindow) return null;
  const r = await dialog.showSaveDialog(mainWindow, {
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (r.canceled || !r.filePath) return null;
  const pdf = await mainWindow.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
  await writeFile(r.filePath, pdf);
  return r.filePath;
}
