// The WHO SMART HIV measures of a period and org unit as FHIR R4 MeasureReports in one Bundle,
// with small counts hidden as in every export leaving the centre.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../shared/contract';
import type { ExportedFile } from '../../shared/exports/api';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { ErrorMessage } from '../app/ErrorMessage';
import { OrgUnitSelect } from '../app/OrgUnitSelect';
import { yearToShow } from '../app/chosen-year';
import { FileLink } from '../exchange/FileLink';

export function FhirExport({ status }: { status: AppStatus }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState(yearToShow(status));
  const [orgUnitId, setOrgUnitId] = useState(status.database!.orgUnitPath[0]!.id);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ExportedFile | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setDone(null);
    setError(null);
    const r = await call('fhir.measureReports', { period: period.trim(), orgUnitId });
    setBusy(false);
    if (r.ok) setDone(r.value);
    else setError(r.error);
  };
  return (
    <form className="fhir-export" data-testid="fhir" onSubmit={save} noValidate aria-busy={busy}>
      <h3>{t('fhir.title')}</h3>
      <p className="muted">{t('fhir.help')}</p>
      <div className="period-bar">
        <label className="filter">
          <span>{t('forms.period')}</span>
          <input id="fhir-period" maxLength={6} value={period} onChange={(e) => setPeriod(e.target.value)} />
        </label>
        <label className="filter">
          <span>{t('settings.orgUnit')}</span>
          <OrgUnitSelect id="fhir-org-unit" value={orgUnitId} onChange={setOrgUnitId} />
        </label>
      </div>
      <button type="submit" disabled={busy}>
        {t('fhir.save')}
      </button>
      <ErrorMessage error={error} />
      {done ? (
        <p role="status" className="notice" data-testid="fhir-done">
          {t('fhir.saved')} <FileLink file={done} label={done.fileName} />
        </p>
      ) : null}
    </form>
  );
}
