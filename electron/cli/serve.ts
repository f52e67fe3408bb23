// Runs the app in a browser: the back end on plain Node behind the local HTTP bridge.
// `npm start` uses this when no Electron binary is installed.
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../service/data-dir.js';
import { appVersion, rendererDir } from '../service/paths.js';
import { consoleLogger } from '../service/log.js';
import { acquireInstanceLock, type InstanceLock } from '../service/instance-lock.js';
import { startBridge, type Bridge } from '../bridge/server.js';
import { BackendStartFailed, startDeskWorker } from '../service/worker/host.js';
import type { DeskBackend } from '../service/worker/backend.js';
import { parseServeArgs, SERVE_HELP } from './serve-args.js';

/** One line, in both languages, then out: no stack traces for a clerk. */
function stop(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

const parsed = parseServeArgs(process.argv.slice(2));
if ('help' in parsed) {
  console.log(SERVE_HELP);
  process.exit(0);
}
if ('error' in parsed) stop(parsed.error);
const args = parsed.args;
const dataDir = args.dataDir ?? defaultDataDir();

/**
 * The browser gets the address through a small page in the data folder (readable by this user
 * only) rather than on the command line, where `ps` shows it to everyone on the machine.
 */
function openInBrowser(url: string) {
  const page = join(dataDir, 'open-in-browser.html');
  try {
    writeFileSync(
      page,
      `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><script>location.replace(${JSON.stringify(url)})</script>`,
      { mode: 0o600 },
    );
  } catch {
    return; // no page, no browser launch: the printed address is enough
  }
  setTimeout(() => rmSync(page, { force: true }), 60_000).unref();
  const [cmd, argv] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', page]]
      : process.platform === 'darwin'
        ? ['open', [page]]
        : ['xdg-open', [page]];
  const child = spawn(cmd, argv, { stdio: 'ignore', detached: true });
  child.on('error', () => {}); // no browser launcher: the printed address is enough
  child.unref();
}

function announce(url: string) {
  console.log(`Migrant HIV Desk is running. Open in a browser / Откройте в браузере:\n${url}`);
  console.log('Ссылка действует один раз. Новая ссылка: нажмите Enter здесь. / The link works once. For a new one, press Enter here.');
  console.log(`BRIDGE_URL=${url}`);
}

let bridge: Bridge | null = null;
// Another start asks this one to show itself: it gets a fresh link, and opens it where it was asked.
const held = await acquireInstanceLock(dataDir, () => ({
  app: 'migrant-hiv-desk',
  mode: 'browser',
  url: bridge?.launchUrl() ?? null,
})).catch((e: unknown) =>
  stop(`Не удалось занять папку данных / Cannot lock the data folder ${dataDir}: ${(e as { code?: string }).code ?? String(e)}`),
);

if ('heldBy' in held) {
  const other = held.heldBy;
  console.log('База данных уже открыта в другом окне программы. / The database is open in another window of the program.');
  if (other?.url) {
    console.log(`Новая ссылка на неё / A new link to it:\n${other.url}`);
    console.log(`BRIDGE_URL=${other.url}`);
    if (!args.noOpen && !process.env.CI) openInBrowser(other.url);
  } else if (other?.mode === 'window') console.log('Окно программы выведено на передний план. / Its window has been brought to the front.');
  else console.log('Закройте её там, затем запустите снова. / Close it there, then start again.');
  process.exit(0);
}
const lock: InstanceLock = held.lock;

// The back end in its own thread: a long check or count never holds up the server's other answers.
let backend: DeskBackend;
try {
  backend = await startDeskWorker({ dataDir, appVersion: appVersion(), logger: consoleLogger });
} catch (e) {
  await lock.release();
  if (e instanceof BackendStartFailed) stop(`Не удалось запустить / Cannot start: ${e.code} ${JSON.stringify(e.params)}`);
  throw e;
}
try {
  bridge = await startBridge({ backend, staticDir: rendererDir(), port: args.port, logger: consoleLogger, devOrigin: args.devOrigin });
} catch (e) {
  await backend.dispose();
  await lock.release();
  const code = (e as { code?: string }).code;
  if (code === 'EADDRINUSE')
    stop(
      `Порт ${args.port} занят другой программой / Port ${args.port} is in use by another program: choose another with --port, or leave --port out.`,
    );
  if (code === 'EACCES')
    stop(`Порт ${args.port} недоступен / Port ${args.port} is not allowed here: choose one above 1024, or leave --port out.`);
  throw e;
}
const first = bridge.launchUrl();
announce(first);
if (!args.noOpen && !process.env.CI) openInBrowser(first);

// Enter in this window: a new one-time link (the page was closed, or another browser is wanted).
process.stdin.on('data', () => {
  if (bridge) announce(bridge.launchUrl());
});
process.stdin.on('error', () => {});

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  await bridge?.close();
  await backend.dispose();
  await lock.release();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
