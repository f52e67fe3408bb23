// The ECDC model run on the register, through the contract: a population and years asked for,
// then a job the user watches (fitting, then the bootstrap's runs) and its result per year.
import { z } from 'zod';
import { AppErrorSchema } from '../result.js';
import { KEY_POPULATIONS, LEGAL_STATUSES, MIGRANT_TYPES } from '../cases/schema.js';

const year = z.number().int().min(1981).max(2100);

export const EstimateStartSchema = z
  .object({
    orgUnitId: z.number().int().positive().optional(),
    firstYear: year,
    lastYear: year,
    population: z
      .object({
        migrantType: z.enum(MIGRANT_TYPES).optional(),
        legalStatus: z.enum(LEGAL_STATUSES).optional(),
        keyPopulation: z.enum(KEY_POPULATIONS).optional(),
      })
      .strict()
      .default({}),
    /** Bootstrap runs for the bounds (the tool's default is 20; 100 or more for a figure to publish). */
    bootstrap: z.number().int().min(0).max(1000).default(100),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .default(1),
  })
  .strict()
  .refine((q) => q.lastYear - q.firstYear >= 4 && q.lastYear - q.firstYear <= 60, {
    path: ['lastYear'],
    message: 'validation.estimate_years',
  });

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
});

export const EstimateJobSchema = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  stage: z.enum(['fitting', 'bootstrap', 'done']),
  /** Bootstrap runs done, of all asked. */
  done: z.number().int(),
  total: z.number().int(),
  result: z
    .object({
      deviance: z.number(),
      converged: z.boolean(),
      bootstrapRuns: z.number().int(),
      bootstrapSettled: z.number().int(),
      years: z.array(EstimateYearSchema),
    })
    .nullable(),
  error: AppErrorSchema.nullable(),
});
export type EstimateJob = z.infer<typeof EstimateJobSchema>;
