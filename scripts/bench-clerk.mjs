// A clerk's five everyday tasks, by keyboard alone, in chromium on the browser mode's server, for
// `npm run bench` ("clerk tasks"): the keys pressed (Tabs counted apart) and the time of each. The
// baseline is the count the issue measured before the flow was reworked (issue 17): 78 keys and 59
// Tabs for a case with three events, 26 keys to find a case. Tabs are pressed until the field the
// task needs has the focus, so a longer way round shows as more Tabs, not as a failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { launchChromium } from './bench-browser.mjs';
import { figure } from './bench-figures.mjs';
import { started } from './bench-start.mjs';

const BEFORE = { case: { keys: 78, tabs: 59 }, find: { keys: 26, tabs: 0 } };
const WAIT = { timeout: 120_000 };

/** The keyboard, counted. */
function counted(page) {
  let keys = 0;
  let tabs = 0;
  const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
  return {
    reset: () => ((keys = 0), (tabs = 0)),
    get: () => ({ keys, tabs }),
    press: async (key) => {
      if (key === 'Tab') tabs++;
      else keys++;
      await page.keyboard.press(key);
    },
    type: async (text) => {
      keys += [...text].length;
      await page.keyboard.type(text);
    },
    /** Tab until the element matching `selector` (or with this id) has the focus. */
    tabTo: async (selector) => {
      const css = selector.startsWith('#') || selector.includes('[') ? selector : `#${selector}`;
      for (let i = 0; i < 80; i++) {
        if (await page.evaluate((s) => document.activeElement === document.querySelector(s), css)) return;
        tabs++;
        await page.keyboard.press('Tab');
      }
      throw new Error(`80 Tabs did not reach ${selector} (focus on ${await focused()})`);
    },
    /** A searchable list: the start of an option's name, then Enter. */
    pick: async (text) => {
      keys += [...text].length + 1;
      await page.keyboard.type(text);
      await page.locator('ul[role="listbox"] [role="option"]').first().waitFor(WAIT);
      await page.keyboard.press('Enter');
    },
  };
}

