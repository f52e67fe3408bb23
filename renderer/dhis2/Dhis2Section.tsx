// DHIS2: the forms' values for a range of periods and an org unit (with those below it) saved as
// a dataValueSet (JSON) or an ADX message, ready for DHIS2's import; and, for an administrator,
// the mapping of identifiers as a workbook to fill and load back.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AppStatus } from '../../shared/contract';
import type { Dhis2ExportedSchema, MappingLoadedSchema, MetadataLoadedSchema } from '../../shared/dhis2/api';
import type { ExportedFile } from '../../shared/exports/api';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { useCan } from '../auth/permissions';
import { ErrorMessage } from '../app/ErrorMessage';
import { OrgUnitSelect } from '../app/OrgUnitSelect';
import { yearToShow } from '../app/chosen-year';
import { FileLink } from '../exchange/FileLink';
import { FilePicker, fileBase64 } from '../exchange/import-parts';
import { languageOf } from '../../shared/i18n/languages';

export function Dhis2Section({ status }: { status: AppStatus }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const can = useCan();
  const [from, setFrom] = useState(yearToShow(status));
  const [to, setTo] = useState(yearToShow(status));
  const [orgUnitId, setOrgUnitId] = useState(status.database!.orgUnitPath[0]!.id);
  const [format, setFormat] = useState<'json' | 'adx'>('json');
  const [indicators, setIndicators] = useState(true);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<z.infer<typeof Dhis2ExportedSchema> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [workbook, setWorkbook] = useState<ExportedFile | null>(null);
  const [loaded, setLoaded] = useState<z.infer<typeof MappingLoadedSchema> | null>(null);
  const [matched, setMatched] = useState<z.infer<typeof MetadataLoadedSchema> | null>(null);
  const loadMetadata = async (file: File | undefined) => {
    setMatched(null);
    setError(null);
    if (!file) return;
    const r = await call('dhis2.loadMetadata', { fileName: file.name, contentBase64: await fileBase64(file) });
    if (r.ok) setMatched(r.value);
    else setError(r.error);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setDone(null);
    setError(null);
    const r = await call('dhis2.export', { from: from.trim(), to: to.trim(), orgUnitId, format, indicators });
    setBusy(false);
    if (r.ok) setDone(r.value);
    else setError(r.error);
  };
  const getWorkbook = async () => {
    const r = await call('dhis2.mappingWorkbook', { language });
    if (r.ok) setWorkbook(r.value);
    else setError(r.error);
  };
  const load = async (file: File | undefined) => {
    setLoaded(null);
    setError(null);
    if (!file) return;
    const r = await call('dhis2.loadMapping', { fileName: file.name, contentBase64: await fileBase64(file) });
    if (r.ok) setLoaded(r.value);
    else setError(r.error);
  };
  const unmapped = done ? Object.values(done.unmapped).reduce((a, b) => a + b, 0) : 0;

  return (
    <section className="dhis2" data-testid="dhis2">
      <h3>{t('dhis2.title')}</h3>
      <p className="muted">{t('dhis2.help')}</p>
      <form onSubmit={save} noValidate aria-busy={busy}>
        <div className="period-bar">
          <label className="filter">
            <span>{t('dhis2.from')}</span>
            <input id="dhis2-from" maxLength={6} value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="filter">
            <span>{t('dhis2.to')}</span>
            <input id="dhis2-to" maxLength={6} value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <label className="filter">
            <span>{t('settings.orgUnit')}</span>
            <OrgUnitSelect id="dhis2-org-unit" value={orgUnitId} onChange={setOrgUnitId} />
          </label>
          <label className="filter">
            <span>{t('dhis2.format')}</span>
            <select id="dhis2-format" value={format} onChange={(e) => setFormat(e.target.value as 'json' | 'adx')}>
              <option value="json">{t('dhis2.json')}</option>
              <option value="adx">{t('dhis2.adx')}</option>
            </select>
          </label>
        </div>
        <label className="check">
          <input id="dhis2-indicators" type="checkbox" checked={indicators} onChange={(e) => setIndicators(e.target.checked)} />
          {t('dhis2.withIndicators')}
        </label>
        <button type="submit" disabled={busy}>
          {t('dhis2.save')}
        </button>
      </form>
      <ErrorMessage error={error} />
      {done ? (
        <div role="status" className="notice" data-testid="dhis2-done">
          <p>{t('dhis2.saved', { values: done.values })}</p>
          {done.hidden ? <p className="muted">{t('dhis2.hidden', { count: done.hidden })}</p> : null}
          {unmapped ? <p className="warning">{t('dhis2.unmapped', { ...done.unmapped })}</p> : null}
          {done.importParameters ? (
            <p data-testid="dhis2-import-parameters">{t('dhis2.importParameters', { parameters: done.importParameters })}</p>
          ) : null}
          <FileLink file={done.file} label={done.file.fileName} />
        </div>
      ) : null}
      {can('admin') ? (
        <div className="dhis2-mapping">
          <h4>{t('dhis2.mappingTitle')}</h4>
          <p className="muted">{t('dhis2.mappingHelp')}</p>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => void getWorkbook()}>
              {t('dhis2.mappingWorkbook')}
            </button>
            {workbook ? <FileLink file={workbook} label={workbook.fileName} /> : null}
          </div>
          <FilePicker
            id="dhis2-metadata-file"
            label={t('dhis2.metadataLoad')}
            busy={false}
            error={null}
            onChoose={(f) => void loadMetadata(f)}
            accept=".json"
          />
          {matched ? (
            <div role="status" className="notice" data-testid="dhis2-metadata-loaded">
              <p>{t('dhis2.metadataLoaded', { ...matched.mapped })}</p>
              <p>{t('dhis2.stillUnmapped', { ...matched.unmapped })}</p>
            </div>
          ) : null}
          <FilePicker
            id="dhis2-mapping-file"
            label={t('dhis2.mappingLoad')}
            busy={false}
            error={null}
            onChoose={(f) => void load(f)}
            accept=".xlsx"
          />
          {loaded ? (
            <div role="status" className="notice" data-testid="dhis2-mapping-loaded">
              <p>{t('dhis2.mappingLoaded', { ...loaded.mapped })}</p>
              {loaded.refused.length ? (
                <ul>
                  {loaded.refused.slice(0, 20).map((r, i) => (
                    <li key={i}>{t('dhis2.refusedRow', { sheet: r.sheet, row: r.row, reason: t(r.messageKey) })}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
