// A proportion with its numerator, denominator and 95% Wilson score interval. A zero denominator
// is "not computable", never 0% or 100%. A numerator above its denominator (more positive than
// tested, an estimate below those diagnosed: forms accept it with a warning) is shown as it is,
// over 100%, flagged, with no interval: the Wilson interval is not defined there.
export type Proportion =
  | { computable: true; numerator: number; denominator: number; value: number; low: number; high: number; warning?: undefined }
  | { computable: true; numerator: number; denominator: number; value: number; low: null; high: null; warning: 'over_100' }
  | { computable: false; numerator: number; denominator: number; reason: string };

const Z95 = 1.959963984540054;

export function proportion(numerator: number, denominator: number, reasonIfEmpty = 'no_denominator'): Proportion {
  if (denominator <= 0) return { computable: false, numerator, denominator, reason: reasonIfEmpty };
  const p = numerator / denominator;
  if (p > 1) return { computable: true, numerator, denominator, value: p, low: null, high: null, warning: 'over_100' };
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * denominator)) / (1 + z2 / denominator);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / denominator + z2 / (4 * denominator * denominator))) / (1 + z2 / denominator);
  return { computable: true, numerator, denominator, value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
