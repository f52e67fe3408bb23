// Shared set-up of the end-to-end files: one chromium per file, apps started per test and
// stopped after it, each on a fresh data folder unless given one.
import type { Browser } from 'playwright-core';
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
