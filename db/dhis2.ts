// DHIS2 in the database: the identifier mapping (replaced whole from the administrator's workbook,
// audited) and the form values an export sends.
import { stmt, type Db } from './connection.js';
import { changeWithAudit } from './audit.js';
import { countByKind, MAPPING_KINDS, type IdScheme, type MappingKind } from '../shared/dhis2/api.js';
import { getSetting } from './settings.js';
import { parsePeriod } from '../shared/periods.js';

export type Mapping = Record<MappingKind, Map<string, string>>;

export function dhis2Mapping(db: Db): Mapping {
  const m = Object.fromEntries(MAPPING_KINDS.map((k) => [k, new Map<string, string>()])) as Mapping;
  for (const r of stmt(db, 'SELECT kind, local, remote FROM dhis2_mapping').all() as { kind: MappingKind; local: string; remote: string }[])
    m[r.kind].set(r.local, r.remote);
  return m;
}

/** How the administrator said DHIS2 reads a kind's identifiers (the workbook's scheme cell); null: told by their shape. */
export type DeclaredSchemes = Record<MappingKind, IdScheme | null>;
const schemeSetting = (kind: MappingKind) => `dhis2_scheme_${kind}`;

export function declaredSchemes(db: Db): DeclaredSchemes {
  return Object.fromEntries(
    MAPPING_KINDS.map((k) => {
      const v = getSetting(db, schemeSetting(k));
      return [k, v === 'UID' || v === 'CODE' ? v : null];
    }),
  ) as DeclaredSchemes;
}

/** Replaces the mapping of the kinds given (the workbook's sheets): what it no longer maps is unmapped. One audit entry with the counts. */
export function replaceDhis2Mapping(
  db: Db,
  actor: string,
  rows: readonly { kind: MappingKind; local: string; remote: string }[],
  kinds: readonly MappingKind[] = MAPPING_KINDS,
  schemes: Partial<DeclaredSchemes> = {},
): void {
  changeWithAudit(db, actor, (record) => {
    const before = (stmt(db, 'SELECT count(*) AS n FROM dhis2_mapping').get() as { n: number }).n;
    stmt(db, 'DELETE FROM dhis2_mapping WHERE kind IN (SELECT value FROM json_each(?))').run(JSON.stringify(kinds));
    const insert = stmt(db, 'INSERT OR REPLACE INTO dhis2_mapping (kind, local, remote) VALUES (?, ?, ?)');
    for (const r of rows) insert.run(r.kind, r.local, r.remote);
    // Each sheet's scheme cell replaced with its rows: empty, the scheme is told by the identifiers' shape.
    const setScheme = stmt(db, 'INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    for (const kind of kinds) setScheme.run(schemeSetting(kind), schemes[kind] ?? null);
    const counts = countByKind(rows);
    const declared = Object.fromEntries(kinds.filter((k) => schemes[k]).map((k) => [k, schemes[k]]));
    record({
      action: 'import',
      entity: 'dhis2_mapping',
      entityId: 'workbook',
      oldValue: { rows: before },
      newValue: { rows: rows.length, ...counts, ...(Object.keys(declared).length ? { schemes: declared } : {}) },
    });
  });
}

/** Adds or replaces the rows a DHIS2 metadata package matched; the rest of the mapping is kept. One audit entry. */
export function mergeDhis2Mapping(
  db: Db,
  actor: string,
  file: string,
  rows: readonly { kind: MappingKind; local: string; remote: string }[],
): void {
  changeWithAudit(db, actor, (record) => {
    const insert = stmt(db, 'INSERT OR REPLACE INTO dhis2_mapping (kind, local, remote) VALUES (?, ?, ?)');
    for (const r of rows) insert.run(r.kind, r.local, r.remote);
    const counts = countByKind(rows);
    record({ action: 'import', entity: 'dhis2_mapping', entityId: file, newValue: { rows: rows.length, ...counts } });
  });
}

export type ExportValue = {
  form: string;
  de: string;
  coc: string;
  orgUnitId: number;
  period: string;
  value: number | string;
  comment: string | null;
};

/** The form values of the units given whose period lies within [from, to] (by their days), in a stable order. */
export function valuesForExport(db: Db, units: readonly number[], from: string, to: string): ExportValue[] {
  const start = parsePeriod(from)?.start ?? '9999';
  const end = parsePeriod(to)?.end ?? '0000';
  const rows = stmt(
    db,
    `SELECT d.form_code AS form, v.data_element AS de, v.coc, v.org_unit_id AS orgUnitId, v.period, v.value_number AS n, v.value_text AS t, v.comment
       FROM data_value v JOIN data_element d ON d.code = v.data_element
      WHERE v.org_unit_id IN (SELECT value FROM json_each(?)) ORDER BY d.form_code, v.org_unit_id, v.period, v.data_element, v.coc`,
  ).all(JSON.stringify(units)) as {
    form: string;
    de: string;
    coc: string;
    orgUnitId: number;
    period: string;
    n: number | null;
    t: string | null;
    comment: string | null;
  }[];
  return rows
    .filter((r) => {
      const p = parsePeriod(r.period);
      return p !== null && p.start >= start && p.end <= end;
    })
    .map((r) => ({ form: r.form, de: r.de, coc: r.coc, orgUnitId: r.orgUnitId, period: r.period, value: r.n ?? r.t!, comment: r.comment }));
}
