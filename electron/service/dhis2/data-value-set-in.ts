// A DHIS2 dataValueSet (JSON) read as a form file: each value's DHIS2 identifiers turned back into
// this app's codes through the mapping, then checked by the same path as a template file
// (analyseForms). Each value goes to the unit it names: the centre's own or any other the account
// may see (its regions and facilities, say). A unit outside that, or an identifier the mapping does
// not know, is refused row by row. The file is hostile until read:
// size capped by the upload, its shape checked before anything else.
import { z } from 'zod';
import type { Mapping } from '../../../db/dhis2.js';
import { DHIS2_DEFAULT_COC } from '../../../shared/dhis2/api.js';
import type { ImportIssue } from '../../../shared/imports/api.js';
import { refusal } from '../../../shared/result.js';
import type { Sheet } from '../imports/read-file.js';

const Id = z.string().max(200);
// DHIS2 lets the set give the period, org unit and attribute combo its values leave out.
const DataValueSetSchema = z.object({
  period: z.string().max(20).optional(),
  orgUnit: Id.optional(),
  attributeOptionCombo: Id.optional(),
  dataValues: z
    .array(
      z.object({
        dataElement: Id,
        period: z.string().max(20).optional(),
        orgUnit: Id.optional(),
        categoryOptionCombo: Id.optional(),
        attributeOptionCombo: Id.optional(),
        value: z.union([z.string().max(50_000), z.number()]).optional(),
        comment: z.string().max(50_000).nullable().optional(),
        deleted: z.boolean().optional(),
      }),
    )
    .max(1_000_000),
});

/** DHIS2's codes for this app's: the mapping read backwards. */
function reverse(m: Map<string, string>): Map<string, string> {
  return new Map([...m].map(([local, remote]) => [remote, local]));
}

export function dataValueSetAsSheet(
  fileName: string,
  bytes: Buffer,
  mapping: Mapping,
  /** Whether a local unit exists and the account may enter its forms. */
  mayEnter: (unitId: number) => boolean,
): { sheets: Sheet[]; issues: ImportIssue[]; rows: number; units: number[] } {
  let parsed;
  try {
    parsed = DataValueSetSchema.safeParse(JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) throw refusal('file_unreadable', 'errors.dhis2_not_data_value_set', { file: fileName });
  const elements = reverse(mapping.dataElement);
  const cells = reverse(mapping.categoryOptionCombo);
  const units = reverse(mapping.orgUnit);
  const issues: ImportIssue[] = [];
  const body: (string | number | null)[][] = [];
  const rowUnits: number[] = [];
  const set = parsed.data;
  set.dataValues.forEach((given, i) => {
    const v = {
      ...given,
      period: given.period ?? set.period ?? '',
      orgUnit: given.orgUnit ?? set.orgUnit ?? '',
      attributeOptionCombo: given.attributeOptionCombo ?? set.attributeOptionCombo,
    };
    const row = i + 2; // as in a sheet: the header is row 1
    const refuse = (column: string | null, messageKey: string) => issues.push({ sheet: 'values', row, column, messageKey });
    // A value DHIS2 lists as deleted is not one to load (nor to erase ours by).
    if (v.deleted) return refuse('value', 'dhis2.deletedValue');
    const de = elements.get(v.dataElement);
    const coc =
      v.categoryOptionCombo === undefined || v.categoryOptionCombo === DHIS2_DEFAULT_COC
        ? (cells.get(v.categoryOptionCombo ?? '') ?? '')
        : cells.get(v.categoryOptionCombo);
    const local = units.get(v.orgUnit);
    if (local === undefined) return refuse('orgUnit', 'dhis2.notMapped');
    // The mapping's local side is a unit id as text; a hand-typed one that is not a unit of ours, or not the account's, is refused.
    const unit = /^[1-9]\d{0,15}$/.test(local) ? Number(local) : NaN;
    if (!Number.isSafeInteger(unit) || !mayEnter(unit)) return refuse('orgUnit', 'dhis2.otherOrgUnit');
    if (de === undefined) return refuse('dataElement', 'dhis2.notMapped');
    if (coc === undefined) return refuse('cell', 'dhis2.notMapped');
    if (v.attributeOptionCombo !== undefined && v.attributeOptionCombo !== DHIS2_DEFAULT_COC) return refuse('cell', 'dhis2.attributeCombo');
    // Kept in the file's order, rows of the refused ones left empty: the report's row numbers stay the file's.
    body[i] = [v.period, de, coc, v.value === undefined ? '' : String(v.value), v.comment ?? ''];
    rowUnits[i] = unit;
  });
  const header = ['Period', 'Data element', 'Cell (breakdown)', 'Value', 'Comment'];
  const rows = Array.from({ length: set.dataValues.length }, (_, i) => body[i] ?? ['', '', '', '', '']);
  return { sheets: [{ name: fileName, header, body: rows }], issues, rows: set.dataValues.length, units: rowUnits };
}
