// The cascade over the five years up to the chosen one, for comparing this year with earlier ones.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorResult } from '../../shared/indicators/api';
import { call } from '../api/client';
import { formatProportion } from './format';

export function TrendTable({ year, orgUnitId }: { year: number; orgUnitId: number }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<IndicatorResult[]>([]);
  useEffect(() => {
    let live = true;
    const years = Array.from({ length: 5 }, (_, i) => year - 4 + i);
    void Promise.all(years.map((y) => call('indicators.cascade', { period: String(y), orgUnitId, dimension: 'none' }))).then((rs) => {
      if (live) setRows(rs.flatMap((r) => (r.ok ? [r.value] : [])));
    });
    return () => void (live = false);
  }, [year, orgUnitId]);
  if (!rows.length) return null;
  return (
    <>
      <h3>{t('indicators.trend')}</h3>
      <table className="cases disaggregation" data-testid="trend">
        <thead>
          <tr>
            <th>{t('forms.year')}</th>
            <th>{t('indicators.measures.diagnosed')}</th>
            <th>{t('indicators.measures.onArt')}</th>
            <th>{t('indicators.measures.suppressedOnArt')}</th>
            <th>{t('indicators.measures.newDiagnoses')}</th>
            <th>{t('indicators.percentages.second90')}</th>
            <th>{t('indicators.percentages.third90')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.period} data-year={r.period}>
              <th scope="row">{r.period}</th>
              <td>{r.total.tally.diagnosed}</td>
              <td>{r.total.tally.onArt}</td>
              <td>{r.total.tally.suppressedOnArt}</td>
              <td>{r.total.tally.newDiagnoses}</td>
              <td>{formatProportion(r.total.cascade.second90, t)}</td>
              <td>{formatProportion(r.total.cascade.third90, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
