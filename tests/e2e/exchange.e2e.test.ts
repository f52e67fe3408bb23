import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshot, watchErrors } from '../helpers/browser.js';
import { openDemo, useE2e } from '../helpers/e2e.js';
import { csvToXlsx, resaveCsv, sheetsAsCsv } from '../helpers/libreoffice.js';
import { CASES_CSV } from '../helpers/register-csv.js';

const e2e = useE2e();

describe('indicator workbook, end to end in chromium', () => {
  it('a supervisor saves the workbook for the ministry and downloads it; LibreOffice reads the same numbers as the dashboard', async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1300, height: 1000 }, acceptDownloads: true });
    const errors = watchErrors(page);
    await openDemo(page, app.url);

    // The dashboard's count of those on ART in 2017, for the whole country.
    await page.keyboard.press('Alt+3');
    await page.locator('#indicator-year').fill('2017');
    await expect.poll(() => page.getByTestId('disaggregation').getAttribute('data-period')).toBe('2017');
    const onArt = await page.locator('[data-testid="disaggregation"] tr[data-group="total"] button[data-measure="onArt"]').textContent();

    // Exchange: 2017, two breakdowns, to leave the centre (the default), saved with Enter.
    await page.keyboard.press('Alt+5');
    await page.locator('#export-year').fill('2017');
    for (const d of ['age_unaids', 'legal_status', 'migrant_type', 'citizenship'])
      await page.locator(`input[name="export-dimension"][value="${d}"]`).uncheck();
    expect(await page.locator('#export-outside').isChecked()).toBe(true);
    await page.locator('#export-year').press('Enter');
    await expect.poll(() => page.getByTestId('export-done').textContent(), { timeout: 90_000 }).toContain('Книга сохранена');
    expect(await page.getByTestId('export-done').textContent()).toMatch(/Скрыто ячеек: [1-9]/);
    await screenshot(page, 'exchange-export-ru');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Скачать/ }).click()]);
    const file = join(e2e.tempDir(), download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^hiv-migrants-KAZ-2017-\d+\.xlsx$/);
    const sheets = sheetsAsCsv(file);
    expect([...sheets.keys()].sort()).toEqual(
      ['Каскад', 'Качество данных', 'Ключевая группа', 'Определения', 'Пол', 'Тестирование', 'Титульный лист'].sort(),
    );
    expect(sheets.get('Каскад')!.find((r) => r[0] === 'Получают АРТ')![1]).toBe(onArt);
    expect(sheets.get('Титульный лист')!.find((r) => r[0] === 'Защита малых чисел')![1]).toMatch(/^включена/);

    // The line list: started, watched, downloaded; LibreOffice counts one row per case of the country.
    await page.getByRole('button', { name: 'Выгрузить построчный список' }).click();
    await expect.poll(() => page.getByTestId('line-list-done').textContent(), { timeout: 90_000 }).toContain('Список сохранён');
    const [list] = await Promise.all([page.waitForEvent('download'), page.getByTestId('line-list-done').getByRole('link').click()]);
    const listFile = join(e2e.tempDir(), list.suggestedFilename());
    await list.saveAs(listFile);
    const diagnosedOrGone = sheetsAsCsv(listFile).get('Случаи')!.length - 1;
    expect(diagnosedOrGone).toBeGreaterThanOrEqual(Number(onArt));

    // Unticking every breakdown is refused before anything is written.
    for (const d of ['sex', 'key_population']) await page.locator(`input[name="export-dimension"][value="${d}"]`).uncheck();
    expect(await page.getByRole('button', { name: 'Сохранить в Excel' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  }, 180_000);
});

describe('register import, end to end in chromium', () => {
  it('a clerk loads a register LibreOffice saved, reads the report, confirms, and finds the cases', async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1300, height: 1200 } });
    const errors = watchErrors(page);
    await openDemo(page, app.url);
    const dir = e2e.tempDir();
    writeFileSync(join(dir, 'register.csv'), CASES_CSV);
    const xlsx = csvToXlsx(join(dir, 'register.csv'));

    await page.keyboard.press('Alt+5');
    await page.locator('#import-file').setInputFiles(xlsx);
    await expect.poll(() => page.getByTestId('import-report').textContent(), { timeout: 90_000 }).toContain('Можно загрузить: случаев 3');
    expect(await page.locator('[data-testid="import-rejected"] tbody tr').allTextContents()).toEqual([
      'Случаи4Полнедопустимое значение',
      'Случаи5Дата диагноза ВИЧдата не может быть в будущем',
      'Случаи9Гражданствонедопустимое значение',
    ]);
    expect(await page.locator('[data-testid="import-duplicates"] tbody tr').allTextContents()).toEqual(['7R-106в файле, строка 2']);
    await screenshot(page, 'import-report-ru');
    await page.getByRole('button', { name: 'Загрузить в базу (случаев: 3, событий: 0)' }).click();
    await expect.poll(() => page.getByTestId('import-done').textContent()).toBe('Загружено: случаев 3, событий 0.');

    await page.keyboard.press('Alt+1');
    await page.getByRole('searchbox').fill('R-10');
    await expect.poll(() => page.locator('table.cases tbody tr').count()).toBe(3);
    expect(errors).toEqual([]);
  }, 180_000);
});

