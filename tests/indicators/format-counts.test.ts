// Numbers in the reader's language (issue 17, item 13): a share, its interval and its counts, as
// Russian and English write them.
import { describe, expect, it } from 'vitest';
import i18n from '../../renderer/i18n.js';
import { formatCount, formatProportion } from '../../renderer/indicators/format.js';

const share = { computable: true as const, value: 0.25, numerator: 25_000, denominator: 100_001, low: 0.247, high: 0.253, warning: null };
const t = (k: string) => i18n.t(k);

describe("numbers in the reader's language", () => {
  it('groups digits and writes the decimal mark as the language does', async () => {
    await i18n.changeLanguage('ru');
    expect(formatCount(25_000)).toBe('25\u00a0000');
    expect(formatProportion(share as never, t)).toBe('25,0\u00a0% (25\u00a0000/100\u00a0001; 95% ДИ 24,7–25,3\u00a0%)');
    await i18n.changeLanguage('en');
    expect(formatCount(25_000)).toBe('25,000');
    expect(formatProportion(share as never, t)).toBe('25.0% (25,000/100,001; 95% CI 24.7–25.3%)');
  });
});
