// Contract schemas of the fact sheet: its key, the values and text a user enters, and the sheet
// as the screen, the workbook and the printed page show it (this year beside last year).
import { z } from 'zod';
import { CountryCodeSchema, LanguageSchema } from '../primitives.js';
import { CascadeSchema, EstimateSourceSchema } from '../indicators/api.js';
import { CONTEXT_ROWS, INSTRUMENTS, RATIFICATION, TEXT_SECTIONS } from './definitions.js';

export const FactSheetKeySchema = z.object({ country: CountryCodeSchema, year: z.number().int().min(1981).max(2200) }).strict();
export type FactSheetKey = z.infer<typeof FactSheetKeySchema>;

const INDICATORS = [...CONTEXT_ROWS.map((r) => r.code), ...INSTRUMENTS.map((i) => i.code)] as [string, ...string[]];
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { message: 'validation.control_characters' });
const figure = z.number().finite().min(-1e15).max(1e15).nullable();

/** One row of section 1 as entered: a number (with an interval for estimates), or a ratification, with its year and source. */
export const ContextValueSchema = z
  .object({
    indicator: z.enum(INDICATORS),
    value: figure,
    low: figure,
    high: figure,
    text: z.enum([...RATIFICATION, 'no_data']).nullable(),
    dataYear: text(20).nullable(),
    source: text(500).nullable(),
    note: text(500).nullable(),
    /** Decimals as typed or printed (12.0 prints 12.0); null: as many as the value has. */
    decimals: z.number().int().min(0).max(6).nullable().default(null),
    /** The source's number in the document the figure was taken from (the 2018 report's footnote); null: numbered in order. */
    footnote: z.number().int().min(1).max(999).nullable().default(null),
  })
  .strict();
export type ContextValue = z.infer<typeof ContextValueSchema>;
export type ContextValueInput = z.input<typeof ContextValueSchema>;

/** The language a sheet's words (texts, notes) are read or written in; absent: the app's. */
const inLanguage = { language: LanguageSchema.optional() };
export const FactSheetQuerySchema = FactSheetKeySchema.extend(inLanguage).strict();
export const SaveContextSchema = FactSheetKeySchema.extend({ values: z.array(ContextValueSchema).min(1).max(100), ...inLanguage }).strict();
export const SaveTextSchema = FactSheetKeySchema.extend({ section: z.enum(TEXT_SECTIONS), body: text(20_000), ...inLanguage }).strict();
export const FactSheetFileSchema = FactSheetKeySchema.extend({ language: LanguageSchema }).strict();

const AbroadCell = z.union([z.number(), z.literal('hidden'), z.null()]);
export type AbroadCell = z.infer<typeof AbroadCell>;
const YearPair = z.object({ current: z.number(), previous: z.number() });
const Count = z.object({ key: z.string(), current: z.number(), previous: z.number() });

/** Section 3 and 3.1 figures worked out from the register of this database. */
export const RegisterFiguresSchema = z.object({
  orgUnitId: z.number().int(),
  newCases: YearPair,
  cumulative: YearPair,
  bySex: z.array(Count),
  byRoute: z.array(Count),
  /** New cases among foreign citizens, by citizenship and sex, this year. */
  foreigners: z.array(
    z.object({ citizenship: z.string(), male: z.number(), female: z.number(), other: z.number(), total: z.number(), previous: z.number() }),
  ),
  /**
   * The table leaves the centre in print: counts 1..maxCount hidden, and the cells they could be worked
   * out from (rows: citizenships; columns: male, female, other).
   */
  foreignersHidden: z.object({
    cells: z.array(z.array(z.boolean())),
    rowTotals: z.array(z.boolean()),
    colTotals: z.array(z.boolean()),
    total: z.boolean(),
  }),
  maxCount: z.number().int(),
  /** The country's own citizens whose diagnosis was made abroad, as this register knows them. */
  abroad: YearPair,
  /**
   * The same, as other countries' national centres reported them in citizens-abroad packages: per
   * centre, each year's newly diagnosed and, this year, how many of them started ART. A count is a
   * number, 'hidden' (small, left out by the sender), or null (no report of that year).
   */
  abroadReported: z.array(
    z.object({
      fromCountry: z.string(),
      centre: z.string(),
      madeAt: z.string(),
      current: AbroadCell,
      previous: AbroadCell,
      startedArt: AbroadCell,
    }),
  ),
  /** New cases per year, for the figure. */
  series: z.array(z.object({ year: z.number().int(), newCases: z.number() })),
  cascade: z.object({
    current: CascadeSchema,
    previous: CascadeSchema,
    diagnosed: YearPair,
    onArt: YearPair,
    suppressed: YearPair,
    /** The cascade's counts hidden in print, each year: small, or giving away a small difference of steps. */
    hidden: z.object({ current: z.array(z.string()), previous: z.array(z.string()) }),
    /** Where the report year's first 90 denominator comes from. */
    estimateSource: EstimateSourceSchema.nullable(),
  }),
  /** Surveys entered in the aggregate forms for the year: per survey, its whole sample ('total') and each key population. */
  surveys: z.array(
    z.object({ name: z.string().nullable(), group: z.string(), sample: z.number().nullable(), positive: z.number().nullable() }),
  ),
});
export type RegisterFigures = z.infer<typeof RegisterFiguresSchema>;

export const FactSheetSchema = z.object({
  country: z.string(),
  year: z.number().int(),
  /** The years this country has a sheet for (values or text), latest first. */
  years: z.array(z.number().int()),
  context: z.array(
    z.object({
      indicator: z.string(),
      current: ContextValueSchema.nullable(),
      previous: ContextValueSchema.nullable(),
      change: z.object({ diff: z.number(), ratio: z.number().nullable() }).nullable(),
    }),
  ),
  ratifications: z.array(
    z.object({
      instrument: z.string(),
      current: z.enum([...RATIFICATION, 'no_data']).nullable(),
      previous: z.enum([...RATIFICATION, 'no_data']).nullable(),
    }),
  ),
  texts: z.record(z.string(), z.string()),
  /** The language each text is in: the sheet's, or (only one written) the nearest (Russian, then English). */
  textLanguages: z.record(z.string(), z.string()),
  /** The language of each of this year's notes shown, by indicator (as `textLanguages`). */
  noteLanguages: z.record(z.string(), z.string()),
  /** Null when no organisation of this country is in the database. */
  register: RegisterFiguresSchema.nullable(),
});
export type FactSheet = z.infer<typeof FactSheetSchema>;
