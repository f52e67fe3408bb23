// Exchange packages end to end in chromium, two apps side by side: the demo centre (a region of
// Kazakhstan) and a national centre set up through the wizard. They swap key files, the region
// makes a package, the national centre previews and loads it, finds the cases read-only in its
// register, and loading the same file again changes nothing.
import { describe, expect, it } from 'vitest';
import { screenshot, watchErrors } from '../helpers/browser.js';
import { download, keyFile, swapKeys } from '../helpers/downloads.js';
import { ASTANA_CENTRE, openDemo, setUpCentre, useE2e } from '../helpers/e2e.js';
import { enterCase } from '../helpers/case-entry.js';
import { LANGUAGES, texts, type Language } from '../../shared/i18n/languages.js';

const e2e = useE2e();

describe('exchange packages, end to end in chromium', () => {
  it('a region sends its register to the national centre as a sealed file; the national centre previews it, loads it once, and reads the cases', async () => {
    const regionApp = await e2e.start();
    const nationalApp = await e2e.start();
    const region = await e2e.browser().newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const national = await e2e.browser().newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const errors = [...watchErrors(region), ...watchErrors(national)];
    await openDemo(region, regionApp.url);
    await national.goto(nationalApp.url);
    await setUpCentre(national, ASTANA_CENTRE);

    // Keys swapped once, as files; each side then lists the other with its fingerprint.
    const { aKey: regionKey, bKey: nationalKey } = await swapKeys(region, national, e2e.tempDir());
    expect(await national.locator('[data-testid="partners"] tbody th').textContent()).toContain('Казахский научный центр');
    const regionPrint = (await region.getByTestId('my-fingerprint').textContent())!;
    expect(await national.locator('[data-testid="partners"] code').textContent()).toBe(regionPrint);
    // The partners table fits the page in every language, its buttons in view (Kazakh's cut them off on the right).
    const partners = (lang: Language) => national.getByRole('region', { name: texts(lang).packages.partnersTitle });
    for (const lang of [...LANGUAGES.slice(1), LANGUAGES[0]]) {
      await national.locator('select.language-switch').selectOption(lang);
      await expect.poll(() => partners(lang).count()).toBe(1);
      expect(await partners(lang).evaluate((box) => box.scrollWidth - box.clientWidth), lang).toBeLessThanOrEqual(0);
      if (lang === 'kk') await screenshot(national, 'packages-partners-kk');
    }

    // The region makes its first package: everything, said in words, and downloaded.
    await region.locator('#package-to').selectOption({ label: 'Республиканский центр СПИД' });
    await region.getByRole('button', { name: 'Сделать пакет' }).click();
    await expect
      .poll(() => region.getByTestId('package-made').textContent(), { timeout: 60_000 })
      .toMatch(/^Пакет № 1 \(полный\): случаев \d+/);
    const cases = Number(/случаев (\d+)/.exec((await region.getByTestId('package-made').textContent())!)![1]);
    expect(cases).toBeGreaterThan(50);
    const pkg = await download(region, e2e.tempDir(), () => region.getByTestId('package-made').getByRole('link').click());
    expect(pkg).toMatch(/package-KAZ-[0-9a-f]{8}-to-[0-9a-f]{8}-0001\.mhdpkg$/);

    // The national centre previews it (nothing written yet), then loads it.
    await national.locator('#package-file').setInputFiles(pkg);
    await expect.poll(() => national.getByTestId('package-preview').textContent(), { timeout: 60_000 }).toContain('Пакет № 1 от центра');
    // The demo's register spans several regions: only the cases of the demo centre's own region
    // are taken (its key file says where it is); the others are refused, each with the reason.
    const counted = (await national.getByTestId('package-counts').textContent())!;
    const fresh = Number(/Новых случаев: (\d+)/.exec(counted)![1]);
    const refused = Number(/Отклонено \(не проходят проверку\): (\d+)/.exec(counted)![1]);
    expect(fresh).toBeGreaterThan(10);
    expect(fresh + refused).toBe(cases);
    if (refused) expect(await national.getByTestId('package-refused').textContent()).toContain('вне области центра-отправителя');
    await screenshot(national, 'packages-preview-ru');
    await national.getByRole('button', { name: 'Загрузить пакет № 1' }).click();
    await expect.poll(() => national.getByTestId('package-loaded').textContent(), { timeout: 60_000 }).toContain(`добавлено ${fresh}`);

    // In the register, read-only: no edit or delete, and where it came from.
    await national.keyboard.press('Alt+1');
    await expect.poll(() => national.locator('table.cases tbody tr').count()).toBeGreaterThan(0);
    await national.locator('table.cases tbody tr').first().locator('a, button').first().click();
    await expect.poll(() => national.getByTestId('received-from').textContent()).toContain('Казахский научный центр');
    expect(await national.getByRole('button', { name: 'Изменить', exact: true }).count()).toBe(0);
    expect(await national.getByRole('button', { name: 'Удалить', exact: true }).count()).toBe(0);
    await screenshot(national, 'packages-received-case-ru');
    // The person on this screen, as another region will report them too.
    const uic = (await national.locator('#case-heading .uic').textContent())!.trim();
    const fact = (label: string) => national.locator(`dl.facts dt:text-is("${label}") + dd`).textContent();
    const sex = (await fact('Пол'))!.trim();
    const born = (await fact('Год рождения'))!.trim();

    // After a restore from a backup the region would continue its numbering after the number the
    // national centre last loaded: a number it used itself is refused in words; the next is then full.
    await region.getByText('После восстановления из резервной копии').click();
    await region.locator('#continue-after').fill('0');
    await region.getByRole('button', { name: 'Продолжить нумерацию' }).click();
    await expect.poll(() => region.locator('.continue-numbering').getByRole('alert').count()).toBe(1);
    await region.locator('#continue-after').fill('1');
    await region.locator('#continue-after').press('Enter');
    await expect.poll(() => region.getByTestId('numbering-continued').textContent()).toBe('Следующий пакет этому центру — № 2, полный.');
    await screenshot(region, 'packages-continue-numbering-ru');

    // The same file again: said to be loaded already; confirming changes nothing.
    await national.keyboard.press('Alt+5');
    await national.locator('#package-file').setInputFiles(pkg);
    await expect.poll(() => national.getByTestId('package-already').count(), { timeout: 60_000 }).toBe(1);
    await national.getByRole('button', { name: 'Закрыть (ничего не меняется)' }).click();
    await expect.poll(() => national.getByTestId('package-loaded').textContent()).toContain('добавлено 0');
    // A key file in place of a package: refused in words.
    await national.locator('#package-file').setInputFiles(regionKey);
    await expect.poll(() => national.getByRole('alert').first().textContent()).toContain('не пакет обмена');

    // Another region reports the same person: entered there by keyboard, sent, loaded here.
    const otherApp = await e2e.start();
    const other = await e2e.browser().newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    errors.push(...watchErrors(other));
    await other.goto(otherApp.url);
    await setUpCentre(other, {
      country: 'казах',
      region: 'Алматинская область',
      name: 'Алматинский областной центр СПИД',
      login: 'Алмата',
      password: 'ТалдыкорганВесна-2017',
    });
    await enterCase(other, {
      no: 'А-1',
      uic,
      sex: sex.slice(0, 3).toLowerCase(),
      year: born,
      citizenship: 'узб',
      migrant: 'иностр',
      legal: 'нелег',
      kpTabs: [0],
      route: 'инъекц',
      infection: 'росс',
      date: '15.03.2017',
      dxCountry: 'казах',
    });
    await other.keyboard.press('Enter');
    await expect.poll(() => other.getByRole('status').first().textContent()).toBe('Сохранено.');
    await national.keyboard.press('Alt+5');
    await other.keyboard.press('Alt+5');
    const otherKey = await keyFile(other, e2e.tempDir());
    await other.locator('#partner-key').setInputFiles(nationalKey);
    await national.locator('#partner-key').setInputFiles(otherKey);
    await expect.poll(() => national.locator('[data-testid="partners"] tbody tr').count()).toBe(2);
    await other.getByRole('button', { name: 'Сделать пакет' }).click();
    const otherPkg = await download(other, e2e.tempDir(), () => other.getByTestId('package-made').getByRole('link').click());
    await national.locator('#package-file').setInputFiles(otherPkg);
    await expect.poll(() => national.getByTestId('package-same-person').textContent(), { timeout: 60_000 }).toContain('А-1');
    await national.getByRole('button', { name: 'Загрузить пакет № 1' }).click();
    await expect.poll(() => national.getByTestId('package-loaded').textContent(), { timeout: 60_000 }).toContain('добавлено 1');

    // The reviewer links the two records as one person; the case then says so, and the link is undone there.
    await expect.poll(() => national.locator('[data-testid="same-person"] tbody tr').count()).toBe(1);
    await screenshot(national, 'packages-same-person-ru');
    await national.getByRole('button', { name: 'Один человек' }).click();
    await expect.poll(() => national.getByRole('status').filter({ hasText: 'связаны' }).count()).toBe(1);
    await expect.poll(() => national.locator('[data-testid="same-person"]').count()).toBe(0);
    await national.keyboard.press('Alt+1');
    await national.getByRole('searchbox').fill('А-1');
    await expect.poll(() => national.locator('table.cases tbody tr').count()).toBe(1);
    await national.locator('table.cases tbody tr').first().locator('a, button').first().click();
    await expect.poll(() => national.getByTestId('person-records').textContent()).toContain('учитывается один раз');
    await national.getByRole('button', { name: 'Разъединить записи' }).click();
    await expect.poll(() => national.getByTestId('person-records').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 300_000);
});
