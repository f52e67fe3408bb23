// Small-cell suppression of a breakdown table (groups x counts) for outputs leaving the centre.
// Each column is a separate count (diagnosed, on ART, ...) over the same groups; columns are not
// added up, so each is suppressed on its own against its total. A breakdown that partitions the
// total (sex, age, status, citizenship) gets primary and secondary suppression; key populations
// overlap (a case counts in each of its groups), so no total can be solved for a cell and primary
// suppression is what applies.
import { suppress } from './suppression.js';
import { BREAKDOWN_COLUMNS, BREAKDOWN_MEASURES, type BreakdownColumn } from './api.js';
import type { Tally } from './cascade.js';
import type { Dimension } from './dimensions.js';

export type Breakdown = { groups: number[][]; total: number[] }; // groups[i][j]: group i, column j
export type BreakdownMask = { groups: boolean[][]; total: boolean[] };

export function suppressBreakdown(b: Breakdown, maxCount: number, partition: boolean): BreakdownMask {
  const small = (v: number) => v >= 1 && v <= maxCount;
  const mask: BreakdownMask = { groups: b.groups.map((row) => row.map(small)), total: b.total.map(small) };
  if (!partition) return mask;
  b.total.forEach((total, j) => {
    const column = b.groups.map((row) => row[j]!);
    const m = suppress({ cells: column.map((v) => [v]), rowTotals: column, colTotals: [total], total }, maxCount);
    column.forEach((_, i) => (mask.groups[i]![j] = m.cells[i]![0]! || m.rowTotals[i]!));
    mask.total[j] = m.colTotals[0]! || m.total;
  });
  return mask;
}

/**
 * The columns of the breakdown table to hide outside the centre, for the total and each group. Late
 * diagnosis is a percentage: hidden when its numerator or its denominator is.
 */
export function hiddenColumns(total: Tally, groups: { key: string; tally: Tally }[], dimension: Dimension, maxCount: number): { total: BreakdownColumn[]; groups: Record<string, BreakdownColumn[]> } {
  const counts = (t: Tally) => [...BREAKDOWN_MEASURES.map((m) => t[m]), t.lateDiagnosis.numerator, t.lateDiagnosis.denominator];
  const m = suppressBreakdown({ groups: groups.map((g) => counts(g.tally)), total: counts(total) }, maxCount, dimension !== 'key_population');
  // Columns: the measures, then the share (hidden with the diagnosed count it is made of), then late diagnosis.
  const late = BREAKDOWN_MEASURES.length;
  const hiddenColumn = (hidden: boolean[], c: BreakdownColumn) =>
    c === 'share' ? hidden[0]! : c === 'lateDiagnosis' ? hidden[late]! || hidden[late + 1]! : hidden[BREAKDOWN_MEASURES.indexOf(c)]!;
  const columns = (hidden: boolean[]) => BREAKDOWN_COLUMNS.filter((c) => hiddenColumn(hidden, c));
  return { total: columns(m.total), groups: Object.fromEntries(groups.map((g, i) => [g.key, columns(m.groups[i]!)])) };
}
