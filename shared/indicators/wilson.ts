// A proportion with its numerator, denominator and 95% Wilson score interval. A zero denominator
// is "not computable", never 0% or 100%.
export type Proportion =
  | { computable: true; numerator: number; denominator: number; value: number; low: number; high: number }
  | { computable: false; numerator: number; denominator: number; reason: string };

const Z95 = 1.959963984540054;

export function proportion(numerator: number, denominator: number, reasonIfEmpty = 'no_denominator'): Proportion {
  if (denominator <= 0) return { computable: false, numerator, denominator, reason: reasonIfEmpty };
  const p = numerator / denominator;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * denominator)) / (1 + z2 / denominator);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / denominator + z2 / (4 * denominator * denominator))) / (1 + z2 / denominator);
  return { computable: true, numerator, denominator, value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
