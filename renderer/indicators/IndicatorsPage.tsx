// The dashboard: the 90-90-90 cascade among migrants for a period and org unit (with its
// sub-units), the percentages with their intervals, a table by any disaggregation, and a click
// from any count to the cases behind it.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AppStatus } from '../../shared/contract';
import { DIMENSIONS, type Dimension } from '../../shared/indicators/dimensions';
import {
  BREAKDOWN_MEASURES,
  PERCENTAGES,
  type BreakdownColumn,
  type DrilldownResultSchema,
  type Measure,
} from '../../shared/indicators/api';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { useCall } from '../api/queries';
import { ErrorMessage } from '../app/ErrorMessage';
import { chooseUnit, unitToShow } from '../app/chosen-unit';
import { OrgUnitSelect } from '../app/OrgUnitSelect';
import { useUnitName } from '../app/countries';
import { BreakdownChart } from './BreakdownChart';
import { CascadeChart } from './CascadeChart';
import { estimateSourceText } from '../../shared/indicators/estimate-source';
import { formatCount, formatProportion } from './format';
import { TrendTable } from './TrendTable';
import { AbroadReports } from './AbroadReports';
import { PERCENTAGE_TERMS } from '../../shared/indicators/cascade-suppression';
import { idSegment, routeOf, useAddress } from '../shell/routes';
import { chooseYear, yearToShow } from '../app/chosen-year';
import { TableBox } from '../app/TableBox';
import { uiLocale } from '../app/locale';

/** The cases behind a count, for the choice (year, org unit, breakdown) it was asked under. */
type Drill = { choice: string; measure: Measure; group: string | null; result: z.infer<typeof DrilldownResultSchema> };

