// Files the app offers as download links, saved where the test can read them (the way a clerk
// saves them), and a centre's public key file fetched from the exchange screen.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Clicks what starts a download and saves the file in `dir` under the name the app suggested. */
export async function download(page: Page, dir: string, click: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** The exchange section's key file of this centre, saved and downloaded. */
export async function keyFile(page: Page, dir: string): Promise<string> {
  await page.getByRole('button', { name: 'Сохранить файл ключа' }).click();
  return download(page, dir, () =>
    page
      .locator('.packages-keys')
      .getByRole('link', { name: /\.mhdkey$/ })
      .click(),
  );
}

/**
 * Two centres swap key files once, on their exchange screens, as administrators do: `a` adds
 * `b`'s key (and says so), then `b` adds `a`'s and lists it. Returns both key files.
 */
export async function swapKeys(a: Page, b: Page, dir: string): Promise<{ aKey: string; bKey: string }> {
  for (const p of [a, b]) await p.keyboard.press('Alt+5');
  await expect.poll(() => b.getByTestId('my-fingerprint').textContent()).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
  const bKey = await keyFile(b, dir);
  const aKey = await keyFile(a, dir);
  await a.locator('#partner-key').setInputFiles(bKey);
  await expect.poll(() => a.getByRole('status').filter({ hasText: 'добавлен' }).count()).toBe(1);
  await b.locator('#partner-key').setInputFiles(aKey);
  await expect.poll(() => b.locator('[data-testid="partners"] tbody tr').count()).toBe(1);
  return { aKey, bKey };
}
