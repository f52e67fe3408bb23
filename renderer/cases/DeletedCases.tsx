import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { useCall } from '../api/queries';
import { ErrorMessage } from '../app/ErrorMessage';
import { TableBox } from '../app/TableBox';
import { uiLocale } from '../app/locale';

/** Soft-deleted cases, for a supervisor to restore. */
export function DeletedCases({ onRestored }: { onRestored: (id: number) => void }) {
  const { t } = useTranslation();
  const deleted = useCall('cases.deleted', {});
  const rows = deleted.data ?? null;
  const [failure, setError] = useState<AppError | null>(null);
  const error = failure ?? deleted.error?.error ?? null;
  const restore = async (id: number) => {
    const r = await call('cases.restore', { id });
    if (r.ok) onRestored(id);
    else setError(r.error);
  };
  return (
    <section>
      <p className="muted">{t('cases.restoreNote')}</p>
      <ErrorMessage error={error} />
      {rows && rows.length === 0 ? <p>{t('cases.deletedEmpty')}</p> : null}
      {rows && rows.length > 0 ? (
        <TableBox label={t('nav.cases')}>
          <table className="cases">
            <thead>
              <tr>
                <th>{t('fields.registerNo')}</th>
                <th>{t('fields.uic')}</th>
                <th>{t('cases.deletedAt')}</th>
                <th>{t('cases.deletedBy')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.registerNo}</td>
                  <td className="uic">{r.uic}</td>
                  <td>{new Date(r.deletedAt).toLocaleString(uiLocale())}</td>
                  <td>{r.deletedBy}</td>
                  <td>
                    <button type="button" onClick={() => void restore(r.id)}>
                      {t('cases.restore')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      ) : null}
    </section>
  );
}
