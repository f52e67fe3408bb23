// Contract schemas of the case register: what the list, the case page and the event form exchange.
import { z } from 'zod';
import {
  CaseInputSchema,
  EventInputSchema,
  EVENT_KINDS,
  KEY_POPULATIONS,
  LEGAL_STATUSES,
  MIGRANT_TYPES,
  OUTCOMES,
  SEXES,
  TRANSMISSION_ROUTES,
} from './schema.js';

export const AGE_BAND_FILTERS = ['0-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50+', 'unknown'] as const;
export const SORT_KEYS = ['diagnosisDate', 'registerNo', 'uic', 'birthYear'] as const;
export const PAGE_SIZE_MAX = 200;

export const CaseQuerySchema = z
  .object({
    search: z.string().trim().max(40).optional(),
    sex: z.enum(SEXES).optional(),
    ageBand: z.enum(AGE_BAND_FILTERS).optional(),
    keyPopulation: z.enum(KEY_POPULATIONS).optional(),
    legalStatus: z.enum(LEGAL_STATUSES).optional(),
    migrantType: z.enum(MIGRANT_TYPES).optional(),
    citizenship: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    diagnosisYear: z.number().int().min(1981).max(2200).optional(),
    outcome: z.enum(OUTCOMES).optional(),
    sort: z.enum(SORT_KEYS).default('diagnosisDate'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    page: z.number().int().min(0).max(1_000_000).default(0),
    pageSize: z.number().int().min(1).max(PAGE_SIZE_MAX).default(50),
  })
  .strict();
export type CaseQuery = z.input<typeof CaseQuerySchema>;

/** A case as stored: the input's fields with plain types (the entry rules are checked on the way in). */
export const StoredCaseSchema = z.object({
  registerNo: z.string(),
  uic: z.string(),
  sex: z.enum(SEXES),
  birthYear: z.number().int().nullable(),
  citizenship: z.string().nullable(),
  migrantType: z.enum(MIGRANT_TYPES),
  legalStatus: z.enum(LEGAL_STATUSES),
  keyPopulations: z.array(z.enum(KEY_POPULATIONS)),
  transmissionRoute: z.enum(TRANSMISSION_ROUTES),
  infectionCountry: z.string().nullable(),
  diagnosisDate: z.string(),
  diagnosisCountry: z.string().nullable(),
  aidsAtDiagnosis: z.boolean().nullable().optional(),
  firstAidsDate: z.string().nullable().optional(),
});

/** A row of the list: the stored fields a clerk scans, plus what is derived for display. */
export const CaseRowSchema = StoredCaseSchema.pick({
  registerNo: true,
  uic: true,
  sex: true,
  birthYear: true,
  citizenship: true,
  migrantType: true,
  legalStatus: true,
  diagnosisDate: true,
  keyPopulations: true,
}).extend({
  id: z.number().int(),
  currentOutcome: z.enum(OUTCOMES),
  uicMismatches: z.array(z.enum(['sex', 'birth_year'])),
});
export type CaseRow = z.infer<typeof CaseRowSchema>;

export const CasePageSchema = z.object({ rows: z.array(CaseRowSchema), total: z.number().int() });

export const CaseEventSchema = z.object({
  id: z.number().int(),
  kind: z.enum(EVENT_KINDS),
  date: z.string(),
  cd4: z.number().int().nullable(),
  copies: z.number().int().nullable(),
  undetectable: z.boolean().nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
});
export type CaseEvent = z.infer<typeof CaseEventSchema>;

/** A record of one person, as a link between records lists it. */
export const PersonRecordSchema = z.object({
  id: z.number().int(),
  registerNo: z.string(),
  diagnosisDate: z.string(),
  unit: z.string(),
  receivedFrom: z.string().nullable(),
});
export const PersonPairSchema = z.object({ a: PersonRecordSchema, b: PersonRecordSchema });
export const PersonLinkSchema = z.object({ caseId: z.number().int().positive(), withCaseId: z.number().int().positive() }).strict();

export const CaseDetailSchema = z.object({
  id: z.number().int(),
  /** The centre it came from in an exchange package: read-only here. Null: this centre's own. */
  receivedFrom: z.string().nullable(),
  /** Every record of this person when it is linked with others (counted once, as the first); empty when not linked. */
  personRecords: z.array(PersonRecordSchema),
  case: StoredCaseSchema,
  events: z.array(CaseEventSchema),
  currentOutcome: z.enum(OUTCOMES),
  uicMismatches: z.array(z.enum(['sex', 'birth_year'])),
  deletedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const DuplicateSchema = z.object({ id: z.number().int(), registerNo: z.string(), uic: z.string(), diagnosisDate: z.string() });
export type Duplicate = z.infer<typeof DuplicateSchema>;

export const DeletedCaseSchema = z.object({
  id: z.number().int(),
  registerNo: z.string(),
  uic: z.string(),
  deletedAt: z.string(),
  deletedBy: z.string(),
});

export const SaveCaseSchema = z.object({ case: CaseInputSchema, allowDuplicate: z.boolean().default(false) }).strict();
export const SaveEventSchema = z
  .object({ caseId: z.number().int().positive(), eventId: z.number().int().positive().nullable(), event: EventInputSchema })
  .strict();
export const DuplicateQuerySchema = z
  .object({
    uic: z.string().trim().min(1).max(20),
    sex: z.enum(SEXES),
    birthYear: z.number().int().min(1900).max(2200).nullable(),
    excludeId: z.number().int().positive().nullable(),
  })
  .strict();
export const CaseIdSchema = z.object({ id: z.number().int().positive() }).strict();