export async function benchClerk(root) {
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-clerk-'));
  const server = await started([join(root, 'dist', 'node', 'electron', 'cli', 'serve.js'), '--data-dir', dir, '--no-open']);
  const browser = await launchChromium(root);
  const results = [];
  try {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    // A question on leaving would mean work not saved: the bench fails on it rather than answer.
    page.on('dialog', (d) => {
      throw new Error(`unexpected question: ${d.message()}`);
    });
    const k = counted(page);
    const task = async (name, work) => {
      k.reset();
      const t = performance.now();
      await work().catch(async (e) => {
        const where = await page.evaluate(() => `${location.hash} focus=${document.activeElement?.tagName}#${document.activeElement?.id}`);
        throw new Error(`${name}: ${e.message.split('\n')[0]} (at ${where})`);
      });
      results.push({ name, ms: performance.now() - t, ...k.get() });
    };
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Первый запуск' }).waitFor(WAIT);

    await task('new centre', async () => {
      await k.tabTo('countryCode');
      await k.pick('кыр');
      for (const [id, text] of [
        ['region', 'Чуйская область'],
        ['centre', 'Чуйский областной центр СПИД'],
        ['login', 'Айгуль'],
        ['new-password', 'ЧуйскаяДолина-2017'],
        ['new-password-repeat', 'ЧуйскаяДолина-2017'],
      ]) {
        await k.tabTo(id);
        await k.type(text);
      }
      await k.press('Enter');
      await page.getByTestId('recovery-code').waitFor(WAIT);
      await k.tabTo('input[type="checkbox"]');
      await k.press('Space');
      await k.press('Tab'); // on to "Продолжить", enabled by the tick
      await k.press('Enter');
      await page.getByTestId('centre-name').waitFor(WAIT);
    });

    await task('a case with a CD4, an ART start and a viral load', async () => {
      await k.press('Alt+1');
      await k.press('Alt+n');
      await page.locator('#registerNo:focus').waitFor(WAIT);
      await k.type('1/2017');
      const steps = [
        ['uic', 'type', 'АНМА11985'],
        ['sex', 'pick', 'муж'],
        ['birthYear', 'type', '1985'],
        ['citizenship', 'pick', 'узб'],
        ['migrantType', 'pick', 'иностр'],
        ['legalStatus', 'pick', 'нелег'],
        ['transmissionRoute', 'pick', 'гетеро'],
        ['infectionCountry', 'pick', 'росс'],
        ['diagnosisDate', 'type', '15.03.2017'],
        ['diagnosisCountry', 'pick', 'кыр'],
      ];
      for (const [id, how, text] of steps) {
        await k.tabTo(id);
        await k[how](text);
      }
      await k.press('Enter');
      await page.locator('.case-view').waitFor(WAIT);
      for (const [kind, date, value] of [
        ['cd4', '01.04.2017', '350'],
        ['начало', '10.04.2017', null],
        ['вирус', '01.10.2017', '40'],
      ]) {
        const before = await page.locator('.timeline li.event').count();
        await k.tabTo('event-kind');
        await k.pick(kind);
        await k.tabTo('event-date');
        await k.type(date);
        if (value) {
          await k.press('Tab');
          await k.type(value);
        }
        await k.press('Enter');
        await page.waitForFunction((n) => document.querySelectorAll('.timeline li.event').length === n, before + 1, WAIT);
      }
    });

    await task('a grid value and a 3x3 paste', async () => {
      await k.press('Alt+2');
      await k.tabTo('input[data-grid="total-voluntary"][data-r="0"][data-c="0"]');
      await k.type('120');
      await k.press('Enter');
      await page
        .locator('input[data-grid="total-voluntary"][data-r="0"][data-c="0"]')
        .locator('xpath=..')
        .and(page.locator('.saved'))
        .waitFor(WAIT);
      await page.evaluate(() => navigator.clipboard.writeText('1\t2\t3\r\n4\t5\t6\r\n7\t8\t9\r\n'));
      await k.tabTo('input[data-grid="tested-voluntary"][data-r="0"][data-c="0"]');
      await k.press('Control+V');
      await page
        .locator('input[data-grid="tested-voluntary"][data-r="2"][data-c="2"]')
        .locator('xpath=..')
        .and(page.locator('.saved'))
        .waitFor(WAIT);
    });

    await task('find a case by part of its code', async () => {
      await k.press('Alt+1');
      await page.locator('input[type="search"]:focus').waitFor(WAIT);
      await k.type('нма1198');
      await page.waitForFunction(() => document.querySelectorAll('table.cases tbody tr').length === 1, undefined, WAIT);
      await k.press('Enter');
      await page.locator('.case-view').waitFor(WAIT);
    });

    await task('the 2017 cascade and its workbook', async () => {
      await k.press('Alt+3');
      await page.locator('#indicator-year:focus').waitFor(WAIT);
      // The year the section opens on, unless it is already 2017, typed over.
      if ((await page.locator('#indicator-year').inputValue()) !== '2017') {
        await k.press('Control+a');
        await k.type('2017');
      }
      await page.locator('[data-testid="disaggregation"][data-period="2017"]').waitFor(WAIT);
      await k.press('Alt+5');
      await k.tabTo('export-year');
      await k.press('Enter');
      await page.getByTestId('export-done').waitFor(WAIT);
    });
    await context.close();
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }

  console.log('\nclerk tasks, by keyboard in chromium at 1366x768 (keys, Tabs apart; time to the result on screen)');
  for (const r of results)
    console.log(
      `  ${r.name.padEnd(50)} ${String(r.keys).padStart(4)} keys ${String(r.tabs).padStart(3)} Tabs  ${(r.ms / 1000).toFixed(1)} s`,
    );
  const [, entry, , find] = results;
  console.log(
    `  before the rework (issue 17): a case with three events ${BEFORE.case.keys} keys and ${BEFORE.case.tabs} Tabs; finding a case ${BEFORE.find.keys} keys`,
  );
  figure('clerk.caseKeys', entry.keys + entry.tabs, 'keys', BEFORE.case.keys + BEFORE.case.tabs, 'fewer than before (137)');
  figure('clerk.findKeys', find.keys + find.tabs, 'keys', BEFORE.find.keys, 'fewer than before (26)');
  return results;
}
