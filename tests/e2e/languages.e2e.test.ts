// Every language of the menu on every screen at 1366x768: chosen from the list at the top, the
// screens speak it (its own texts, Russian where a draft lacks one), no raw translation key shows
// in the text or in a placeholder, label or tooltip, shares carry the language's decimal mark, and no
// page scrolls sideways.
import { describe, expect, it } from 'vitest';
import { LANGUAGES, SHIPPED, decimalComma, texts } from '../../shared/i18n/languages.js';
import { screenshot, watchErrors } from '../helpers/browser.js';
import { openDemo, useE2e } from '../helpers/e2e.js';
import { SCREENS, overflow } from '../helpers/screens.js';
import { countryName } from '../../shared/i18n/country-names.js';

const e2e = useE2e();
const SECTIONS = Object.keys(SHIPPED.ru).join('|');

describe('the app in every language', () => {
  it('every screen in every language: its own words, no raw key, nothing wider than the window', async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchErrors(page);
    await openDemo(page, app.url);
    const problems: string[] = [];
    for (const lang of [...LANGUAGES.filter((l) => l !== LANGUAGES[0]), LANGUAGES[0]]) {
      await page.locator('select.language-switch').selectOption(lang);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
      const navText = texts(lang).nav.cases;
      await expect.poll(() => page.getByRole('navigation').first().textContent()).toContain(navText);
      for (const [name, hash, ready] of SCREENS) {
        await page.evaluate((h) => (location.hash = h), hash);
        await ready(page);
        await page.waitForTimeout(300); // late-arriving figures and names settle
        const raw = await page.evaluate((sections) => {
          const key = new RegExp(`\\b(?:${sections})\\.[A-Za-z_]+(?:\\.[A-Za-z_]+)*\\b`, 'g');
          const attrs = Array.from(document.querySelectorAll('[placeholder],[aria-label],[title]')).flatMap((e) =>
            ['placeholder', 'aria-label', 'title'].map((a) => e.getAttribute(a) ?? ''),
          );
          return [document.body.innerText, ...attrs].flatMap((s) => s.match(key) ?? []);
        }, SECTIONS);
        if (raw.length) problems.push(`${lang} ${name}: raw keys ${[...new Set(raw)].slice(0, 5).join(', ')}`);
        if (name === 'dashboard') {
          // Shares in the language's own decimal mark (Chromium's Intl alone would write 52.6% in Kazakh).
          const body = await page.locator('main').innerText();
          const comma = /\d,\d\s?%/.test(body);
          const point = /\d\.\d\s?%/.test(body);
          if (decimalComma(lang) ? !comma || point : !point || comma)
            problems.push(`${lang} dashboard: shares written with ${comma ? 'a comma' : ''} ${point ? 'a point' : ''}`);
        }
        // The centre's place: its country named in the screen's language (stored names are the centre's own).
        if (name === 'settings' && !(await page.locator('main dl.facts').first().innerText()).includes(countryName('KAZ', lang)))
          problems.push(`${lang} settings: the country not named in ${lang}`);
        const o = await overflow(page);
        if (o.over > 0) problems.push(`${lang} ${name}: ${o.over}px too wide (${o.culprits.join(' ')})`);
        // A person looks at one language's every screen, and at every language's dashboard.
        if (lang === 'kk' || name === 'dashboard') await screenshot(page, `lang-${lang}-${name.replace(/ /g, '-')}`);
      }
    }
    expect(errors).toEqual([]);
    expect(problems).toEqual([]);
  }, 300_000);
});
