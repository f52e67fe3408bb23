// The organisation tree: country -> region -> facility.
import type { Db } from './connection.js';
import type { OrgUnit } from '../shared/contract.js';
import { changeWithAudit } from './audit.js';
import { workingCountryName } from './reference.js';
import { fail } from '../shared/result.js';

const SELECT = 'SELECT id, parent_id AS parentId, level, country_code AS countryCode, name FROM org_unit';

export function listOrgUnits(db: Db): OrgUnit[] {
  return db.prepare(`${SELECT} ORDER BY country_code, parent_id NULLS FIRST, name`).all() as OrgUnit[];
}

export function getOrgUnit(db: Db, id: number): OrgUnit | undefined {
  return db.prepare(`${SELECT} WHERE id = ?`).get(id) as OrgUnit | undefined;
}

/** The unit and its ancestors, root (country) first. */
export function orgUnitPath(db: Db, id: number): OrgUnit[] {
  const path: OrgUnit[] = [];
  for (let unit = getOrgUnit(db, id); unit; unit = unit.parentId === null ? undefined : getOrgUnit(db, unit.parentId)) {
    path.unshift(unit);
  }
  return path;
}

type Placement = { countryCode: string; region: string; facility: string };

/** Finds or creates country, region and facility; returns the facility. One transaction, audited. */
export function ensureFacility(db: Db, actor: string, p: Placement): OrgUnit {
  const countryName =
    workingCountryName(db, p.countryCode) ??
    fail('invalid_input', undefined, [{ path: 'countryCode', messageKey: 'validation.country_code' }]);
  return changeWithAudit(db, actor, (record) => {
    const findOrCreate = (parentId: number | null, level: OrgUnit['level'], name: string): OrgUnit => {
      const existing = (
        parentId === null
          ? db.prepare(`${SELECT} WHERE level = 'country' AND country_code = ?`).get(p.countryCode)
          : db.prepare(`${SELECT} WHERE parent_id = ? AND name = ?`).get(parentId, name)
      ) as OrgUnit | undefined;
      if (existing) return existing;
      const id = Number(
        db
          .prepare('INSERT INTO org_unit (parent_id, level, country_code, name) VALUES (?, ?, ?, ?)')
          .run(parentId, level, p.countryCode, name).lastInsertRowid,
      );
      const created: OrgUnit = { id, parentId, level, countryCode: p.countryCode, name };
      record({ action: 'create', entity: 'org_unit', entityId: id, newValue: created });
      return created;
    };
    const country = findOrCreate(null, 'country', countryName);
    const region = findOrCreate(country.id, 'region', p.region);
    return findOrCreate(region.id, 'facility', p.facility);
  });
}
