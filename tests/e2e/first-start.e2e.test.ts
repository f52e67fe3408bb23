import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshot, watchErrors } from '../helpers/browser.js';
import { CENTRE_ADMIN, keepRecoveryCode, openDemo, setUpCentre, useE2e } from '../helpers/e2e.js';
import { runServe } from '../helpers/app-process.js';

const e2e = useE2e();
const { tempDir, start } = e2e;

describe('first start, end to end in chromium', () => {
  it('a new user sets up their centre in Russian by keyboard, switches to English, restarts and finds both kept', async () => {
    const dataDir = tempDir();
    const app = await start(dataDir);
    const page = await e2e.browser().newPage();
    const errors = watchErrors(page);
    await page.goto(app.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Первый запуск' }).isVisible()).toBe(true);
    await expect.poll(() => page.url()).toBe(new URL(app.url).origin + '/'); // the launch code is taken out of the address bar
    expect(await page.context().cookies()).toEqual([]); // and the key is no cookie
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Открыть демо');

    // Tab into the new-centre form and submit it empty: each field says what is wrong, in Russian.
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('countryCode');
    await page.getByRole('button', { name: 'Создать базу' }).press('Enter');
    await expect
      .poll(() => page.locator('.field-error').allTextContents())
      .toEqual(['выберите страну из списка', 'заполните это поле', 'заполните это поле', 'заполните это поле']);
    await screenshot(page, 'wizard-errors-ru');

    // The country list is searched by any part of the name; Enter picks the first match.
    await page.locator('#countryCode').focus();
    await page.keyboard.type('кыр');
    await expect.poll(() => page.getByRole('listbox').getByRole('option').allTextContents()).toEqual(['Кыргызстан']);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#countryCode').inputValue()).toBe('Кыргызстан');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Чуйская область');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Чуйский областной центр СПИД');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Айгуль');
    // A password the common lists know is refused, with the reason; then a good one, typed twice.
    await page.keyboard.press('Tab');
    await page.keyboard.type('qwertyuiop');
    await page.keyboard.press('Tab');
    await page.keyboard.type('qwertyuiop');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('распространённых паролей');
    await page.locator('#new-password').fill(CENTRE_ADMIN.password);
    await page.locator('#new-password-repeat').fill(CENTRE_ADMIN.password + 'x');
    await page.locator('#new-password-repeat').press('Enter');
    await expect.poll(() => page.locator('.field-error').allTextContents()).toContain('пароли не совпадают');
    await page.locator('#new-password-repeat').fill(CENTRE_ADMIN.password);
    await page.locator('#new-password-repeat').press('Enter');
    // The recovery code, shown once: it cannot be passed over without saying it is kept.
    await expect.poll(() => page.getByTestId('recovery-code').textContent()).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(await page.getByRole('button', { name: 'Продолжить' }).isDisabled()).toBe(true);
    await screenshot(page, 'recovery-code-ru');
    await keepRecoveryCode(page);

    const centre = page.getByTestId('centre-name');
    await expect.poll(() => centre.textContent()).toBe('Кыргызстан › Чуйская область › Чуйский областной центр СПИД');
    await expect.poll(() => page.getByRole('navigation').getByRole('button').allTextContents()).toContain('Регистр случаев');
    await screenshot(page, 'shell-ru');

    await page.locator('select.language-switch').selectOption('en');
    await expect
      .poll(() => page.getByRole('navigation').getByRole('button').allTextContents())
      .toEqual(['Case register', 'Aggregate forms', 'Indicators', 'Fact sheet', 'Data exchange', 'Settings', 'Estimates']);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    // Alt+6 opens settings; the change log shows the set-up under the administrator's account.
    await page.keyboard.press('Alt+6');
    await expect.poll(() => page.getByRole('heading', { name: 'Settings' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('table.audit tbody tr').count()).toBeGreaterThanOrEqual(5);
    expect(new Set(await page.locator('table.audit tbody tr td:nth-child(2)').allTextContents())).toEqual(new Set(['Айгуль']));
    // The newest entries: the day's first backup, made at the first sign-in, after the set-up.
    expect((await page.locator('table.audit tbody tr td:nth-child(3)').allTextContents()).slice(0, 2)).toEqual([
      'backup (database)',
      'database set up (database)',
    ]);
    await screenshot(page, 'settings-en');
    expect(errors).toEqual([]);
    await page.close();

    await app.stop();
    const again = await start(dataDir);
    expect(again.url).not.toBe(app.url); // a new key every run
    const page2 = await e2e.browser().newPage();
    await page2.goto(again.url);
    // The database is encrypted: after a restart it opens only with a password.
    await expect.poll(() => page2.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    await page2.locator('#login').fill('айгуль');
    await page2.locator('#password').fill('not the password');
    await page2.locator('#password').press('Enter');
    await expect.poll(() => page2.getByRole('alert').first().textContent()).toBe('Wrong name or password.');
    await screenshot(page2, 'sign-in-en');
    await page2.locator('#password').fill(CENTRE_ADMIN.password);
    await page2.locator('#password').press('Enter');
    // The country in the screen's language; the region and centre as the centre named them.
    await expect
      .poll(() => page2.getByTestId('centre-name').textContent())
      .toBe('Kyrgyzstan › Чуйская область › Чуйский областной центр СПИД');
    await expect.poll(() => page2.getByRole('navigation').getByRole('button').first().textContent()).toBe('Case register');
    await page2.close();
  });

  it('the demo choice opens the demo database', async () => {
    const app = await start(tempDir());
    const page = await e2e.browser().newPage();
    const errors = watchErrors(page);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Открыть демо' }).click();
    await expect.poll(() => page.getByText('Демонстрационная база').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('centre-name').textContent()).toMatch(/^Казахстан › г\. Алматы › /);
    await page.getByRole('button', { name: 'Настройки' }).click();
    await expect.poll(() => page.locator('dd.path').textContent()).toMatch(/demo\.sqlite$/);
    await screenshot(page, 'demo-settings-ru');
    expect(errors).toEqual([]);
  });

  it("fits a 1366x768 laptop, asks before a second database for the same country, and lists the recent and the data folder's files", async () => {
    const dataDir = tempDir();
    // A data folder already full of databases (a previous version's plain SQLite files): the list
    // scrolls in its own box and pushes no button out of view.
    for (let i = 1; i <= 15; i++) writeFileSync(join(dataDir, `old-register-${i}.sqlite`), 'SQLite format 3\u0000');
    const app = await start(dataDir);
    const page = await e2e.browser().newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchErrors(page);
    await page.goto(app.url);
    await expect.poll(() => page.getByRole('list', { name: 'Базы в папке данных' }).getByRole('button').count()).toBe(15);
    // Every choice's button is in view without scrolling.
    for (const name of ['Открыть демо', 'Создать базу', 'Открыть файл']) {
      const box = (await page.getByRole('button', { name, exact: true }).boundingBox())!;
      expect(box.y + box.height, name).toBeLessThanOrEqual(768);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await screenshot(page, 'first-start-1366-ru');
    await setUpCentre(page);
    await page.keyboard.press('Alt+6');
    await page.getByRole('button', { name: 'Закрыть базу и вернуться к выбору' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Первый запуск' }).isVisible()).toBe(true);
    // The file just made, under "recent", opens with one press.
    const recent = page.getByRole('list', { name: 'Недавние базы на этом компьютере' });
    await expect.poll(() => recent.getByRole('button').allTextContents()).toEqual(['migrant-hiv-kgz.sqlite']);

    // The same country again: asked, with opening the one there as the first answer; nothing made beside it.
    await page.locator('#countryCode').focus();
    await page.keyboard.type('кыр');
    await expect.poll(() => page.getByRole('listbox').getByRole('option').count()).toBe(1);
    await page.keyboard.press('Enter');
    await page.locator('#region').fill('Чуйская область');
    await page.locator('#centre').fill('Чуйский областной центр СПИД');
    await page.locator('#login').fill('Второй');
    await page.locator('#new-password').fill(CENTRE_ADMIN.password);
    await page.locator('#new-password-repeat').fill(CENTRE_ADMIN.password);
    await page.locator('#new-password-repeat').press('Enter');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('уже есть база этой страны: «migrant-hiv-kgz.sqlite»');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Открыть «migrant-hiv-kgz.sqlite»');
    await screenshot(page, 'first-start-same-country-ru');
    expect(readdirSync(dataDir).filter((f) => f.startsWith('migrant-hiv') && f.endsWith('.sqlite'))).toEqual(['migrant-hiv-kgz.sqlite']);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Вход' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('Settings shows how long exports are kept, and an administrator changes it by keyboard', async () => {
    const dataDir = tempDir();
    const app = await start(dataDir);
    const page = await e2e.browser().newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(app.url);
    await setUpCentre(page);
    await page.keyboard.press('Alt+6');
    await expect.poll(() => page.locator('#retention-days').inputValue()).toBe('30');
    expect(await page.locator('#retention-line-lists').inputValue()).toBe('7');
    // An emptied field is asked for again, never saved as 0 ("keep for ever").
    await page.locator('#retention-days').fill('');
    await page.locator('#retention-days').press('Enter');
    await expect.poll(() => page.locator('form.retention .field-error').textContent()).toContain('введите целое число дней');
    expect(JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')).exportRetention).toEqual({ days: 30, lineListDays: 7 });
    await page.locator('#retention-days').fill('30');
    await page.locator('#retention-line-lists').fill('2');
    await page.locator('#retention-line-lists').press('Enter');
    await expect
      .poll(() => page.locator('form.retention [role="status"]').textContent())
      .toBe('Сохранено: книги 30 дн., построчные списки 2 дн. Применяется при следующем запуске.');
    await screenshot(page, 'settings-retention-ru');
    expect(JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')).exportRetention).toEqual({ days: 30, lineListDays: 2 });
  });

  it('a file that is not a database gets a clear message naming it, and the app carries on', async () => {
    const dir = tempDir();
    const junk = join(dir, 'Регистр 2017.xlsx');
    writeFileSync(junk, 'PK\u0003\u0004 spreadsheet bytes');
    const app = await start(tempDir());
    const page = await e2e.browser().newPage();
    await page.goto(app.url);
    await page.locator('#path').fill(junk);
    await page.locator('#path').press('Enter');
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toBe('Файл «Регистр 2017.xlsx» не является базой данных SQLite.');
    await screenshot(page, 'wizard-bad-file-ru');
    await page.getByRole('button', { name: 'Открыть демо' }).click();
    await expect.poll(() => page.getByText('Демонстрационная база').isVisible()).toBe(true);
  });

  it('a damaged database: the app still starts, on the first-start screen naming the file, which it leaves as it was', async () => {
    const dataDir = tempDir();
    const app = await start(dataDir);
    const page = await e2e.browser().newPage();
    await openDemo(page, app.url);
    await app.stop();
    const path = join(dataDir, 'demo.sqlite');
    const db = new Database(path, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const root = (db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'hiv_case'`).get() as { rootpage: number }).rootpage;
    db.close();
    const bytes = readFileSync(path);
    bytes.fill(0x5a, (root - 1) * pageSize, (root - 1) * pageSize + 64);
    writeFileSync(path, bytes);

    const again = await start(dataDir);
    const page2 = await e2e.browser().newPage();
    await page2.goto(again.url);
    await expect.poll(() => page2.getByRole('alert').first().textContent()).toContain('База данных «demo.sqlite» повреждена');
    await screenshot(page2, 'wizard-damaged-ru');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('a page without the key sees a bilingual explanation, not the app', async () => {
    const app = await start(tempDir());
    const page = await e2e.browser().newPage();
    await page.goto(new URL(app.url).origin + '/');
    await expect.poll(() => page.getByTestId('not-authorised').textContent()).toContain('Open the program with the link it printed');
    expect(await page.getByTestId('not-authorised').textContent()).toContain('Откройте программу по ссылке');
  });

  it('a link opens one tab once: a reload keeps working, the same link in a second tab does not, Enter in the app window gives a new one', async () => {
    const app = await start(tempDir());
    const context = await e2e.browser().newContext();
    const page = await context.newPage();
    await openDemo(page, app.url);
    await page.reload();
    await expect.poll(() => page.getByTestId('centre-name').isVisible()).toBe(true);
    // The address in the history, the bar or `ps` opens nothing a second time.
    const second = await context.newPage();
    await second.goto(app.url);
    await expect.poll(() => second.getByTestId('not-authorised').isVisible()).toBe(true);
    const fresh = await app.newUrl();
    expect(fresh).not.toBe(app.url);
    await second.goto(fresh);
    await expect.poll(() => second.getByTestId('centre-name').isVisible()).toBe(true);
    expect(await context.cookies()).toEqual([]);
  });

  it('a second start on the same data folder says the database is open in another window and hands over a link to it', async () => {
    const dataDir = tempDir();
    const app = await start(dataDir);
    const page = await e2e.browser().newPage();
    await openDemo(page, app.url);
    const config = readFileSync(join(dataDir, 'config.json'), 'utf8');
    const second = await runServe(['--data-dir', dataDir, '--no-open']);
    expect(second.code).toBe(0);
    expect(second.output).toContain(
      'База данных уже открыта в другом окне программы. / The database is open in another window of the program.',
    );
    const handed = /BRIDGE_URL=(\S+)/.exec(second.output)![1]!;
    expect(new URL(handed).origin).toBe(new URL(app.url).origin); // a link to the first one, not a second server
    const page2 = await e2e.browser().newPage();
    await page2.goto(handed);
    await expect.poll(() => page2.getByTestId('centre-name').textContent()).toMatch(/^Казахстан › г\. Алматы › /);
    expect(readFileSync(join(dataDir, 'config.json'), 'utf8')).toBe(config); // its settings untouched
    // Once the first has stopped, the folder is free again.
    await app.stop();
    const third = await start(dataDir);
    const page3 = await e2e.browser().newPage();
    await page3.goto(third.url);
    await expect.poll(() => page3.getByTestId('centre-name').isVisible()).toBe(true);
  });
});
