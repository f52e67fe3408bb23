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
const DataValueSchema = z.object({
  dataElement: Id,
  period: z.string().max(20).optional(),
  orgUnit: Id.optional(),
  categoryOptionCombo: Id.optional(),
  attributeOptionCombo: Id.optional(),
  value: z.union([z.string().max(50_000), z.number()]).optional(),
  comment: z.string().max(50_000).nullable().optional(),
  deleted: z.boolean().optional(),
});
// DHIS2 lets the set give the period, org unit and attribute combo its values leave out.
const DataValueSetSchema = z.object({
  period: z.string().max(20).optional(),
  orgUnit: Id.optional(),
  attributeOptionCombo: Id.optional(),
  // Each value is checked in turn as it is read (a copy of a million checked at once would double the memory and hold the thread).
  dataValues: z.array(z.unknown()).max(1_000_000),
});

/** DHIS2's codes for this app's: the mapping read backwards. */
function reverse(m: Map<string, string>): Map<string, string> {
  return new Map([...m].map(([local, remote]) => [remote, local]));
}

export async function dataValueSetAsSheet(
  fileName: string,
  bytes: Buffer,
  mapping: Mapping,
  /** Whether a local unit exists and the account may enter its forms. */
  mayEnter: (unitId: number) => boolean,
  /** Gives other calls their turn between values (service/pace.ts). */
  pace: () => Promise<void> | undefined = () => undefined,
): Promise<{ sheets: Sheet[]; issues: ImportIssue[]; rows: number; units: number[] }> {
  let parsed;
  try {
    parsed = DataValueSetSchema.safeParse(JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')));
  } catch {
    parsed = null;
  }
  const notASet = () => refusal('file_unreadable', 'errors.dhis2_not_data_value_set', { file: fileName });
  if (!parsed?.success) throw notASet();
  const elements = reverse(mapping.dataElement);
  const cells = reverse(mapping.categoryOptionCombo);
  const units = reverse(mapping.orgUnit);
  const issues: ImportIssue[] = [];
  const body: (string | number | null)[][] = [];
  const rowUnits: number[] = [];
  const set = parsed.data;
  /** A value's row as a template file would hold it and its unit, or why it is refused (column, reason). */
  const read = (
    v: z.infer<typeof DataValueSchema> & { period: string; orgUnit: string },
  ): { refused: readonly [string, string] } | { refused?: never; row: string[]; unit: number } => {
    // A value DHIS2 lists as deleted is not one to load (nor to erase ours by).
    if (v.deleted) return { refused: ['value', 'dhis2.deletedValue'] as const };
    const de = elements.get(v.dataElement);
    const coc =
      v.categoryOptionCombo === undefined || v.categoryOptionCombo === DHIS2_DEFAULT_COC
        ? (cells.get(v.categoryOptionCombo ?? '') ?? '')
        : cells.get(v.categoryOptionCombo);
    const local = units.get(v.orgUnit);
    if (local === undefined) return { refused: ['orgUnit', 'dhis2.notMapped'] as const };
    // The mapping's local side is a unit id as text; a hand-typed one that is not a unit of ours, or not the account's, is refused.
    const unit = /^[1-9]\d{0,15}$/.test(local) ? Number(local) : NaN;
    if (!Number.isSafeInteger(unit) || !mayEnter(unit)) return { refused: ['orgUnit', 'dhis2.otherOrgUnit'] as const };
    if (de === undefined) return { refused: ['dataElement', 'dhis2.notMapped'] as const };
    if (coc === undefined) return { refused: ['cell', 'dhis2.notMapped'] as const };
    if (v.attributeOptionCombo !== undefined && v.attributeOptionCombo !== DHIS2_DEFAULT_COC)
      return { refused: ['cell', 'dhis2.attributeCombo'] as const };
    return { row: [v.period, de, coc, v.value === undefined ? '' : String(v.value), v.comment ?? ''], unit };
  };
  for (const [i, raw] of set.dataValues.entries()) {
    await pace();
    // A value of the wrong shape: the file is not what DHIS2 writes (the whole file refused, as before any was read).
    const checked = DataValueSchema.safeParse(raw);
    if (!checked.success) throw notASet();
    const given = checked.data;
    const got = read({
      ...given,
      period: given.period ?? set.period ?? '',
      orgUnit: given.orgUnit ?? set.orgUnit ?? '',
      attributeOptionCombo: given.attributeOptionCombo ?? set.attributeOptionCombo,
    });
    // Kept in the file's order, rows of the refused ones left empty: the report's row numbers stay the file's (the header is row 1).
    if (got.refused) issues.push({ sheet: 'values', row: i + 2, column: got.refused[0], messageKey: got.refused[1] });
    else {
      body[i] = got.row;
      rowUnits[i] = got.unit;
    }
  }
  const header = ['Period', 'Data element', 'Cell (breakdown)', 'Value', 'Comment'];
  const rows = Array.from({ length: set.dataValues.length }, (_, i) => body[i] ?? ['', '', '', '', '']);
  return { sheets: [{ name: fileName, header, body: rows }], issues, rows: set.dataValues.length, units: rowUnits };
}
