// A centre corrects its Kazakh in Settings → Languages: downloads the translation workbook, fixes a
// text in a spreadsheet program (here a script), loads it back; the preview shows the change and
// refuses a row whose placeholder was renamed; on confirmation the screens show the corrected text;
// then it sends the correction to its national centre in a package, which takes it when ticked.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SHIPPED } from '../../shared/i18n/languages.js';
import { screenshot, watchErrors } from '../helpers/browser.js';
import { download, swapKeys } from '../helpers/downloads.js';
import { ASTANA_CENTRE, openDemo, setUpCentre, useE2e } from '../helpers/e2e.js';

const e2e = useE2e();

describe('correcting a translation', () => {
  it('the workbook out, a corrected text back in, a wrong placeholder refused, the menu speaks the correction', async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const errors = watchErrors(page);
    await openDemo(page, app.url);
    await page.locator('select.language-switch').selectOption('kk');
    await page.keyboard.press('Alt+6');
    const section = page.getByTestId('correct-translation');
    await section.locator('#translation-language').selectOption('kk');
    await section.getByRole('button', { name: SHIPPED.kk.settings!.translationDownload ?? 'Скачать книгу перевода' }).click();
    const path = await download(page, e2e.tempDir(), () => section.getByRole('link', { name: /\.xlsx$/ }).click());

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    wb.worksheets[0]!.eachRow((row) => {
      if (row.getCell(1).value === 'nav.forms') row.getCell(5).value = 'Жиынтық есеп нысандары';
      if (row.getCell(1).value === 'cases.position') row.getCell(5).value = 'Жағдай {{нөмір}} / {{total}}';
    });
    const edited = join(e2e.tempDir(), 'translation-kk-corrected.xlsx');
    await wb.xlsx.writeFile(edited);
    await section.locator('#translation-file').setInputFiles(edited);

    const preview = page.getByTestId('translation-preview');
    await expect.poll(() => preview.textContent(), { timeout: 60_000 }).toContain('Жиынтық есеп нысандары');
    await expect.poll(() => page.getByTestId('translation-refused').textContent()).toContain('cases.position');
    // Nothing changed before the confirmation.
    await expect.poll(() => page.getByRole('navigation').first().textContent()).toContain(SHIPPED.kk.nav!.forms!);
    await screenshot(page, 'translation-preview-kk');
    await preview.getByRole('button').click();
    await expect.poll(() => page.getByRole('navigation').first().textContent()).toContain('Жиынтық есеп нысандары');
    // Another language is untouched; back in Kazakh the correction stays after a reload.
    await page.locator('select.language-switch').selectOption('ru');
    await expect.poll(() => page.getByRole('navigation').first().textContent()).toContain(SHIPPED.ru.nav!.forms!);
    await page.locator('select.language-switch').selectOption('kk');
    await page.reload();
    await expect.poll(() => page.getByRole('navigation').first().textContent()).toContain('Жиынтық есеп нысандары');

    // The correction shared with the national centre: sent only when ticked, taken only when ticked.
    await page.locator('select.language-switch').selectOption('ru');
    const nationalApp = await e2e.start();
    const national = await e2e.browser().newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    errors.push(...watchErrors(national));
    await national.goto(nationalApp.url);
    await setUpCentre(national, ASTANA_CENTRE);
    await swapKeys(page, national, e2e.tempDir());
    await page.locator('#package-to').selectOption({ label: 'Республиканский центр СПИД' });
    await page.locator('#package-texts').check();
    await page.getByRole('button', { name: 'Сделать пакет' }).click();
    await expect
      .poll(() => page.getByTestId('package-made').textContent(), { timeout: 60_000 })
      .toContain('Приложено исправленных переводов: 1.');
    const pkg = await download(page, e2e.tempDir(), () => page.getByTestId('package-made').getByRole('link').click());
    await national.locator('#package-file').setInputFiles(pkg);
    const take = national.locator('#package-take-texts');
    await expect.poll(() => take.count(), { timeout: 60_000 }).toBe(1);
    expect(await take.isChecked()).toBe(false);
    expect(await national.getByTestId('package-texts').textContent()).toContain('Жиынтық есеп нысандары');
    await take.check();
    await screenshot(national, 'packages-texts-preview-ru');
    await national.getByRole('button', { name: 'Загрузить пакет № 1' }).click();
    await expect.poll(() => national.getByTestId('package-loaded').textContent(), { timeout: 60_000 }).toContain('Принято переводов: 1.');
    await national.locator('select.language-switch').selectOption('kk');
    await expect.poll(() => national.getByRole('navigation').first().textContent()).toContain('Жиынтық есеп нысандары');

    // Taken back there: the shipped text shows again.
    await national.keyboard.press('Alt+6');
    const corrected = national.getByTestId('corrected-texts');
    await national.getByTestId('correct-translation').locator('#translation-language').selectOption('kk');
    await corrected.locator('summary').click();
    const row = corrected.getByRole('row', { name: /nav\.forms/ });
    // Each text beside the one that comes back, and a question before it does.
    await expect.poll(() => row.textContent()).toContain(SHIPPED.kk.nav!.forms!);
    await row.getByRole('button').click();
    await screenshot(national, 'translations-corrected-restore-asked');
    await expect.poll(() => national.getByTestId('translation-restored').count()).toBe(0); // asked, not done yet
    await row.getByRole('alertdialog').getByRole('button').first().click();
    await expect.poll(() => national.getByTestId('translation-restored').textContent()).toContain('nav.forms');
    await expect.poll(() => national.getByRole('navigation').first().textContent()).toContain(SHIPPED.kk.nav!.forms!);
    expect(errors).toEqual([]);
  }, 300_000);
});