describe('aggregate form import, end to end in chromium', () => {
  it('a clerk downloads the testing template, fills it in LibreOffice, loads it, and finds the values in the form', async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1300, height: 1400 }, acceptDownloads: true });
    const errors = watchErrors(page);
    await openDemo(page, app.url);
    await page.keyboard.press('Alt+5');
    await page.locator('#form-template-form').selectOption('testing');
    await page.locator('#form-template-period').fill('2018');
    await page.getByRole('button', { name: 'Скачать шаблон формы' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^form-testing-2018-template-ru/ }).click(),
    ]);
    const template = join(e2e.tempDir(), download.suggestedFilename());
    await download.saveAs(template);

    // In the spreadsheet: the voluntary totals, and one figure that is not a number.
    const rows = sheetsAsCsv(template).get('Значения')!;
    const at = (element: string, cell: string) => rows.find((r) => r[1] === element && r[2] === cell)!;
    at('Обследовано на ВИЧ (Добровольное)', 'Итого')[3] = '52000';
    at('Выявлено ВИЧ+ (Добровольное)', 'Итого')[3] = '153';
    at('Выявлено ВИЧ+ (Обязательное)', 'Итого')[3] = 'н/д';
    // Saved as Russian Excel saves "CSV (разделители — запятые)": Windows-1251, ';'.
    const dir = e2e.tempDir();
    const csv = rows.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');
    writeFileSync(join(dir, 'testing-2018.csv'), resaveCsv(csv, { encoding: 'windows-1251', separator: ';' }));
    await page.locator('#form-import-file').setInputFiles(join(dir, 'testing-2018.csv'));
    await expect.poll(() => page.getByTestId('form-import-report').textContent(), { timeout: 90_000 }).toContain('Строк со значениями: 3');
    expect(await page.getByTestId('form-import-source').textContent()).toBe(
      'Прочитано как CSV: кодировка Windows-1251 (кириллица, так сохраняет русский Excel), разделитель — точка с запятой.',
    );
    expect(await page.locator('[data-testid="form-import-rejected"] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid="form-import-rejected"] tbody tr').first().textContent()).toMatch(
      /^Значения\d+Значениевведите число$/,
    );
    expect(await page.locator('[data-testid="form-import-periods"] tbody tr').allTextContents()).toEqual([
      'Тестирование мигрантов на ВИЧКазахский научный центр дерматологии и инфекционных заболеваний (демо)20182',
    ]);
    await screenshot(page, 'form-import-report-ru');
    await page.getByRole('button', { name: 'Загрузить в базу (значений: 2)' }).click();
    await expect.poll(() => page.getByTestId('form-import-done').textContent()).toBe('Загружено значений: 2.');

    // The form shows them.
    await page.keyboard.press('Alt+2');
    await page.locator('#form-year').fill('2018');
    await expect.poll(() => page.locator('input[data-grid="total-voluntary"][data-r="0"][data-c="0"]').inputValue()).toBe('52000');
    expect(await page.locator('input[data-grid="total-voluntary"][data-r="0"][data-c="1"]').inputValue()).toBe('153');
    expect(errors).toEqual([]);
  }, 240_000);

  it('a clerk who picks the wrong file and then the right one sees the right one’s report, though the wrong one answers last', async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1300, height: 1000 } });
    const errors = watchErrors(page);
    await openDemo(page, app.url);
    await page.keyboard.press('Alt+5');
    const dir = e2e.tempDir();
    const file = (name: string, rows: number) => {
      const lines = Array.from({ length: rows }, (_, i) => `2019-0${i + 1},tested_voluntary,total,${i + 10},`);
      writeFileSync(join(dir, name), ['Period,Data element,Cell (breakdown),Value,Comment', ...lines].join('\n'));
      return join(dir, name);
    };
    // The wrong file's answer is held back until the right one's report is on screen: it arrives last.
    let wrongAsked!: () => void;
    const asked = new Promise<void>((r) => (wrongAsked = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    await page.route('**/api/formImports.preview', async (route) => {
      if (!route.request().postData()?.includes('"wrong.csv"')) return route.continue();
      wrongAsked();
      const response = await route.fetch();
      await released;
      await route.fulfill({ response });
    });
    await page.locator('#form-import-file').setInputFiles(file('wrong.csv', 5));
    await asked;
    await page.locator('#form-import-file').setInputFiles(file('right.csv', 3));
    await expect.poll(() => page.getByTestId('form-import-report').textContent(), { timeout: 60_000 }).toContain('Строк со значениями: 3');
    const wrongAnswered = page.waitForResponse((r) => r.request().postData()?.includes('"wrong.csv"') ?? false, { timeout: 60_000 });
    release();
    await wrongAnswered;
    // A frame for the answer to be handled: the report stays the right file's, with no error beside it.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    expect(await page.getByTestId('form-import-report').textContent()).toContain('Строк со значениями: 3');
    expect(await page.locator('.import-register [role="alert"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Загрузить в базу (значений: 3)' }).click();
    await expect.poll(() => page.getByTestId('form-import-done').textContent()).toBe('Загружено значений: 3.');
    await page.unroute('**/api/formImports.preview');
    expect(errors).toEqual([]);
  }, 180_000);
});
