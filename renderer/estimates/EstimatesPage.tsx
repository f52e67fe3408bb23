// Estimates: the ECDC HIV model run on the register for a population and years, watched as a job
// (fitting, then the bootstrap's runs; cancellable), each finished run saved with what it saw. A
// saved run is shown with the register's data quality, four charts and the table; an analyst may
// make it the source of the cascade's first 90. The run shown is in the address, #/estimates/12.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../shared/contract';
import { KEY_POPULATIONS, LEGAL_STATUSES, MIGRANT_TYPES } from '../../shared/cases/schema';
import type { EstimateJob } from '../../shared/estimates/api';
import type { AppError } from '../../shared/result';
import type { ExportedFile } from '../../shared/exports/api';
import { call, canDownload } from '../api/client';
import { FileLink } from '../exchange/FileLink';
import { useCall } from '../api/queries';
import { ErrorMessage } from '../app/ErrorMessage';
import { fieldLabels } from './field-labels';
import { OrgUnitSelect } from '../app/OrgUnitSelect';
import { chooseUnit, unitToShow } from '../app/chosen-unit';
import { useCan } from '../auth/permissions';
import { idSegment, routeOf, useAddress } from '../shell/routes';
import { RunView } from './RunView';
import { TableBox } from '../app/TableBox';
import { yearToShow } from '../app/chosen-year';
import { uiLocale } from '../app/locale';

const POLL_MS = 400;

type Population = { migrantType?: string; legalStatus?: string; keyPopulation?: string };

const typed = new Map<string, unknown>();
/** A value kept across this screen's unmounting (for the app's lifetime in this tab). */
function useKept<T>(key: string, initial: T): [T, (v: T) => void] {
  const [v, set] = useState<T>(() => (typed.has(key) ? (typed.get(key) as T) : initial));
  return [
    v,
    (x: T) => {
      typed.set(key, x);
      set(x);
    },
  ];
}

