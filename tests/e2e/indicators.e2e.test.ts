import { describe, expect, it } from 'vitest';
import { ru } from '../../shared/i18n/ru.js';
import { screenshot, watchErrors } from '../helpers/browser.js';
import { openDemo, useE2e } from '../helpers/e2e.js';

const e2e = useE2e();
const num = (s: string | null) => Number(s);

/** A new app on the demo database, in a page the size of the dashboard, its script errors watched. */
async function demoPage() {
  const app = await e2e.start();
  const page = await e2e.browser().newPage({ viewport: { width: 1400, height: 1100 } });
  const errors = watchErrors(page);
  await openDemo(page, app.url);
  return { page, errors };
}

describe('indicator dashboard, end to end in chromium', () => {
  it('opens on the demo database, switches the breakdown, and leads from a count to its cases', async () => {
    const { page, errors } = await demoPage();
    await page.keyboard.press('Alt+3');
    await page.locator('#indicator-year').fill('2017');
    const cell = (group: string, measure: string) =>
      page.locator(`[data-testid="disaggregation"] tr[data-group="${group}"] button[data-measure="${measure}"]`);
    await expect.poll(() => page.getByTestId('disaggregation').getAttribute('data-period')).toBe('2017');
    await expect.poll(() => cell('total', 'diagnosed').textContent().then(num)).toBeGreaterThan(0);

    // By sex: the groups add up to the total.
    const total = num(await cell('total', 'onArt').textContent());
    const bySex = await Promise.all(['female', 'male'].map((g) => cell(g, 'onArt').textContent().then(num)));
    expect(bySex[0]! + bySex[1]!).toBe(total);
    // The bars say each step's share of the step before: on ART of those in care, for one.
    const inCare = num(await cell('total', 'inCare').textContent());
    const share = new Intl.NumberFormat('ru', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
      total / inCare,
    );
    expect(await page.locator('.cascade-chart [data-bar="onArt"] .bar-value').textContent()).toContain(`${total} · ${share}`);
    // No estimate entered for the demo: the first 90 says why it cannot be computed.
    expect(await page.locator('tr[data-indicator="first90"] td').textContent()).toContain('не вычисляется: нет оценки');

    // The trend: five years up to 2017, 2017 matching the cascade above.
    await expect.poll(() => page.locator('[data-testid="trend"] tbody tr').count()).toBe(5);
    expect(await page.locator('[data-testid="trend"] tr[data-year="2017"] td').first().textContent()).toBe(
      await cell('total', 'diagnosed').textContent(),
    );

    // By key population: a person in two groups counts in each, so the groups may add up to more.
    await page.locator('#indicator-dimension').selectOption('key_population');
    await expect.poll(() => page.getByTestId('disaggregation').getAttribute('data-dimension')).toBe('key_population');
    await expect.poll(() => page.locator('[data-testid="disaggregation"] tr[data-group="pwid"]').count()).toBe(1);
    const kpSum = (await Promise.all(['pwid', 'sw', 'none'].map((g) => cell(g, 'diagnosed').textContent().then(num)))).reduce(
      (a, b) => a + b,
      0,
    );
    expect(kpSum).toBeGreaterThan(num(await cell('total', 'diagnosed').textContent()));
    // Each group's share of all who know their status: the pwid count over the total.
    const pwid = await cell('pwid', 'diagnosed').textContent();
    expect(await page.locator('[data-testid="disaggregation"] tr[data-group="pwid"] td[data-column="share"]').textContent()).toContain(
      `(${pwid}/${await cell('total', 'diagnosed').textContent()};`,
    );
    // The chart per breakdown: one small cascade per group with people in it, its bars saying the
    // table's counts, on-ART's share of in-care worked out from the same counts.
    const bar = (group: string, step: string) =>
      page.locator(`[data-testid="breakdown-charts"] [data-group="${group}"] [data-bar="${step}"]`);
    expect(await bar('pwid', 'diagnosed').locator('.bar-value').textContent()).toBe(pwid);
    for (const step of ['inCare', 'onArt', 'suppressedOnArt'])
      expect(await bar('sw', step).locator('.bar-value').textContent()).toBe(await cell('sw', step).textContent());
    const [care, art] = await Promise.all(['inCare', 'onArt'].map((m) => cell('pwid', m).textContent().then(num)));
    expect(await bar('pwid', 'onArt').locator('.bar-share').textContent()).toBe(
      new Intl.NumberFormat('ru', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(art! / care!),
    );
    expect(await page.locator('[data-testid="breakdown-charts"] figcaption').first().textContent()).toMatch(/\S/);
    await screenshot(page, 'indicators-kp-ru');

    // An unfinished year shows no figures (never 2017's under it) and says what it needs; the
    // cases behind a 2017 count do not stay under another year either.
    await cell('sw', 'diagnosed').click();
    await expect.poll(() => page.locator('.drill-list li').count()).toBeGreaterThan(0);
    await page.locator('#indicator-year').fill('201');
    await expect.poll(() => page.getByTestId('disaggregation').count()).toBe(0);
    expect(await page.locator('.drill-list').count()).toBe(0);
    expect(await page.getByRole('status').textContent()).toBe(ru.indicators.yearNeeded);
    await page.locator('#indicator-year').fill('2016');
    await expect.poll(() => page.getByTestId('disaggregation').getAttribute('data-period')).toBe('2016');
    await page.locator('#indicator-year').fill('2017');
    await expect.poll(() => page.getByTestId('disaggregation').getAttribute('data-period')).toBe('2017');

    // A count leads to the cases behind it, and a case opens in the register.
    const n = num(await cell('sw', 'diagnosed').textContent());
    await cell('sw', 'diagnosed').click();
    await expect.poll(() => page.locator('.drill-list li').count()).toBe(Math.min(n, 500));
    // Beside the table, in view without scrolling, with the keyboard on it; Esc closes it and goes back to the count.
    const panel = (await page.locator('.drilldown').boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(panel.y + 40).toBeLessThan(viewport.height);
    expect(panel.x + panel.width).toBeLessThanOrEqual(viewport.width);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('drill-heading');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.drilldown').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-group'))).toBe('sw');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.drill-list li').count()).toBe(Math.min(n, 500));
    await screenshot(page, 'indicators-drill-ru');
    const first = page.locator('.drill-list li button').first();
    const registerNo = await first.textContent();
    await first.click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).last().textContent()).toContain(`№ ${registerNo}`);
    await expect.poll(() => page.locator('.facts').textContent()).toContain('Секс-работники');
    expect(errors).toEqual([]);
  }, 120_000);

  it('a supervisor sets the small-number threshold, and the table shows what would leave the centre', async () => {
    const { page, errors } = await demoPage();
    // Settings: the threshold, typed and saved with Enter.
    await page.keyboard.press('Alt+6');
    await page.locator('#suppression-max').fill('9');
    await page.locator('#suppression-max').press('Enter');
    await expect.poll(() => page.locator('form.suppression [role="status"]').textContent()).toBe('Порог сохранён: 9.');

    await page.keyboard.press('Alt+3');
    await page.locator('#indicator-year').fill('2017');
    await page.locator('#indicator-dimension').selectOption('age_who');
    await expect.poll(() => page.getByTestId('disaggregation').getAttribute('data-dimension')).toBe('age_who');
    const rows = page.locator('[data-testid="disaggregation"] tbody tr');
    const groups = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-group')!));
    // The internal view: every count shown.
    const read = () =>
      rows.evaluateAll((trs) =>
        trs.map((tr) =>
          Array.from(tr.querySelectorAll('td'))
            .slice(0, 6)
            .map((td) => (td.querySelector('.hidden-count') ? null : Number(td.textContent))),
        ),
      );
    const inside = await read();
    expect(inside.flat().every((v) => v !== null)).toBe(true);
    expect(inside.flat().some((v) => v! >= 1 && v! <= 9)).toBe(true); // the demo has small groups to hide

    await page.locator('#indicator-outside').check();
    await expect.poll(() => page.locator('[data-testid="disaggregation"] .hidden-count').count()).toBeGreaterThan(0);
    const outsideView = await read();
    // The charts hide what the table hides: as many marks as hidden step counts in the groups drawn.
    const chartBars = await page.locator('[data-testid="breakdown-charts"] [data-bar]').evaluateAll((gs) =>
      gs.map((g) => ({
        hidden: g.querySelector('.bar-value')?.textContent === '•',
        drawn: !!g.querySelector('rect'),
        share: !!g.querySelector('.bar-share'),
        afterHidden: g.previousElementSibling?.querySelector('.bar-value')?.textContent === '•',
      })),
    );
    expect(chartBars.filter((b) => b.hidden).length).toBeGreaterThan(0);
    expect(chartBars.filter((b) => b.hidden && b.drawn)).toEqual([]);
    // A share beside a hidden step before would give its count away.
    expect(chartBars.filter((b) => b.afterHidden && b.share)).toEqual([]);
    await screenshot(page, 'indicators-outside-ru');
    for (let j = 0; j < 6; j++) {
      const column = groups.map((_, i) => ({ value: inside[i]![j]!, shown: outsideView[i]![j] }));
      const cells = column.slice(0, -1); // the last row is the total
      // Every count from 1 to 9 is hidden; no column shows its total beside a single hidden group.
      expect(cells.filter((c) => c.value >= 1 && c.value <= 9 && c.shown !== null)).toEqual([]);
      if (column.at(-1)!.shown !== null) expect(cells.filter((c) => c.shown === null).length).not.toBe(1);
      // What is shown is the true count.
      for (const c of column) if (c.shown !== null) expect(c.shown).toBe(c.value);
    }
    expect(await page.locator('.indicators-page').textContent()).toContain('Скрыты числа от 1 до 9');
    // Unticked, the internal view is whole again.
    await page.locator('#indicator-outside').uncheck();
    expect(await read()).toEqual(inside);
    expect(errors).toEqual([]);
  }, 120_000);

  it('more positive than tested, typed in the grid with its warning, is shown on the dashboard over 100% and kept in the trend', async () => {
    const { page, errors } = await demoPage();
    await page.keyboard.press('Alt+2');
    await page.locator('#form-year').fill('2016');
    await expect.poll(() => page.getByTestId('period-code').textContent()).toBe('2016');
    const total = (c: number) => page.locator(`input[data-grid="total-voluntary"][data-r="0"][data-c="${c}"]`);
    await total(0).focus();
    await page.keyboard.type('1200');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1300');
    await page.keyboard.press('Enter');
    await expect.poll(() => total(1).locator('xpath=..').getAttribute('class')).toContain('flagged');

    await page.keyboard.press('Alt+3');
    await page.locator('#indicator-year').fill('2016');
    await expect
      .poll(() => page.locator('[data-testid="testing"] tr[data-setting="voluntary"] td').last().textContent())
      .toMatch(/^108,3\s% \(1\s300\/1\s200\) ⚠ больше 100%: числитель больше знаменателя, проверьте данные$/);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.locator('#indicator-year').fill('2017');
    await expect.poll(() => page.getByTestId('disaggregation').getAttribute('data-period')).toBe('2017');
    await expect
      .poll(() => page.locator('[data-testid="trend"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-year'))))
      .toEqual(['2013', '2014', '2015', '2016', '2017']);
    expect(await page.locator('[data-testid="trend"] .row-error').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);
});
