// Shared set-up of the end-to-end files: one chromium per file, apps started per test and
// stopped after it, each on a fresh data folder unless given one.
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startApp, type RunningApp } from './app-process.js';
import { launchBrowser } from './browser.js';
import { useTempDirs } from './tmp.js';

export function useE2e() {
  const tempDir = useTempDirs();
  let browser: Browser | undefined;
  const apps: RunningApp[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop();
  });
  afterAll(async () => browser?.close());
  return {
    tempDir,
    browser: () => browser!,
    start: async (dataDir: string = tempDir()) => {
      const app = await startApp(dataDir);
      apps.push(app);
      return app;
    },
  };
}

/** Through the first-start wizard: a new, empty database for a centre, by keyboard. */
export const CENTRE_ADMIN = { login: 'Айгуль', password: 'ЧуйскаяДолина-2017' };

/** Ticks "I have written the code down" and goes on, as the administrator does once; returns the code shown. */
export async function keepRecoveryCode(page: Page): Promise<string> {
  await expect.poll(() => page.getByTestId('recovery-code').isVisible()).toBe(true);
  const code = (await page.getByTestId('recovery-code').textContent()) ?? '';
  // By keyboard, as the rest of the set-up: a mouse click would leave the pointer where later
  // drop-down lists open, and Chrome's moves under a still pointer would change their highlight.
  await page.getByRole('checkbox', { name: /Я записал/ }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Продолжить');
  await page.keyboard.press('Enter');
  return code;
}

/** The sign-in screen of an encrypted database, by keyboard. */
export async function signIn(page: Page, who = CENTRE_ADMIN) {
  await expect.poll(() => page.getByRole('heading', { name: 'Вход' }).isVisible()).toBe(true);
  await page.locator('#login').fill(who.login);
  await page.locator('#password').fill(who.password);
  await page.locator('#password').press('Enter');
  await expect.poll(() => page.getByTestId('centre-name').isVisible()).toBe(true);
}

/** Kazakhstan's national centre, set up through the wizard where a test needs a partner for the demo centre. */
export const ASTANA_CENTRE = {
  country: 'казах',
  region: 'г. Астана',
  name: 'Республиканский центр СПИД',
  login: 'Республика',
  password: 'АстанаЛевыйБерег-2017',
};

export async function setUpCentre(
  page: Page,
  centre = { country: 'кыр', region: 'Чуйская область', name: 'Чуйский областной центр СПИД', ...CENTRE_ADMIN },
) {
  await page.locator('#countryCode').focus();
  await page.keyboard.type(centre.country);
  await expect.poll(() => page.getByRole('listbox').getByRole('option').count()).toBe(1);
  await page.keyboard.press('Enter');
  await page.locator('#region').fill(centre.region);
  await page.locator('#centre').fill(centre.name);
  await page.locator('#login').fill(centre.login);
  await page.locator('#new-password').fill(centre.password);
  await page.locator('#new-password-repeat').fill(centre.password);
  await page.locator('#new-password-repeat').press('Enter');
  await keepRecoveryCode(page);
  await expect.poll(() => page.getByTestId('centre-name').isVisible()).toBe(true);
}

/** Opens the app's page and the demo database, as a user's first click would. */
export async function openDemo(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Открыть демо' }).click();
  await expect.poll(() => page.getByTestId('centre-name').isVisible()).toBe(true);
}
