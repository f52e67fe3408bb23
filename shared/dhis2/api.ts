// Exports to DHIS2: the aggregate forms' values as a dataValueSet (JSON) or an ADX message (XML)
// for a range of periods and an org unit with those below it, through a mapping of identifiers a
// DHIS2 administrator keeps in a workbook.
import { z } from 'zod';
import { ExportedFileSchema } from '../exports/api.js';
import { ImportFileSchema } from '../imports/api.js';
import type { Dimension } from '../indicators/dimensions.js';
import type { CategoryCode } from '../categories.js';

/** The cascade's counts sent to DHIS2 beside the forms, as data elements of their own (data set "indicators"). */
export const INDICATOR_MEASURES = ['diagnosed', 'inCare', 'onArt', 'suppressedOnArt', 'newDiagnoses', 'artInitiations'] as const;
export const INDICATOR_DATA_SET = 'indicators';
/**
 * The breakdowns each count also goes by, each a data element of its own (DHIS2 gives a data
 * element one category combination), its cells one category's options (`sex:male`), with the
 * category of the forms they are named by.
 */
export const INDICATOR_BREAKDOWNS = {
  sex: 'sex',
  age_who: 'age_band',
  key_population: 'key_population',
  legal_status: 'legal_status',
  migrant_type: 'migrant_type',
} as const satisfies Partial<Record<Dimension, CategoryCode>>;
export type IndicatorBreakdown = keyof typeof INDICATOR_BREAKDOWNS;
export const indicatorElement = (m: (typeof INDICATOR_MEASURES)[number], by?: IndicatorBreakdown) =>
  by ? `ind_${m}_by_${by}` : `ind_${m}`;

export const MAPPING_KINDS = ['dataSet', 'dataElement', 'categoryOptionCombo', 'orgUnit'] as const;
export type MappingKind = (typeof MAPPING_KINDS)[number];

/** How many rows of each kind. */
export const countByKind = (rows: readonly { kind: MappingKind }[]) =>
  Object.fromEntries(MAPPING_KINDS.map((k) => [k, rows.filter((r) => r.kind === k).length])) as Record<MappingKind, number>;

/** A DHIS2 identifier: a UID (a letter and ten letters or digits) or a code (up to 50 characters, no control characters). */
export const Dhis2IdSchema = z
  .string()
  .trim()
  .min(1)
  .max(50)
  // No control, format (zero-width, direction marks) or line-separator characters: invisible in a
  // cell, they would make an identifier DHIS2 never finds.
  .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}<>&"]+$/u);
export const isDhis2Uid = (s: string) => /^[A-Za-z][A-Za-z0-9]{10}$/.test(s);
/** How DHIS2 reads a kind of identifier in a file: UIDs or codes. */
export const ID_SCHEMES = ['UID', 'CODE'] as const;
export type IdScheme = (typeof ID_SCHEMES)[number];
/** Every DHIS2 server's default category option combo: a cell of a data element without disaggregation. */
export const DHIS2_DEFAULT_COC = 'HllvX50cXC0';

const PeriodCode = z.string().regex(/^\d{4}(Q[1-4]|\d{2})?$/, { message: 'validation.period' });
export const Dhis2ExportSchema = z
  .object({
    from: PeriodCode,
    to: PeriodCode,
    orgUnitId: z.number().int().positive().optional(),
    format: z.enum(['json', 'adx']),
    /** The cascade's counts of each period too (small counts hidden, as in every outside export). */
    indicators: z.boolean().default(false),
  })
  .strict();
export type Dhis2ExportRequest = z.infer<typeof Dhis2ExportSchema>;

export const Dhis2ExportedSchema = z.object({
  file: ExportedFileSchema,
  values: z.number().int(),
  /** Counts of the cascade left out as small (1 to the threshold, and those that would give them away). */
  hidden: z.number().int(),
  /** Values left out for a part without a DHIS2 identifier. */
  unmapped: z.object(Object.fromEntries(MAPPING_KINDS.map((k) => [k, z.number().int()])) as Record<MappingKind, z.ZodNumber>),
  /**
   * How DHIS2 must read each kind of identifier (a dataValueSet says so itself; an ADX file cannot,
   * so these go with the import); null for a kind the file does not hold (a dataValueSet's data sets).
   */
  idSchemes: z.object(
    Object.fromEntries(MAPPING_KINDS.map((k) => [k, z.enum(ID_SCHEMES).nullable()])) as Record<
      MappingKind,
      z.ZodNullable<z.ZodEnum<{ UID: 'UID'; CODE: 'CODE' }>>
    >,
  ),
  /** For an ADX file: the import parameters DHIS2 needs to read its identifiers (by default it reads ADX by code); null for JSON. */
  importParameters: z.string().nullable(),
});

export const MappingUploadSchema = ImportFileSchema;
const Counts = z.object(Object.fromEntries(MAPPING_KINDS.map((k) => [k, z.number().int()])) as Record<MappingKind, z.ZodNumber>);
/** What a DHIS2 metadata package matched, and what stays unmapped after it. */
export const MetadataLoadedSchema = z.object({ mapped: Counts, unmapped: Counts });
export const MappingLoadedSchema = z.object({
  mapped: z.object(Object.fromEntries(MAPPING_KINDS.map((k) => [k, z.number().int()])) as Record<MappingKind, z.ZodNumber>),
  /** The first refused rows (at most 200), and how many there are. */
  refused: z.array(z.object({ sheet: z.string(), row: z.number().int(), messageKey: z.string() })),
  refusedTotal: z.number().int(),
});
