// A DHIS2 metadata package (as /api/metadata exports it: dataSets, dataElements,
// categoryOptionCombos, organisationUnits, each with id, code, name) fills the mapping where an
// object's code is this app's code (a data set's the form's, a data element's the element's, a
// combo's the cell key) or an org unit's name is this app's; what stays unmapped is counted before
// anything is exported. A mapping already made is kept unless the package names the same code.
import { z } from 'zod';
import { isDhis2Uid, MAPPING_KINDS, type MappingKind } from '../../../shared/dhis2/api.js';
import { refusal } from '../../../shared/result.js';

const Obj = z.object({ id: z.string().max(50), code: z.string().max(200).optional(), name: z.string().max(500).optional() });
const MetadataSchema = z.object({
  dataSets: z.array(Obj).max(100_000).optional(),
  dataElements: z.array(Obj).max(100_000).optional(),
  categoryOptionCombos: z.array(Obj).max(1_000_000).optional(),
  organisationUnits: z.array(Obj).max(1_000_000).optional(),
});
const KEY: Record<MappingKind, keyof z.infer<typeof MetadataSchema>> = {
  dataSet: 'dataSets',
  dataElement: 'dataElements',
  categoryOptionCombo: 'categoryOptionCombos',
  orgUnit: 'organisationUnits',
};
const fold = (s: string) => s.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');

/**
 * The mapping rows a package gives for `known` local codes (with their names), and how many
 * local codes of each kind stay unmapped once the current mapping is added.
 */
export function mappingFromMetadata(
  fileName: string,
  bytes: Buffer,
  known: Record<MappingKind, [string, string][]>,
  current: Record<MappingKind, Map<string, string>>,
): { rows: { kind: MappingKind; local: string; remote: string }[]; unmapped: Record<MappingKind, number> } {
  let parsed;
  try {
    parsed = MetadataSchema.safeParse(JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) throw refusal('file_unreadable', 'errors.dhis2_not_metadata', { file: fileName });
  const rows: { kind: MappingKind; local: string; remote: string }[] = [];
  const unmapped = Object.fromEntries(MAPPING_KINDS.map((k) => [k, 0])) as Record<MappingKind, number>;
  for (const kind of MAPPING_KINDS) {
    const objects = (parsed.data[KEY[kind]] ?? []).filter((o) => isDhis2Uid(o.id));
    const byCode = new Map(objects.filter((o) => o.code).map((o) => [fold(o.code!), o.id]));
    const byName = new Map(objects.filter((o) => o.name).map((o) => [fold(o.name!), o.id]));
    for (const [local, name] of known[kind]) {
      // The default cell needs no mapping (DHIS2's default combo is the same on every server): only
      // a package's own default combo is taken for it, never one the package does not hold.
      const isDefault = kind === 'categoryOptionCombo' && local === '';
      const found =
        kind === 'orgUnit' ? byName.get(fold(name.split(' › ').at(-1)!)) : isDefault ? byName.get('default') : byCode.get(fold(local));
      if (found) rows.push({ kind, local, remote: found });
      else if (!current[kind].has(local) && !isDefault) unmapped[kind]++;
    }
  }
  return { rows, unmapped };
}
