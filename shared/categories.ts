// Disaggregation categories (docs/data-dictionary.md): stable codes (stored, exported). The migrations
// seed these into the database; their labels are texts like any other, by key and language
// (`categories.<category>.<option>` in each language's translation file).
export type CategoryDef = { code: string; multi: boolean; options: ReadonlyArray<{ code: string }> };

export const CATEGORIES = [
  {
    code: 'sex',
    multi: false,
    options: [{ code: 'male' }, { code: 'female' }, { code: 'unknown' }],
  },
  {
    code: 'age_band',
    multi: false,
    options: [
      ...['0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49'].map((b) => ({ code: b })),
      { code: '50+' },
      { code: 'unknown' },
    ],
  },
  {
    code: 'key_population',
    multi: true,
    options: [{ code: 'pwid' }, { code: 'msm' }, { code: 'sw' }, { code: 'tg' }, { code: 'prison' }, { code: 'none' }, { code: 'unknown' }],
  },
  {
    code: 'migrant_type',
    multi: false,
    options: [{ code: 'immigrant' }, { code: 'emigrant' }, { code: 'internal' }],
  },
  {
    code: 'legal_status',
    multi: false,
    options: [{ code: 'regular' }, { code: 'irregular' }, { code: 'unknown' }],
  },
  {
    code: 'migration_phase',
    multi: false,
    options: [{ code: 'pre_departure' }, { code: 'destination' }, { code: 'return' }, { code: 'internal' }],
  },
] as const satisfies ReadonlyArray<CategoryDef>;

export type CategoryCode = (typeof CATEGORIES)[number]['code'];

/** WHO 2022 bands collapse to UNAIDS bands for outputs. */
export const UNAIDS_AGE_BANDS: Record<string, string> = {
  '0-4': '<15',
  '5-9': '<15',
  '10-14': '<15',
  '15-19': '15-24',
  '20-24': '15-24',
  '25-29': '25-49',
  '30-34': '25-49',
  '35-39': '25-49',
  '40-44': '25-49',
  '45-49': '25-49',
  '50+': '50+',
  unknown: 'unknown',
};
