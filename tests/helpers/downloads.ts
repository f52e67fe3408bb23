// Files the app offers as download links, saved where the test can read them (the way a clerk
// saves them), and a centre's public key file fetched from the exchange screen.
import { join } from 'node:path';
import type { Page } from 'playwright-core';

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
