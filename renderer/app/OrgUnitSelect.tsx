// A plain select of the org-unit tree (country, regions, facilities), indented by level.
import { useEffect, useState } from 'react';
import type { OrgUnit } from '../../shared/contract';
import { call } from '../api/client';
import { useUnitName } from './countries';

export function OrgUnitSelect({ id, value, onChange }: { id: string; value: number; onChange: (id: number) => void }) {
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const unitName = useUnitName();
  useEffect(() => {
    void call('orgUnits.list', {}).then((r) => r.ok && setUnits(r.value));
  }, []);
  return (
    <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
      {units.map((u) => (
        <option key={u.id} value={u.id}>{`${u.level === 'country' ? '' : u.level === 'region' ? '— ' : '— — '}${unitName(u)}`}</option>
      ))}
    </select>
  );
}
