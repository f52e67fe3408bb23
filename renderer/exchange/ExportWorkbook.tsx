// The indicator workbook: period, org unit, breakdowns, language, and whether it leaves the
// centre (small numbers hidden, the default). Saved by the back end; in a browser, downloaded.
import { LanguageOptions } from '../app/LanguageSwitch';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus, Language } from '../../shared/contract';
import { EXPORT_DIMENSIONS, type ExportedFile } from '../../shared/exports/api';
import type { AppError } from '../../shared/result';
import { call, canDownload } from '../api/client';
import { ErrorMessage } from '../app/ErrorMessage';
import { OrgUnitSelect } from '../app/OrgUnitSelect';
import { FileLink } from './FileLink';
import { yearToShow } from '../app/chosen-year';
import { languageOf } from '../../shared/i18n/languages';

type Dim = (typeof EXPORT_DIMENSIONS)[number];
const DEFAULT_DIMS: Dim[] = ['sex', 'age_unaids', 'key_population', 'legal_status', 'migrant_type', 'citizenship'];

export function ExportWorkbook({ status }: { status: AppStatus }) {
  const { t, i18n } = useTranslation();
  const db = status.database!;
  const [year, setYear] = useState(yearToShow(status));
  const [orgUnitId, setOrgUnitId] = useState(db.orgUnitPath[0]!.id);
  const [dims, setDims] = useState<Dim[]>(DEFAULT_DIMS);
  const [language, setLanguage] = useState<Language>(languageOf(i18n.language));
  const [outside, setOutside] = useState(true);
  const [years, setYears] = useState(1);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ExportedFile | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const toggle = (d: Dim, on: boolean) => setDims((xs) => EXPORT_DIMENSIONS.filter((x) => (x === d ? on : xs.includes(x))));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    setError(null);
    setBusy(true);
    const r = await call('exports.indicatorWorkbook', { period: year.trim(), orgUnitId, dimensions: dims, language, outside, years });
    setBusy(false);
    if (r.ok) setDone(r.value);
    else setError(r.error);
  };

  return (
    <form className="export-workbook" onSubmit={save} noValidate aria-busy={busy}>
      <h3>{t('exchange.exportTitle')}</h3>
      <p className="muted">{t('exchange.exportHelp')}</p>
      <div className="period-bar">
        <label className="filter">
          <span>{t('forms.year')}</span>
          <input id="export-year" inputMode="numeric" maxLength={6} value={year} onChange={(e) => setYear(e.target.value)} />
        </label>
        <label className="filter">
          <span>{t('settings.orgUnit')}</span>
          <OrgUnitSelect id="export-org-unit" value={orgUnitId} onChange={setOrgUnitId} />
        </label>
        <label className="filter">
          <span>{t('workbook.years')}</span>
          <select id="export-years" value={years} onChange={(e) => setYears(Number(e.target.value))}>
            {[1, 3, 5, 10].map((n) => (
              <option key={n} value={n}>
                {n === 1 ? year : `${Number(year) - n + 1}–${year}`}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t('exchange.language')}</span>
          <select id="export-language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            <LanguageOptions />
          </select>
        </label>
      </div>
      <fieldset className="checks">
        <legend>{t('exchange.breakdowns')}</legend>
        {EXPORT_DIMENSIONS.map((d) => (
          <label key={d} className="check">
            <input
              type="checkbox"
              name="export-dimension"
              value={d}
              checked={dims.includes(d)}
              onChange={(e) => toggle(d, e.target.checked)}
            />
            {t(`indicators.dimensions.${d}`)}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input id="export-outside" type="checkbox" checked={outside} onChange={(e) => setOutside(e.target.checked)} />
        {t('exchange.outside', { max: db.suppressionMaxCount })}
      </label>
      {outside ? null : <p className="warning">{t('exchange.internalWarning')}</p>}
      {dims.length === 0 ? <p className="field-error">{t('exchange.chooseBreakdown')}</p> : null}
      <div className="actions">
        <button type="submit" disabled={busy || dims.length === 0}>
          {busy ? t('exchange.saving') : t('exchange.save')}
        </button>
      </div>
      {busy ? (
        <p role="status" className="muted">
          {t('exchange.saving')}
        </p>
      ) : null}
      <ErrorMessage error={error} />
      {done ? (
        <div className="notice" role="status" data-testid="export-done">
          <p>{t('exchange.saved', { path: done.path })}</p>
          {done.suppressed ? <p>{t('exchange.hiddenCells', { count: done.hiddenCells })}</p> : null}
          {canDownload() ? (
            <p>
              <FileLink file={done} label={t('exchange.download', { file: done.fileName })} />
            </p>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
