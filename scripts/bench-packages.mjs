// Exchange-package figures for `npm run bench`: a region's register of N cases (loaded from a CSV
// file through the import, the baseline of the same rows) made into a package for its national
// centre, which previews and loads it into its empty register; then the same package again (a
// no-op). Each size in its own process, so one run's memory does not hide the next one's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { peakDuring } from './bench-memory.mjs';
import { figure } from './bench-figures.mjs';
import { registerRows } from './bench-imports.mjs';
import { ROOT } from './setup.mjs';

const PASSWORD = 'ЗамокНаГоре-2024';

export async function benchPackages({ rows = 100_000 } = {}) {
  console.log(`\nexchange package: a region's ${rows.toLocaleString('en')} cases to its national centre`);
  const runs = [];
  for (const n of [Math.round(rows / 4), rows]) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), String(n)], { encoding: 'utf8', maxBuffer: 1e6 });
    if (child.status !== 0) throw new Error(`package bench (${n}): ${child.stderr}`);
    runs.push({ n, ...JSON.parse(child.stdout) });
  }
  const rate = (n, ms) => n / (ms / 1000);
  const fmt = (x) => Math.round(x).toLocaleString('en');
  for (const r of runs) {
    const importRate = rate(r.n, r.importMs);
    const loadRate = rate(r.n, r.previewMs + r.confirmMs);
    console.log(`  ${fmt(r.n)} cases (${(r.packageBytes / 1e6).toFixed(1)} MB package)`);
    console.log(
      `    baseline, register import of the same rows (CSV, check + load)   ${fmt(importRate)} cases/s  (peak RSS +${r.importPeakMb.toFixed(0)} MB)`,
    );
    console.log(
      `    package made (collect, gzip, seal, sign, write)                  ${fmt(rate(r.n, r.makeMs))} cases/s  (${(r.makeMs / 1000).toFixed(1)} s)`,
    );
    console.log(
      `    package loaded (open, check, preview + confirm)                  ${fmt(loadRate)} cases/s  (${((loadRate / importRate) * 100).toFixed(0)}% of the import's rate; peak RSS +${r.loadPeakMb.toFixed(0)} MB)`,
    );
    console.log(
      `    the same package again (a no-op)                                 ${(r.againMs / 1000).toFixed(2)} s  (${((r.againMs / (r.previewMs + r.confirmMs)) * 100).toFixed(0)}% of the first load)`,
    );
  }
  const big = runs.at(-1);
  const small = runs[0];
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
  console.log(
    `  peak RSS while loading: ${small.loadPeakMb.toFixed(0)} MB at ${fmt(small.n)} cases, ${big.loadPeakMb.toFixed(0)} MB at ${fmt(big.n)} (x${(big.loadPeakMb / Math.max(1, small.loadPeakMb)).toFixed(1)} for x${(big.n / small.n).toFixed(0)} the cases)`,
  );
}

async function call(dispatchAsync, s, logger, channel, input) {
  const r = await dispatchAsync(s, channel, input, logger);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** One size in this process: `node bench-packages.mjs ROWS`; prints the timings as JSON. */
async function one(rows) {
  const load = (p) => import(join(ROOT, 'dist', 'node', p));
  const { DeskSession } = await load('electron/service/session.js');
  const { dispatchAsync } = await load('electron/service/dispatch.js');
  const { silentLogger: log } = await load('electron/service/log.js');
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-package-'));
  try {
    const go = (s, channel, input) => call(dispatchAsync, s, log, channel, input);
    const region = new DeskSession({ dataDir: join(dir, 'region'), appVersion: 'bench', logger: log });
    const national = new DeskSession({ dataDir: join(dir, 'national'), appVersion: 'bench', logger: log });
    await go(region, 'setup.createCentre', {
      countryCode: 'KAZ',
      region: 'Туркестанская область',
      centre: 'Областной центр',
      login: 'Регион',
      password: PASSWORD,
    });
    await go(national, 'setup.createCentre', {
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
    const bytes = readFileSync(made.value.file.path);
    const upload = { fileName: made.value.file.fileName, contentBase64: bytes.toString('base64') };
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
    region.dispose();
    national.dispose();
    process.stdout.write(
      JSON.stringify({
        importMs: imported.ms,
        importPeakMb: imported.mb,
        makeMs: made.ms,
        packageBytes: bytes.length,
        previewMs,
        confirmMs: loaded.ms - previewMs,
        loadPeakMb: loaded.mb,
        againMs: again.ms,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await one(Number(process.argv[2]));
