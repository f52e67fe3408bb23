// Work lost by one key (issue 17, item 4): a half-filled case is not thrown away by Esc or by
// another section; the clerk is asked, and a second Esc goes back to the form as it was.
import { describe, expect, it } from 'vitest';
import { watchErrors } from '../helpers/browser.js';
import { openDemo, useE2e } from '../helpers/e2e.js';

const e2e = useE2e();

describe('a half-filled case, end to end in chromium', () => {
  it('Esc asks before discarding, a second Esc keeps it; another section asks too; an empty form just closes', async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchErrors(page);
    await openDemo(page, app.url);
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+n');
    await expect.poll(focused).toBe('registerNo');
    // The new form marks what a case needs, and leaves the legal status for the clerk to choose.
    expect(await page.locator('.case-form .field .required').count()).toBe(7);
    expect(await page.locator('#legalStatus').inputValue()).toBe('');
    await page.keyboard.type('9/2018');

    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('discard-question').count()).toBe(1);
    expect(await focused()).toBe('Выйти без сохранения');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('discard-question').count()).toBe(0);
    await expect.poll(focused).toBe('registerNo');
    expect(await page.locator('#registerNo').inputValue()).toBe('9/2018');

    // Another section: the browser's own question; "no" keeps the form.
    const questions: string[] = [];
    page.once('dialog', (d) => {
      questions.push(d.message());
      void d.dismiss();
    });
    await page.keyboard.press('Alt+3');
    await expect.poll(() => questions.length).toBe(1);
    expect(questions[0]).toContain('Выйти без сохранения?');
    expect(page.url()).toMatch(/#\/cases/);
    expect(await page.locator('#registerNo').inputValue()).toBe('9/2018');

    // Esc, then Enter: left without saving, back at the list.
    await page.locator('#registerNo').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('discard-question').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#registerNo').count()).toBe(0);
    await expect.poll(() => page.locator('table.cases').count()).toBe(1);

    // Typed again, and "yes" to the section's question: the dashboard opens.
    await page.keyboard.press('Alt+n');
    await expect.poll(focused).toBe('registerNo');
    await page.keyboard.type('10/2018');
    page.once('dialog', (d) => void d.accept());
    await page.keyboard.press('Alt+3');
    await expect.poll(() => page.url()).toMatch(/#\/indicators/);

    // Nothing typed: Esc closes at once.
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+n');
    await expect.poll(focused).toBe('registerNo');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#registerNo').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);
});
