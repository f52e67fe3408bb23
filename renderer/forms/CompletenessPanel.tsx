// Which forms and periods of a year have data, per org unit, and which are approved.
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '../../shared/contract';
import { useCall } from '../api/queries';
import { TableBox } from '../app/TableBox';

/** Read through the query cache: a save or an approval invalidates it (useFormData), so it is read again after each. */
export function CompletenessPanel({ year }: { year: number }) {
  const { t } = useTranslation();
  const rows = useCall('forms.completeness', { year }).data ?? [];
  const units: Record<number, string> = Object.fromEntries((useCall('orgUnits.list', {}).data ?? []).map((u: OrgUnit) => [u.id, u.name]));
  return (
    <section className="completeness" aria-labelledby="completeness-title">
      <h3 id="completeness-title">{t('forms.completeness', { year })}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('forms.completenessEmpty')}</p>
      ) : (
        <TableBox label={t('forms.completeness', { year })}>
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
        </TableBox>
      )}
    </section>
  );
}