export function IndicatorsPage({ status, onOpenCase }: { status: AppStatus; onOpenCase: (id: number) => void }) {
  const { t } = useTranslation();
  // The view is in the address, #/indicators/2017/sex/4 (year, breakdown, org unit), so it can be
  // linked to and the back button returns to the previous one. Defaults: last year, by sex, the
  // whole country. The year as typed stays on screen; it goes into the address once it is a year.
  const { segments, go } = useAddress();
  const routeYear = /^\d{4}$/.test(segments[1] ?? '') ? segments[1]! : yearToShow(status);
  const dimension: Dimension = (DIMENSIONS as readonly string[]).includes(segments[2] ?? '') ? (segments[2] as Dimension) : 'sex';
  const orgUnitId = idSegment(segments[3]) ?? unitToShow(status, status.database!.orgUnitPath[0]!.id);
  const [year, setTyped] = useState(routeYear);
  useEffect(() => setTyped(routeYear), [routeYear]);
  const show = (next: { year?: string; dimension?: Dimension; orgUnitId?: number }, replace = false) =>
    go(routeOf('indicators', next.year ?? routeYear, next.dimension ?? dimension, next.orgUnitId ?? orgUnitId), { replace });
  const setYear = (typed: string) => {
    setTyped(typed);
    chooseYear(typed);
    if (/^\d{4}$/.test(typed)) show({ year: typed }, true);
  };
  const setOrgUnitId = (id: number) => {
    chooseUnit(id);
    show({ orgUnitId: id });
  };
  const setDimension = (d: Dimension) => show({ dimension: d });
  const [drill, setDrill] = useState<Drill | null>(null);
  const [drillError, setDrillError] = useState<AppError | null>(null);
  const [outside, setOutside] = useState(false); // preview the table as it leaves the centre

  // Figures only for a whole year, and only the answer for the choice on screen: never the last
  // year's figures under this year's title (TanStack Query keys each answer by its input).
  const wholeYear = /^\d{4}$/.test(year) && Number(year) >= 1981 && Number(year) <= 2200;
  const choice = `${year}|${orgUnitId}|${dimension}`;
  const cascade = useCall('indicators.cascade', { period: year, orgUnitId, dimension }, { enabled: wholeYear });
  const units = useCall('orgUnits.list', {});
  const unitName = useUnitName();
  const result = wholeYear ? (cascade.data ?? null) : null;
  const shownUnit = units.data?.find((u) => u.id === result?.orgUnitId);
  const error = cascade.error?.error ?? drillError;
  const shownDrill = drill?.choice === choice ? drill : null;

  // The count clicked: the panel of its cases opens beside the table, and closing it (Esc) goes back there.
  const from = useRef<HTMLElement | null>(null);
  const closeDrill = () => {
    setDrill(null);
    from.current?.focus();
  };
  useEffect(() => {
    if (shownDrill) document.getElementById('drill-heading')?.focus();
  }, [shownDrill]);
  const open = async (measure: Measure, group: string | null) => {
    from.current = document.activeElement as HTMLElement | null;
    const asked = choice;
    const r = await call('indicators.cases', { period: year, orgUnitId, dimension, measure, group });
    if (r.ok) setDrill({ choice: asked, measure, group, result: r.value });
    setDrillError(r.ok ? null : r.error);
  };
  const groupLabel = (key: string) => {
    if (dimension === 'age_who' || dimension === 'age_unaids' || dimension === 'citizenship')
      return key === 'unknown' ? t('categories.sex.unknown') : key;
    const cat = { sex: 'sex', key_population: 'key_population', legal_status: 'legal_status', migrant_type: 'migrant_type' }[
      dimension as string
    ];
    return cat ? t(`categories.${cat}.${key}`) : key;
  };
  const isHidden = (group: string | null, column: BreakdownColumn) =>
    outside && !!result && (group === null ? result.outside.total : (result.outside.groups[group] ?? [])).includes(column);
  const hiddenMark = (
    <span className="hidden-count" title={t('indicators.hidden')} aria-label={t('indicators.hidden')}>
      •
    </span>
  );
  const count = (measure: Measure, group: string | null, n: number) =>
    isHidden(group, measure as BreakdownColumn) ? (
      hiddenMark
    ) : (
      <button
        type="button"
        className="link count"
        data-measure={measure}
        data-group={group ?? 'total'}
        onClick={() => void open(measure, group)}
        disabled={n === 0}
      >
        {formatCount(n)}
      </button>
    );

  return (
    <section className="indicators-page">
      <div className="toolbar">
        <h2>{t('indicators.title')}</h2>
      </div>
      <div className="period-bar">
        <label className="filter">
          <span>{t('forms.year')}</span>
          <input id="indicator-year" inputMode="numeric" maxLength={4} value={year} onChange={(e) => setYear(e.target.value)} />
        </label>
        <label className="filter">
          <span>{t('settings.orgUnit')}</span>
          <OrgUnitSelect id="indicator-org-unit" value={orgUnitId} onChange={setOrgUnitId} />
        </label>
        <label className="filter">
          <span>{t('indicators.by')}</span>
          <select id="indicator-dimension" value={dimension} onChange={(e) => setDimension(e.target.value as Dimension)}>
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {t(`indicators.dimensions.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input id="indicator-outside" type="checkbox" checked={outside} onChange={(e) => setOutside(e.target.checked)} />
          {t('indicators.outside')}
        </label>
      </div>
      <ErrorMessage error={error} />
      {!wholeYear ? (
        <p className="muted" role="status">
          {t('indicators.yearNeeded')}
        </p>
      ) : cascade.isFetching && !result ? (
        <p className="muted" role="status" aria-busy="true">
          {t('indicators.loadingFor', { year })}
        </p>
      ) : null}
      {result ? (
        <>
          {/* Whose figures, for which period, counted when: a screenshot or a printout says so itself. */}
          <p className="figures-title" data-testid="figures-title">
            {t('indicators.figuresFor', {
              unit: shownUnit ? unitName(shownUnit) : '',
              period: result.period,
              asOf: new Date(cascade.dataUpdatedAt).toLocaleString(uiLocale()),
            })}
          </p>
          <p className="muted">{t('indicators.definitionNote', { target: Math.round(result.total.cascade.target * 100) })}</p>
          <CascadeChart result={result} />
          <p className="muted" data-testid="estimate-source">
            {estimateSourceText(t, result.estimateSource)}
          </p>
          <TableBox label={t('indicators.cascade')}>
            <table className="cases percentages">
              <tbody>
                {PERCENTAGES.map((k) => (
                  <tr key={k} data-indicator={k}>
                    <th scope="row">{t(`indicators.percentages.${k}`)}</th>
                    <td>
                      {outside && PERCENTAGE_TERMS[k].some((term) => result.outside.counts.includes(term))
                        ? hiddenMark
                        : formatProportion(result.total.cascade[k], t)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
          <TrendTable year={Number(result.period)} orgUnitId={result.orgUnitId} unitName={shownUnit ? unitName(shownUnit) : ''} />
          <h3>{t('indicators.byTitle', { by: t(`indicators.dimensions.${dimension}`) })}</h3>
          <BreakdownChart groups={result.groups} label={groupLabel} hidden={(g, c) => isHidden(g, c)} />
          <TableBox label={t('indicators.byTitle', { by: t(`indicators.dimensions.${dimension}`) })}>
            <table
              className="cases disaggregation"
              data-testid="disaggregation"
              data-period={result.period}
              data-dimension={result.dimension}
            >
              <thead>
                <tr>
                  <th>{t(`indicators.dimensions.${dimension}`)}</th>
                  {BREAKDOWN_MEASURES.map((m) => (
                    <th key={m}>{t(`indicators.measures.${m}`)}</th>
                  ))}
                  <th>{t('indicators.share')}</th>
                  <th>{t('indicators.percentages.lateDiagnosis')}</th>
                </tr>
              </thead>
              <tbody>
                {result.groups.map((g) => (
                  <tr key={g.key} data-group={g.key}>
                    <th scope="row">{groupLabel(g.key)}</th>
                    {BREAKDOWN_MEASURES.map((m) => (
                      <td key={m}>{count(m, g.key, g.tally[m])}</td>
                    ))}
                    <td data-column="share">{isHidden(g.key, 'share') ? hiddenMark : formatProportion(g.share, t)}</td>
                    <td>{isHidden(g.key, 'lateDiagnosis') ? hiddenMark : formatProportion(g.cascade.lateDiagnosis, t)}</td>
                  </tr>
                ))}
                <tr className="totals" data-group="total">
                  <th scope="row">{t('forms.total')}</th>
                  {BREAKDOWN_MEASURES.map((m) => (
                    <td key={m}>{count(m, null, result.total.tally[m])}</td>
                  ))}
                  <td data-column="share" />
                  <td>{isHidden(null, 'lateDiagnosis') ? hiddenMark : formatProportion(result.total.cascade.lateDiagnosis, t)}</td>
                </tr>
              </tbody>
            </table>
          </TableBox>
          {dimension === 'key_population' ? <p className="muted">{t('indicators.kpNote')}</p> : null}
          {outside ? <p className="muted">{t('indicators.hiddenNote', { max: result.outside.maxCount })}</p> : null}
          <h3>{t('indicators.testingTitle')}</h3>
          {result.testing.length === 0 ? (
            <p className="muted">{t('indicators.noTesting')}</p>
          ) : (
            <TableBox label={t('indicators.testingTitle')}>
              <table className="cases disaggregation" data-testid="testing">
                <thead>
                  <tr>
                    <th>{t('forms.setting')}</th>
                    <th>{t('forms.measure.tested')}</th>
                    <th>{t('forms.measure.positive')}</th>
                    <th>{t('indicators.positivity')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.testing.map((r) => (
                    <tr key={r.setting} data-setting={r.setting}>
                      <th scope="row">{t(`forms.settings.${r.setting}`)}</th>
                      <td>{formatCount(r.tested)}</td>
                      <td>{formatCount(r.positive)}</td>
                      <td>{formatProportion(r.positivity, t)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableBox>
          )}
          <AbroadReports year={Number(result.period)} />
        </>
      ) : null}
      {shownDrill ? (
        <section
          className="drilldown"
          aria-label={t('indicators.casesBehind')}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              closeDrill();
            }
          }}
        >
          <button type="button" className="secondary small close" onClick={closeDrill} aria-label={t('indicators.closeCases')}>
            ×
          </button>
          <h3 id="drill-heading" tabIndex={-1}>
            {t('indicators.casesBehind')}: {t(`indicators.measures.${shownDrill.measure}`)}
            {shownDrill.group ? `, ${groupLabel(shownDrill.group)}` : ''} — {shownDrill.result.total}
          </h3>
          <ul className="drill-list">
            {shownDrill.result.rows.map((r) => (
              <li key={r.id}>
                <button type="button" className="link" onClick={() => onOpenCase(r.id)}>
                  {r.registerNo}
                </button>{' '}
                <span className="uic">{r.uic}</span>
              </li>
            ))}
          </ul>
          {shownDrill.result.total > shownDrill.result.rows.length ? (
            <p className="muted">{t('indicators.firstShown', { count: shownDrill.result.rows.length })}</p>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
