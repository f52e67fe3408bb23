// Small-cell suppression of a breakdown table (groups x counts) for outputs leaving the centre.
// Each column is a separate count (diagnosed, on ART, ...) over the same groups. A breakdown that
// partitions the total (sex, age, status, citizenship) adds up each column to its total; key
// populations overlap (a case counts in each of its groups), so their columns add up to nothing.
// Columns that are steps of the cascade (know their status, in care, on ART, suppressed) differ by
// people never printed but worked out by subtraction: those differences are protected too, in
// every row, so a step beside the next cannot give away one person lost to follow-up.
import { suppressLinked, type Entry, type Relation } from './linked-suppression.js';
import { BREAKDOWN_COLUMNS, BREAKDOWN_MEASURES, type BreakdownColumn } from './api.js';
import type { Tally } from './cascade.js';
import type { Dimension } from './dimensions.js';

export type Breakdown = { groups: number[][]; total: number[] }; // groups[i][j]: group i, column j
export type BreakdownMask = { groups: boolean[][]; total: boolean[] };

/**
 * Which cells and totals to hide. `chains` are pairs of columns [outer, inner] where inner counts a
 * subset of outer's people, shown side by side in each row.
 */
export function suppressBreakdown(
  b: Breakdown,
  maxCount: number,
  partition: boolean,
  chains: readonly (readonly [number, number])[] = [],
): BreakdownMask {
  const columns = b.total.length;
  const entries: Entry[] = [];
  const add = (value: number, shown: boolean) => entries.push({ value, shown }) - 1;
  const cell = b.groups.map((row) => row.map((v) => add(v, true)));
  const total = b.total.map((v) => add(v, true));
  const relations: Relation[] = [];
  const differences = (row: readonly number[], at: readonly number[]) =>
    chains.map(([outer, inner]) => {
      const d = add(row[outer]! - row[inner]!, false);
      relations.push({ total: at[outer]!, members: [at[inner]!, d] });
      return d;
    });
  const groupDiffs = b.groups.map((row, i) => differences(row, cell[i]!));
  const totalDiffs = differences(b.total, total);
  if (partition) {
    for (let j = 0; j < columns; j++) relations.push({ total: total[j]!, members: cell.map((row) => row[j]!) });
    chains.forEach((_, c) => relations.push({ total: totalDiffs[c]!, members: groupDiffs.map((d) => d[c]!) }));
  }
  const hidden = suppressLinked(entries, relations, maxCount);
  return { groups: cell.map((row) => row.map((k) => hidden[k]!)), total: total.map((k) => hidden[k]!) };
}

/**
 * The columns of the breakdown table to hide outside the centre, for the total and each group. Late
 * diagnosis is a percentage: hidden when its numerator or its denominator is.
 */
export function hiddenColumns(
  total: Tally,
  groups: { key: string; tally: Tally }[],
  dimension: Dimension,
  maxCount: number,
): { total: BreakdownColumn[]; groups: Record<string, BreakdownColumn[]> } {
  const counts = (t: Tally) => [...BREAKDOWN_MEASURES.map((m) => t[m]), t.lateDiagnosis.numerator, t.lateDiagnosis.denominator];
  const at = (m: (typeof BREAKDOWN_MEASURES)[number]) => BREAKDOWN_MEASURES.indexOf(m);
  const late = BREAKDOWN_MEASURES.length;
  // The cascade's steps, and late diagnoses among the new diagnoses with a CD4 count.
  const chains = [
    [at('diagnosed'), at('inCare')],
    [at('inCare'), at('onArt')],
    [at('onArt'), at('suppressedOnArt')],
    [late + 1, late],
  ] as const;
  const m = suppressBreakdown(
    { groups: groups.map((g) => counts(g.tally)), total: counts(total) },
    maxCount,
    dimension !== 'key_population',
    chains,
  );
  // Columns: the measures, then the share (hidden with the diagnosed count it is made of), then late diagnosis.
  const hiddenColumn = (hidden: boolean[], c: BreakdownColumn) =>
    c === 'share' ? hidden[0]! : c === 'lateDiagnosis' ? hidden[late]! || hidden[late + 1]! : hidden[BREAKDOWN_MEASURES.indexOf(c)]!;
  const columns = (hidden: boolean[]) => BREAKDOWN_COLUMNS.filter((c) => hiddenColumn(hidden, c));
  return { total: columns(m.total), groups: Object.fromEntries(groups.map((g, i) => [g.key, columns(m.groups[i]!)])) };
}
