// Citizens diagnosed abroad: what one country's register tells another about its citizens newly
// diagnosed there in a year, as counts only (no case leaves), small counts hidden as in every
// output that leaves a centre. The same shape travels in the package, is stored by the receiver,
// and is shown on its fact sheet (section 3.1) and dashboard.
import { z } from 'zod';
import { UNAIDS_AGE_BANDS } from '../categories.js';
import { KEY_POPULATIONS, MIGRANT_TYPES, SEXES } from '../cases/schema.js';
import { CountryCodeSchema } from '../primitives.js';
import { ExportedFileSchema } from '../exports/api.js';
import { suppressBreakdown } from '../indicators/breakdown-suppression.js';
import { suppressLinked } from '../indicators/linked-suppression.js';

/** The breakdowns a report carries, each with its groups in print order. */
export const ABROAD_GROUPS = {
  sex: SEXES,
  age: [...new Set(Object.values(UNAIDS_AGE_BANDS))],
  keyPopulation: KEY_POPULATIONS,
  migrantType: MIGRANT_TYPES,
  art: ['started', 'not_started'],
} as const satisfies Record<string, readonly string[]>;
export type AbroadDimension = keyof typeof ABROAD_GROUPS;
export const ABROAD_DIMENSIONS = Object.keys(ABROAD_GROUPS) as AbroadDimension[];
/** Key populations overlap (a person counts in each of theirs): their counts do not add up to the total. */
export const ABROAD_PARTITIONS: readonly AbroadDimension[] = ['sex', 'age', 'migrantType', 'art'];

/** A count, or null where it is hidden (small, or giving a small one away). */
const Count = z.number().int().min(0).max(10_000_000).nullable();
const Groups = z.array(z.object({ key: z.string().max(20), n: Count }).strict()).max(20);
export const AbroadYearSchema = z
  .object({
    year: z.number().int().min(1980).max(2100),
    /** The receiving country, whose citizens these are. */
    citizenship: CountryCodeSchema,
    /** Counts from 1 to this are hidden. */
    maxCount: z.number().int().min(0).max(100),
    /** Newly diagnosed in the year. */
    total: Count,
    by: z.object({ sex: Groups, age: Groups, keyPopulation: Groups, migrantType: Groups, art: Groups }).strict(),
  })
  .strict();
export type AbroadYear = z.infer<typeof AbroadYearSchema>;

/**
 * A year's counts as they may leave the centre: a total from 1 to `maxCount` hides everything;
 * otherwise each breakdown is suppressed as the dashboard's are outside (small cells, and the
 * cells that would give them away from the total), a breakdown that cannot keep its total shown
 * hidden whole. Key populations overlap, but "none", "unknown" and "in any key population" add up
 * to the total: that hidden sum is protected too. Against `sent` (what earlier packages of the
 * year told the same partner), a count that moved by 1 to `maxCount` would give the people who
 * moved away by subtraction: its whole breakdown is hidden (the whole year, for the total).
 */
export function hideSmallAbroad(
  head: Pick<AbroadYear, 'year' | 'citizenship' | 'maxCount'>,
  total: number,
  rows: Record<AbroadDimension, { key: string; n: number }[]>,
  sent: readonly AbroadYear[] = [],
): AbroadYear {
  const small = (v: number) => v >= 1 && v <= head.maxCount;
  const moved = (now: number, before: number | null | undefined) =>
    before !== null && before !== undefined && small(Math.abs(now - before));
  const hideAll = small(total) || sent.some((p) => moved(total, p.total));
  const masks: Record<AbroadDimension, boolean[]> = Object.fromEntries(
    ABROAD_DIMENSIONS.map((d) => {
      const values = rows[d].map((r) => r.n);
      if (hideAll || rows[d].some((r) => sent.some((p) => moved(r.n, p.by[d].find((g) => g.key === r.key)?.n))))
        return [d, values.map(() => true)];
      if (d === 'keyPopulation') {
        // Entries: the total, each group (shown), and "in any key population" (never shown).
        const at = (key: string) => rows[d].findIndex((r) => r.key === key) + 1;
        const any = total - values[at('none') - 1]! - values[at('unknown') - 1]!;
        const entries = [{ value: total, shown: true }, ...values.map((value) => ({ value, shown: true })), { value: any, shown: false }];
        const hidden = suppressLinked(entries, [{ total: 0, members: [at('none'), at('unknown'), entries.length - 1] }], head.maxCount);
        return [d, hidden[0] ? values.map(() => true) : values.map((_, i) => hidden[i + 1]!)];
      }
      const mask = suppressBreakdown({ groups: values.map((v) => [v]), total: [total] }, head.maxCount, ABROAD_PARTITIONS.includes(d));
      return [d, mask.total[0] ? values.map(() => true) : mask.groups.map((g) => g[0]!)];
    }),
  ) as Record<AbroadDimension, boolean[]>;
  const by = Object.fromEntries(
    ABROAD_DIMENSIONS.map((d) => [d, rows[d].map((r, i) => ({ key: r.key, n: masks[d][i] ? null : r.n }))]),
  ) as AbroadYear['by'];
  return { ...head, total: hideAll ? null : total, by };
}

