// One saved run: what it was asked and saw (the register's diagnoses, those without a CD4 count and
// how the model treats them), a warning where the register is small, the four charts, the table,
// and the switch that makes it the cascade's source.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AIDS_RECORDED_TO_FIT, SMALL_REGISTER, type EstimateRun } from '../../shared/estimates/api';

const AIDS_SHARE = Math.round(AIDS_RECORDED_TO_FIT * 100);
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { ErrorMessage } from '../app/ErrorMessage';
import { formatNumber } from '../factsheet/format';
import { populationLabel } from './EstimatesPage';
import { fieldLabels } from './field-labels';
import { YearChart } from './YearChart';
import { useCall } from '../api/queries';
import { useUnitName } from '../app/countries';
import { TableBox } from '../app/TableBox';
import { uiLocale } from '../app/locale';

export function RunView({ run, canAdopt, onChanged }: { run: EstimateRun; canAdopt: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const lang = uiLocale();
  const [error, setError] = useState<AppError | null>(null);
  const years = run.result.years;
  const y = years.map((r) => r.year);
  const n = (v: number, digits = 0) => formatNumber(v, digits, lang, digits);
  const range = (b: [number, number] | null, digits = 0) => (b ? `${n(b[0], digits)}–${n(b[1], digits)}` : '');
  const { diagnoses, withoutCd4 } = run.registerState;
  const actions = useRef<HTMLDivElement>(null);
  const unitName = useUnitName();
  const unit = useCall('orgUnits.list', {}).data?.find((u) => u.id === run.orgUnitId);
  // The run counted the register as it stood when it ran: that instant is the charts' "as of".
  const source = t('estimates.chartSource', {
    unit: unit ? unitName(unit) : '',
    from: run.firstYear,
    to: run.lastYear,
    asOf: new Date(run.createdAt).toLocaleString(lang),
  });
  const adopt = async (adopted: boolean) => {
    const r = await call('estimates.adopt', { runId: run.id, adopted });
    setError(r.ok ? null : r.error);
    if (r.ok) {
      onChanged();
      // The button pressed turns into its opposite: focus stays on it.
      setTimeout(() => actions.current?.querySelector('button')?.focus(), 300);
    }
  };
  return (
    <section className="estimate-run" data-testid="estimate-run" data-run={run.id}>
      <h3>
        {t('estimates.runTitle', {
          id: run.id,
          date: new Date(run.createdAt).toLocaleDateString(lang),
          population: populationLabel(run.population, t),
          from: run.firstYear,
          to: run.lastYear,
        })}
      </h3>
      <p className="muted">
        {t('estimates.runMeta', {
          who: run.createdBy,
          bootstrap: run.result.bootstrapRuns,
          settled: run.result.bootstrapSettled,
          entry: run.registerState.auditEntry,
          knots: run.knots,
          rateYears: run.rateChangeYears.length ? run.rateChangeYears.join(', ') : t('estimates.noRateYears'),
          method: t('estimates.method'),
        })}
      </p>
      <ul className="data-quality" data-testid="data-quality">
        <li>{t('estimates.quality.diagnoses', { count: diagnoses, from: run.firstYear, to: run.lastYear })}</li>
        <li>
          {t('estimates.quality.withoutCd4', {
            count: withoutCd4,
            share: diagnoses ? formatNumber((100 * withoutCd4) / diagnoses, 0, lang, 0) : '0',
          })}
        </li>
        <li>{t('estimates.quality.withoutYear')}</li>
        <li>
          {t(run.registerState.hivAidsFitted ? 'estimates.quality.aidsFitted' : 'estimates.quality.aidsNotFitted', {
            known: run.registerState.aidsKnown,
            count: diagnoses,
            aids: run.registerState.hivAids,
            share: AIDS_SHARE,
          })}
        </li>
      </ul>
      {diagnoses - withoutCd4 < SMALL_REGISTER ? (
        <p className="warning" role="note" data-testid="small-register">
          {t('estimates.small', { count: diagnoses - withoutCd4, min: SMALL_REGISTER })}
        </p>
      ) : null}
      {!run.result.converged ? <p className="warning">{t('estimates.notConverged')}</p> : null}
      <div className="actions" ref={actions}>
        {canAdopt && !run.adopted ? (
          <button type="button" onClick={() => void adopt(true)}>
            {t('estimates.adopt')}
          </button>
        ) : null}
        {canAdopt && run.adopted ? (
          <button type="button" className="secondary" onClick={() => void adopt(false)}>
            {t('estimates.unadopt')}
          </button>
        ) : null}
        {run.adopted ? <span data-testid="adopted">{t('estimates.adopted')}</span> : null}
      </div>
      <ErrorMessage error={error} labels={fieldLabels(t)} />
      <div className="chart-grid">
        <YearChart
          testId="chart-diagnoses"
          source={source}
          title={t('estimates.charts.diagnoses')}
          years={y}
          language={lang}
          series={[
            { key: 'observed', label: t('estimates.series.observed'), kind: 'bar', values: years.map((r) => r.diagnoses) },
            { key: 'modelled', label: t('estimates.series.modelled'), kind: 'line', values: years.map((r) => r.modelledDiagnoses) },
          ]}
        />
        <YearChart
          testId="chart-infections"
          source={source}
          title={t('estimates.charts.infections')}
          years={y}
          language={lang}
          series={[
            {
              key: 'infections',
              label: t('estimates.series.withBounds'),
              kind: 'line',
              values: years.map((r) => r.newInfections),
              bounds: years.map((r) => r.newInfectionsBounds),
            },
          ]}
        />
        <YearChart
          testId="chart-undiagnosed"
          source={source}
          title={t('estimates.charts.undiagnosed')}
          years={y}
          language={lang}
          series={[
            {
              key: 'undiagnosed',
              label: t('estimates.series.withBounds'),
              kind: 'line',
              values: years.map((r) => r.undiagnosed),
              bounds: years.map((r) => r.undiagnosedBounds),
            },
          ]}
        />
        <YearChart
          testId="chart-time"
          source={source}
          title={t('estimates.charts.time')}
          years={y}
          language={lang}
          series={[
            { key: 'mean', label: t('estimates.series.mean'), kind: 'line', values: years.map((r) => r.timeToDiagnosis) },
            { key: 'median', label: t('estimates.series.median'), kind: 'line', values: years.map((r) => r.timeToDiagnosisMedian) },
          ]}
        />
      </div>
      <TableBox label={t('estimates.runLabel', { id: run.id })}>
        <table className="cases" data-testid="estimate-table">
          <thead>
            <tr>
              <th>{t('forms.year')}</th>
              <th>{t('estimates.columns.diagnoses')}</th>
              <th>{t('estimates.columns.withoutCd4')}</th>
              <th>{t('estimates.columns.modelled')}</th>
              <th>{t('estimates.columns.infections')}</th>
              <th>{t('estimates.columns.bounds')}</th>
              <th>{t('estimates.columns.undiagnosed')}</th>
              <th>{t('estimates.columns.bounds')}</th>
              <th>{t('estimates.columns.time')}</th>
            </tr>
          </thead>
          <tbody>
            {years.map((r) => (
              <tr key={r.year} data-year={r.year}>
                <th scope="row">{r.year}</th>
                <td>{r.diagnoses}</td>
                <td>{r.withoutCd4}</td>
                <td>{n(r.modelledDiagnoses, 1)}</td>
                <td>{n(r.newInfections)}</td>
                <td>{range(r.newInfectionsBounds)}</td>
                <td data-column="undiagnosed">{n(r.undiagnosed)}</td>
                <td>{range(r.undiagnosedBounds)}</td>
                <td>
                  {n(r.timeToDiagnosis, 1)} / {n(r.timeToDiagnosisMedian, 1)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
      <details className="estimate-detail">
        <summary>{t('estimates.detail')}</summary>
        <TableBox label={t('estimates.detail')}>
          <table className="cases" data-testid="estimate-stages">
            <thead>
              <tr>
                <th>{t('forms.year')}</th>
                {STAGES.map((k) => (
                  <th key={k}>{t(`estimates.stages.${k}`)}</th>
                ))}
                {[1, 2, 3, 4].map((k) => (
                  <th key={k}>{t('estimates.rate', { stage: t(`estimates.stages.${STAGES[k]}`) })}</th>
                ))}
                <th>{t('estimates.quartiles')}</th>
              </tr>
            </thead>
            <tbody>
              {years.map((r) => (
                <tr key={r.year} data-year={r.year}>
                  <th scope="row">{r.year}</th>
                  {r.undiagnosedByStage.map((v, k) => (
                    <td key={k}>{n(v, 1)}</td>
                  ))}
                  {r.diagnosisRates.map((v, k) => (
                    <td key={k}>{n(v, 3)}</td>
                  ))}
                  <td>
                    {n(r.timeToDiagnosisQuartiles[0], 1)}–{n(r.timeToDiagnosisQuartiles[1], 1)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
        <p className="muted">{t('estimates.detailHelp')}</p>
      </details>
    </section>
  );
}

/** The model's stages in its order: primary infection, the four CD4 stages, AIDS. */
const STAGES = ['primary', 'cd4_500', 'cd4_350', 'cd4_200', 'cd4_0', 'aids'] as const;
