import type { z } from 'zod';
import type { ProportionSchema } from '../../shared/indicators/api';

type P = z.infer<typeof ProportionSchema>;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
/** A count; a modelled estimate (living diagnosed + undiagnosed) is not whole and shows rounded. */
const n = (x: number) => String(Math.round(x));

/** "71.4% (5/7; 95% CI 35.9–91.8%)", the reason it cannot be computed, or the warning of a share over 100%. */
export function formatProportion(p: P, t: (k: string) => string): string {
  if (!p.computable) return `${t(`indicators.notComputable.${p.reason}`)} (${n(p.numerator)}/${n(p.denominator)})`;
  if (p.warning) return `${pct(p.value)} (${n(p.numerator)}/${n(p.denominator)}) ⚠ ${t('indicators.over100')}`;
  return `${pct(p.value)} (${n(p.numerator)}/${n(p.denominator)}; ${t('indicators.ci')} ${pct(p.low)}–${pct(p.high)})`;
}
export { pct };
