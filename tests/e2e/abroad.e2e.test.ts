// Citizens diagnosed abroad end to end in chromium, two countries side by side: the demo centre
// (Kazakhstan) and Kyrgyzstan's national centre set up through the wizard. They swap key files;
// Kazakhstan makes the counts of Kyrgyz citizens diagnosed in its register for 2016-2017; Kyrgyzstan
// previews and loads them, and finds the same figures on its dashboard and in its fact sheet.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshot, watchErrors } from '../helpers/browser.js';
import { download, swapKeys } from '../helpers/downloads.js';
import { openDemo, setUpCentre, useE2e } from '../helpers/e2e.js';

const e2e = useE2e();

describe('citizens diagnosed abroad, end to end in chromium', () => {
  it('one country sends another the counts of its citizens diagnosed there; they show on the dashboard and in the fact sheet', async () => {
    const kazApp = await e2e.start();
    const kgzApp = await e2e.start();
    const kaz = await e2e.browser().newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const kgz = await e2e.browser().newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const errors = [...watchErrors(kaz), ...watchErrors(kgz)];
    await openDemo(kaz, kazApp.url);
    // The demo has only a few Kyrgyz citizens a year (hidden when sent): Kazakhstan's clerk loads eight
    // more diagnosed in 2017 from a register file, as a centre brings its old spreadsheet in.
    const register = join(e2e.tempDir(), 'kyrgyz-2017.csv');
    writeFileSync(
      register,
      [
        'registerNo,uic,sex,birthYear,citizenship,migrantType,legalStatus,keyPopulations,transmissionRoute,infectionCountry,diagnosisDate,diagnosisCountry',
        ...Array.from(
          { length: 8 },
          (_, i) =>
            `К-${i + 1},КЫРГ${i < 6 ? 1 : 2}${1980 + i},${i < 6 ? 'male' : 'female'},${1980 + i},KGZ,immigrant,irregular,none,heterosexual,KAZ,2017-04-1${i},KAZ`,
        ),
      ].join('\n'),
    );
    await kaz.keyboard.press('Alt+5');
    await kaz.locator('#import-file').setInputFiles(register);
    await kaz.getByRole('button', { name: 'Загрузить в базу (случаев: 8, событий: 0)' }).click();
    await expect.poll(() => kaz.getByTestId('import-done').textContent(), { timeout: 90_000 }).toBe('Загружено: случаев 8, событий 0.');
    await kgz.goto(kgzApp.url);
    await setUpCentre(kgz, {
      country: 'кыргыз',
      region: 'г. Бишкек',
      name: 'Республиканский центр СПИД',
      login: 'Республика',
      password: 'ЧуйскаяДолина-2017',
    });
    const keys = await swapKeys(kaz, kgz, e2e.tempDir());

    // Kazakhstan picks Kyrgyzstan's centre: the screen offers the years, not the register.
    await kaz.locator('#package-to').selectOption({ label: 'Республиканский центр СПИД (Кыргызстан)' });
    expect(await kaz.locator('#package-full').count()).toBe(0);
    await kaz.locator('#abroad-from').fill('2016');
    await kaz.locator('#abroad-to').fill('2017');
    await screenshot(kaz, 'abroad-send-ru');
    await kaz.getByRole('button', { name: 'Сделать пакет о гражданах: Кыргызстан' }).click();
    await expect.poll(() => kaz.getByTestId('package-made').textContent(), { timeout: 60_000 }).toMatch(/^Пакет № 1 \(граждане/);
    const made = (await kaz.getByTestId('package-made').textContent())!;
    expect(made).toMatch(/2017: \d+/);
    const in2017 = Number(/2017: (\d+)/.exec(made)![1]);
    expect(in2017).toBeGreaterThanOrEqual(8);
    const pkg = await download(kaz, e2e.tempDir(), () => kaz.getByTestId('package-made').getByRole('link').click());
    expect(pkg).toMatch(/citizens-abroad-KAZ-to-KGZ-2016-2017-0001\.mhdpkg$/);

    // Kyrgyzstan previews (years, counts, new here) and loads.
    await kgz.locator('#package-file').setInputFiles(pkg);
    await expect.poll(() => kgz.getByTestId('package-abroad').textContent(), { timeout: 60_000 }).toContain('Сведения страны «Казахстан»');
    expect(await kgz.locator('[data-testid="package-abroad-years"] tr[data-year="2017"] td').allTextContents()).toEqual([
      String(in2017),
      'новые сведения',
    ]);
    await screenshot(kgz, 'abroad-preview-ru');
    await kgz.getByRole('button', { name: 'Загрузить пакет № 1' }).click();
    await expect.poll(() => kgz.getByTestId('package-loaded').textContent(), { timeout: 60_000 }).toContain('сведений за годы — 2');

    // The dashboard for 2017: a column for Kazakhstan, its total as sent, each breakdown adding up where all is shown.
    await kgz.keyboard.press('Alt+3');
    await kgz.locator('#indicator-year').fill('2017');
    const column = (group: string) => kgz.locator(`[data-testid="abroad-reports"] tr[data-group="${group}"] td`).first().textContent();
    await expect.poll(() => column('total'), { timeout: 60_000 }).toBe(String(in2017));
    expect(await kgz.locator('[data-testid="abroad-reports"] thead th[data-country="KAZ"]').textContent()).toBe('Казахстан');
    const art = [await column('art.started'), await column('art.not_started')];
    if (art.every((a) => /^\d+$/.test(a!))) expect(art.reduce((a, b) => a + Number(b), 0)).toBe(in2017);
    expect(await kgz.getByTestId('abroad-source').textContent()).toContain('Казахстан: Казахский научный центр');
    await kgz.getByTestId('abroad-reports').scrollIntoViewIfNeeded();
    await screenshot(kgz, 'abroad-dashboard-ru');

    // The fact sheet's section 3.1 for 2017: Kazakhstan's report beside the register's own count, with its source.
    await kgz.keyboard.press('Alt+4');
    await kgz.locator('#fact-year').fill('2017');
    await expect
      .poll(() => kgz.locator('[data-testid="abroad-reported"] th').textContent(), { timeout: 60_000 })
      .toContain('по данным: Казахстан');
    const cells = await kgz.locator('[data-testid="abroad-reported"] td').allTextContents();
    expect(cells[0]).toBe(String(in2017));
    expect(await kgz.getByTestId('abroad-sources').textContent()).toContain('Казахстан: Казахский научный центр');
    await kgz.getByTestId('abroad-reported').scrollIntoViewIfNeeded();
    await screenshot(kgz, 'abroad-factsheet-ru');

    // Kyrgyzstan's administrator then removes Kazakhstan's centre (added by mistake, say) with what it
    // sent: first offered its own key again as a "new key" (refused in words), then removed.
    const { aKey: kazKey } = keys;
    await kgz.keyboard.press('Alt+5');
    const row = kgz.locator('[data-testid="partners"] tbody tr').filter({ hasText: 'Казахский научный центр' });
    await row.getByRole('button', { name: 'Заменить ключ…' }).click();
    await kgz.locator('#partner-new-key').setInputFiles(kazKey);
    await expect.poll(() => kgz.locator('.partner-change [role="alert"]').textContent(), { timeout: 60_000 }).toContain('Замена не нужна');
    await kgz.getByRole('button', { name: 'Отмена' }).click();
    await row.getByRole('button', { name: 'Удалить…' }).click();
    await kgz.getByLabel(/Удалить и всё полученное от него/).check();
    await screenshot(kgz, 'partner-remove-ru');
    await kgz.getByRole('button', { name: 'Удалить центр' }).click();
    await expect
      .poll(() => kgz.getByRole('status').filter({ hasText: 'удалён из партнёров' }).textContent(), { timeout: 60_000 })
      .toContain('отчётов о гражданах 2');
    await expect.poll(() => kgz.locator('[data-testid="partners"]').count(), { timeout: 60_000 }).toBe(0);
    await kgz.keyboard.press('Alt+3');
    await kgz.locator('#indicator-year').fill('2017');
    await expect.poll(() => kgz.locator('[data-testid="abroad-reports"]').count(), { timeout: 60_000 }).toBe(0);
    expect(errors).toEqual([]);
  }, 300_000);
});
