// The app's screens as a clerk reaches them, and how far a page reaches past the window: shared by
// the layout test (sizes) and the languages test (every language).
import type { Page } from 'playwright-core';

/** How far the page reaches past the window, and the outermost elements that do. */
export const overflow = (page: Page) =>
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

/** [name, address, what shows the screen is ready] on the demo database. */
export const SCREENS: [string, string, (page: Page) => Promise<void>][] = [
  ['register', '#/cases', (p) => p.locator('table.cases tbody tr').first().waitFor()],
  ['case', '#/cases/1', (p) => p.locator('.facts').waitFor()],
  ['forms', '#/forms', (p) => p.locator('#form-year').waitFor()],
  ['dashboard', '#/indicators/2017/key_population', (p) => p.getByTestId('disaggregation').waitFor()],
  ['dashboard by age', '#/indicators/2017/age_who', (p) => p.getByTestId('disaggregation').waitFor()],
  ['fact sheet', '#/factsheet', (p) => p.locator('#fact-year').waitFor()],
  // Its entry (the second tab, by place: the languages test walks every language).
  [
    'fact sheet entry',
    '#/factsheet',
    async (p) => {
      await p.locator('.fact-page [role="tab"]').nth(1).click();
      await p.locator('#ctx-population-value').waitFor();
    },
  ],
  ['exchange', '#/exchange', (p) => p.locator('.export-line-list').waitFor()],
  ['settings', '#/settings', (p) => p.locator('table.audit').waitFor()],
  ['estimates', '#/estimates', (p) => p.locator('#estimate-from').waitFor()],
];
