// `npm start`: installs and builds if needed, then opens the Electron window; where no Electron
// binary can be had (offline, no display, or `npm start -- --browser`), runs the same UI in a
// browser through the local HTTP bridge. Other arguments go to the bridge (e.g. --data-dir DIR).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, build, ensureInstalled, ensureNativeFor } from './setup.mjs';

const args = process.argv.slice(2);

// Help and wrong options are answered at once, before minutes of set-up; the browser mode's own
// command checks them again (it is also run by itself: electron/cli/serve-args.ts).
const HELP = `npm start [-- options]: opens Migrant HIV Desk (the Electron window; without one, the browser)

  --browser        the browser even where Electron is installed / браузер вместо окна
  --data-dir DIR   data folder / папка данных (default: %APPDATA%\\migrant-hiv-desk, ~/.config/migrant-hiv-desk)
  --port N         browser mode: port on 127.0.0.1, 1-65535 / порт
  --no-open        browser mode: print the link only / только напечатать ссылку
  --help           this help / эта справка`;
const portError = (value) => {
  console.error(`--port: нужно целое число от 1 до 65535 / must be a whole number from 1 to 65535, not "${value}"`);
  process.exit(2);
};
const dashed = args.findIndex((a, i) => a === '--port' && args[i + 1]?.startsWith('-'));
if (dashed >= 0) portError(args[dashed + 1]);
try {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      browser: { type: 'boolean' },
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  if (values.port !== undefined && !(/^\d{1,5}$/.test(values.port) && +values.port >= 1 && +values.port <= 65535)) portError(values.port);
} catch (e) {
  console.error(`Неверный параметр / Wrong option: ${String(e.message).split('\n')[0]}. Справка / help: npm start -- --help`);
  process.exit(2);
}
const wantBrowser = args.includes('--browser');
const passThrough = args.filter((a) => a !== '--browser');

ensureInstalled();
build();

function electronBinary() {
  const ask = () => spawnSync(process.execPath, ['-p', "require('electron')"], { cwd: ROOT, encoding: 'utf8' });
  let found = ask();
  if (found.status !== 0) {
    console.log('• Fetching the Electron binary…');
    const fetched = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron', 'install.js')], {
      cwd: ROOT,
      stdio: 'ignore',
      timeout: 300_000,
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    });
    if (fetched.status !== 0) return null;
    found = ask();
  }
  const path = found.stdout?.trim();
  return found.status === 0 && path && existsSync(path) ? path : null;
}

const hasDisplay = process.platform !== 'linux' || !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const electron = !wantBrowser && hasDisplay ? electronBinary() : null;

let child;
if (electron) {
  ensureNativeFor('electron');
  console.log('• Opening the Electron window.');
  child = spawn(electron, ['.'], { cwd: ROOT, stdio: 'inherit' });
} else {
  ensureNativeFor('node');
  if (!wantBrowser)
    console.log(
      hasDisplay
        ? '• No Electron binary (offline?): opening the app in your browser instead.'
        : '• No display for a window: serving the app to a browser instead.',
    );
  child = spawn(process.execPath, [join(ROOT, 'dist', 'node', 'electron', 'cli', 'serve.js'), ...passThrough], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
