// The dashboard as a user meets it, for `npm run bench`: in chromium, on the browser mode's server,
// each change of year or breakdown timed from the change to its figures drawn, on a register of
// 100,000 cases against the same changes on one of 1,000 (the baseline). Every change asks for a
// year and breakdown not asked before, so no answer comes from the page's cache.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchCentre, figure } from './bench-figures.mjs';
import { launchChromium } from './bench-browser.mjs';
import { fill } from './bench-indicators.mjs';
import { started } from './bench-start.mjs';

const LOGIN = { login: 'bench', password: 'ЗамокНаГоре-2024' };
const YEARS = ['2010', '2011', '2012', '2013', '2014', '2015', '2016', '2017'];
const DIMS = ['legal_status', 'migrant_type', 'key_population', 'age_who', 'age_unaids', 'citizenship', 'sex'];

/** A centre made as the wizard makes it, holding `cases` synthetic cases with their status derived. */
async function centreWith(load, cases) {
  const { DeskSession } = await load('electron/service/session.js');
  const { dispatchAsync } = await load('electron/service/dispatch.js');
  const { silentLogger } = await load('electron/service/log.js');
  const { refreshStatusIntervals } = await load('db/status-intervals.js');
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-dash-'));
  const s = new DeskSession({ dataDir: dir, appVersion: 'bench', logger: silentLogger });
  await benchCentre(dispatchAsync, s, silentLogger);
  const unit = s.database.prepare("SELECT value FROM setting WHERE key = 'installation_org_unit'").get().value;
  fill(s.database, Number(unit), cases);
  refreshStatusIntervals(s.database);
  s.dispose();
  return dir;
}

/** The browser mode's server on a data folder, as `npm start` runs it; resolves with its launch address. */
const serve = (root, dir) => started([join(root, 'dist', 'node', 'electron', 'cli', 'serve.js'), '--data-dir', dir, '--no-open']);

/** Each change timed until its cascade table is drawn for that year and breakdown. */
async function timeChanges(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(url);
  await page.locator('#login').waitFor({ timeout: 120_000 });
  await page.locator('#login').fill(LOGIN.login);
  await page.locator('#password').fill(LOGIN.password);
  await page.keyboard.press('Enter');
  await page.getByTestId('centre-name').waitFor({ timeout: 120_000 });
  const shown = (year, dim) =>
    page.locator(`[data-testid="disaggregation"][data-period="${year}"][data-dimension="${dim}"]`).waitFor({ timeout: 120_000 });
  await page.evaluate(() => (location.hash = '#/indicators/2009/sex'));
  await shown('2009', 'sex');
  const times = [];
  let dim = 'sex';
  for (const year of YEARS) {
    let t = performance.now();
    await page.locator('#indicator-year').fill(year);
    await shown(year, dim);
    times.push(performance.now() - t);
    for (const next of DIMS.filter((d) => d !== dim)) {
      t = performance.now();
      await page.locator('#indicator-dimension').selectOption(next);
      await shown(year, next);
      times.push(performance.now() - t);
      dim = next;
    }
  }
  await page.close();
  return times;
}

export async function benchDashboard(load, root, { cases = 100_000, baselineCases = 1_000 } = {}) {
  const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
  const big = await centreWith(load, cases);
  const small = await centreWith(load, baselineCases);
  const browser = await launchChromium(root);
  const servers = [];
  try {
    const measure = async (dir) => {
      const server = await serve(root, dir);
      servers.push(server.child);
      return timeChanges(browser, server.url);
    };
    const base = await measure(small);
    const times = await measure(big);
    figure('dashboard.changeP95', quantile(times, 0.95), 'ms', quantile(base, 0.95), '< 300 ms at 100,000 cases');
    console.log(`\ndashboard in chromium, ${times.length} changes of year or breakdown, each timed to its figures drawn`);
    console.log(
      `  baseline, ${baselineCases.toLocaleString('en')} cases    p50 ${quantile(base, 0.5).toFixed(0)} ms  p95 ${quantile(base, 0.95).toFixed(0)} ms`,
    );
    console.log(
      `  ${cases.toLocaleString('en')} cases            p50 ${quantile(times, 0.5).toFixed(0)} ms  p95 ${quantile(times, 0.95).toFixed(0)} ms  (target p95 < 300 ms)`,
    );
  } finally {
    for (const c of servers) c.kill('SIGTERM');
    await browser.close();
    for (const d of [big, small]) rmSync(d, { recursive: true, force: true });
  }
}
