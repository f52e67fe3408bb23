// The numbers a fact sheet's sources are listed under, as footnotes: the number a figure's source
// had where it was taken from (a sheet from the 2018 report keeps the report's numbers), and for
// sources typed without one, the next numbers in the order they come, one number per source.
export type Sourced = { indicator: string; source: string | null; footnote: number | null };

export function numberSources(values: readonly Sourced[]): { numberOf: Map<string, number>; list: { n: number; source: string }[] } {
  const numberOf = new Map<string, number>();
  const byNumber = new Map<number, string>();
  for (const v of values) {
    if (!v.source || v.footnote === null) continue;
    numberOf.set(v.indicator, v.footnote);
    if (!byNumber.has(v.footnote)) byNumber.set(v.footnote, v.source);
  }
  let next = Math.max(0, ...byNumber.keys());
  const byText = new Map([...byNumber].map(([n, s]) => [s, n]));
  for (const v of values) {
    if (!v.source || v.footnote !== null) continue;
    let n = byText.get(v.source);
    if (n === undefined) {
      n = ++next;
      byText.set(v.source, n);
      byNumber.set(n, v.source);
    }
    numberOf.set(v.indicator, n);
  }
  return { numberOf, list: [...byNumber].sort(([a], [b]) => a - b).map(([n, source]) => ({ n, source })) };
}