export function EstimatesPage({ status }: { status: AppStatus }) {
  const { t } = useTranslation();
  const can = useCan();
  const { segments, go } = useAddress();
  const shownId = idSegment(segments[1]);
  const lastYear = Number(yearToShow(status));
  // What was typed stays while the user looks at other sections (this screen is unmounted meanwhile).
  const scope = `${status.user?.login ?? ''}|${status.database!.orgUnitPath[0]!.id}|`;
  // The same unit the dashboard opens on, so an adopted run is the one its cascade uses.
  // The organisation chosen last in any section (not kept apart here: a run should match the dashboard's cascade).
  const [orgUnitId, keepOrgUnitId] = useState(() => unitToShow(status, status.database!.orgUnitPath[0]!.id));
  const setOrgUnitId = (id: number) => {
    chooseUnit(id);
    keepOrgUnitId(id);
  };
  const [from, setFrom] = useKept(scope + 'from', String(lastYear - 11));
  const [to, setTo] = useKept(scope + 'to', String(lastYear));
  const [population, setPopulation] = useKept<Population>(scope + 'population', {});
  const [bootstrap, setBootstrap] = useKept(scope + 'bootstrap', '100');
  const [knots, setKnots] = useKept(scope + 'knots', '4');
  const [rateYears, setRateYears] = useKept(scope + 'rateYears', '');
  const [settingsOpen, setSettingsOpen] = useKept(scope + 'settingsOpen', false);
  const [job, setJob] = useState<EstimateJob | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [files, setFiles] = useState<ExportedFile | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const runButton = useRef<HTMLButtonElement>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  // A run still going (started before this screen was left, or before a reload) is shown again, with Cancel.
  useEffect(() => {
    void call('estimates.current', {}).then((r) => r.ok && r.value && watch(r.value));
    document.getElementById('estimate-from')?.focus();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  const runs = useCall('estimates.runs', { orgUnitId });

  const watch = (j: EstimateJob) => {
    setJob(j);
    if (j.state === 'running') {
      timer.current = setTimeout(() => {
        void call('estimates.job', { jobId: j.jobId }).then((r) => (r.ok ? watch(r.value) : setError(r.error)));
      }, POLL_MS);
    } else if (j.runId !== null) {
      void runs.refetch();
      go(routeOf('estimates', j.runId));
    }
  };
  const whole = (s: string) => (/^\d{1,4}$/.test(s.trim()) ? Number(s.trim()) : NaN);
  /** The model's question as typed: the back end checks it and says what is wrong. */
  const asked = () => ({
    orgUnitId,
    firstYear: whole(from),
    lastYear: whole(to),
    population: Object.fromEntries(Object.entries(population).filter(([, v]) => v)),
    knots: whole(knots),
    rateChangeYears: rateYears
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map(whole),
  });
  const start = async () => {
    setError(null);
    setFiles(null);
    const r = await call('estimates.start', { ...asked(), bootstrap: whole(bootstrap) });
    if (r.ok) watch(r.value);
    else setError(r.error);
  };
  const exportFiles = async () => {
    setError(null);
    setFiles(null);
    const r = await call('estimates.ecdcFiles', asked());
    if (r.ok) setFiles(r.value);
    else setError(r.error);
  };
  const running = job?.state === 'running';
  const shown = runs.data?.find((r) => r.id === shownId) ?? null;

  const choose = (key: keyof Population, codes: readonly string[], prefix: string) => (
    <label className="filter">
      <span>{t(`estimates.population.${key}`)}</span>
      <select
        id={`estimate-${key}`}
        value={population[key] ?? ''}
        onChange={(e) => setPopulation({ ...population, [key]: e.target.value || undefined })}
      >
        <option value="">{t('estimates.population.all')}</option>
        {codes.map((c) => (
          <option key={c} value={c}>
            {t(`${prefix}.${c}`)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="estimates-page">
      <div className="toolbar">
        <h2>{t('estimates.title')}</h2>
      </div>
      <p className="muted">{t('estimates.intro')}</p>
      {can('analysis') ? (
        <form
          className="estimate-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!running) void start();
          }}
        >
          <div className="period-bar">
            <label className="filter">
              <span>{t('settings.orgUnit')}</span>
              <OrgUnitSelect id="estimate-org-unit" value={orgUnitId} onChange={setOrgUnitId} />
            </label>
            <label className="filter">
              <span>{t('estimates.from')}</span>
              <input id="estimate-from" inputMode="numeric" maxLength={4} value={from} onChange={(e) => setFrom(e.target.value)} />
            </label>
            <label className="filter">
              <span>{t('estimates.to')}</span>
              <input id="estimate-to" inputMode="numeric" maxLength={4} value={to} onChange={(e) => setTo(e.target.value)} />
            </label>
            {choose('migrantType', MIGRANT_TYPES, 'categories.migrant_type')}
            {choose('legalStatus', LEGAL_STATUSES, 'categories.legal_status')}
            {choose('keyPopulation', KEY_POPULATIONS, 'categories.key_population')}
          </div>
          <details className="estimate-settings" open={settingsOpen} onToggle={(e) => setSettingsOpen(e.currentTarget.open)}>
            <summary>{t('estimates.settings')}</summary>
            <div className="period-bar">
              <label className="filter">
                <span>{t('estimates.bootstrap')}</span>
                <input
                  id="estimate-bootstrap"
                  inputMode="numeric"
                  maxLength={4}
                  value={bootstrap}
                  onChange={(e) => setBootstrap(e.target.value)}
                />
              </label>
              <label className="filter">
                <span>{t('estimates.knots')}</span>
                <input id="estimate-knots" inputMode="numeric" maxLength={2} value={knots} onChange={(e) => setKnots(e.target.value)} />
              </label>
              <label className="filter">
                <span>{t('estimates.rateYears')}</span>
                <input id="estimate-rate-years" value={rateYears} placeholder="2010, 2015" onChange={(e) => setRateYears(e.target.value)} />
              </label>
            </div>
            <p className="muted">{t('estimates.settingsHelp')}</p>
          </details>
          <div className="actions">
            <button type="submit" disabled={running} ref={runButton}>
              {t('estimates.run')}
            </button>
            {running ? (
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  void call('estimates.cancel', { jobId: job.jobId });
                  // Focus back where the next run starts (the Cancel button goes away).
                  setTimeout(() => runButton.current?.focus(), 0);
                }}
              >
                {t('estimates.cancel')}
              </button>
            ) : null}
            <button type="button" className="secondary" onClick={() => void exportFiles()}>
              {t('estimates.files')}
            </button>
          </div>
          {files ? (
            <div className="notice" role="status" data-testid="ecdc-files">
              <p>{t('estimates.filesSaved', { path: files.path })}</p>
              <p className="warning">{t('estimates.filesExact')}</p>
              {canDownload() ? <FileLink file={files} label={t('exchange.download', { file: files.fileName })} /> : null}
            </div>
          ) : null}
        </form>
      ) : null}
      {job && running ? (
        <p role="status" data-testid="estimate-progress">
          <progress max={Math.max(job.total, 1)} value={job.stage === 'fitting' ? undefined : job.done} aria-label={t('estimates.title')} />{' '}
          {job.stage === 'fitting' ? t('estimates.fitting') : t('estimates.bootstrapProgress', { done: job.done, total: job.total })}
        </p>
      ) : null}
      {job?.state === 'cancelled' ? (
        <p className="muted" role="status">
          {t('estimates.cancelled')}
        </p>
      ) : null}
      {job?.state === 'failed' ? <ErrorMessage error={job.error} /> : null}
      <ErrorMessage error={error ?? runs.error?.error ?? null} labels={fieldLabels(t)} />
      {shown ? <RunView run={shown} canAdopt={can('analysis')} onChanged={() => void runs.refetch()} /> : null}
      <h3>{t('estimates.saved')}</h3>
      {runs.data && runs.data.length === 0 ? <p className="muted">{t('estimates.none')}</p> : null}
      {runs.data?.length ? (
        <TableBox label={t('estimates.saved')}>
          <table className="cases" data-testid="estimate-runs">
            <thead>
              <tr>
                <th>{t('estimates.runNo')}</th>
                <th>{t('estimates.when')}</th>
                <th>{t('estimates.who')}</th>
                <th>{t('estimates.populationTitle')}</th>
                <th>{t('estimates.years')}</th>
                <th>{t('estimates.bootstrap')}</th>
                <th>{t('estimates.forCascade')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.map((r) => (
                <tr key={r.id} data-run={r.id} aria-current={r.id === shownId ? 'true' : undefined}>
                  <th scope="row">
                    <button type="button" className="link" onClick={() => go(routeOf('estimates', r.id))}>
                      {t('estimates.runLabel', { id: r.id })}
                    </button>
                  </th>
                  <td>{new Date(r.createdAt).toLocaleString(uiLocale())}</td>
                  <td>{r.createdBy}</td>
                  <td>{populationLabel(r.population, t)}</td>
                  <td>
                    {r.firstYear}–{r.lastYear}
                  </td>
                  <td>{r.bootstrap}</td>
                  <td>{r.adopted ? '✓' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      ) : null}
      <Limits />
    </section>
  );
}

export function populationLabel(p: Population, t: (k: string) => string): string {
  const parts = [
    p.migrantType ? t(`categories.migrant_type.${p.migrantType}`) : null,
    p.legalStatus ? t(`categories.legal_status.${p.legalStatus}`) : null,
    p.keyPopulation ? t(`categories.key_population.${p.keyPopulation}`) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : t('estimates.population.all');
}

/** The method's limits in plain words, always on the page. */
function Limits() {
  const { t } = useTranslation();
  return (
    <section className="estimate-limits" aria-labelledby="estimate-limits-title">
      <h3 id="estimate-limits-title">{t('estimates.limits.title')}</h3>
      <ul>
        {(t('estimates.limits.items', { returnObjects: true }) as unknown as string[]).map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </section>
  );
}
