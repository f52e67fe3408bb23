// The line list: started as a job on the back end, watched with a progress bar, cancellable.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus, Language } from '../../shared/contract';
import type { ExportJob } from '../../shared/exports/api';
import type { AppError } from '../../shared/result';
import { call, canDownload } from '../api/client';
import { ErrorMessage } from '../app/ErrorMessage';
import { OrgUnitSelect } from '../app/OrgUnitSelect';
import { FileLink } from './FileLink';
import { languageOf } from '../../shared/i18n/languages';

const POLL_MS = 250;

export function ExportLineList({ status }: { status: AppStatus }) {
  const { t, i18n } = useTranslation();
  const [orgUnitId, setOrgUnitId] = useState(status.database!.orgUnitPath[0]!.id);
  const [job, setJob] = useState<ExportJob | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const watch = (j: ExportJob) => {
    setJob(j);
    if (j.state !== 'running') return;
    timer.current = setTimeout(() => {
      void call('exports.job', { jobId: j.jobId }).then((r) => (r.ok ? watch(r.value) : setError(r.error)));
    }, POLL_MS);
  };
  const start = async () => {
    setError(null);
    const language: Language = languageOf(i18n.language);
    const r = await call('exports.lineList', { orgUnitId, language });
    if (r.ok) watch(r.value);
    else setError(r.error);
  };
  const cancel = async () => {
    if (job) await call('exports.cancel', { jobId: job.jobId });
  };
  const running = job?.state === 'running';

  return (
    <section className="export-line-list">
      <h3>{t('lineList.title')}</h3>
      <p className="muted">{t('lineList.help')}</p>
      <div className="period-bar">
        <label className="filter">
          <span>{t('settings.orgUnit')}</span>
          <OrgUnitSelect id="line-list-org-unit" value={orgUnitId} onChange={setOrgUnitId} />
        </label>
      </div>
      <div className="actions">
        <button type="button" onClick={() => void start()} disabled={running}>
          {t('lineList.start')}
        </button>
        {running ? (
          <button type="button" className="secondary" onClick={() => void cancel()}>
            {t('lineList.cancel')}
          </button>
        ) : null}
      </div>
      {job && running ? (
        <p role="status">
          <progress max={Math.max(job.total, 1)} value={job.done} aria-label={t('lineList.title')} />{' '}
          {t('lineList.progress', { done: job.done, total: job.total })}
        </p>
      ) : null}
      {job?.state === 'cancelled' ? (
        <p className="muted" role="status">
          {t('lineList.cancelled')}
        </p>
      ) : null}
      {job?.state === 'failed' ? <ErrorMessage error={job.error} /> : null}
      {job?.state === 'done' && job.file ? (
        <div className="notice" role="status" data-testid="line-list-done">
          <p>{t('lineList.saved', { path: job.file.path })}</p>
          <p className="warning" data-testid="personal-rows">
            {t('lineList.personalRows')}
          </p>
          {canDownload() ? (
            <p>
              <FileLink file={job.file} label={t('exchange.download', { file: job.file.fileName })} />
            </p>
          ) : null}
        </div>
      ) : null}
      <ErrorMessage error={error} />
    </section>
  );
}
