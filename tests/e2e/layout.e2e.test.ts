// Every screen fits the centre's laptop: at 1366x768 and 1024x700 no page scrolls sideways (wide
// tables scroll inside their own box, the navigation folds above the page on a narrow window).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchErrors } from '../helpers/browser.js';
import { useE2e } from '../helpers/e2e.js';

const e2e = useE2e();

/** How far the page reaches past the window, and the outermost elements that do. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const over = document.documentElement.scrollWidth - window.innerWidth;
    const culprits = Array.from(document.querySelectorAll('body *'))
      .filter((e) => {
        const r = e.getBoundingClientRect();
        if (r.right <= window.innerWidth + 1) return false;
        // Inside a box that scrolls on its own: not the page's width.
        for (let p = e.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return false;
        return !Array.from(e.children).some((c) => c.getBoundingClientRect().right > window.innerWidth + 1);
      })
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${String(e.className).split(' ')[0]}`);
    return { over, culprits };
  });

const SCREENS: [string, string, (page: Page) => Promise<void>][] = [
  ['register', '#/cases', (p) => p.locator('table.cases tbody tr').first().waitFor()],
  ['case', '#/cases/1', (p) => p.locator('.facts').waitFor()],
  ['forms', '#/forms', (p) => p.locator('#form-year').waitFor()],
  ['dashboard', '#/indicators/2017/key_population', (p) => p.getByTestId('disaggregation').waitFor()],
  ['dashboard by age', '#/indicators/2017/age_who', (p) => p.getByTestId('disaggregation').waitFor()],
  ['fact sheet', '#/factsheet', (p) => p.locator('#fact-year').waitFor()],
  ['exchange', '#/exchange', (p) => p.locator('.export-line-list').waitFor()],
  ['settings', '#/settings', (p) => p.locator('table.audit').waitFor()],
  ['estimates', '#/estimates', (p) => p.locator('#estimate-from').waitFor()],
];

describe('screens that fit a laptop', () => {
  it('no screen scrolls sideways at 1366x768 or 1024x700', async () => {
    const app = await e2e.start();
    const wide: string[] = [];
    const SIZES = [
      [1366, 768],
      [1024, 700],
    ] as const;
    // One tab: the app's link opens one tab once.
    const page = await e2e.browser().newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchErrors(page);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Открыть демо' }).waitFor();
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      const first = await overflow(page);
      if (first.over > 0) wide.push(`${width} first start: ${first.over}px ${first.culprits.join(' ')}`);
    }
    await page.getByRole('button', { name: 'Открыть демо' }).click();
    await page.getByTestId('centre-name').waitFor();
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      for (const [name, hash, ready] of SCREENS) {
        await page.evaluate((h) => (location.hash = h), hash);
        await ready(page);
        await page.waitForTimeout(300); // late-arriving figures and names settle
        const o = await overflow(page);
        if (width === 1024 && (name === 'register' || name === 'dashboard')) await screenshot(page, `layout-1024-${name}`);
        if (o.over > 0) {
          wide.push(`${width} ${name}: ${o.over}px ${o.culprits.join(' ')}`);
          await screenshot(page, `too-wide-${width}-${name.replace(/ /g, '-')}`);
        }
      }
    }
    expect(errors).toEqual([]);
    expect(wide).toEqual([]);
  }, 240_000);
});
