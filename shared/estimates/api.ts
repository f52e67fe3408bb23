// The ECDC model run on the register, through the contract: a population and years asked for,
// then a job the user watches (fitting, then the bootstrap's runs) and its result per year.
import { z } from 'zod';
import { AppErrorSchema } from '../result.js';
import { KEY_POPULATIONS, LEGAL_STATUSES, MIGRANT_TYPES } from '../cases/schema.js';

const YEAR_RANGE = { message: 'validation.estimate_year_range' };
const year = z
  .number({ message: 'validation.year_format' })
  .int({ message: 'validation.year_format' })
  .min(1981, YEAR_RANGE)
  .max(2100, YEAR_RANGE);

const PopulationSchema = z
  .object({
    migrantType: z.enum(MIGRANT_TYPES).optional(),
    legalStatus: z.enum(LEGAL_STATUSES).optional(),
    keyPopulation: z.enum(KEY_POPULATIONS).optional(),
  })
  .strict();

/** What a model is asked of: a unit, years, a population and the model's settings. */
const ModelAskedSchema = z.object({
  orgUnitId: z.number().int().positive().optional(),
  firstYear: year,
  lastYear: year,
  population: PopulationSchema.default({}),
  /** Interior knots of the incidence spline (the tool's default is 4). */
  knots: z
    .number({ message: 'validation.estimate_knots' })
    .int({ message: 'validation.estimate_knots' })
    .min(1, { message: 'validation.estimate_knots' })
    .max(12, { message: 'validation.estimate_knots' })
    .default(4),
  /** Years from which the diagnosis rates may differ (each starts a new interval with a jump); none: one rate per stage. */
  rateChangeYears: z.array(year).max(8, { message: 'validation.estimate_rate_years' }).default([]),
});

type Asked = z.infer<typeof ModelAskedSchema>;
const yearsHold = (q: Asked) => q.lastYear - q.firstYear >= 4 && q.lastYear - q.firstYear <= 60;
const rateYearsHold = (q: Asked) =>
  q.rateChangeYears.every((y, i, all) => y > q.firstYear && y <= q.lastYear && (i === 0 || y > all[i - 1]!));
const YEARS = { path: ['lastYear'], message: 'validation.estimate_years' };
const RATE_YEARS = { path: ['rateChangeYears'], message: 'validation.estimate_rate_years' };

export const EstimateStartSchema = ModelAskedSchema.extend({
  /** Bootstrap runs for the bounds (the tool's default is 20; 100 or more for a figure to publish). */
  bootstrap: z
    .number({ message: 'validation.estimate_bootstrap' })
    .int({ message: 'validation.estimate_bootstrap' })
    .min(0, { message: 'validation.estimate_bootstrap' })
    .max(1000, { message: 'validation.estimate_bootstrap' })
    .default(100),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(1),
})
  .strict()
  .refine(yearsHold, YEARS)
  .refine(rateYearsHold, RATE_YEARS);

/** The register's counts in the ECDC tool's own input format (a ZIP of its CSVs and model file). */
export const EstimateFilesSchema = ModelAskedSchema.strict().refine(yearsHold, YEARS).refine(rateYearsHold, RATE_YEARS);

const bound = z.tuple([z.number(), z.number()]).nullable();

/** One year of an estimate: the model's figures, the register's, and the bounds where a bootstrap ran. */
export const EstimateYearSchema = z.object({
  year: z.number().int(),
  diagnoses: z.number(),
  withoutCd4: z.number(),
  modelledDiagnoses: z.number(),
  newInfections: z.number(),
  newInfectionsBounds: bound,
  undiagnosed: z.number(),
  undiagnosedBounds: bound,
  timeToDiagnosis: z.number(),
  timeToDiagnosisMedian: z.number(),
  /** The 25th and 75th percentiles of the time to diagnosis. */
  timeToDiagnosisQuartiles: z.tuple([z.number(), z.number()]),
  /** The undiagnosed at the end of the year by stage: primary infection, CD4 ≥ 500, 350-499, 200-349, < 200, AIDS. */
  undiagnosedByStage: z.array(z.number()).length(6),
  /** The yearly diagnosis rates by CD4 stage (δ1..δ4). */
  diagnosisRates: z.array(z.number()).length(4),
});

export const EstimateRunResultSchema = z.object({
  deviance: z.number(),
  converged: z.boolean(),
  bootstrapRuns: z.number().int(),
  bootstrapSettled: z.number().int(),
  years: z.array(EstimateYearSchema),
});
export type EstimateRunResult = z.infer<typeof EstimateRunResultSchema>;

/** A saved run: what was asked, the register it saw (counts and the change log's entry), its figures. */
export const EstimateRunSchema = z.object({
  id: z.number().int(),
  orgUnitId: z.number().int(),
  population: PopulationSchema,
  firstYear: z.number().int(),
  lastYear: z.number().int(),
  method: z.string(),
  bootstrap: z.number().int(),
  seed: z.number().int(),
  knots: z.number().int(),
  /** Years the diagnosis rates were allowed to change (beside the first year). */
  rateChangeYears: z.array(z.number().int()),
  registerState: z.object({
    auditEntry: z.number().int(),
    auditHash: z.string(),
    diagnoses: z.number().int(),
    withoutCd4: z.number().int(),
    /** Cases with AIDS at diagnosis recorded (yes or no), those with it, and whether the model fitted them. */
    aidsKnown: z.number().int(),
    hivAids: z.number().int(),
    hivAidsFitted: z.boolean(),
  }),
  result: EstimateRunResultSchema,
  createdBy: z.string(),
  createdAt: z.string(),
  /** The org unit's cascade takes the undiagnosed from this run. */
  adopted: z.boolean(),
});
export type EstimateRun = z.infer<typeof EstimateRunSchema>;

export const EstimateRunsQuerySchema = z.object({ orgUnitId: z.number().int().positive().optional() }).strict();
export const EstimateAdoptSchema = z.object({ runId: z.number().int().positive(), adopted: z.boolean() }).strict();
/**
 * Below this many diagnoses with a CD4 count, the screen warns that the bounds are wide (measured
 * with `npm run ecdc-simulation`: see the README's estimates section).
 */
export const SMALL_REGISTER = 200;
/** The share of a population's diagnoses with AIDS at diagnosis recorded from which the HIV/AIDS series is fitted. */
export const AIDS_RECORDED_TO_FIT = 0.95;
/** Fewer bootstrap runs than this give no bounds worth carrying into the first 90 (the tool's default is 20). */
export const MIN_BOOTSTRAP_TO_ADOPT = 20;

export const EstimateJobSchema = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  stage: z.enum(['fitting', 'bootstrap', 'done']),
  /** Bootstrap runs done, of all asked. */
  done: z.number().int(),
  total: z.number().int(),
  result: EstimateRunResultSchema.nullable(),
  /** The saved run, once the job is done. */
  runId: z.number().int().nullable(),
  error: AppErrorSchema.nullable(),
});
export type EstimateJob = z.infer<typeof EstimateJobSchema>;
