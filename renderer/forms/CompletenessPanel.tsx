// Which forms and periods of a year have data, per org unit, and which are approved.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { CompletenessSchema } from '../../shared/forms/api';
import type { OrgUnit } from '../../shared/contract';
import { call } from '../api/client';

export function CompletenessPanel({ year, refreshKey }: { year: number; refreshKey: unknown }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<z.infer<typeof CompletenessSchema>>([]);
  const [units, setUnits] = useState<Record<number, string>>({});
  useEffect(() => {
    void call('orgUnits.list', {}).then((r) => r.ok && setUnits(Object.fromEntries(r.value.map((u: OrgUnit) => [u.id, u.name]))));
  }, []);
  useEffect(() => {
    let live = true; // a slower answer for a year typed earlier is dropped
    void call('forms.completeness', { year }).then((r) => live && r.ok && setRows(r.value));
    return () => void (live = false);
  }, [year, refreshKey]);
  return (
    <section className="completeness" aria-labelledby="completeness-title">
      <h3 id="completeness-title">{t('forms.completeness', { year })}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('forms.completenessEmpty')}</p>
      ) : (
        <table className="cases" data-testid="completeness">
          <thead>
            <tr>
              <th>{t('settings.orgUnit')}</th>
              <th>{t('forms.form')}</th>
              <th>{t('forms.period')}</th>
              <th>{t('forms.valuesEntered')}</th>
              <th>{t('forms.approvedColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.orgUnitId}/${r.form}/${r.period}`}>
                <td>{units[r.orgUnitId] ?? r.orgUnitId}</td>
                <td>{t(`forms.names.${r.form}`)}</td>
                <td>{r.period}</td>
                <td>{r.values}</td>
                <td>{r.approved ? '✓' : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
