// The case-register template: a sheet of cases, a sheet of events (linked by the register
// number), and a sheet of valid codes that the drop-downs of both sheets read from.
import ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import { CATEGORIES } from '../../../shared/categories.js';
import type { Country, Language } from '../../../shared/contract.js';
import { CASE_COLUMNS, columnLabel, EVENT_COLUMNS, type CaseColumn, type EventColumn } from '../../../shared/imports/columns.js';
import { texts } from '../../../shared/i18n/languages.js';
import { countryName } from '../../../shared/i18n/country-names.js';
import { addSheet, headerRow } from '../exports/sheet-format.js';

const ROWS = 2000; // rows that carry the drop-downs

export function caseTemplate(t: TFunction, language: Language, countries: readonly Country[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const casesWs = addSheet(wb, t('imports.sheets.cases'));
  const eventsWs = addSheet(wb, t('imports.sheets.events'));
  const codes = addSheet(wb, t('imports.sheets.codes'));

  // Codes: one column per list, label in the chosen language (the importer takes codes or either language).
  const r = texts(language);
  const label = (cat: string, code: string) =>
    r.categories[cat]?.[code] ?? (r.enums as Record<string, Record<string, string>>)[cat]![code]!;
  const lists: Record<string, string[]> = {
    sex: ['male', 'female', 'unknown'].map((c) => label('sex', c)),
    migrant_type: ['immigrant', 'emigrant', 'internal'].map((c) => label('migrant_type', c)),
    legal_status: ['regular', 'irregular', 'unknown'].map((c) => label('legal_status', c)),
    key_population: CATEGORIES.find((c) => c.code === 'key_population')!.options.map((o) => label('key_population', o.code)),
    transmission_route: Object.keys(r.enums.transmission_route).map((c) => label('transmission_route', c)),
    event_kind: Object.keys(r.enums.event_kind).map((c) => label('event_kind', c)),
    outcome: Object.keys(r.enums.outcome).map((c) => label('outcome', c)),
    country: countries.map((c) => countryName(c.code, language)),
  };
  const names = Object.keys(lists);
  headerRow(
    codes,
    names.map((n) => t(`imports.lists.${n}`)),
  );
  const longest = Math.max(...Object.values(lists).map((l) => l.length));
  for (let i = 0; i < longest; i++) codes.addRow(names.map((n) => lists[n]![i] ?? null));
  names.forEach((n, j) => (codes.getColumn(j + 1).width = Math.min(50, Math.max(14, ...lists[n]!.map((s) => s.length + 2)))));
  const listRange = (n: string) => {
    const col = codes.getColumn(names.indexOf(n) + 1).letter;
    return `'${codes.name}'!$${col}$2:$${col}$${lists[n]!.length + 1}`;
  };

  const sheet = <K extends CaseColumn | EventColumn>(
    ws: ExcelJS.Worksheet,
    keys: readonly K[],
    listOf: Partial<Record<K, string>>,
    dates: readonly K[],
  ) => {
    headerRow(
      ws,
      keys.map((k) => columnLabel(k, language)),
    );
    keys.forEach((k, j) => {
      const col = ws.getColumn(j + 1);
      col.width = Math.max(14, columnLabel(k, language).length + 2);
      const list = listOf[k];
      for (let row = 2; row <= ROWS; row++) {
        const cell = ws.getCell(row, j + 1);
        if (list)
          cell.dataValidation = {
            type: 'list',
            allowBlank: true,
            formulae: [listRange(list)],
            showErrorMessage: true,
            errorTitle: t('imports.badValueTitle'),
            error: t('imports.badValue'),
          };
        if (dates.includes(k)) cell.numFmt = 'dd.mm.yyyy';
      }
    });
  };
  sheet(
    casesWs,
    CASE_COLUMNS,
    {
      sex: 'sex',
      migrantType: 'migrant_type',
      legalStatus: 'legal_status',
      transmissionRoute: 'transmission_route',
      citizenship: 'country',
      infectionCountry: 'country',
      diagnosisCountry: 'country',
    },
    ['diagnosisDate', 'firstAidsDate'],
  );
  sheet(eventsWs, EVENT_COLUMNS, { kind: 'event_kind', outcome: 'outcome' }, ['date']);
  casesWs.getCell(1, CASE_COLUMNS.indexOf('keyPopulations') + 1).note = t('imports.kpNote');
  return wb;
}
