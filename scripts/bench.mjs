// `npm run bench`: speed figures, each beside a baseline measured in the same run, so the ratio
// means something on any machine. Later features add their own sections here.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, build, ensureInstalled } from './setup.mjs';

// Set up as the README's two commands do, before anything that needs node_modules is loaded:
// the bench modules import exceljs, which a fresh clone does not have yet.
ensureInstalled();
build();
const { benchCases } = await import('./bench-cases.mjs');
const { benchForms } = await import('./bench-forms.mjs');
const { benchIndicators } = await import('./bench-indicators.mjs');
const { benchImports } = await import('./bench-imports.mjs');
const { benchExports } = await import('./bench-exports.mjs');
const { bridgeHeaders } = await import('./bench-bridge.mjs');
const { figure, saveFigures } = await import('./bench-figures.mjs');
const { benchStart } = await import('./bench-start.mjs');
const { benchDashboard } = await import('./bench-dashboard.mjs');
const { benchEcdc } = await import('./bench-ecdc.mjs');
const load = (p) => import(join(ROOT, 'dist', 'node', p));
const { DeskSession } = await load('electron/service/session.js');
const { dispatch } = await load('electron/service/dispatch.js');
const { silentLogger } = await load('electron/service/log.js');
const { startBridge } = await load('electron/bridge/server.js');
const { startDeskWorker } = await load('electron/service/worker/host.js');
const { benchWorker } = await import('./bench-worker.mjs');
const { benchSearch } = await import('./bench-search.mjs');
const { benchClerk } = await import('./bench-clerk.mjs');
const { benchPackages } = await import('./bench-packages.mjs');

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const ms = (x) => `${x.toFixed(3)} ms`;

function post(bridge, headers, channel, body) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, method: 'POST', path: `/api/${channel}`, agent: agent, headers }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(body);
  });
}
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

const dir = mkdtempSync(join(tmpdir(), 'desk-bench-'));
try {
  const session = new DeskSession({ dataDir: dir, appVersion: 'bench', logger: silentLogger });
  session.openDemo();
  const N = 1000;

  const direct = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    dispatch(session, 'audit.recent', { limit: 20 }, silentLogger);
    direct.push(performance.now() - t);
  }
  session.dispose();
  // As the app runs: the HTTP bridge in front of the back end's own thread, on the same data folder.
  const backend = await startDeskWorker({ dataDir: dir, appVersion: 'bench', logger: silentLogger });
  const bridge = await startBridge({ backend, staticDir: join(ROOT, 'dist', 'renderer'), logger: silentLogger });
  const headers = await bridgeHeaders(bridge);
  const viaHttp = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await post(bridge, headers, 'audit.recent', '{"limit":20}');
    viaHttp.push(performance.now() - t);
  }
  await bridge.close();
  agent.destroy();
  await backend.dispose();

  console.log(`\ncontract call audit.recent(20), ${N} calls`);
  console.log(`  baseline, direct dispatch   p50 ${ms(quantile(direct, 0.5))}  p95 ${ms(quantile(direct, 0.95))}`);
  console.log(`  through bridge and thread   p50 ${ms(quantile(viaHttp, 0.5))}  p95 ${ms(quantile(viaHttp, 0.95))}`);
  figure('bridge.callP50', quantile(viaHttp, 0.5), 'ms', quantile(direct, 0.5));
  console.log(`  ratio bridge/direct         p50 ${(quantile(viaHttp, 0.5) / quantile(direct, 0.5)).toFixed(1)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

await benchWorker(load, { rows: Number(process.env.BENCH_IMPORT_ROWS ?? 100_000) });
await benchForms(load, ROOT);
await benchCases(load, { cases: Number(process.env.BENCH_CASES ?? 100_000) });
await benchSearch(load, { cases: Number(process.env.BENCH_SEARCH_CASES ?? 1_000_000) });
await benchIndicators(load, ROOT, { cases: Number(process.env.BENCH_INDICATOR_CASES ?? 1_000_000) });
await benchImports(load, { rows: Number(process.env.BENCH_IMPORT_ROWS ?? 100_000) });
await benchExports(load, { rows: Number(process.env.BENCH_EXPORT_ROWS ?? 100_000) });
await benchPackages({ rows: Number(process.env.BENCH_PACKAGE_CASES ?? 100_000) });
await benchDashboard(load, ROOT, { cases: Number(process.env.BENCH_DASHBOARD_CASES ?? 100_000) });
await benchClerk(ROOT);
await benchEcdc(load, ROOT);
await benchStart(ROOT);
saveFigures(ROOT);
