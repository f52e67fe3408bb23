// `npm start`: installs and builds if needed, then opens the Electron window; where no Electron
// binary can be had (offline, no display, or `npm start -- --browser`), runs the same UI in a
// browser through the local HTTP bridge. Other arguments go to the bridge (e.g. --data-dir DIR).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, build, ensureInstalled, ensureNativeFor } from './setup.mjs';

const args = process.argv.slice(2);
const wantBrowser = args.includes('--browser');
const passThrough = args.filter((a) => a !== '--browser');

ensureInstalled();
build();

function electronBinary() {
  const ask = () => spawnSync(process.execPath, ['-p', "require('electron')"], { cwd: ROOT, encoding: 'utf8' });
  let found = ask();
  if (found.status !== 0) {
    console.log('• Fetching the Electron binary…');
    const fetched = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron', 'install.js')], { cwd: ROOT, stdio: 'ignore', timeout: 300_000, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } });
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
  if (!wantBrowser) console.log(hasDisplay ? '• No Electron binary (offline?): opening the app in your browser instead.' : '• No display for a window: serving the app to a browser instead.');
  child = spawn(process.execPath, [join(ROOT, 'dist', 'node', 'electron', 'cli', 'serve.js'), ...passThrough], { cwd: ROOT, stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