/**
 * The reason a year's figures cannot be right, or null: a breakdown without each of its groups once,
 * a shown count above the total, a whole breakdown that does not add up, counts shown under a
 * hidden total.
 */
export function abroadInconsistency(y: AbroadYear): string | null {
  if (y.total !== null && y.total >= 1 && y.total <= y.maxCount) return 'total';
  for (const d of ABROAD_DIMENSIONS) {
    const rows = y.by[d];
    const keys = rows.map((r) => r.key);
    // Every group of the breakdown once: a group left out would read as none.
    const all = ABROAD_GROUPS[d] as readonly string[];
    if (new Set(keys).size !== keys.length || keys.length !== all.length || keys.some((k) => !all.includes(k))) return d;
    if (y.total === null) {
      if (rows.some((r) => r.n !== null)) return d;
      continue;
    }
    // A shown count the sender's own threshold would hide, or a hidden one under a total of none.
    if (rows.some((r) => (r.n !== null && r.n >= 1 && r.n <= y.maxCount) || (r.n === null && y.total === 0))) return d;
    if (rows.some((r) => r.n !== null && r.n > y.total!)) return d;
    if (d === 'keyPopulation') {
      // "None" and "unknown" exclude every key population: together with those in any, they are the total.
      const n = (key: string) => rows.find((r) => r.key === key)?.n ?? 0;
      const inAny = y.total - n('none') - n('unknown');
      if (inAny < 0 || rows.some((r) => r.key !== 'none' && r.key !== 'unknown' && (r.n ?? 0) > inAny)) return d;
    }
    if (!ABROAD_PARTITIONS.includes(d)) continue;
    const shown = rows.reduce((a, r) => a + (r.n ?? 0), 0);
    if (shown > y.total || (rows.every((r) => r.n !== null) && shown !== y.total)) return d;
  }
  return null;
}

export const MakeAbroadPackageSchema = z
  .object({
    partnerId: z.number().int().positive(),
    fromYear: z
      .number({ message: 'validation.abroad_year' })
      .int({ message: 'validation.abroad_year' })
      .min(1980, { message: 'validation.abroad_year' })
      .max(2100, { message: 'validation.abroad_year' }),
    toYear: z
      .number({ message: 'validation.abroad_year' })
      .int({ message: 'validation.abroad_year' })
      .min(1980, { message: 'validation.abroad_year' })
      .max(2100, { message: 'validation.abroad_year' }),
  })
  .strict()
  .refine((v) => v.fromYear <= v.toYear && v.toYear - v.fromYear < 20, { path: ['toYear'], message: 'validation.year_range' });
export const MadeAbroadPackageSchema = z.object({
  file: ExportedFileSchema,
  sequence: z.number().int(),
  citizenship: z.string(),
  years: z.array(z.object({ year: z.number().int(), total: Count })),
});

/** A report as the receiver keeps it: from which partner (its country and name), when made and loaded. */
export const AbroadReportSchema = AbroadYearSchema.extend({
  partnerId: z.number().int(),
  centre: z.string(),
  fromCountry: z.string(),
  sequence: z.number().int(),
  madeAt: z.string(),
  loadedAt: z.string(),
});
export type AbroadReport = z.infer<typeof AbroadReportSchema>;
export const AbroadReportsQuerySchema = z
  .object({ fromYear: z.number().int().min(1980).max(2100), toYear: z.number().int().min(1980).max(2100) })
  .strict();

/** What a citizens-abroad package would change here, year by year. */
export const AbroadPreviewSchema = z.object({
  fromCountry: z.string(),
  citizenship: z.string(),
  years: z.array(
    z.object({
      year: z.number().int(),
      total: Count,
      maxCount: z.number().int(),
      /**
       * The report of this year from the sender's country that stands now: none; the same counts from
       * the same centre; replaced by these; or made later than these ('older': these are not shown).
       */
      before: z.enum(['none', 'replaced', 'same', 'older']),
    }),
  ),
});
export type AbroadPreview = z.infer<typeof AbroadPreviewSchema>;
