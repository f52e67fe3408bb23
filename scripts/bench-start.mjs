// Cold start for `npm run bench`: from starting the browser mode's process to the first screen drawn
// in chromium, beside a bare Node HTTP server serving the same built files to the same browser.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { figure } from './bench-figures.mjs';
import { launchChromium } from './bench-browser.mjs';

const BARE_SERVER = `
const { createServer } = require('node:http');
const { readFile } = require('node:fs/promises');
const { join, normalize } = require('node:path');
const root = process.argv[1];
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
createServer(async (req, res) => {
  const path = normalize(new URL(req.url, 'http://x').pathname).replace(/^\\/+$/, '/index.html');
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, { 'content-type': types[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream' });
    res.end(body);
  } catch { res.writeHead(404); res.end(); }
}).listen(0, '127.0.0.1', function () { console.log('BRIDGE_URL=http://127.0.0.1:' + this.address().port + '/'); });`;

/** Starts a process and resolves with the first BRIDGE_URL it prints. */
export function started(args) {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /BRIDGE_URL=(\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

export async function benchStart(root, { runs = 5 } = {}) {
  const browser = await launchChromium(root);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const app = [];
  const bare = [];
  try {
    for (let i = 0; i < runs; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'desk-bench-start-'));
      // The app: its process, the back end's thread, the page, and the first-start screen drawn.
      let t = performance.now();
      const a = await started([join(root, 'dist', 'node', 'electron', 'cli', 'serve.js'), '--data-dir', dir, '--no-open']);
      const page = await browser.newPage();
      await page.goto(a.url);
      await page.getByRole('heading', { name: 'Первый запуск' }).waitFor({ timeout: 60_000 });
      app.push(performance.now() - t);
      await page.close();
      a.child.kill('SIGTERM');
      // The baseline: a bare server of the same files, the page loaded.
      t = performance.now();
      const b = await started(['-e', BARE_SERVER, join(root, 'dist', 'renderer')]);
      const bp = await browser.newPage();
      await bp.goto(b.url, { waitUntil: 'load' });
      bare.push(performance.now() - t);
      await bp.close();
      b.child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
  }
  figure('coldStart.firstScreenSeconds', median(app) / 1000, 's', median(bare) / 1000, '< 2 s');
  console.log(`\ncold start, browser mode, median of ${runs} (target < 2 s)`);
  console.log(`  baseline, a bare Node server of the same files, page loaded   ${(median(bare) / 1000).toFixed(2)} s`);
  console.log(
    `  the app: process, back-end thread, first screen drawn         ${(median(app) / 1000).toFixed(2)} s  (${(median(app) / median(bare)).toFixed(1)}x)`,
  );
}
