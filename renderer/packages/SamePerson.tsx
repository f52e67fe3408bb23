// Records from different centres that look like one person (code, sex, birth year): a reviewer
// links them, and the figures count the person once. Each record stays its centre's.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../shared/dates';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { useCall } from '../api/queries';
import { ErrorMessage } from '../app/ErrorMessage';
import { TableBox } from '../app/TableBox';

export function SamePerson() {
  const { t } = useTranslation();
  const pairs = useCall('persons.candidates', {});
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const link = async (a: number, b: number, nos: string) => {
    const r = await call('persons.link', { caseId: a, withCaseId: b });
    setError(r.ok ? null : r.error);
    if (r.ok) {
      setDone(nos);
      void pairs.refetch();
    }
  };
  const where = (r: { unit: string; receivedFrom: string | null }) => r.receivedFrom ?? r.unit;
  const list = pairs.data ?? [];
  return (
    <section className="packages-same-person">
      <h4>{t('persons.title')}</h4>
      <p className="muted">{t('persons.help')}</p>
      {done ? (
        <p className="notice" role="status">
          {t('persons.linked', { nos: done })}
        </p>
      ) : null}
      <ErrorMessage error={error} />
      {list.length === 0 ? (
        <p className="muted">{t('persons.none')}</p>
      ) : (
        <TableBox label={t('persons.title')}>
          <table className="cases" data-testid="same-person">
            <thead>
              <tr>
                <th>{t('persons.record')}</th>
                <th>{t('persons.record')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map(({ a, b }) => (
                <tr key={`${a.id}-${b.id}`}>
                  <td>
                    № {a.registerNo} · {where(a)} · {formatDate(a.diagnosisDate)}
                  </td>
                  <td>
                    № {b.registerNo} · {where(b)} · {formatDate(b.diagnosisDate)}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() => void link(a.id, b.id, `${a.registerNo} + ${b.registerNo}`)}
                    >
                      {t('persons.link')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </section>
  );
}
