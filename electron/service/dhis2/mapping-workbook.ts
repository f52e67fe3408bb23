// The mapping as a DHIS2 administrator edits it: a workbook with a sheet per kind of identifier
// (this app's code, its name, and the DHIS2 UID or code to fill in), and reading it back: every row
// checked, the refused ones named, the rest replacing the mapping.
import ExcelJS from 'exceljs';
import { DATA_ELEMENTS, FORM_CODES, TOTAL, cocKey, comboCells, type ComboCode } from '../../../shared/forms/definitions.js';
import { fixedGroups } from '../../../shared/indicators/dimensions.js';
import { cellLabel, deLabel } from '../../../shared/forms/labels.js';
import {
  Dhis2IdSchema,
  ID_SCHEMES,
  INDICATOR_BREAKDOWNS,
  INDICATOR_DATA_SET,
  INDICATOR_MEASURES,
  indicatorElement,
  type IndicatorBreakdown,
  MAPPING_KINDS,
  type MappingKind,
} from '../../../shared/dhis2/api.js';
import type { Language, OrgUnit } from '../../../shared/contract.js';
import type { DeclaredSchemes, Mapping } from '../../../db/dhis2.js';
import { readSheets } from '../imports/read-file.js';
import { refusal } from '../../../shared/result.js';
import { addSheet } from '../exports/sheet-format.js';

type T = (key: string, params?: Record<string, string | number>) => string;
export const SHEET: Record<MappingKind, string> = {
  dataSet: 'dataSets',
  dataElement: 'dataElements',
  categoryOptionCombo: 'categoryOptionCombos',
  orgUnit: 'orgUnits',
};

/** Every code of this app a kind may map, with its name in the workbook's language. */
export function localCodes(t: T, lang: Language, units: readonly OrgUnit[]): Record<MappingKind, [string, string][]> {
  const combos = [...new Set(DATA_ELEMENTS.map((d) => d.combo))].filter((c) => c !== 'default') as ComboCode[];
  const breakdowns = Object.keys(INDICATOR_BREAKDOWNS) as IndicatorBreakdown[];
  // The forms' cells, and each option of a breakdown the cascade's counts go by (`sex:male`).
  const cells = [
    ...new Set([
      ...combos.flatMap((c) => comboCells(c)),
      ...breakdowns.flatMap((by) => fixedGroups(by)!.map((g) => cocKey({ [INDICATOR_BREAKDOWNS[by]]: g }))),
    ]),
  ];
  const byId = new Map(units.map((u) => [u.id, u]));
  const path = (u: OrgUnit): string => (u.parentId === null ? u.name : `${path(byId.get(u.parentId)!)} › ${u.name}`);
  return {
    dataSet: [...FORM_CODES.map((f): [string, string] => [f, t(`forms.names.${f}`)]), [INDICATOR_DATA_SET, t('dhis2.indicatorsDataSet')]],
    dataElement: [
      ...DATA_ELEMENTS.map((d): [string, string] => [d.code, deLabel(t, d.code)]),
      ...INDICATOR_MEASURES.map((m): [string, string] => [
        indicatorElement(m),
        `${t('dhis2.indicatorPrefix')}: ${t(`indicators.measures.${m}`)}`,
      ]),
      ...breakdowns.flatMap((by) =>
        INDICATOR_MEASURES.map((m): [string, string] => [
          indicatorElement(m, by),
          `${t('dhis2.indicatorPrefix')}: ${t(`indicators.measures.${m}`)} — ${t(`indicators.dimensions.${by}`)}`,
        ]),
      ),
    ],
    categoryOptionCombo: [
      ['', t('dhis2.defaultCell')],
      [TOTAL, t('forms.total')],
      ...cells.map((c): [string, string] => [c, cellLabel(t, lang, c)]),
    ],
    orgUnit: units.map((u) => [String(u.id), path(u)]),
  };
}

