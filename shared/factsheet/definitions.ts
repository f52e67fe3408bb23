// The annual fact sheet "HIV and Migration" per country, shaped as the 2018 report's annexes 3-8:
// 1. country context (a value per row, with its year and source, and five UN instruments),
// 2. migrating population, 3. HIV situation, 3.1 HIV among migrants, 4. vulnerability factors.

/** How a context row's value is written and compared. */
export type ContextKind = 'number' | 'range' | 'rank';

export type ContextRow = {
  code: string;
  kind: ContextKind;
  decimals: number;
  label: { ru: string; en: string };
  unit: { ru: string; en: string };
};

const row = (code: string, kind: ContextKind, decimals: number, ru: string, en: string, unitRu = '', unitEn = ''): ContextRow => ({
  code,
  kind,
  decimals,
  label: { ru, en },
  unit: { ru: unitRu, en: unitEn },
});

/** The rows of section 1 in the report's order. */
export const CONTEXT_ROWS: readonly ContextRow[] = [
  row('population', 'number', 3, 'Население', 'Population', 'млн', 'million'),
  row('population_change', 'number', 1, 'Среднегодовой прирост населения', 'Average annual rate of population change', '%', '%'),
  row('urban_share', 'number', 0, 'Городское население', 'Urban population', '% населения', '% of total'),
  row('migrants_share', 'number', 1, 'Международные мигранты', 'International migrants', '% населения', '% of total population'),
  row('surface', 'number', 1, 'Площадь', 'Surface area', 'тыс. км²', 'thousand km²'),
  row('gdp_ppp', 'number', 3, 'ВВП по ППС', 'GDP, PPP', 'млрд межд. долл.', 'billion current international US$'),
  row('gdp_per_capita', 'number', 0, 'ВВП на душу населения по ППС', 'GDP per capita, PPP', 'долл. США', 'US$'),
  row('unemployment', 'number', 1, 'Безработица', 'Unemployment', '% рабочей силы', '% of total labor force'),
  row('remittances_in', 'number', 0, 'Денежные переводы мигрантов в страну', 'Migrant remittances inflows', 'млн долл. США', 'million US$'),
  row(
    'remittances_out',
    'number',
    0,
    'Денежные переводы мигрантов из страны',
    'Migrant remittances outflows',
    'млн долл. США',
    'million US$',
  ),
  row('remittances_gdp', 'number', 1, 'Полученные личные переводы', 'Personal remittances received', '% ВВП', '% of GDP'),
  // Turkmenistan's sheet gives remittances as a share of GNI, not of GDP: a row of its own.
  row('remittances_gni', 'number', 1, 'Денежные переводы мигрантов', "Migrants' remittances", '% ВНД', '% of GNI'),
  row('hdi', 'number', 3, 'Индекс человеческого развития', 'Human Development Index', '', ''),
  row('hdi_rank', 'rank', 0, 'Место по индексу человеческого развития', 'Human Development Index rank', '', ''),
  row('literacy', 'number', 0, 'Грамотность взрослых', 'Literacy rate, adults', '%', '%'),
  row('hiv_incidence', 'number', 1, 'Заболеваемость ВИЧ-инфекцией', 'HIV incidence', 'на 100 000', 'per 100,000'),
  row(
    'tb_incidence',
    'range',
    0,
    'Заболеваемость туберкулёзом (оценка ВОЗ)',
    'Tuberculosis incidence (WHO estimate)',
    'на 100 000',
    'per 100,000',
  ),
  row(
    'hiv_tb_incidence',
    'range',
    1,
    'Заболеваемость ВИЧ и ТБ (оценка ВОЗ)',
    'Incidence of HIV and TB (WHO estimate)',
    'на 100 000',
    'per 100,000',
  ),
  row('health_expenditure_gdp', 'number', 1, 'Общие расходы на здравоохранение', 'Total health expenditures', '% ВВП', '% of GDP'),
  row(
    'health_expenditure_per_capita',
    'number',
    0,
    'Расходы на здравоохранение на душу населения',
    'Health expenditures per capita',
    'долл. США',
    'US$',
  ),
];

/** The UN instruments on migrants and migration whose ratification the sheet lists. */
export const INSTRUMENTS = [
  { code: 'refugee_convention_1951', label: { ru: 'Конвенция о статусе беженцев 1951 года', en: '1951 Refugee Convention' } },
  {
    code: 'refugee_protocol_1967',
    label: { ru: 'Протокол 1967 года к Конвенции о статусе беженцев', en: '1967 Protocol to the 1951 Refugee Convention' },
  },
  {
    code: 'trafficking_protocol',
    label: {
      ru: 'Протокол о предупреждении и пресечении торговли людьми, особенно женщинами и детьми, и наказании за неё',
      en: 'Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children',
    },
  },
  {
    code: 'smuggling_protocol',
    label: {
      ru: 'Протокол против незаконного ввоза мигрантов по суше, морю и воздуху',
      en: 'Protocol against the Smuggling of Migrants by Land, Sea and Air',
    },
  },
  {
    code: 'migrant_workers_convention',
    label: {
      ru: 'Международная конвенция о защите прав всех трудящихся-мигрантов и членов их семей',
      en: 'International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families',
    },
  },
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
