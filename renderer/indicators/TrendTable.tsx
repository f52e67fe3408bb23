// The cascade over the five years up to the chosen one, for comparing this year with earlier ones.
// A year that cannot be counted keeps its row, with the reason: a trend never drops a year silently.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorResult } from '../../shared/indicators/api';
import type { Result } from '../../shared/result';
import { call } from '../api/client';
import { formatProportion } from './format';

export function TrendTable({ year, orgUnitId }: { year: number; orgUnitId: number }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<{ year: number; result: Result<IndicatorResult> }[]>([]);
  useEffect(() => {
    let live = true;
    const years = Array.from({ length: 5 }, (_, i) => year - 4 + i);
    void Promise.all(years.map((y) => call('indicators.cascade', { period: String(y), orgUnitId, dimension: 'none' }))).then((rs) => {
      if (live) setRows(rs.map((result, i) => ({ year: years[i]!, result })));
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
          {rows.map(({ year: y, result }) =>
            result.ok ? (
              <tr key={y} data-year={y}>
                <th scope="row">{y}</th>
                <td>{result.value.total.tally.diagnosed}</td>
                <td>{result.value.total.tally.onArt}</td>
                <td>{result.value.total.tally.suppressedOnArt}</td>
                <td>{result.value.total.tally.newDiagnoses}</td>
                <td>{formatProportion(result.value.total.cascade.second90, t)}</td>
                <td>{formatProportion(result.value.total.cascade.third90, t)}</td>
              </tr>
            ) : (
              <tr key={y} data-year={y} className="row-error">
                <th scope="row">{y}</th>
                <td colSpan={6} role="alert">{t(result.error.messageKey, result.error.params ?? {})}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </>
  );
}
