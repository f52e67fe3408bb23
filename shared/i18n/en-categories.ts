// The English labels of the disaggregation categories and their options (shared/categories.ts holds
// their codes), as translation keys categories.<category>.<option>; _label is the category's own.
export const enCategories: Record<string, Record<string, string>> = {
  sex: {
    _label: 'Sex',
    male: 'Male',
    female: 'Female',
    unknown: 'Unknown',
  },
  age_band: {
    _label: 'Age band',
    '0-4': '0-4',
    '5-9': '5-9',
    '10-14': '10-14',
    '15-19': '15-19',
    '20-24': '20-24',
    '25-29': '25-29',
    '30-34': '30-34',
    '35-39': '35-39',
    '40-44': '40-44',
    '45-49': '45-49',
    '50+': '50+',
    unknown: 'Unknown',
  },
  key_population: {
    _label: 'Key population',
    pwid: 'People who inject drugs',
    msm: 'Men who have sex with men',
    sw: 'Sex workers',
    tg: 'Trans and gender-diverse people',
    prison: 'People in prisons and other closed settings',
    none: 'None',
    unknown: 'Unknown',
  },
  migrant_type: {
    _label: 'Migrant type',
    immigrant: 'International immigrant',
    emigrant: 'Emigrant / returnee',
    internal: 'Internal migrant',
  },
  legal_status: {
    _label: 'Legal status',
    regular: 'Regular',
    irregular: 'Irregular',
    unknown: 'Unknown',
  },
  migration_phase: {
    _label: 'Migration phase of testing',
    pre_departure: 'Pre-departure',
    destination: 'Destination',
    return: 'Return',
    internal: 'Internal',
  },
};
