// Every screen fits the centre's laptop: at 1366x768 and 1024x700 no page scrolls sideways (wide
// tables scroll inside their own box, the navigation folds above the page on a narrow window).
import { describe, expect, it } from 'vitest';
import { screenshot, watchErrors } from '../helpers/browser.js';
import { useE2e } from '../helpers/e2e.js';
import { SCREENS, overflow } from '../helpers/screens.js';

const e2e = useE2e();

describe('screens that fit a laptop', () => {
  it('no screen scrolls sideways at 1366x768 or 1024x700', async () => {
    const app = await e2e.start();
    const wide: string[] = [];
    const SIZES = [
      [1366, 768],
      [1024, 700],
    ] as const;
    // One tab: the app's link opens one tab once.
    const page = await e2e.browser().newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchErrors(page);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Открыть демо' }).waitFor();
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      const first = await overflow(page);
      if (first.over > 0) wide.push(`${width} first start: ${first.over}px ${first.culprits.join(' ')}`);
    }
    await page.getByRole('button', { name: 'Открыть демо' }).click();
    await page.getByTestId('centre-name').waitFor();
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      for (const [name, hash, ready] of SCREENS) {
        await page.evaluate((h) => (location.hash = h), hash);
        await ready(page);
        await page.waitForTimeout(300); // late-arriving figures and names settle
        const o = await overflow(page);
        if (width === 1024 && (name === 'register' || name === 'dashboard')) await screenshot(page, `layout-1024-${name}`);
        if (o.over > 0) {
          wide.push(`${width} ${name}: ${o.over}px ${o.culprits.join(' ')}`);
          await screenshot(page, `too-wide-${width}-${name.replace(/ /g, '-')}`);
        }
      }
    }
    expect(errors).toEqual([]);
    expect(wide).toEqual([]);
  }, 240_000);
});
