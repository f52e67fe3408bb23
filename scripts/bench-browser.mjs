// Debian's chromium for the benches that draw the UI, launched as the end-to-end tests launch it.
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(root) {
  const { chromium } = await import(join(root, 'node_modules', 'playwright-core', 'index.mjs'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
  return chromium.launch({ executablePath: CHROMIUM, args });
}
