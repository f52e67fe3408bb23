// The annual fact sheet "HIV and Migration" per country, shaped as the 2018 report's annexes 3-8:
// 1. country context (a value per row, with its year and source, and five UN instruments),
// 2. migrating population, 3. HIV situation, 3.1 HIV among migrants, 4. vulnerability factors.

/** How a context row's value is written and compared. */
export type ContextKind = 'number' | 'range' | 'rank';

export type ContextRow = {
  code: string;
  kind: ContextKind;
  decimals: number;
};

// A row's words (label, unit) are translations: factsheet.rows.<code> and factsheet.units.<code>
// (shared/factsheet/labels.ts reads them in any language).
const row = (code: string, kind: ContextKind, decimals: number): ContextRow => ({ code, kind, decimals });

/** The rows of section 1 in the report's order. */
export const CONTEXT_ROWS: readonly ContextRow[] = [
  row('population', 'number', 3),
  row('population_change', 'number', 1),
  row('urban_share', 'number', 0),
  row('migrants_share', 'number', 1),
  row('surface', 'number', 1),
  row('gdp_ppp', 'number', 3),
  row('gdp_per_capita', 'number', 0),
  row('unemployment', 'number', 1),
  row('remittances_in', 'number', 0),
  row('remittances_out', 'number', 0),
  row('remittances_gdp', 'number', 1),
  // Turkmenistan's sheet gives remittances as a share of GNI, not of GDP: a row of its own.
  row('remittances_gni', 'number', 1),
  row('hdi', 'number', 3),
  row('hdi_rank', 'rank', 0),
  row('literacy', 'number', 0),
  row('hiv_incidence', 'number', 1),
  row('tb_incidence', 'range', 0),
  row('hiv_tb_incidence', 'range', 1),
  row('health_expenditure_gdp', 'number', 1),
  row('health_expenditure_per_capita', 'number', 0),
];

/** The UN instruments on migrants and migration whose ratification the sheet lists (names: factsheet.instruments.<code>). */
export const INSTRUMENTS = [
  { code: 'refugee_convention_1951' },
  { code: 'refugee_protocol_1967' },
  { code: 'trafficking_protocol' },
  { code: 'smuggling_protocol' },
  { code: 'migrant_workers_convention' },
] as const;
export const RATIFICATION = ['yes', 'no', 'signed'] as const;
export type Ratification = (typeof RATIFICATION)[number];

/** Editable text of a sheet: sections 2 and 4, and notes under the figures of 3 and 3.1. */
export const TEXT_SECTIONS = ['migration', 'hiv', 'migrants_hiv', 'vulnerability'] as const;
export type TextSection = (typeof TEXT_SECTIONS)[number];

export const contextRow = (code: string) => CONTEXT_ROWS.find((r) => r.code === code);

/** Change from last year's value to this year's: the difference, and the relative change when last year's is not 0. */
export function change(current: number | null, previous: number | null): { diff: number; ratio: number | null } | null {
  if (current === null || previous === null) return null;
  return { diff: current - previous, ratio: previous === 0 ? null : (current - previous) / Math.abs(previous) };
}
