// The fact sheet end to end in chromium: the demo's Kazakhstan sheet for 2017 shows annex 3 of the
// report; chromium's print to PDF (the engine Electron prints with) holds the table; last year's
// values entered by keyboard show beside this year's with the change; the workbook downloads and
// LibreOffice reads the same numbers.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshot, watchErrors } from '../helpers/browser.js';
import { openDemo, useE2e } from '../helpers/e2e.js';
import { typeSurvey2017 } from '../helpers/case-entry.js';
import { sheetsAsCsv } from '../helpers/libreoffice.js';

const e2e = useE2e();

/** A printed sheet's pages, its text, and a check that no page but the last ends on a section's heading. */
function printLayout(pdf: string): { pages: number; text: string } {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  for (let p = 1; p < pages; p++) {
    const lines = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    expect(lines.at(-1), `${pdf}, page ${p}`).not.toMatch(/^(\d\.|3\.1) [А-ЯЁ]|^Демонстрационная база|^\(Перевод с английского/);
  }
  return { pages, text: execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }) };
}

describe('fact sheet, end to end in chromium', () => {
  it("opens on the demo's 2017 sheet for Kazakhstan, prints it to PDF, takes last year's values by keyboard and saves the workbook", async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1300, height: 1100 }, acceptDownloads: true });
    const errors = watchErrors(page);
    await openDemo(page, app.url);
    // A 2017 survey among people who inject drugs, typed into the survey form by key population.
    await typeSurvey2017(page);
    await page.keyboard.press('Alt+4');
    // No sheet for last year: the page goes to the latest one, 2017.
    await expect.poll(() => page.locator('#fact-year').inputValue()).toBe('2017');
    const row = (code: string) => page.locator(`[data-testid="fact-context"] tr[data-indicator="${code}"] td`).allTextContents();
    // The year shows before the sheet has come: wait for its first row, then read the rest.
    await expect.poll(async () => (await row('population')).slice(0, 2)).toEqual(['2017', '17,918']);
    expect((await row('tb_incidence')).slice(0, 2)).toEqual(['2016', '67 (43–95)']);
    expect((await row('gdp_per_capita'))[1]).toBe('25\u00a0286');
    expect(await page.locator('[data-testid="fact-ratifications"] tbody tr td:first-of-type').allTextContents()).toEqual([
      'Да',
      'Да',
      'Да',
      'Да',
      'Нет',
    ]);
    await expect.poll(() => page.getByTestId('fact-sheet').textContent()).toContain('235 граждан Узбекистана');
    expect(await page.getByTestId('fact-sheet').textContent()).toContain('синтетическому регистру');
    expect(await page.locator('[data-testid="fact-surveys"] tr[data-group="pwid"] td').allTextContents()).toEqual([
      '',
      'Люди, употребляющие инъекционные наркотики',
      '100',
      '9',
      '9%',
    ]);
    await screenshot(page, 'fact-sheet-ru');

    // Print to PDF (print styles: no navigation), then read its text.
    await page.emulateMedia({ media: 'print' });
    const pdf = join('test-results', 'fact-sheet-ru.pdf'); // kept to look at, like the screenshots
    writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
    await page.emulateMedia({ media: 'screen' });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const line = (part: string) => text.split('\n').find((l) => l.includes(part)) ?? '';
    expect(text).toContain('Информационный бюллетень «ВИЧ и миграция»');
    expect(line('Население, млн')).toMatch(/Население, млн\s+2017\s+17,918\s+1$/);
    expect(line('67 (43–95)')).toMatch(/^\s*Заболеваемость.*2016\s+67 \(43–95\)/); // a long label wraps under its first line
    expect(line('Конвенция о статусе беженцев 1951 года')).toMatch(/Да$/);
    expect(text).not.toContain('Регистр случаев'); // the navigation is not printed
    // Sections 2-4 in Russian, said to be a translation; compact print: two A4 pages, as the
    // report's annexes, and no section's heading left alone at a page's foot.
    expect(text).toContain('Перевод с английского');
    expect(text).toContain('235 граждан Узбекистана');
    expect(printLayout(pdf).pages).toBeLessThanOrEqual(2);
    // Every country of the demo the same way; words wrap whole ("New York", not "New Y|ork").
    const counts: Record<string, number> = { KAZ: printLayout(pdf).pages };
    for (const [code, typed, name] of [
      ['KGZ', 'кыргыз', 'Кыргызстан'],
      ['RUS', 'росси', 'Россия'],
      ['TJK', 'тадж', 'Таджикистан'],
      ['TKM', 'туркм', 'Туркменистан'],
      ['UZB', 'узбек', 'Узбекистан'],
    ] as const) {
      await page.emulateMedia({ media: 'screen' });
      await page.locator('#fact-country').fill('');
      await page.locator('#fact-country').pressSequentially(typed);
      await expect.poll(() => page.locator('ul[role="listbox"] [role="option"]').first().textContent()).toContain(name);
      await page.locator('#fact-country').press('Enter');
      await expect.poll(() => page.locator('.fact-country').textContent()).toContain(name);
      await expect.poll(async () => (await row('population')).length).toBeGreaterThan(1);
      await page.emulateMedia({ media: 'print' });
      const file = join('test-results', `fact-sheet-${code}-ru.pdf`);
      writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
      const layout = printLayout(file);
      counts[code] = layout.pages;
      expect(layout.pages, code).toBeLessThanOrEqual(2);
      expect(layout.text, code).not.toMatch(/New Y\s*\n\s*ork|отчё\s*\n\s*те/);
    }
    console.log(`printed pages per country (Russian): ${JSON.stringify(counts)}`);
    await page.emulateMedia({ media: 'screen' });
    await page.locator('#fact-country').fill('');
    await page.locator('#fact-country').pressSequentially('казах');
    await page.locator('#fact-country').press('Enter');
    await expect.poll(() => page.locator('.fact-country').textContent()).toContain('Казахстан');

    // Last year's population, typed as a Russian clerk types it, saved with Enter.
    await page.locator('#fact-year').fill('2016');
    await page.getByRole('tab', { name: 'Ввод данных' }).click();
    await page.locator('#ctx-population-value').fill('17,67');
    await page.keyboard.press('Tab'); // no interval for this row: on to its year
    await page.keyboard.type('2016');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Сохранено');
    await screenshot(page, 'fact-sheet-entry-ru');
    expect([
      await page.locator('#ctx-population-value').inputValue(),
      await page.locator('#ctx-population-dataYear').inputValue(),
      await page.locator('#ctx-population-source').inputValue(),
    ]).toEqual(['17,67', '2016', '']);
    await page.locator('#fact-year').fill('2017');
    await page.getByRole('tab', { name: 'Бюллетень' }).click();
    await expect.poll(async () => (await row('population')).slice(1, 4)).toEqual(['17,918', '17,67', '+0,248 (+1,4%)']);

    // The workbook, downloaded and read by LibreOffice.
    await page.getByRole('button', { name: 'Сохранить в Excel' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('fact-workbook').getByRole('link').click()]);
    const file = join(e2e.tempDir(), download.suggestedFilename());
    await download.saveAs(file);
    const ctx = sheetsAsCsv(file).get('1 Контекст')!;
    expect(ctx.find((r) => r[0] === 'Население')!.slice(2, 6)).toEqual(['2017', '17.918', '', '17.67']);
    // An interval is text in the language's own decimal mark; the file is named for its language.
    expect(ctx.find((r) => r[0]!.startsWith('Заболеваемость ВИЧ и ТБ'))![4]).toBe('2,1–4,6');
    expect(download.suggestedFilename()).toMatch(/^fact-sheet-KAZ-2017-ru.*\.xlsx$/);
    expect(sheetsAsCsv(file).get('2 Миграция')!.flat().join(' ')).toContain('Перевод с английского');
    expect(errors).toEqual([]);
  }, 240_000);

  it('a note written in Russian is shown in the English entry as a hint, never saved as the English note', async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchErrors(page);
    await openDemo(page, app.url);
    await page.keyboard.press('Alt+4');
    await page.locator('#fact-year').fill('2016');
    await page.getByRole('tab', { name: 'Ввод данных' }).click();
    const note = page.locator('#ctx-population-note');
    await page.locator('#ctx-population-value').fill('17,67');
    await note.fill('оценка на 1 января');
    await note.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Сохранено');

    // In English: the note field is empty, the Russian note its hint; saving another row leaves it alone.
    await page.locator('select.language-switch').selectOption('en');
    await page.getByRole('tab', { name: 'Data entry' }).click();
    await expect.poll(() => note.getAttribute('placeholder')).toBe('Русский: оценка на 1 января');
    expect(await note.inputValue()).toBe('');
    await page.locator('#ctx-unemployment-value').fill('5.1');
    await page.locator('#ctx-unemployment-value').press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Saved');

    // Corrected in Russian: the English sheet shows the correction, marked as Russian.
    await page.locator('select.language-switch').selectOption('ru');
    await page.getByRole('tab', { name: 'Ввод данных' }).click();
    await expect.poll(() => note.inputValue()).toBe('оценка на 1 января');
    await note.fill('оценка на 1 июля');
    // What was saved is no longer what the screen holds: the earlier "Saved" goes.
    await expect.poll(() => page.getByRole('status').count()).toBe(0);
    await note.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Сохранено');
    await page.locator('select.language-switch').selectOption('en');
    await page.getByRole('tab', { name: 'Fact sheet' }).click();
    await expect.poll(() => page.getByTestId('fact-sheet').textContent()).toContain('Population: оценка на 1 июля (Русский)');
    expect(errors).toEqual([]);
  }, 120_000);

  it('typing not yet saved in one part of the entry stays when another part is saved', async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchErrors(page);
    await openDemo(page, app.url);
    await page.keyboard.press('Alt+4');
    await page.locator('#fact-year').fill('2016');
    await page.getByRole('tab', { name: 'Ввод данных' }).click();
    const saveText = (section: string) =>
      page
        .locator('.fact-text-edit')
        .filter({ has: page.locator(`#text-${section}`) })
        .getByRole('button')
        .click();

    // Section 1 typed, not saved; a text section saved: section 1 keeps what was typed.
    await page.locator('#ctx-population-value').fill('17,67');
    await page.locator('#text-migration').fill('Трудовая миграция в Россию.');
    await saveText('migration');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Сохранено');
    expect(await page.locator('#ctx-population-value').inputValue()).toBe('17,67');

    // A text typed, not saved; section 1 saved: the text stays, and so does the saved one.
    await page.locator('#text-vulnerability').fill('Рост числа случаев.');
    await page.locator('#ctx-population-value').press('Enter');
    await expect.poll(() => page.locator('form.fact-entry [role="status"]').count()).toBe(1);
    expect(await page.locator('#text-vulnerability').inputValue()).toBe('Рост числа случаев.');
    expect(await page.locator('#text-migration').inputValue()).toBe('Трудовая миграция в Россию.');

    // Both saves landed: the sheet shows them.
    await page.getByRole('tab', { name: 'Бюллетень' }).click();
    await expect.poll(() => page.getByTestId('fact-sheet').textContent()).toContain('Трудовая миграция в Россию.');
    await expect
      .poll(async () => (await page.locator('[data-testid="fact-context"] tr[data-indicator="population"] td').allTextContents())[1])
      .toBe('17,67');
    expect(errors).toEqual([]);
  }, 120_000);
});
