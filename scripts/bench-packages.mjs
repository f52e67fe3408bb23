// Exchange-package figures for `npm run bench`: a region's register of N cases (loaded from a CSV
// file through the import, the baseline of the same rows) made into a package for its national
// centre, which previews and loads it into its empty register; then the same package again (a
// no-op). Making and loading run in separate processes, each size in its own: the load's peak
// memory is then its own, not hidden by (or hiding in) what the import and the make left behind.
// The import and the load each run three times, taking turns, and the fastest of each is compared.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { peakDuring } from './bench-memory.mjs';
import { figure } from './bench-figures.mjs';
import { registerRows } from './bench-imports.mjs';
import { ROOT } from './setup.mjs';

const PASSWORD = 'ЗамокНаГоре-2024';
const REGION = { countryCode: 'KAZ', region: 'Туркестанская область', centre: 'Областной центр', login: 'Регион', password: PASSWORD };
/** The JavaScript heap a package load is run under to show it does not hold the package (the app alone uses ~30 MB). */
const HEAP_CAP_MB = 48;
/** SQLite's page cache in that same load (the app's is 64 MB, which fills as the register grows: by design, counts read from it). */
const CACHE_CAP_MB = 4;
/** Runs of the import and of the load at each size. */
const RUNS = 3;

