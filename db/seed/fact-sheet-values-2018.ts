// Section 1 ("Country context") of the 2018 report's six fact sheets (annexes 3-8), as the report
// prints each figure: the text, its footnote number and the decimal mark the row uses. The demo
// database reads them with readReportFigure; where the print cannot be read (a stray separator),
// the value is given by hand with a note saying so (in English and in Russian, translated). Sources
// are the report's footnotes, cited as printed.
import type { Ratification } from '../../shared/factsheet/definitions.js';

/** [text as printed, footnote, decimal mark] or a hand reading with a note (and the decimals and footnote as printed). */
export type Printed = readonly [string, number | null, (',' | '.')?] | { printed: string; value: number; low?: number; high?: number; decimals: number; footnote: number; note: Words };

/** A note in each language the demo is written in. */
export type Words = { en: string; ru: string };

/** A point read as a thousands separator, where the row's other countries print it so: said in a note, as the other hand readings are. */
const pointAsThousands = (printed: string, unit: Words): Words => ({
  en: `The report prints "${printed}"; the point is read as a thousands separator (${printed.replace('.', ',')} ${unit.en}), as in the other countries' sheets.`,
  ru: `В отчёте напечатано «${printed}»; точка прочитана как разделитель тысяч (${printed.replace('.', ' ')} ${unit.ru}), как в листах других стран.`,
});
const MILLION_USD: Words = { en: 'million US$', ru: 'млн долл. США' };
const USD: Words = { en: 'US$', ru: 'долл. США' };

const WB = 'https://data.worldbank.org/indicator/';
const SOURCES: Record<string, string> = {
  population: `${WB}SP.POP.TOTL`,
  population_change: 'Worlds Apart: Reproductive Health and Rights in the Age of Inequality. The State of World Population 2017, New York, NY, United Nations Population Fund, 2017',
  urban_share: 'World Development Indicators 2017, Washington, DC, World Bank, 2017',
  migrants_share: 'International Migration Report 2017 Highlights, New York, NY, United Nations, 2017',
  surface: 'World Development Indicators 2017, Washington, DC, World Bank, 2017',
  gdp_ppp: `${WB}NY.GDP.MKTP.PP.CD`,
  gdp_per_capita: `${WB}NY.GDP.PCAP.PP.CD`,
  unemployment: `${WB}SL.UEM.TOTL.ZS`,
  remittances_in: 'http://www.worldbank.org/en/topic/migrationremittancesdiasporaissues/brief/migration-remittances-data',
  remittances_out: 'http://www.worldbank.org/en/topic/migrationremittancesdiasporaissues/brief/migration-remittances-data',
  remittances_gdp: `${WB}BX.TRF.PWKR.DT.GD.ZS`,
  remittances_gni: `${WB}BX.TRF.PWKR.DT.GD.ZS`,
  hdi: 'Human Development Report 2016, United Nations Development Programme, New York, NY, 2017',
  hdi_rank: 'Human Development Report 2016, United Nations Development Programme, New York, NY, 2017',
  literacy: 'http://data.uis.unesco.org/index.aspx?queryid=166',
  hiv_incidence: 'Data of the Republican AIDS Centre based on the new reportedly registered cases',
  tb_incidence: 'http://www.who.int/tb/country/data/profiles/en/',
  hiv_tb_incidence: 'http://www.who.int/tb/country/data/profiles/en/',
  health_expenditure_gdp: `${WB}SH.XPD.TOTL.ZS`,
  health_expenditure_per_capita: `${WB}SH.XPD.PCAP`,
};

/** The year (or years) each row's label gives; a row without one has none. */
const DATA_YEARS: Record<string, string> = {
  population: '2016', population_change: '2000-2017', urban_share: '2015', migrants_share: '2017', gdp_ppp: '2016', gdp_per_capita: '2016',
  remittances_in: '2016', remittances_gdp: '2016', remittances_gni: '2016', hdi: '2016', hdi_rank: '2016', literacy: '2016', hiv_incidence: '2016', tb_incidence: '2016',
  hiv_tb_incidence: '2016', health_expenditure_gdp: '2016', health_expenditure_per_capita: '2016',
};

