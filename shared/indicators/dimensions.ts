// Disaggregations of the case-based indicators. Key population is multi-valued: a case counts in
// each of its groups, and once in the total.
import { CATEGORIES, UNAIDS_AGE_BANDS } from '../categories.js';
import { KEY_POPULATIONS, LEGAL_STATUSES, MIGRANT_TYPES, SEXES } from '../cases/schema.js';
import { keyPopulationsOf } from '../cases/key-population-bits.js';

export const DIMENSIONS = [
  'none',
  'sex',
  'age_who',
  'age_unaids',
  'key_population',
  'legal_status',
  'migrant_type',
  'citizenship',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export type CaseGroupFacts = {
  sex: string;
  birthYear: number | null;
  kpMask: number;
  legalStatus: string;
  migrantType: string;
  citizenship: string | null;
};

/** WHO 2022 five-year band of an age; 'unknown' without a year of birth. */
export function whoAgeBand(age: number | null): string {
  if (age === null || age < 0) return 'unknown';
  if (age >= 50) return '50+';
  const lo = Math.floor(age / 5) * 5;
  return `${lo}-${lo + 4}`;
}

/** The groups a case falls in for a dimension; age is taken at the end of the period. */
export function groupsOf(c: CaseGroupFacts, dim: Dimension, endYear: number): string[] {
  const age = c.birthYear === null ? null : endYear - c.birthYear;
  switch (dim) {
    case 'none':
      return [];
    case 'sex':
      return [c.sex];
    case 'age_who':
      return [whoAgeBand(age)];
    case 'age_unaids':
      return [UNAIDS_AGE_BANDS[whoAgeBand(age)] ?? 'unknown'];
    case 'key_population': {
      const kps = keyPopulationsOf(c.kpMask);
      return kps.length ? kps : ['unknown'];
    }
    case 'legal_status':
      return [c.legalStatus];
    case 'migrant_type':
      return [c.migrantType];
    case 'citizenship':
      return [c.citizenship ?? 'unknown'];
  }
}

/**
 * The rows a ministry table has whatever the data: every band of the age scheme, both sexes and
 * unknown, every key population and status, in this order, each shown with 0 when empty. Null
 * for citizenship: its rows are the countries present.
 */
export function fixedGroups(dim: Dimension): readonly string[] | null {
  switch (dim) {
    case 'none':
      return [];
    case 'sex':
      return SEXES;
    case 'age_who':
      return CATEGORIES.find((c) => c.code === 'age_band')!.options.map((o) => o.code);
    case 'age_unaids':
      return [...new Set(Object.values(UNAIDS_AGE_BANDS))];
    case 'key_population':
      return KEY_POPULATIONS;
    case 'legal_status':
      return LEGAL_STATUSES;
    case 'migrant_type':
      return MIGRANT_TYPES;
    case 'citizenship':
      return null;
  }
}