export async function benchPackages({ rows = 100_000 } = {}) {
  console.log(`\nexchange package: a region's ${rows.toLocaleString('en')} cases to its national centre`);
  const runs = [];
  // Three sizes: a quarter, the size asked for and twice it, so the peak memory's curve shows where it levels off.
  for (const n of [Math.round(rows / 4), rows, rows * 2]) {
    const dir = mkdtempSync(join(tmpdir(), 'desk-bench-package-'));
    try {
      const step = (node, ...args) => {
        const child = spawnSync(process.execPath, [...node, fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1e6 });
        if (child.status !== 0) throw new Error(`package bench (${args.join(' ')}): ${child.stderr.slice(0, 2000)}`);
        return JSON.parse(child.stdout);
      };
      const made = step([], 'make', String(n), dir);
      // Each rate the fastest of three runs, each in a fresh process, an import and a load taking
      // turns, so that slow moments on a shared machine fall on both alike and none decides the
      // ratio (every run is printed): the import again into a centre of its own, the load again
      // into the empty national centre as it was before the first.
      // (The copy goes back where the first was: a centre's folder names its database by full path.)
      const national = join(dir, 'national');
      cpSync(national, join(dir, 'national-empty'), { recursive: true });
      const imports = [made.importMs];
      const loads = [];
      for (let round = 0; round < RUNS; round++) {
        if (round > 0) {
          imports.push(step([], 'import', String(n), dir).importMs);
          rmSync(national, { recursive: true, force: true });
          cpSync(join(dir, 'national-empty'), national, { recursive: true });
        }
        loads.push(step([], 'load', String(n), dir, made.packagePath, 'national'));
      }
      const total = (l) => l.previewMs + l.confirmMs;
      const loaded = loads.reduce((a, b) => (total(b) < total(a) ? b : a));
      made.importRunsMs = imports;
      made.importMs = Math.min(...imports);
      loaded.loadRunsMs = loads.map(total);
      // The same load with the JavaScript heap capped where holding the package's cases cannot fit
      // (the loader before streaming ran out of memory here at 100,000 cases): it must still load.
      const capped = step([`--max-old-space-size=${HEAP_CAP_MB}`], 'load', String(n), dir, made.cappedPath, 'capped');
      runs.push({ n, ...made, ...loaded, cappedMs: capped.previewMs + capped.confirmMs, cappedPeakMb: capped.loadPeakMb });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const rate = (n, ms) => n / (ms / 1000);
  const fmt = (x) => Math.round(x).toLocaleString('en');
  for (const r of runs) {
    const importRate = rate(r.n, r.importMs);
    const loadRate = rate(r.n, r.previewMs + r.confirmMs);
    console.log(`  ${fmt(r.n)} cases (${(r.packageBytes / 1e6).toFixed(1)} MB package)`);
    console.log(
      `    baseline, register import of the same rows (CSV, check + load)   ${fmt(importRate)} cases/s  (fastest of ${r.importRunsMs.map((ms) => fmt(rate(r.n, ms))).join(', ')}; peak RSS +${r.importPeakMb.toFixed(0)} MB)`,
    );
    console.log(
      `    package made (read, gzip, seal, sign, write: streamed)             ${fmt(rate(r.n, r.makeMs))} cases/s  (${(r.makeMs / 1000).toFixed(1)} s; peak RSS +${r.makePeakMb.toFixed(0)} MB)`,
    );
    console.log(
      `    package loaded (open, check, preview + confirm)                  ${fmt(loadRate)} cases/s  (fastest of ${r.loadRunsMs.map((ms) => fmt(rate(r.n, ms))).join(', ')}; ${((loadRate / importRate) * 100).toFixed(0)}% of the import's rate; peak RSS +${r.loadPeakMb.toFixed(0)} MB, in a process of its own)`,
    );
    console.log(
      `    the same, JavaScript heap capped at ${HEAP_CAP_MB} MB, page cache at ${CACHE_CAP_MB} MB       ${fmt(rate(r.n, r.cappedMs))} cases/s  (loaded; peak RSS +${r.cappedPeakMb.toFixed(0)} MB)`,
    );
    console.log(
      `    the same package again (a no-op)                                 ${(r.againMs / 1000).toFixed(2)} s  (${((r.againMs / (r.previewMs + r.confirmMs)) * 100).toFixed(0)}% of the first load)`,
    );
  }
  const [small, big, double] = runs;
  figure(
    'package.loadCasesPerSecond',
    rate(big.n, big.previewMs + big.confirmMs),
    'cases/s',
    rate(big.n, big.importMs),
    '≥ 80% of the import',
  );
  figure('package.makeCasesPerSecond', rate(big.n, big.makeMs), 'cases/s', rate(big.n, big.importMs));
  figure('package.againShareOfFirst', (big.againMs / (big.previewMs + big.confirmMs)) * 100, '%', null, '< 10%');
  figure('package.loadPeakRssMb', big.loadPeakMb, 'MB', small.loadPeakMb);
  figure('package.loadPeakRssMbAtTwice', double.loadPeakMb, 'MB', big.loadPeakMb);
  figure('package.loadPeakRssMbCappedAtTwice', double.cappedPeakMb, 'MB', big.cappedPeakMb, 'flat: ~1x the peak at half the cases');
  figure('package.loadCasesPerSecondHeapCapped', rate(big.n, big.cappedMs), 'cases/s', rate(big.n, big.importMs));
  console.log(
    `  peak RSS while loading: ${runs.map((r) => `+${r.loadPeakMb.toFixed(0)} MB at ${fmt(r.n)}`).join(', ')} cases (x${(big.loadPeakMb / Math.max(1, small.loadPeakMb)).toFixed(1)} for x4 the cases, then x${(double.loadPeakMb / Math.max(1, big.loadPeakMb)).toFixed(2)} for x2: SQLite's page cache, up to 64 MB a connection, fills as the register grows, and V8 lets garbage stand while its heap has room)`,
  );
  console.log(
    `  the same with both caps: ${runs.map((r) => `+${r.cappedPeakMb.toFixed(0)} MB at ${fmt(r.n)}`).join(', ')} cases (x${(double.cappedPeakMb / Math.max(1, big.cappedPeakMb)).toFixed(2)} for the last x2: what the loader itself holds)`,
  );
}

async function call(dispatchAsync, s, logger, channel, input) {
  const r = await dispatchAsync(s, channel, input, logger);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Signs in to a centre's database made by an earlier process. */
async function reopen(dispatchAsync, log, dataDir, login) {
  const { DeskSession } = await load('electron/service/session.js');
  const s = new DeskSession({ dataDir, appVersion: 'bench', logger: log });
  await call(dispatchAsync, s, log, 'auth.signIn', { login, password: PASSWORD });
  return s;
}

const load = (p) => import(join(ROOT, 'dist', 'node', p));

/** `node bench-packages.mjs make ROWS DIR`: both centres, the region's register imported, its package made; timings as JSON. */
async function make(rows, dir) {
  const { DeskSession } = await load('electron/service/session.js');
  const { dispatchAsync } = await load('electron/service/dispatch.js');
  const { silentLogger: log } = await load('electron/service/log.js');
  const go = (s, channel, input) => call(dispatchAsync, s, log, channel, input);
  const region = new DeskSession({ dataDir: join(dir, 'region'), appVersion: 'bench', logger: log });
  const national = new DeskSession({ dataDir: join(dir, 'national'), appVersion: 'bench', logger: log });
  // A second national centre like the first, for the load with a capped heap (a package opens only for its receiver).
  const capped = new DeskSession({ dataDir: join(dir, 'capped'), appVersion: 'bench', logger: log });
  await go(region, 'setup.createCentre', REGION);
  for (const s of [national, capped])
    await go(s, 'setup.createCentre', {
      countryCode: 'KAZ',
      region: 'г. Астана',
      centre: 'Республиканский центр',
      login: 'Наццентр',
      password: PASSWORD,
    });
  // Baseline: the same rows through the register import (check, then load), into the region.
  const csv = join(dir, 'register.csv');
  writeFileSync(csv, registerRows(rows).csv);
  const imported = await peakDuring(async () => {
    const p = await go(region, 'imports.preview', { fileName: 'register.csv', contentBase64: readFileSync(csv).toString('base64') });
    await go(region, 'imports.confirm', { importId: p.importId });
  });
  const key = async (s) => ({
    fileName: 'k.mhdkey',
    contentBase64: readFileSync((await go(s, 'exchange.keyFile', {})).path).toString('base64'),
  });
  await go(national, 'exchange.addPartner', await key(region));
  const to = await go(region, 'exchange.addPartner', await key(national));
  const made = await peakDuring(() => go(region, 'exchange.makePackage', { partnerId: to.id, full: true }));
  if (made.value.counts.cases !== rows) throw new Error(`package holds ${made.value.counts.cases} cases`);
  await go(capped, 'exchange.addPartner', await key(region));
  const toCapped = await go(region, 'exchange.addPartner', await key(capped));
  const cappedPackage = await go(region, 'exchange.makePackage', { partnerId: toCapped.id, full: true });
  for (const s of [region, national, capped]) s.dispose();
  process.stdout.write(
    JSON.stringify({
      importMs: imported.ms,
      importPeakMb: imported.mb,
      makeMs: made.ms,
      makePeakMb: made.mb,
      packageBytes: readFileSync(made.value.file.path).length,
      packagePath: made.value.file.path,
      cappedPath: cappedPackage.file.path,
    }),
  );
}

/** `node bench-packages.mjs import ROWS DIR`: the register import of the rows `make` wrote, again, into a new centre of its own; its time as JSON. */
async function importAgain(dir) {
  const { DeskSession } = await load('electron/service/session.js');
  const { dispatchAsync } = await load('electron/service/dispatch.js');
  const { silentLogger: log } = await load('electron/service/log.js');
  const go = (s, channel, input) => call(dispatchAsync, s, log, channel, input);
  // A new centre each time (the run before left its register here).
  rmSync(join(dir, 'region-again'), { recursive: true, force: true });
  const region = new DeskSession({ dataDir: join(dir, 'region-again'), appVersion: 'bench', logger: log });
  await go(region, 'setup.createCentre', REGION);
  const imported = await peakDuring(async () => {
    const p = await go(region, 'imports.preview', {
      fileName: 'register.csv',
      contentBase64: readFileSync(join(dir, 'register.csv')).toString('base64'),
    });
    await go(region, 'imports.confirm', { importId: p.importId });
  });
  region.dispose();
  process.stdout.write(JSON.stringify({ importMs: imported.ms }));
}

/** `node bench-packages.mjs load ROWS DIR PACKAGE`: the national centre, in a fresh process, previews and loads the package, then again. */
async function loadPackage(rows, dir, packagePath, centreDir) {
  const { dispatchAsync } = await load('electron/service/dispatch.js');
  const { silentLogger: log } = await load('electron/service/log.js');
  const go = (s, channel, input) => call(dispatchAsync, s, log, channel, input);
  const national = await reopen(dispatchAsync, log, join(dir, centreDir), 'Наццентр');
  // The capped load: what is left of its peak is what the loader itself holds, not the caches' fill.
  if (centreDir === 'capped') national.database.pragma(`cache_size = -${CACHE_CAP_MB * 1024}`);
  const upload = { fileName: 'package.mhdpkg', contentBase64: readFileSync(packagePath).toString('base64') };
  let previewMs = 0;
  const loaded = await peakDuring(async () => {
    const t = performance.now();
    const p = await go(national, 'exchange.previewPackage', upload);
    previewMs = performance.now() - t;
    return go(national, 'exchange.confirmPackage', { packageId: p.packageId });
  });
  if (loaded.value.created !== rows) throw new Error(`loaded ${loaded.value.created} cases`);
  const again = await peakDuring(async () => {
    const p = await go(national, 'exchange.previewPackage', upload);
    if (!p.alreadyLoaded) throw new Error('the second load was not recognised');
    return go(national, 'exchange.confirmPackage', { packageId: p.packageId });
  });
  national.dispose();
  process.stdout.write(JSON.stringify({ previewMs, confirmMs: loaded.ms - previewMs, loadPeakMb: loaded.mb, againMs: again.ms }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, rows, dir, packagePath, centreDir] = process.argv.slice(2);
  if (mode === 'make') await make(Number(rows), dir);
  else if (mode === 'import') await importAgain(dir);
  else await loadPackage(Number(rows), dir, packagePath, centreDir);
}
