import type { z } from 'zod';
import type { ProportionSchema } from '../../shared/indicators/api';

type P = z.infer<typeof ProportionSchema>;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** "71.4% (5/7; 95% CI 35.9–91.8%)", the reason it cannot be computed, or the warning of a share over 100%. */
export function formatProportion(p: P, t: (k: string) => string): string {
  if (!p.computable) return `${t(`indicators.notComputable.${p.reason}`)} (${p.numerator}/${p.denominator})`;
  if (p.warning) return `${pct(p.value)} (${p.numerator}/${p.denominator}) ⚠ ${t('indicators.over100')}`;
  return `${pct(p.value)} (${p.numerator}/${p.denominator}; ${t('indicators.ci')} ${pct(p.low)}–${pct(p.high)})`;
}
export { pct };
