import { describe, expect, it } from 'vitest';
import { screenshot, watchErrors } from '../helpers/browser.js';
import { CENTRE_ADMIN, setUpCentre, signIn, useE2e } from '../helpers/e2e.js';

const e2e = useE2e();

describe('accounts, roles and the idle lock, end to end in chromium', () => {
  it('an administrator backs up now and sees the copy and its change-log entry at once; a setting changed after it is undone by restoring it', async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(app.url);
    await setUpCentre(page);
    await page.keyboard.press('Alt+6');
    const rows = page.locator('table.backups tbody tr');
    const newestEntry = () => page.locator('table.audit tbody tr').first().textContent();
    await expect.poll(() => rows.count()).toBe(1); // the day's copy, made at the first sign-in
    await page.getByRole('button', { name: 'Сделать копию сейчас' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^Копия сделана и проверена: .*\(случаев: 0\)\.$/);
    // Listed, and in the change log, without leaving the page (what was read is read again after a change).
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(newestEntry).toContain('резервная копия');

    // The threshold changed after the copy; the copy restored: the threshold is as it was.
    await page.locator('#suppression-max').fill('9');
    await page.locator('#suppression-max').press('Enter');
    await expect.poll(() => page.locator('form.suppression [role="status"]').textContent()).toBe('Порог сохранён: 9.');
    await page.locator('table.backups tbody tr', { hasText: 'вручную' }).getByRole('button', { name: 'Восстановить…' }).click();
    await page.getByRole('alertdialog', { name: 'Восстановить базу из копии?' }).getByRole('button', { name: 'Восстановить' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^База восстановлена из копии от /);
    await expect.poll(newestEntry).toContain('восстановление');
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+6');
    await expect.poll(() => page.locator('#suppression-max').inputValue()).toBe('4');
    expect(errors).toEqual([]);
  });

  it('the screen locks after ten idle minutes with the typed case kept behind it; the password opens it, a wrong one does not', async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchErrors(page);
    await page.clock.install(); // the page's own timers, moved by the test instead of waiting ten minutes
    await page.goto(app.url);
    await setUpCentre(page);
    await page.keyboard.press('Alt+n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('registerNo');
    await page.keyboard.type('5/2018');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ТЕСТ21990');

    await page.clock.fastForward('09:00');
    expect(await page.getByRole('dialog').count()).toBe(0); // nine minutes: not yet
    await page.clock.fastForward('01:30');
    await expect.poll(() => page.getByRole('dialog', { name: 'Экран заблокирован' }).isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('unlock-password');
    await screenshot(page, 'idle-lock-ru');
    // Behind the lock the form is there but out of reach.
    expect(await page.locator('#registerNo').inputValue()).toBe('5/2018');
    expect(await page.locator('.shell').getAttribute('inert')).not.toBeNull();
    // The section shortcuts do nothing behind the lock: Alt+3 and Alt+N would unmount the typed case.
    await page.keyboard.press('Alt+3');
    await page.keyboard.press('Alt+n');
    expect(await page.locator('#registerNo').inputValue()).toBe('5/2018');

    await page.keyboard.type('not my password');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').getByRole('alert').first().textContent()).toBe('Неверное имя или пароль.');
    await page.keyboard.type(CENTRE_ADMIN.password);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.locator('#registerNo').inputValue()).toBe('5/2018');
    expect(await page.locator('#uic').inputValue()).toBe('ТЕСТ21990');
    expect(errors).toEqual([]);
  });

  it("an administrator adds an analyst limited to the centre; the analyst signs in, sees the register read-only and the centre's figures; the change log verifies", async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(app.url);
    await setUpCentre(page);
    await page.keyboard.press('Alt+6');
    await expect.poll(() => page.getByRole('heading', { name: 'Учётные записи' }).isVisible()).toBe(true);
    const add = page.getByRole('form', { name: 'Новая учётная запись' });
    await add.locator('#account-login').fill('Дамир');
    await add.getByRole('checkbox', { name: /Ввод данных/ }).uncheck();
    await add.getByRole('checkbox', { name: /Аналитик/ }).check();
    // Limited to the centre itself (the last, deepest organisation of the tree).
    const centreUnit = await add.locator('#account-unit option').last().getAttribute('value');
    await add.locator('#account-unit').selectOption(centreUnit ?? '');
    await add.locator('#account-password').fill('ОсенниеЛистьяБишкек');
    await add.locator('#account-password-repeat').fill('ОсенниеЛистьяБишкек');
    await add.getByRole('button', { name: 'Добавить' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Учётная запись «Дамир» создана.');
    await expect.poll(() => page.getByRole('checkbox', { name: 'Дамир: Аналитик' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Проверить журнал изменений' }).click();
    await expect.poll(() => page.getByTestId('chain-result').textContent()).toMatch(/^Журнал цел: проверено записей — \d+/);
    await screenshot(page, 'settings-accounts-ru');
    // The administrator looks at the dashboard before leaving.
    await page.evaluate(() => (location.hash = '#/indicators/2017/sex'));
    await expect.poll(() => page.getByTestId('disaggregation').getAttribute('data-period')).toBe('2017');

    await page.getByRole('button', { name: 'Выйти' }).click();
    await signIn(page, { login: 'дамир', password: 'ОсенниеЛистьяБишкек' });
    // The analyst's dashboard is counted for the analyst: nothing read for the administrator is
    // shown, not even while the count is on its way (held here until looked at).
    let release = () => {};
    const held = new Promise<void>((done) => (release = done));
    await page.route('**/api/indicators.cascade', async (route) => {
      await held;
      await route.continue();
    });
    await page.evaluate(() => (location.hash = '#/indicators/2017/sex'));
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Считаю показатели за 2017…');
    expect(await page.getByTestId('disaggregation').count()).toBe(0);
    release();
    await expect.poll(() => page.getByTestId('disaggregation').getAttribute('data-period')).toBe('2017');
    await page.unroute('**/api/indicators.cascade');
    // Opened on the account's own organisation, never on the country it may not see.
    expect(await page.locator('#indicator-org-unit').inputValue()).toBe(centreUnit);
    expect(await page.getByTestId('figures-title').textContent()).toMatch(/^Чуйский областной центр СПИД, 2017/);
    await page.keyboard.press('Alt+7');
    await expect.poll(() => page.locator('#estimate-org-unit').inputValue()).toBe(centreUnit);
    expect(await page.getByText('Не найдено.').count()).toBe(0);
    await page.keyboard.press('Alt+1');
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain('Дамир');
    await expect.poll(() => page.getByRole('heading', { name: 'Регистр случаев' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /Новый случай/ }).count()).toBe(0);
    await page.keyboard.press('Alt+n'); // the shortcut does nothing for a read-only role
    expect(await page.locator('#registerNo').count()).toBe(0);
    await page.keyboard.press('Alt+6');
    await expect.poll(() => page.getByRole('heading', { name: 'Безопасность' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Учётные записи' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
