// The aggregate forms, DHIS2-like: data elements, each with a category combination whose option
// combinations are the cells. Stable codes are stored and exported; labels are translated.
import { CATEGORIES, type CategoryCode } from '../categories.js';
import type { PeriodType } from '../periods.js';

export const TESTING_SETTINGS = ['mandatory', 'voluntary', 'antenatal', 'outreach', 'mobile_clinic', 'return'] as const;
export type TestingSetting = (typeof TESTING_SETTINGS)[number];

/** Category combinations: the categories that split a data element into cells. */
export const COMBOS = {
  default: [],
  demographic: ['sex', 'age_band', 'legal_status', 'migrant_type'],
  key_population: ['key_population'],
  migrant_legal: ['migrant_type', 'legal_status'],
} as const satisfies Record<string, readonly CategoryCode[]>;
export type ComboCode = keyof typeof COMBOS;

export type ValueType = 'count' | 'text';
export type DataElementDef = { code: string; form: FormCode; combo: ComboCode; valueType: ValueType };
export const FORM_CODES = ['testing', 'survey', 'estimates'] as const;
export type FormCode = (typeof FORM_CODES)[number];
export const FORM_PERIOD_TYPES: Record<FormCode, readonly PeriodType[]> = {
  testing: ['year', 'quarter', 'month'],
  survey: ['year'],
  estimates: ['year'],
};

export const DATA_ELEMENTS: readonly DataElementDef[] = [
  ...TESTING_SETTINGS.flatMap(
    (s) =>
      [
        { code: `tested_${s}`, form: 'testing', combo: 'demographic', valueType: 'count' },
        { code: `positive_${s}`, form: 'testing', combo: 'demographic', valueType: 'count' },
        { code: `tested_kp_${s}`, form: 'testing', combo: 'key_population', valueType: 'count' },
        { code: `positive_kp_${s}`, form: 'testing', combo: 'key_population', valueType: 'count' },
      ] as const,
  ),
  { code: 'survey_name', form: 'survey', combo: 'default', valueType: 'text' },
  // By key population (HIV prevalence among PWID, MSM, sex workers…), with a total for the whole sample.
  { code: 'survey_sample', form: 'survey', combo: 'key_population', valueType: 'count' },
  { code: 'survey_positive', form: 'survey', combo: 'key_population', valueType: 'count' },
  { code: 'est_migrants', form: 'estimates', combo: 'migrant_legal', valueType: 'count' },
  { code: 'est_migrants_source', form: 'estimates', combo: 'default', valueType: 'text' },
  { code: 'est_migrants_method', form: 'estimates', combo: 'default', valueType: 'text' },
  { code: 'est_plhiv', form: 'estimates', combo: 'default', valueType: 'count' },
  { code: 'est_plhiv_source', form: 'estimates', combo: 'default', valueType: 'text' },
  { code: 'est_plhiv_method', form: 'estimates', combo: 'default', valueType: 'text' },
];
export const dataElement = (code: string) => DATA_ELEMENTS.find((d) => d.code === code);

/** The cell of a total: entered where only the total is known; the disaggregated cells must not exceed it. */
export const TOTAL = 'total';

/** A cell key: category:option pairs sorted by category, e.g. "age_band:15-19|sex:male"; '' for the default combo. */
export function cocKey(options: Partial<Record<CategoryCode, string>>): string {
  return Object.entries(options)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}:${v}`)
    .join('|');
}

export function parseCoc(key: string): Record<string, string> {
  if (key === '' || key === TOTAL) return {};
  return Object.fromEntries(key.split('|').map((pair) => pair.split(':') as [string, string]));
}

/** Every option combination of a combo (for the demographic combo: 3 x 12 x 3 x 3 = 324). */
export function comboCells(combo: ComboCode): string[] {
  const cats = COMBOS[combo].map((code) => CATEGORIES.find((c) => c.code === code)!);
  let rows: Record<string, string>[] = [{}];
  for (const cat of cats) rows = rows.flatMap((r) => cat.options.map((o) => ({ ...r, [cat.code]: o.code })));
  return rows.map((r) => cocKey(r));
}

/** Whether a cell key belongs to a data element's combo (or is its total). */
export function isValidCell(de: DataElementDef, coc: string): boolean {
  if (de.combo === 'default') return coc === '';
  if (coc === TOTAL) return true;
  const parts = parseCoc(coc);
  const cats = COMBOS[de.combo] as readonly string[];
  if (Object.keys(parts).length !== cats.length || cocKey(parts) !== coc) return false;
  return cats.every((c) => CATEGORIES.find((x) => x.code === c)!.options.some((o) => o.code === parts[c]));
}

export const MAX_COUNT = 10_000_000;