export function mappingWorkbook(
  t: T,
  lang: Language,
  units: readonly OrgUnit[],
  mapping: Mapping,
  schemes: DeclaredSchemes,
): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const about = addSheet(wb, t('dhis2.readmeSheet'));
  about.getColumn(1).width = 110;
  for (const line of [t('dhis2.readme1'), t('dhis2.readme2'), t('dhis2.readme3'), t('dhis2.readme4')])
    about.addRow([line]).getCell(1).alignment = { wrapText: true };
  const codes = localCodes(t, lang, units);
  for (const kind of MAPPING_KINDS) {
    const sheet = wb.addWorksheet(SHEET[kind]);
    sheet.columns = [
      { header: t('dhis2.localCode'), width: kind === 'categoryOptionCombo' ? 60 : 24 },
      { header: t('dhis2.name'), width: 60 },
      { header: t('dhis2.remote'), width: 24 },
      { header: t('dhis2.schemeColumn'), width: 30 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const [local, name] of codes[kind]) sheet.addRow([local, name, mapping[kind].get(local) ?? '']);
    // How DHIS2 is to read the sheet's identifiers: UID or CODE, or empty to tell by their shape.
    const scheme = sheet.getCell(SCHEME_CELL);
    scheme.value = schemes[kind] ?? '';
    scheme.dataValidation = { type: 'list', allowBlank: true, formulae: [`"${ID_SCHEMES.join(',')}"`] };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return wb;
}

export type MappingIssue = { sheet: string; row: number; messageKey: string };
/** The cell under the scheme column's header, beside the first code. */
const SCHEME_CELL = 'D2';

/** A cell of the DHIS2 column as an identifier: text, or a whole number; anything else (a formula never
 * calculated, a date, TRUE, 1e21) is no identifier. '' for an empty cell. */
function identifierOf(c: unknown): string | null {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') return c.trim();
  if (typeof c === 'number' && Number.isSafeInteger(c)) return String(c);
  return null;
}

/**
 * The filled workbook's rows: the mapped ones, each refused row with its reason, and the kinds whose
 * sheet the file has (only those are replaced). Rows left blank are unmapped.
 */
export async function readMapping(
  fileName: string,
  bytes: Buffer,
  known: Record<MappingKind, [string, string][]>,
): Promise<{
  rows: { kind: MappingKind; local: string; remote: string }[];
  refused: MappingIssue[];
  kinds: MappingKind[];
  schemes: Partial<DeclaredSchemes>;
}> {
  const sheets = await readSheets(fileName, bytes);
  const rows: { kind: MappingKind; local: string; remote: string }[] = [];
  const refused: MappingIssue[] = [];
  const schemes: Partial<DeclaredSchemes> = {};
  const kinds = MAPPING_KINDS.filter((kind) => sheets.some((s) => s.name === SHEET[kind]));
  if (kinds.length === 0) throw refusal('file_unreadable', 'errors.dhis2_not_mapping_workbook', { file: fileName });
  for (const kind of kinds) {
    const sheet = sheets.find((s) => s.name === SHEET[kind])!;
    const codes = new Set(known[kind].map(([c]) => c));
    const seen = new Set<string>();
    const remotes = new Set<string>();
    let n = 1;
    for (const row of sheet.body) {
      n++;
      if (n === 2) {
        // The scheme cell (D2): UID or CODE, in any case; empty, told by the identifiers' shape.
        const said = identifierOf(row[3])?.toUpperCase() ?? null;
        if (said === 'UID' || said === 'CODE') schemes[kind] = said;
        else if (said !== '') refused.push({ sheet: SHEET[kind], row: 2, messageKey: 'dhis2.badScheme' });
      }
      const local = identifierOf(row[0]) ?? '\u0000';
      const remote = identifierOf(row[2]);
      if (remote === '') continue;
      const refuse = (messageKey: string) => refused.push({ sheet: SHEET[kind], row: n, messageKey });
      if (!codes.has(local)) refuse('dhis2.unknownCode');
      else if (seen.has(local)) refuse('dhis2.repeated');
      else if (remote === null || !Dhis2IdSchema.safeParse(remote).success) refuse('dhis2.badId');
      // Two of this app's codes under one DHIS2 identifier would send two values DHIS2 keeps one of.
      else if (remotes.has(remote)) refuse('dhis2.repeatedRemote');
      else {
        rows.push({ kind, local, remote });
        remotes.add(remote);
      }
      seen.add(local);
    }
  }
  return { rows, refused, kinds, schemes };
}
