// Aggregate-form figures for `npm run bench`: a cell save through the HTTP bridge (parse, lock
// check, audited upsert, rules and outliers re-evaluated for the answer) against a bare SQLite
// upsert of the same cell, over 1,000 saves; and the testing form's render time in chromium
// against the settings page, both reached by the same keyboard shortcut.
import { bridgeHeaders } from './bench-bridge.mjs';
import { CHROMIUM, launchChromium } from './bench-browser.mjs';
import { Agent, request } from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const ms = (x) => `${x.toFixed(2)} ms`;

export async function benchForms(load, root, { saves = 1000 } = {}) {
  const { DeskSession } = await load('electron/service/session.js');
  const { silentLogger } = await load('electron/service/log.js');
  const { startBridge } = await load('electron/bridge/server.js');
  const { inProcess } = await load('electron/service/worker/backend.js');
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-forms-'));
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const session = new DeskSession({ dataDir: dir, appVersion: 'bench', logger: silentLogger });
    const status = session.openDemo();
    const orgUnitId = status.database.orgUnitPath.at(-1).id;
    const db = session.database;

    const ages = ['0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50+', 'unknown'];
    const coc = (i) =>
      `age_band:${ages[i % 12]}|legal_status:irregular|migrant_type:immigrant|sex:${['male', 'female', 'unknown'][Math.floor(i / 12) % 3]}`;

    // Baseline: the same upsert, bare.
    const upsert =
      db.prepare(`INSERT INTO data_value (data_element, coc, org_unit_id, period, value_number, value_text, comment, updated_at, updated_by) VALUES (?, ?, ?, '2019', ?, NULL, NULL, ?, 'bench')
      ON CONFLICT (org_unit_id, period, data_element, coc) DO UPDATE SET value_number = excluded.value_number, updated_at = excluded.updated_at`);
    const bare = [];
    for (let i = 0; i < saves; i++) {
      const t = performance.now();
      upsert.run('tested_voluntary', coc(i), orgUnitId, i + 1, new Date().toISOString());
      bare.push(performance.now() - t);
    }

    const bridge = await startBridge({
      backend: inProcess(session, silentLogger),
      staticDir: join(root, 'dist', 'renderer'),
      logger: silentLogger,
    });
    const headers = await bridgeHeaders(bridge);
    const post = (body) =>
      new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: bridge.port, method: 'POST', path: '/api/forms.save', agent, headers }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => (JSON.parse(text).ok ? resolve() : reject(new Error(text))));
        });
        req.on('error', reject);
        req.end(body);
      });
    const viaBridge = [];
    for (let i = 0; i < saves; i++) {
      const t = performance.now();
      await post(
        JSON.stringify({
          form: 'testing',
          orgUnitId,
          period: '2018',
          cells: [{ de: 'tested_voluntary', coc: coc(i), value: String(i + 1) }],
        }),
      );
      viaBridge.push(performance.now() - t);
    }
    console.log(`\naggregate forms: ${saves} cell saves (period with up to 36 values filled)`);
    console.log(`  baseline, bare SQLite upsert      p50 ${ms(q(bare, 0.5))}  p95 ${ms(q(bare, 0.95))}`);
    console.log(`  save through the bridge           p50 ${ms(q(viaBridge, 0.5))}  p95 ${ms(q(viaBridge, 0.95))}`);
    console.log(
      `  ratio bridge/bare                 p50 ${(q(viaBridge, 0.5) / q(bare, 0.5)).toFixed(1)}x  p95 ${(q(viaBridge, 0.95) / q(bare, 0.95)).toFixed(1)}x`,
    );

    // Without chromium (a machine that has not installed it) the render figures are left out.
    if (existsSync(CHROMIUM)) {
      const browser = await launchChromium(root);
      const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
      await page.goto(bridge.launchUrl());
      await page.waitForSelector('[data-testid="centre-name"]');
      // Time from the key press to the page's inputs in the DOM, measured inside the page.
      const timeTo = (key, selector) =>
        page.evaluate(
          ([k, sel]) =>
            new Promise((resolve) => {
              const start = performance.now();
              const check = () => (document.querySelector(sel) ? resolve(performance.now() - start) : requestAnimationFrame(check));
              window.dispatchEvent(new KeyboardEvent('keydown', { key: k, altKey: true }));
              check();
            }),
          [key, selector],
        );
      const forms = [];
      const settings = [];
      for (let i = 0; i < 10; i++) {
        settings.push(await timeTo('6', 'table.audit, .facts'));
        forms.push(await timeTo('2', 'input[data-grid="kp-voluntary"][data-r="6"][data-c="1"]'));
      }
      const cells = await page.locator('table.grid input').count();
      console.log(
        `  render, median of 10 (chromium): settings page ${ms(q(settings, 0.5))}; testing form with ${cells} cells ${ms(q(forms, 0.5))}`,
      );
      await browser.close();
    }
    await bridge.close();
    session.dispose();
  } finally {
    agent.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
