// The Estimates screen as an analyst uses it: run the ECDC model on the demo register with the
// keyboard, watch it, read the data quality, charts and table, adopt the run, and find it named as
// the first 90's source on the dashboard.
import { describe, expect, it } from 'vitest';
import { screenshot, watchErrors } from '../helpers/browser.js';
import { openDemo, useE2e } from '../helpers/e2e.js';

const e2e = useE2e();

describe('estimates, end to end in chromium', () => {
  it('runs on the demo register, shows the run with its charts, and gives the dashboard its first 90', async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchErrors(page);
    await openDemo(page, app.url);
    await page.keyboard.press('Alt+7');
    // The first field has the focus; a refusal names the field as the screen labels it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('estimate-from');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('abcd');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.error-box li').first().textContent()).toBe('С года: год — четыре цифры');
    await page.locator('#estimate-from').fill('2012');
    await page.locator('#estimate-to').fill('2017');
    await page.locator('.estimate-settings summary').click();
    // A long run, left for the dashboard and found again with its Cancel; then cancelled.
    await page.locator('#estimate-bootstrap').fill('1000');
    await page.locator('#estimate-to').press('Enter');
    await expect.poll(() => page.getByTestId('estimate-progress').count()).toBe(1);
    await page.keyboard.press('Alt+3');
    await page.keyboard.press('Alt+7');
    await expect.poll(() => page.getByTestId('estimate-progress').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('#estimate-bootstrap').inputValue()).toBe('1000'); // what was typed is kept
    await page.getByRole('button', { name: 'Отменить расчёт' }).click();
    await expect.poll(() => page.getByText('Расчёт отменён; ничего не сохранено.').count(), { timeout: 60_000 }).toBe(1);
    await page.locator('#estimate-bootstrap').fill('20');
    await page.locator('#estimate-to').press('Enter');
    // Watched while it runs, then shown as saved run no. 1 (the address names it).
    await expect.poll(() => page.getByTestId('estimate-run').getAttribute('data-run'), { timeout: 480_000 }).toBe('1');
    expect(page.url()).toMatch(/#\/estimates\/1$/);
    const quality = await page.getByTestId('data-quality').textContent();
    expect(quality).toContain('Случаев, выявленных за 2012–2017: 60.');
    expect(quality).toMatch(/Без числа CD4 при выявлении .*: \d+ \(\d+%\)/);
    // 60 cases: the screen says the bounds will be wide.
    expect(await page.getByTestId('small-register').textContent()).toContain('меньше 200');
    await expect.poll(() => page.locator('[data-testid="estimate-table"] tbody tr').count()).toBe(6);
    for (const chart of ['chart-diagnoses', 'chart-infections', 'chart-undiagnosed', 'chart-time'])
      expect(await page.locator(`[data-testid="${chart}"] polyline`).count(), chart).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="chart-undiagnosed"] polygon.band').count()).toBe(1);
    expect(await page.locator('[data-testid="chart-diagnoses"] rect').count()).toBe(6);
    // Each chart says whose register, which years and as of when, even copied out alone.
    for (const chart of ['chart-diagnoses', 'chart-time'])
      expect(await page.locator(`[data-testid="${chart}"] .chart-source`).textContent()).toMatch(
        /^По регистру на \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2}: Казахстан, 2012–2017$/,
      );
    const undiagnosed2017 = Number(
      (await page.locator('[data-testid="estimate-table"] tr[data-year="2017"] td[data-column="undiagnosed"]').textContent())!.replace(
        /\s/g,
        '',
      ),
    );
    expect(undiagnosed2017).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="estimate-runs"] tbody tr').count()).toBe(1);
    // In detail: the undiagnosed by stage add up to the year's total.
    await page.locator('.estimate-detail summary').click();
    const stages = await page.locator('[data-testid="estimate-stages"] tr[data-year="2017"] td').allTextContents();
    const byStage = stages.slice(0, 6).reduce((a, x) => a + Number(x.replace(',', '.').replace(/\s/g, '')), 0);
    expect(Math.abs(byStage - undiagnosed2017)).toBeLessThanOrEqual(1);
    await screenshot(page, 'estimates-run-ru');
    // Nothing wider than the laptop's screen: the wide tables scroll in their own box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    // The same question as files for the ECDC tool: a ZIP to download, with a word on its exact counts.
    await page.getByRole('button', { name: 'Файлы для инструмента ECDC' }).click();
    await expect.poll(() => page.getByTestId('ecdc-files').textContent()).toContain('точные числа');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.locator('[data-testid="ecdc-files"] a').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^ecdc-input-KAZ-\d+-migrants-2012-2017\.zip$/);

    await page.getByRole('button', { name: 'Использовать для каскада' }).click();
    await expect.poll(() => page.getByTestId('adopted').count()).toBe(1);
    expect(await page.locator('[data-testid="estimate-runs"] tr[data-run="1"] td').last().textContent()).toBe('✓');

    // The dashboard: the first 90 computed, its source named.
    await page.keyboard.press('Alt+3');
    await page.locator('#indicator-year').fill('2017');
    await expect.poll(() => page.getByTestId('estimate-source').textContent()).toContain('по модели ECDC (расчёт № 1 от');
    // The share over a whole number: living diagnosed plus the rounded modelled undiagnosed.
    expect(await page.locator('tr[data-indicator="first90"] td').textContent()).toMatch(
      /^\d+,\d\s% \(\d+\/\d+; 95% ДИ \d+,\d–\d+,\d\s%\)$/,
    );
    await screenshot(page, 'indicators-ecdc-ru');
    expect(errors).toEqual([]);
  }, 600_000);
});
