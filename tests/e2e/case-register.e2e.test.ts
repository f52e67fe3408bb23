import { describe, expect, it } from 'vitest';
import { screenshot, watchErrors } from '../helpers/browser.js';
import { setUpCentre, useE2e } from '../helpers/e2e.js';
import { addEvent, enterCase, focusedId, pick, tab, type } from '../helpers/case-entry.js';

const e2e = useE2e();

describe('case register, end to end in chromium', () => {
  it('a clerk enters cases and events by keyboard, meets a duplicate, edits, deletes and restores, filters, and sees the audit trail', async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1300, height: 1000 } });
    const errors = watchErrors(page);
    await page.goto(app.url);
    await setUpCentre(page);
    await expect.poll(() => page.getByRole('heading', { name: 'Регистр случаев' }).isVisible()).toBe(true);

    // Case 1, with a form error first: Enter on an incomplete form names the missing fields.
    await page.keyboard.press('Alt+n');
    await expect.poll(() => focusedId(page)).toBe('registerNo');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.field-error').count()).toBeGreaterThanOrEqual(5);
    // In words, in Russian: no message key or zod wording reaches the clerk.
    const messages = await page.locator('.field-error').allTextContents();
    expect(messages.filter((m) => !/^[А-Яа-яЁё]/.test(m.trim()) || /validation\.|invalid|expected/i.test(m))).toEqual([]);
    expect(messages.some((m) => /заполните это поле/i.test(m))).toBe(true);
    await page.keyboard.press('Escape');
    await enterCase(page, {
      no: '1/2017',
      uic: 'АНМА11985',
      sex: 'муж',
      year: '1985',
      citizenship: 'узб',
      migrant: 'иностр',
      legal: 'нелег',
      kpTabs: [0],
      route: 'инъекц',
      infection: 'росс',
      date: '15.03.2017',
      dxCountry: 'казах',
      aids: { mark: 'да', date: '01.04.2017' },
    });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Сохранено.');
    // Everything typed was kept.
    // Polled: country names arrive with their own call, a moment after the case.
    await expect
      .poll(() => page.locator('.facts dd').allTextContents())
      .toEqual([
        'Мужской',
        '1985',
        'Узбекистан',
        'Иностранный гражданин (иммигрант)',
        'Нелегальный',
        'Люди, употребляющие инъекционные наркотики',
        'Инъекционное употребление наркотиков',
        'Россия',
        '15.03.2017',
        'Казахстан',
        'да (в течение 91 дня)',
        '01.04.2017',
        'Под наблюдением',
      ]);
    await addEvent(page, 'cd4', '20.03.2017', '250');
    await addEvent(page, 'начало', '01.04.2017');
    await addEvent(page, 'вирусная', '01.10.2017', '40');
    // A rule of the case: ART cannot start before the diagnosis.
    await page.locator('#event-kind').focus();
    await pick(page, 'начало');
    await tab(page);
    await type(page, '01.01.2017');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.event-form .error-box').textContent()).toContain('АРТ не может начаться раньше диагноза');
    expect(await page.locator('.timeline li.event .kind').allTextContents()).toEqual([
      'CD4',
      'Начало / возобновление АРТ',
      'Вирусная нагрузка',
    ]);
    await screenshot(page, 'case-1-timeline-ru');
    // An event opened for editing and left with Esc: the keyboard is back on its "Изменить".
    await page.locator('.timeline li.event').first().getByRole('button', { name: 'Изменить' }).click();
    await expect.poll(() => page.locator('.timeline .event-form').count()).toBe(1);
    await page.locator('.timeline .event-form input').last().focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-edit-event') ?? null)).not.toBeNull();

    // Case 2: the same code typed in Latin, same sex and year: a duplicate warning with a link.
    await enterCase(page, {
      no: '2/2017',
      uic: 'anma11985',
      sex: 'муж',
      year: '1985',
      citizenship: 'тадж',
      migrant: 'иностр',
      legal: 'легал',
      kpTabs: [],
      route: 'гетеро',
      infection: 'росс',
      date: '02.05.2017',
      dxCountry: 'казах',
    });
    await expect.poll(() => page.locator('.duplicate-warning').textContent()).toContain('Открыть случай 1/2017');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.case-form .error-box').textContent()).toContain('Уже есть случай с тем же УИК');
    await screenshot(page, 'case-2-duplicate-ru');
    await page.getByLabel('Это другой человек — сохранить').check();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Сохранено.');

    // Edit case 2: legal status becomes irregular.
    await page.getByRole('button', { name: 'Изменить', exact: true }).first().click();
    await page.locator('#legalStatus').focus();
    await page.locator('#legalStatus').fill('');
    await pick(page, 'нелег');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.facts').textContent()).toContain('Нелегальный');

    // Delete case 2 with confirmation.
    await page.getByRole('button', { name: 'Удалить', exact: true }).first().click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Удалить' }).press('Enter');
    await expect.poll(() => page.getByTestId('case-total').textContent()).toBe('Найдено: 1');

    // Case 3, with an outcome.
    await enterCase(page, {
      no: '3/2018',
      uic: 'ГУЛЬ21990',
      sex: 'жен',
      year: '1990',
      citizenship: 'кырг',
      migrant: 'эмигр',
      legal: 'неизв',
      kpTabs: [2],
      route: 'гетеро',
      infection: 'росс',
      date: '10.01.2018',
      dxCountry: 'росс',
    });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Сохранено.');
    await addEvent(page, 'исход', '01.06.2018', 'pick:депорт');
    await expect.poll(() => page.getByTestId('current-outcome').textContent()).toBe('Депортирован');

    // A supervisor restores case 2 from the deleted cases.
    await page.getByRole('button', { name: /К списку/ }).click();
    await page.getByRole('button', { name: 'Удалённые случаи' }).click();
    await expect.poll(() => page.locator('table.cases tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Восстановить' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Случай восстановлен.');
    // Its history: created, changed, deleted, restored, all by the clerk.
    await expect
      .poll(() => page.locator('table.audit tbody tr td:nth-child(3)').allTextContents())
      .toEqual(['восстановление (случай)', 'удаление (случай)', 'изменение (случай)', 'создание (случай)']);
    // Each in words: the change says which field, what it was and what it became.
    expect(await page.locator('table.audit tbody tr').nth(2).locator('td').last().textContent()).toBe(
      'Правовой статус: Легальный → Нелегальный',
    );

    // Filters and search over the list.
    await page.getByRole('button', { name: /К списку/ }).click();
    await expect.poll(() => page.getByTestId('case-total').textContent()).toBe('Найдено: 3');
    await page.locator('select[data-filter="sex"]').selectOption('female');
    await expect.poll(() => page.locator('table.cases tbody tr td:first-child').allTextContents()).toEqual(['3/2018']);
    await page.locator('select[data-filter="outcome"]').selectOption('deported');
    await expect.poll(() => page.getByTestId('case-total').textContent()).toBe('Найдено: 1');
    await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
    await page.getByRole('searchbox').fill('anma');
    await expect.poll(() => page.locator('table.cases tbody tr td:first-child').allTextContents()).toEqual(['2/2017', '1/2017']);
    await page.getByRole('searchbox').fill('');
    await page.locator('select[data-filter="keyPopulation"]').selectOption('pwid');
    await expect.poll(() => page.locator('table.cases tbody tr td:first-child').allTextContents()).toEqual(['1/2017']);
    await screenshot(page, 'case-list-filtered-ru');

    // The administrator's change log: one case's entries by its number, in words, and only these.
    await page.keyboard.press('Alt+6');
    const caseNo = page.getByLabel('Номер случая в регистре');
    await caseNo.fill('2/2017');
    await caseNo.press('Enter');
    const rows = page.locator('.change-log table.audit tbody tr');
    await expect.poll(() => rows.count()).toBe(4);
    expect(await rows.locator('td:nth-child(4)').allTextContents()).toEqual(Array(4).fill('Случай № 2/2017'));
    expect(await rows.nth(2).locator('td').last().textContent()).toBe('Правовой статус: Легальный → Нелегальный');
    expect(await rows.nth(3).locator('td').last().textContent()).toContain('Гражданство: — → Таджикистан');
    // By kind: the accounts' entries only (the administrator's, made with the database).
    await page.getByLabel('Что', { exact: true }).selectOption('accounts');
    await caseNo.fill('');
    await caseNo.press('Enter');
    await expect.poll(() => rows.locator('td:nth-child(3)').allTextContents()).toEqual(['создание (учётная запись)']);
    expect(await rows.locator('td:nth-child(4)').allTextContents()).toEqual(['учётная запись Айгуль']);
    expect(await rows.locator('td:nth-child(5)').textContent()).toBe(
      'Роли: — → Администратор, Ввод данных, Утверждающий, АналитикОрганизация: — → все организации',
    );
    await screenshot(page, 'change-log-ru');
    expect(errors).toEqual([]);
  }, 120_000);
});
