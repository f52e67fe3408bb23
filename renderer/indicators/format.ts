// Shares and intervals as the user's language writes them: "52,6 %" and "95% ДИ 39,9–65,0 %" in
// Russian, "52.6%" and "95% CI 39.9–65.0%" in English (Intl's own rules for each language).
import type { z } from 'zod';
import type { ProportionSchema } from '../../shared/indicators/api.js';
import { uiLocale } from '../app/locale.js';

type P = z.infer<typeof ProportionSchema>;

const percent = () => new Intl.NumberFormat(uiLocale(), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const decimal = () => new Intl.NumberFormat(uiLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pct = (x: number) => percent().format(x);
/** "39,9–65,0 %": the sign once, after the range. */
const range = (low: number, high: number) => `${decimal().format(low * 100)}–${pct(high)}`;
/** A count in the language's digit groups ("25 000"); a modelled estimate (diagnosed + undiagnosed) is not whole: rounded. */
export const formatCount = (x: number) => new Intl.NumberFormat(uiLocale(), { maximumFractionDigits: 0 }).format(Math.round(x));
const n = formatCount;

/** "71,4 % (5/7; 95% ДИ 35,9–91,8 %)", the reason it cannot be computed, or the warning of a share over 100%. */
export function formatProportion(p: P, t: (k: string) => string): string {
  if (!p.computable) return `${t(`indicators.notComputable.${p.reason}`)} (${n(p.numerator)}/${n(p.denominator)})`;
  if (p.warning) return `${pct(p.value)} (${n(p.numerator)}/${n(p.denominator)}) ⚠ ${t('indicators.over100')}`;
  return `${pct(p.value)} (${n(p.numerator)}/${n(p.denominator)}; ${t('indicators.ci')} ${range(p.low, p.high)})`;
}
export { pct };
