// Contract schemas of the indicator dashboard.
import { z } from 'zod';
import { DIMENSIONS } from './dimensions.js';

export const MEASURES = [
  'diagnosed',
  'inCare',
  'onArt',
  'suppressedOnArt',
  'newDiagnoses',
  'artInitiations',
  'linked',
  'vlEligible',
  'vlTested',
] as const;
export type Measure = (typeof MEASURES)[number];

/** The counts of a breakdown table, in order; late diagnosis shows as a percentage of two counts. */
export const BREAKDOWN_MEASURES = [
  'diagnosed',
  'inCare',
  'onArt',
  'suppressedOnArt',
  'newDiagnoses',
  'artInitiations',
] as const satisfies readonly Measure[];
export const BREAKDOWN_COLUMNS = [...BREAKDOWN_MEASURES, 'share', 'lateDiagnosis'] as const;
export type BreakdownColumn = (typeof BREAKDOWN_COLUMNS)[number];

/** The percentages of the cascade, in the order reports show them, with their WHO SMART codes. */
export const PERCENTAGES = [
  'first90',
  'second90',
  'third90',
  'onArtOfEstimate',
  'suppressedOfEstimate',
  'vlCoverage',
  'vlSuppression',
  'undetectable',
  'linkage',
  'lateDiagnosis',
  'advanced',
  'lateArt',
] as const;
export const SMART_CODES: Record<(typeof PERCENTAGES)[number] | 'positivity', string> = {
  first90: 'HIV.IND.18',
  second90: 'HIV.IND.27',
  third90: 'HIV.IND.29 (UNAIDS)',
  onArtOfEstimate: 'UNAIDS 90-81-73',
  suppressedOfEstimate: 'UNAIDS 90-81-73',
  vlCoverage: 'HIV.IND.32',
  vlSuppression: 'HIV.IND.29',
  undetectable: '—',
  linkage: 'HIV.IND.21',
  lateDiagnosis: '—',
  advanced: '—',
  lateArt: 'HIV.IND.31',
  positivity: 'HIV.IND.19/20',
};

export const ProportionSchema = z.union([
  z.object({
    computable: z.literal(true),
    numerator: z.number(),
    denominator: z.number(),
    value: z.number(),
    low: z.number(),
    high: z.number(),
    warning: z.undefined().optional(),
  }),
  /** The numerator is above the denominator (the forms accept it with a warning): no interval. */
  z.object({
    computable: z.literal(true),
    numerator: z.number(),
    denominator: z.number(),
    value: z.number(),
    low: z.null(),
    high: z.null(),
    warning: z.literal('over_100'),
  }),
  z.object({ computable: z.literal(false), numerator: z.number(), denominator: z.number(), reason: z.string() }),
]);
const Pair = z.object({ numerator: z.number(), denominator: z.number() });
export const TallySchema = z.object({
  diagnosed: z.number(),
  inCare: z.number(),
  onArt: z.number(),
  vlEligible: z.number(),
  vlTested: z.number(),
  vlSuppressed: z.number(),
  suppressedOnArt: z.number(),
  vlOnArt: z.number(),
  undetectable: z.number(),
  newDiagnoses: z.number(),
  artInitiations: z.number(),
  linked: z.number(),
  lateDiagnosis: Pair,
  advanced: Pair,
  lateArt: Pair,
});
export const CascadeSchema = z.object({
  target: z.number(),
  first90: ProportionSchema,
  second90: ProportionSchema,
  third90: ProportionSchema,
  diagnosedOfEstimate: ProportionSchema,
  onArtOfEstimate: ProportionSchema,
  suppressedOfEstimate: ProportionSchema,
  vlCoverage: ProportionSchema,
  vlSuppression: ProportionSchema,
  undetectable: ProportionSchema,
  linkage: ProportionSchema,
  lateDiagnosis: ProportionSchema,
  advanced: ProportionSchema,
  lateArt: ProportionSchema,
});
const Block = z.object({ tally: TallySchema, cascade: CascadeSchema });

export const IndicatorQuerySchema = z
  .object({
    period: z.string().regex(/^\d{4}(Q[1-4]|\d{2})?$/, { message: 'validation.period' }),
    orgUnitId: z.number().int().positive().optional(),
    dimension: z.enum(DIMENSIONS).default('none'),
  })
  .strict();
/**
 * Where the first 90's denominator comes from: entered (a survey or a national estimate typed into
 * the estimates form), or the register's diagnosed plus the undiagnosed of a saved ECDC model run.
 */
export const EstimateSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('entered') }),
  z.object({
    kind: z.literal('ecdc'),
    runId: z.number().int(),
    createdAt: z.string(),
    undiagnosed: z.number(),
    /** The estimate's 95% bounds: the diagnosed plus the bootstrap's bounds on the undiagnosed. */
    bounds: z.tuple([z.number(), z.number()]).nullable(),
  }),
]);
export type EstimateSource = z.infer<typeof EstimateSourceSchema>;

export const IndicatorResultSchema = z.object({
  period: z.string(),
  orgUnitId: z.number().int(),
  dimension: z.enum(DIMENSIONS),
  estimate: z.number().nullable(),
  estimateSource: EstimateSourceSchema.nullable(),
  total: Block,
  /** Each group, with its share of all who know their status (key populations: may add up to more than 100%). */
  groups: z.array(Block.extend({ key: z.string(), share: ProportionSchema })),
  /** HIV.IND.19/20 from the testing form: per setting, tested, positive and positivity. */
  testing: z.array(z.object({ setting: z.string(), tested: z.number(), positive: z.number(), positivity: ProportionSchema })),
  /** What the breakdown table hides when it leaves the centre (small-cell suppression at maxCount). */
  outside: z.object({
    maxCount: z.number().int(),
    total: z.array(z.enum(BREAKDOWN_COLUMNS)),
    groups: z.record(z.string(), z.array(z.enum(BREAKDOWN_COLUMNS))),
    /** The cascade's counts of the whole population to hide (the percentages made of them with them). */
    counts: z.array(z.string()),
  }),
});
export type IndicatorResult = z.infer<typeof IndicatorResultSchema>;

export const DrilldownSchema = IndicatorQuerySchema.extend({ measure: z.enum(MEASURES), group: z.string().max(40).nullable() }).strict();
export const DrilldownResultSchema = z.object({
  rows: z.array(z.object({ id: z.number().int(), registerNo: z.string(), uic: z.string() })),
  total: z.number().int(),
});

/** Trend: the cascade of each of the `years` years up to `year`, in one call. */
export const TrendQuerySchema = z
  .object({
    year: z.number().int().min(1981).max(2200),
    years: z.number().int().min(1).max(10).default(5),
    orgUnitId: z.number().int().positive().optional(),
  })
  .strict();
export const TrendResultSchema = z.object({
  orgUnitId: z.number().int(),
  /** Oldest first; a year before the first one periods can have keeps its row, with the reason. */
  rows: z.array(
    z.union([
      z.object({
        year: z.number().int(),
        ok: z.literal(true),
        estimate: z.number().nullable(),
        estimateSource: EstimateSourceSchema.nullable(),
        tally: TallySchema,
        cascade: CascadeSchema,
      }),
      z.object({ year: z.number().int(), ok: z.literal(false), messageKey: z.string() }),
    ]),
  ),
});
export type TrendResult = z.infer<typeof TrendResultSchema>;
