// `npm run dev`: the back end as `npm start` runs it in a browser (the bridge and its thread), and
// Vite's dev server beside it serving the UI from source, reloading it on every save. The page's
// calls go through Vite to the bridge, which accepts them from the dev server's address only.
// The back end is built once at start: after changing it, stop (Ctrl+C) and run again.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { ROOT, build, ensureInstalled } from './setup.mjs';

ensureInstalled();
// Vite serves the UI from source: only the back end needs building (`--no-build`: it is built already).
const extra = process.argv.slice(2).filter((a) => a !== '--no-build');
if (!process.argv.includes('--no-build')) build({ renderer: false });
const { createServer } = await import('vite');

const DEV_PORT = Number(process.env.DESK_DEV_PORT ?? 5173);
const devOrigin = `http://127.0.0.1:${DEV_PORT}`;
const serve = spawn(
  process.execPath,
  [join(ROOT, 'dist', 'node', 'electron', 'cli', 'serve.js'), '--no-open', '--dev-origin', devOrigin, ...extra],
  {
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const lines = createInterface({ input: serve.stdout });
const firstLink = new Promise((resolve, reject) => {
  serve.once('exit', (code) => reject(new Error(`the bridge stopped (${code})`)));
  lines.on('line', (line) => {
    const m = /^BRIDGE_URL=(http:\/\/[^/]+)\/#launch=([0-9a-f]+)$/.exec(line);
    if (!m) return void (line.includes('#launch=') || line.includes('Open in a browser') ? undefined : console.log(line));
    resolve(m[1]);
    // The same one-time code, at the dev server's address: the page trades it through the proxy.
    console.log(`DEV_URL=${devOrigin}/#launch=${m[2]}`);
  });
});
const bridge = await firstLink;
process.env.DESK_BRIDGE = bridge;
const vite = await createServer({
  configFile: join(ROOT, 'vite.config.ts'),
  server: { host: '127.0.0.1', port: DEV_PORT, strictPort: true },
});
await vite.listen();
console.log(`Vite dev server: ${devOrigin} (the bridge: ${bridge}). Enter: a new link. Ctrl+C: stop.`);

process.stdin.on('data', () => serve.stdin.write('\n'));
process.stdin.on('error', () => {});
const stop = async () => {
  await vite.close();
  serve.kill('SIGTERM');
  process.exit(0);
};
// However this ends (Vite also stops when a piped stdin ends), the bridge stops with it.
process.on('exit', () => serve.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
serve.once('exit', () => void vite.close().then(() => process.exit(1)));