export type CountrySheet2018 = {
  values: Record<string, Printed>;
  ratifications: readonly [Ratification, Ratification, Ratification, Ratification, Ratification];
  sources?: Record<string, string>;
  years?: Record<string, string>;
  notes?: Record<string, Words>;
};

export const REPORT_SHEETS_2018: Record<string, CountrySheet2018> = {
  KAZ: {
    values: {
      population: ['17,9181', 1, ','], population_change: ['1.52', 2], urban_share: ['533', 3], migrants_share: ['20.14', 4], surface: ['2,724.95', 5],
      gdp_ppp: ['449,9486', 6, ','], gdp_per_capita: ['25,2867', 7], unemployment: ['5.48', 8], remittances_in: ['2759', 9], remittances_out: ['2.39510', 10, ','],
      remittances_gdp: ['0.211', 11], hdi: ['0.794', null], hdi_rank: ['Rank 5612', 12], hiv_incidence: ['13', 13], tb_incidence: ['67 (43-95)14', 14],
      hiv_tb_incidence: ['3.2 (2.1-4.6)15', 15], health_expenditure_gdp: ['4.416', 16], health_expenditure_per_capita: ['53917', 17],
    },
    ratifications: ['yes', 'yes', 'yes', 'yes', 'no'],
    sources: { population: 'Data of Committee for Statistics of Kazakhstan' },
    years: { population: '2017' },
    notes: {
      hiv_incidence: { en: 'The report prints only the footnote number here: the value is missing.', ru: 'В отчёте здесь напечатан только номер сноски: значения нет.' },
      remittances_out: pointAsThousands('2.395', MILLION_USD),
    },
  },
  KGZ: {
    values: {
      population: ['6.0831', 1], population_change: ['1.62', 2], urban_share: ['363', 3], migrants_share: ['3.44', 4], surface: ['199.95', 5],
      gdp_ppp: ['21.5946', 6], gdp_per_capita: ['3,5527', 7], unemployment: ['7.88', 8], remittances_in: ['1.1959', 9, ','], remittances_out: ['37810', 10],
      remittances_gdp: ['26.911', 11], hdi: ['0.664', null], hdi_rank: ['Rank 12012', 12], hiv_incidence: ['12.013', 13], tb_incidence: ['145 (130-162)14', 14],
      hiv_tb_incidence: { printed: '4.8 (4.2-5.4.0)15', value: 4.8, low: 4.2, high: 5.4, decimals: 1, footnote: 15, note: { en: 'The report prints the upper bound as "5.4.0".', ru: 'В отчёте верхняя граница напечатана как «5.4.0».' } },
      health_expenditure_gdp: ['6.516', 16], health_expenditure_per_capita: ['8217', 17],
    },
    ratifications: ['yes', 'yes', 'yes', 'yes', 'yes'],
    notes: { remittances_in: pointAsThousands('1.195', MILLION_USD) },
  },
  RUS: {
    values: {
      population: ['144,31', 1, ','], population_change: ['0.12', 2], urban_share: ['743', 3], migrants_share: ['8.14', 4], surface: ['17,098.35', 5],
      gdp_ppp: ['3,635.86', 6], gdp_per_capita: ['24,7897', 7], unemployment: ['5.38', 8], remittances_in: ['6.6789', 9, ','], remittances_out: ['16,59010', 10],
      remittances_gdp: ['0.511', 11], hdi: ['0.804', null], hdi_rank: ['Rank 4912', 12], hiv_incidence: ['53.913', 13], tb_incidence: ['66 (42-94)14', 14],
      hiv_tb_incidence: ['13 (8-18)15', 15], health_expenditure_gdp: ['7.116', 16], health_expenditure_per_capita: ['89317', 17],
    },
    ratifications: ['yes', 'yes', 'yes', 'yes', 'no'],
    sources: { hiv_incidence: 'Data of the Federal Centre for AIDS Prevention and Control of Russia' },
    years: { remittances_out: '2016' },
    notes: { remittances_in: pointAsThousands('6.678', MILLION_USD) },
  },
  TJK: {
    values: {
      population: ['8.7351', 1], population_change: ['2.22', 2], urban_share: ['273', 3], migrants_share: ['3.24', 4], surface: ['141,45', 5, ','],
      gdp_ppp: ['26.0246', 6], gdp_per_capita: ['2.9797', 7, ','], unemployment: ['11.08', 8], remittances_in: ['1,8679', 9], remittances_out: ['No data10', 10],
      remittances_gdp: ['26.911', 11], hdi: ['0.627', null], hdi_rank: ['Rank 12912', 12], hiv_incidence: ['12.613', 13], tb_incidence: ['85 (65-108)14', 14],
      hiv_tb_incidence: ['1.8 (2.8-4.0)15', 15], health_expenditure_gdp: ['6.916', 16], health_expenditure_per_capita: ['7617', 17],
    },
    ratifications: ['yes', 'yes', 'yes', 'yes', 'yes'],
    notes: {
      hiv_tb_incidence: { en: 'As printed in the report: the interval does not contain the estimate.', ru: 'Как напечатано в отчёте: интервал не содержит оценку.' },
      gdp_per_capita: pointAsThousands('2.979', USD),
    },
  },
  TKM: {
    values: {
      population: ['5.6631', 1], population_change: ['1.82', 2], urban_share: ['503', 3], migrants_share: ['3.74', 4], surface: ['488.15', 5],
      gdp_ppp: { printed: '95,561,026', value: 95.561, decimals: 3, footnote: 6, note: { en: 'The report prints "95,561,02" (billion US$) with footnote 6.', ru: 'В отчёте напечатано «95,561,02» (млрд долл. США) со сноской 6.' } },
      gdp_per_capita: { printed: '16.876.07', value: 16876, decimals: 1, footnote: 7, note: { en: 'The report prints "16.876.0" (US$) with footnote 7.', ru: 'В отчёте напечатано «16.876.0» (долл. США) со сноской 7.' } },
      unemployment: ['8.68', 8], remittances_in: ['99', 9], remittances_out: ['No data10', 10], remittances_gni: ['0.011', 11], hdi: ['0.691', null],
      hdi_rank: ['Rank 11112', 12], hiv_incidence: ['No data13', 13], tb_incidence: ['60 (46-76)14', 14], hiv_tb_incidence: ['3.2 (1.5-5.5)15', 15],
      health_expenditure_gdp: ['2.116', 16], health_expenditure_per_capita: ['18717', 17],
    },
    ratifications: ['yes', 'yes', 'yes', 'yes', 'no'],

  },
  UZB: {
    values: {
      population: ['31.8481', 1], population_change: ['1.62', 2], urban_share: ['363', 3], migrants_share: ['3.64', 4], surface: ['447,45', 5, ','],
      gdp_ppp: ['207.46', 6], gdp_per_capita: ['6,512.77', 7], unemployment: ['8.78', 8], remittances_in: ['2,4799', 9], remittances_out: ['No data10', 10],
      remittances_gdp: ['3.711', 11], hdi: ['0.701', null], hdi_rank: ['Rank 10812', 12], literacy: ['10013', 13], hiv_incidence: ['12.614', 14],
      tb_incidence: ['76 (53-103)15', 15], hiv_tb_incidence: ['1.2 (0.8-1.7)16', 16], health_expenditure_gdp: ['5.817', 17], health_expenditure_per_capita: ['12418', 18],
    },
    ratifications: ['no', 'no', 'yes', 'signed', 'no'],
  },
};

export const sourceOf = (country: string, code: string) => REPORT_SHEETS_2018[country]?.sources?.[code] ?? SOURCES[code] ?? '';
export const dataYearOf = (country: string, code: string) => REPORT_SHEETS_2018[country]?.years?.[code] ?? DATA_YEARS[code] ?? null;
