// Keyboard flow (issue 17, item 5): Enter on a search with one hit (a code found by a part of it) opens the case; the event form
// starts with the kind of the event added last.
import { describe, expect, it } from 'vitest';
import { screenshot, watchErrors } from '../helpers/browser.js';
import { openDemo, useE2e } from '../helpers/e2e.js';

const e2e = useE2e();

describe('keyboard flow, end to end in chromium', () => {
  it('a part of a code and Enter open its case; the next event starts as the last one added', async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchErrors(page);
    await openDemo(page, app.url);
    await page.keyboard.press('Alt+1');
    // A code as the clerk reads it off the card (the first row's), then Enter at once.
    const uic = (await page.locator('table.cases tbody tr').first().locator('td').nth(1).textContent())!.trim();
    expect(uic).toMatch(/^[А-ЯЁA-Z]{4}\d{5}$/);
    // A country by the name people still use: "Киргизия" finds Kyrgyzstan in the citizenship filter.
    await page.locator('#filter-citizenship').focus();
    await page.keyboard.type('Киргизия');
    await expect.poll(() => page.locator('ul[role="listbox"] [role="option"]').first().textContent()).toBe('Кыргызстан');
    await page.keyboard.press('Escape');
    // Its name in Uzbek typed with a plain keyboard apostrophe (the name has ʻ): found too.
    await page.locator('#filter-citizenship').fill('');
    await page.keyboard.type("O'zbekiston");
    await expect.poll(() => page.locator('ul[role="listbox"] [role="option"]').first().textContent()).toBe('Узбекистан');
    await page.keyboard.press('Escape');
    // Part of it, from inside (without its first letter), in small letters: still its case alone.
    await page.getByRole('searchbox').fill(uic.slice(1).toLowerCase());
    await expect
      .poll(async () => (await page.locator('table.cases tbody tr td:nth-child(2)').allTextContents()).map((c) => c.trim()))
      .toEqual([uic]);
    await page.getByRole('searchbox').press('Enter');
    await expect.poll(() => page.locator('.facts').count(), { timeout: 30_000 }).toBe(1);
    expect(page.url()).toMatch(/#\/cases\/\d+$/);

    // A viral load added; the next event's kind is already "viral load".
    await page.locator('#event-kind').focus();
    await page.keyboard.type('вирусная');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('01.02.2018');
    await page.keyboard.press('Tab');
    await page.keyboard.type('40');
    const before = await page.locator('.timeline li.event').count();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.timeline li.event').count()).toBe(before + 1);
    expect(await page.locator('#event-kind').inputValue()).toBe('Вирусная нагрузка');
    expect(errors).toEqual([]);
  }, 120_000);

  it('a case opened from a filtered list says its place in it and steps to the previous and next, across pages', async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchErrors(page);
    await openDemo(page, app.url);
    await page.keyboard.press('Alt+1');
    const found = async () => Number((await page.getByTestId('case-total').textContent())!.replace(/\D/g, ''));
    await expect.poll(found).toBeGreaterThan(0);
    const all = await found();
    await page.locator('select[data-filter="sex"]').selectOption('male');
    await expect.poll(found).not.toBe(all); // the male cases only
    const listed = await found();
    expect(listed).toBeGreaterThan(50);
    // The 50th row, the last of the first page: "50 of N"; next is the first of page two.
    await page.locator('table.cases tbody tr').nth(49).locator('button.link').click();
    await expect.poll(() => page.getByTestId('case-position').textContent()).toBe(`Случай 50 из ${listed}`);
    // The keyboard is on the case's heading, not the page body.
    const focus = () =>
      page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || document.activeElement?.tagName);
    await expect.poll(focus).toBe('case-heading');
    const fiftieth = page.url();
    await page.getByRole('button', { name: 'Следующий →' }).click();
    await expect.poll(() => page.getByTestId('case-position').textContent()).toBe(`Случай 51 из ${listed}`);
    expect(page.url()).not.toBe(fiftieth);
    // Across the page's end the button keeps the focus: Enter again goes on.
    await expect.poll(focus).toBe('Следующий →');
    await expect.poll(() => page.locator('.facts').textContent()).toContain('Мужской');
    await page.getByRole('button', { name: '← Предыдущий' }).click();
    await expect.poll(() => page.getByTestId('case-position').textContent()).toBe(`Случай 50 из ${listed}`);
    expect(page.url()).toBe(fiftieth);
    // Back to the list: it shows the page the clerk stepped to last (the first).
    await page.getByRole('button', { name: /К списку/ }).click();
    await expect.poll(() => page.locator('table.cases tbody tr').count()).toBe(50);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    expect(errors).toEqual([]);
  }, 120_000);

  it('year fields open on the register’s latest year, and a year chosen in one section is the next one’s', async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchErrors(page);
    await openDemo(page, app.url);
    // Each section opens with the keyboard on its first field.
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('type'));
    await page.keyboard.press('Alt+1');
    await expect.poll(focused).toBe('search');
    await page.keyboard.press('Alt+2');
    await expect.poll(focused).toBe('form-year');
    // The demo's latest diagnoses are of 2017: the dashboard opens there, not on last calendar year.
    await page.keyboard.press('Alt+3');
    await expect.poll(focused).toBe('indicator-year');
    await expect.poll(() => page.locator('#indicator-year').inputValue()).toBe('2017');
    await page.locator('#indicator-year').fill('2016');
    await expect.poll(() => page.url()).toMatch(/#\/indicators\/2016/);
    // The figures say whose, which period and when they were counted.
    await expect.poll(() => page.getByTestId('figures-title').textContent()).toMatch(/^Казахстан, 2016; посчитано \d/);
    // The five years drawn as well as tabled: four steps, and the two targets dashed.
    await expect.poll(() => page.locator('[data-testid="trend-chart"] polyline').count()).toBe(4);
    expect(await page.locator('[data-testid="trend-targets"] polyline.target').count()).toBe(2);
    expect(await page.locator('[data-testid="trend-chart"] .chart-source').textContent()).toMatch(/^Казахстан, 2012–2016; посчитано \d/);
    await screenshot(page, 'indicators-trend-ru');
    await page.keyboard.press('Alt+2');
    await expect.poll(() => page.locator('#form-year').inputValue()).toBe('2016');
    await page.keyboard.press('Alt+4');
    await expect.poll(() => page.locator('#fact-year').inputValue()).toBe('2016');
    await page.keyboard.press('Alt+7');
    await expect.poll(() => page.locator('#estimate-to').inputValue()).toBe('2016');
    // An organisation picked on the dashboard is the forms' and the estimates' too.
    await page.keyboard.press('Alt+3');
    const region = await page.locator('#indicator-org-unit option').nth(1).getAttribute('value');
    await page.locator('#indicator-org-unit').selectOption(region ?? '');
    await expect.poll(() => page.url()).toMatch(new RegExp(`/${region}$`));
    await page.keyboard.press('Alt+2');
    await expect.poll(() => page.locator('#form-org-unit').inputValue()).toBe(region);
    await page.keyboard.press('Alt+7');
    await expect.poll(() => page.locator('#estimate-org-unit').inputValue()).toBe(region);
    // And back: one picked in the estimates is the dashboard's, and a later pick there the estimates' again.
    const other = await page.locator('#estimate-org-unit option').nth(2).getAttribute('value');
    await page.locator('#estimate-org-unit').selectOption(other ?? '');
    await page.keyboard.press('Alt+3');
    await expect.poll(() => page.locator('#indicator-org-unit').inputValue()).toBe(other);
    await page.locator('#indicator-org-unit').selectOption(region ?? '');
    await page.keyboard.press('Alt+7');
    await expect.poll(() => page.locator('#estimate-org-unit').inputValue()).toBe(region);
    expect(errors).toEqual([]);
  }, 120_000);
});
