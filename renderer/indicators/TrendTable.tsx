// The cascade over the five years up to the chosen one, for comparing this year with earlier ones.
// A year that cannot be counted keeps its row, with the reason: a trend never drops a year silently.
import { useTranslation } from 'react-i18next';
import { useCall } from '../api/queries';
import { formatProportion } from './format';
import { YearChart, type YearSeries } from '../estimates/YearChart';
import { TableBox } from '../app/TableBox';
import { uiLocale } from '../app/locale';

export function TrendTable({ year, orgUnitId, unitName }: { year: number; orgUnitId: number; unitName: string }) {
  const { t } = useTranslation();
  // Five years in one call: one pass over the register, not five; only the answer for this year and unit.
  const trend = useCall('indicators.trend', { year, years: 5, orgUnitId });
  if (trend.error) return <p role="alert">{t(trend.error.error.messageKey, trend.error.error.params ?? {})}</p>;
  if (!trend.data) return null;
  const rows = trend.data.rows;
  const counted = rows.filter((r) => r.ok);
  const years = counted.map((r) => r.year);
  // One line per cascade step, drawn by both charts; the targets of each year as counts:
  // 90-90-90 up to 2020, 95-95-95 from 2021, of the step before.
  const step = (key: 'diagnosed' | 'onArt' | 'suppressedOnArt' | 'newDiagnoses'): YearSeries => ({
    key,
    label: t(`indicators.measures.${key}`),
    kind: 'line',
    values: counted.map((r) => r.tally[key]),
  });
  const goal = (key: string, of: 'diagnosed' | 'onArt'): YearSeries => ({
    key,
    label: t(`indicators.${key}`),
    kind: 'target',
    values: counted.map((r) => r.tally[of] * r.cascade.target),
  });
  const source = t('indicators.figuresFor', {
    unit: unitName,
    period: years.length ? `${years[0]}–${years.at(-1)}` : String(year),
    asOf: new Date(trend.dataUpdatedAt).toLocaleString(uiLocale()),
  });
  return (
    <>
      <h3>{t('indicators.trend')}</h3>
      {counted.length > 1 ? (
        <div className="chart-grid trend-charts">
          <YearChart
            testId="trend-chart"
            source={source}
            title={t('indicators.trendChart')}
            years={years}
            language={uiLocale()}
            series={[step('diagnosed'), step('onArt'), step('suppressedOnArt'), step('newDiagnoses')]}
          />
          <YearChart
            testId="trend-targets"
            source={source}
            title={t('indicators.trendTargets')}
            years={years}
            language={uiLocale()}
            series={[step('onArt'), step('suppressedOnArt'), goal('goalOnArt', 'diagnosed'), goal('goalSuppressed', 'onArt')]}
          />
        </div>
      ) : null}
      <TableBox label={t('indicators.trend')}>
        <table className="cases disaggregation" data-testid="trend">
          <thead>
            <tr>
              <th>{t('forms.year')}</th>
              <th>{t('indicators.measures.diagnosed')}</th>
              <th>{t('indicators.measures.onArt')}</th>
              <th>{t('indicators.measures.suppressedOnArt')}</th>
              <th>{t('indicators.measures.newDiagnoses')}</th>
              <th>{t('indicators.percentages.first90')}</th>
              <th>{t('indicators.percentages.second90')}</th>
              <th>{t('indicators.percentages.third90')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) =>
              row.ok ? (
                <tr key={row.year} data-year={row.year}>
                  <th scope="row">{row.year}</th>
                  <td>{row.tally.diagnosed}</td>
                  <td>{row.tally.onArt}</td>
                  <td>{row.tally.suppressedOnArt}</td>
                  <td>{row.tally.newDiagnoses}</td>
                  <td data-column="first90">
                    {/* Without an estimate, a short word: the dashboard above says why at length. */}
                    {!row.cascade.first90.computable && row.cascade.first90.reason === 'no_estimate'
                      ? t('indicators.noEstimate')
                      : formatProportion(row.cascade.first90, t)}
                  </td>
                  <td>{formatProportion(row.cascade.second90, t)}</td>
                  <td>{formatProportion(row.cascade.third90, t)}</td>
                </tr>
              ) : (
                <tr key={row.year} data-year={row.year} className="row-error">
                  <th scope="row">{row.year}</th>
                  <td colSpan={7} role="alert">
                    {t(row.messageKey)}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </TableBox>
    </>
  );
}
