// The rules for a case and its events, shared by the form, the contract and (later) imports.
// Messages are translation keys under `validation.`, each naming what is wrong.
import { z } from 'zod';
import { isRealDate } from '../dates.js';
import { CountryCodeSchema } from '../primitives.js';
import { DEFAULT_UIC_PATTERN, uicMatchesPattern } from './uic.js';

export const SEXES = ['male', 'female', 'unknown'] as const;
export const MIGRANT_TYPES = ['immigrant', 'emigrant', 'internal'] as const;
export const LEGAL_STATUSES = ['regular', 'irregular', 'unknown'] as const;
export const KEY_POPULATIONS = ['pwid', 'msm', 'sw', 'tg', 'prison', 'none', 'unknown'] as const;
export const TRANSMISSION_ROUTES = ['heterosexual', 'msm', 'injecting', 'mother_to_child', 'blood', 'other', 'unknown'] as const;
export const EVENT_KINDS = ['cd4', 'art_start', 'art_stop', 'viral_load', 'outcome'] as const;
export const OUTCOMES = ['in_care', 'ltfu', 'died', 'left_country', 'deported', 'transferred'] as const;

export const FIRST_DATE = '1981-01-01'; // before the first reported cases of AIDS
export const MAX_CD4 = 5000;

/** Today as YYYY-MM-DD in local time: a date typed today is never "in the future". */
export function today(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/** One reason per date, the first that applies: missing, malformed, too early, in the future. */
export const IsoDateSchema = z
  .string({ message: 'validation.required' })
  .trim()
  .superRefine((s, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (s === '') fail('validation.required');
    else if (!isRealDate(s))
      fail(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(s) ? 'validation.date_no_such_day' : 'validation.date_format');
    else if (s < FIRST_DATE) fail('validation.date_before_1981');
    else if (s > today()) fail('validation.date_in_future');
  });

export const CaseInputSchema = z
  .object({
    registerNo: z
      .string()
      .trim()
      .min(1, { message: 'validation.required' })
      .max(40)
      .refine((s) => !/[\u0000-\u001f]/.test(s), { message: 'validation.control_characters' }),
    uic: z.string().trim().min(1, { message: 'validation.required' }).max(20),
    sex: z.enum(SEXES, { message: 'validation.required' }),
    birthYear: z
      .number({ message: 'validation.year_format' })
      .int({ message: 'validation.year_format' })
      .min(1900, { message: 'validation.birth_year_range' })
      .nullable(),
    citizenship: CountryCodeSchema.nullable(),
    migrantType: z.enum(MIGRANT_TYPES, { message: 'validation.required' }),
    legalStatus: z.enum(LEGAL_STATUSES, { message: 'validation.required' }),
    keyPopulations: z.array(z.enum(KEY_POPULATIONS)).max(KEY_POPULATIONS.length),
    transmissionRoute: z.enum(TRANSMISSION_ROUTES, { message: 'validation.required' }),
    infectionCountry: CountryCodeSchema.nullable(),
    diagnosisDate: IsoDateSchema,
    diagnosisCountry: CountryCodeSchema.nullable(),
    /** An AIDS-defining illness at the HIV diagnosis (within 91 days); null or absent: not known. */
    aidsAtDiagnosis: z.boolean().nullable().optional(),
    /** The date of the first AIDS diagnosis; null or absent: none known. */
    firstAidsDate: IsoDateSchema.nullable().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const year = new Date().getFullYear();
    if (c.birthYear !== null && c.birthYear > year)
      ctx.addIssue({ code: 'custom', path: ['birthYear'], message: 'validation.birth_year_range' });
    if (c.birthYear !== null && isRealDate(c.diagnosisDate) && Number(c.diagnosisDate.slice(0, 4)) < c.birthYear) {
      ctx.addIssue({ code: 'custom', path: ['diagnosisDate'], message: 'validation.diagnosis_before_birth' });
    }
    if (c.firstAidsDate && isRealDate(c.diagnosisDate)) {
      if (c.firstAidsDate < c.diagnosisDate)
        ctx.addIssue({ code: 'custom', path: ['firstAidsDate'], message: 'validation.aids_before_diagnosis' });
      // At diagnosis means within 91 days of it (the ECDC's HIV/AIDS definition: three months).
      else if (c.aidsAtDiagnosis === true && daysBetween(c.diagnosisDate, c.firstAidsDate) > 91)
        ctx.addIssue({ code: 'custom', path: ['firstAidsDate'], message: 'validation.aids_at_diagnosis_date' });
      else if (c.aidsAtDiagnosis === false && daysBetween(c.diagnosisDate, c.firstAidsDate) <= 91)
        ctx.addIssue({ code: 'custom', path: ['aidsAtDiagnosis'], message: 'validation.aids_at_diagnosis_date' });
    }
    const kp = new Set(c.keyPopulations);
    if (kp.size !== c.keyPopulations.length)
      ctx.addIssue({ code: 'custom', path: ['keyPopulations'], message: 'validation.invalid_value' });
    if ((kp.has('none') || kp.has('unknown')) && kp.size > 1)
      ctx.addIssue({ code: 'custom', path: ['keyPopulations'], message: 'validation.key_population_exclusive' });
  });
export type CaseInput = z.infer<typeof CaseInputSchema>;

/** The UIC pattern is a setting: checked where the setting is known (back end, and the form via status). */
export function uicIssue(uic: string, pattern: string = DEFAULT_UIC_PATTERN): string | null {
  return uicMatchesPattern(uic, pattern) ? null : 'validation.uic_format';
}

const count = (max: number) =>
  z
    .number({ message: 'validation.number_format' })
    .int({ message: 'validation.whole_number' })
    .min(0, { message: 'validation.not_negative' })
    .max(max, { message: 'validation.too_big' });

export const EventInputSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('cd4'),
      date: IsoDateSchema,
      cd4: z
        .number({ message: 'validation.number_format' })
        .int({ message: 'validation.whole_number' })
        .min(0, { message: 'validation.cd4_range' })
        .max(MAX_CD4, { message: 'validation.cd4_range' }),
    })
    .strict(),
  z.object({ kind: z.literal('art_start'), date: IsoDateSchema }).strict(),
  z.object({ kind: z.literal('art_stop'), date: IsoDateSchema }).strict(),
  z
    .object({ kind: z.literal('viral_load'), date: IsoDateSchema, undetectable: z.boolean(), copies: count(1_000_000_000).nullable() })
    .strict()
    .refine((e) => e.undetectable || e.copies !== null, { path: ['copies'], message: 'validation.required' }),
  z.object({ kind: z.literal('outcome'), date: IsoDateSchema, outcome: z.enum(OUTCOMES, { message: 'validation.required' }) }).strict(),
]);
export type EventInput = z.infer<typeof EventInputSchema>;

/** Rules that need the case: ART cannot start before the diagnosis. */
export function eventIssues(event: EventInput, diagnosisDate: string): { path: string; messageKey: string }[] {
  if (event.kind === 'art_start' && event.date < diagnosisDate) return [{ path: 'date', messageKey: 'validation.art_before_diagnosis' }];
  return [];
}

export { DEFAULT_UIC_PATTERN };
