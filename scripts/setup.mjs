// Set-up shared by `npm start` and `npm test`, so each works on a fresh clone by itself.
// Plain Node with no dependencies: it runs before node_modules exists.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const win = process.platform === 'win32';
const INSTALL_STAMP = join(ROOT, 'node_modules', '.desk-install-stamp');
const NATIVE_STAMP = join(ROOT, 'node_modules', '.desk-native-target');

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', shell: win, ...opts });
  if (r.status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
  return r;
}

/**
 * `run`, saying every 30 seconds that it is still at work: npm ci prints nothing for minutes, and a
 * silent terminal looks like a hang. The child runs in a worker process so this one can tick.
 */
function runWithHeartbeat(cmd, args, what, opts = {}) {
  const started = Date.now();
  // It stops with this process however this one ends (run() exits on a failure).
  const tick = `setInterval(() => { try { process.kill(${process.pid}, 0); } catch { process.exit(); } console.log('  … ${what}, ' + Math.round((Date.now() - ${started}) / 1000) + ' s'); }, 30000)`;
  const ticker = spawn(process.execPath, ['-e', tick], { stdio: 'inherit' });
  try {
    return run(cmd, args, opts);
  } finally {
    ticker.kill();
  }
}

const lockHash = () =>
  createHash('sha256')
    .update(readFileSync(join(ROOT, 'package-lock.json')))
    .digest('hex');

/** npm ci when node_modules is missing or older than the lock file. The Electron binary is
 *  fetched later, only by `npm start`, so an offline machine still installs everything else. */
export function ensureInstalled() {
  const want = lockHash();
  if (existsSync(INSTALL_STAMP) && readFileSync(INSTALL_STAMP, 'utf8') === want) return ensureNativeFor('node');
  console.log('• Installing dependencies (npm ci). The first time takes about 3 to 10 minutes: the packages are');
  console.log('  downloaded, and the SQLite module is compiled with python3, make and g++ if no ready-made one fits.');
  runWithHeartbeat('npm', ['ci', '--no-audit', '--no-fund'], 'still installing', {
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  writeFileSync(INSTALL_STAMP, want);
  writeFileSync(NATIVE_STAMP, 'node');
  ensureNativeFor('node');
}

/** better-sqlite3-multiple-ciphers is compiled for one runtime at a time: Node (tests, bridge) or Electron (window). */
export function ensureNativeFor(target) {
  const current = existsSync(NATIVE_STAMP) ? readFileSync(NATIVE_STAMP, 'utf8') : 'node';
  if (target === 'node') {
    const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3-multiple-ciphers'))(':memory:').close()"], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    if (current === 'node' && probe.status === 0) return;
    console.log('• Rebuilding the SQLite module for Node…');
    run('npm', ['rebuild', 'better-sqlite3-multiple-ciphers']);
  } else {
    if (current === 'electron') return;
    console.log('• Rebuilding the SQLite module for Electron…');
    run('npx', ['electron-builder', 'install-app-deps']);
  }
  writeFileSync(NATIVE_STAMP, target);
}

/** Builds the back end (tsc -b, incremental) and, unless told not to, the renderer (vite build). */
export function build({ renderer = true } = {}) {
  console.log(renderer ? '• Building (tsc -b, vite build)…' : '• Building (tsc -b)…');
  run('npx', ['tsc', '-b']);
  if (renderer) run('npx', ['vite', 'build', '--logLevel', 'warn']);
}
