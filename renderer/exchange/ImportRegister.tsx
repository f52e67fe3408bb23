// Loading a case register from Excel or CSV: template, file, the checked report (nothing written
// yet), the report as a workbook, and the confirmation that writes every accepted row at once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportedFile } from '../../shared/exports/api';
import type { ImportReport } from '../../shared/imports/api';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { FileLink } from './FileLink';
import { ErrorMessage } from '../app/ErrorMessage';

const base64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

export function ImportRegister() {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'ru';
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [reportFile, setReportFile] = useState<ExportedFile | null>(null);
  const [template, setTemplate] = useState<ExportedFile | null>(null);
  const [done, setDone] = useState<{ cases: number; events: number } | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const reset = () => (setReport(null), setReportFile(null), setDone(null), setError(null));
  const getTemplate = async () => {
    const r = await call('imports.template', { language });
    if (r.ok) setTemplate(r.value);
    else setError(r.error);
  };
  const choose = async (file: File | undefined) => {
    reset();
    if (!file) return;
    setBusy(true);
    const r = await call('imports.preview', { fileName: file.name, contentBase64: await base64(file) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setReport(r.value);
    const f = await call('imports.report', { importId: r.value.importId, language });
    if (f.ok) setReportFile(f.value);
  };
  const confirm = async () => {
    if (!report) return;
    setBusy(true);
    const r = await call('imports.confirm', { importId: report.importId });
    setBusy(false);
    if (r.ok) (setDone(r.value), setReport(null));
    else setError(r.error);
  };
  const columnName = (sheet: string, c: string | null) => (c === null ? '' : sheet === 'events' && c === 'kind' ? t('cases.eventKind') : sheet === 'events' && c === 'undetectable' ? t('cases.undetectable') : t(`fields.${c}`));
  const nothing = report && report.accepted.cases + report.accepted.events === 0;

  return (
    <section className="import-register" aria-busy={busy}>
      <h3>{t('imports.title')}</h3>
      <p className="muted">{t('imports.help')}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void getTemplate()}>{t('imports.template')}</button>
        {template ? <FileLink file={template} label={template.fileName} /> : null}
      </div>
      <label className="filter">
        <span>{t('imports.choose')}</span>
        <input id="import-file" type="file" accept=".xlsx,.csv" onChange={(e) => void choose(e.target.files?.[0])} />
      </label>
      {busy ? <p role="status" className="muted">{t('imports.checking')}</p> : null}
      <ErrorMessage error={error} />
      {done ? <p className="notice" role="status" data-testid="import-done">{t('imports.confirmed', done)}</p> : null}
      {report ? (
        <div className="import-report" data-testid="import-report">
          <p>{t('imports.summary', { cases: report.rowsRead.cases, events: report.rowsRead.events, okCases: report.accepted.cases, okEvents: report.accepted.events, rejected: report.rejectedTotal, duplicates: report.duplicates.length })}</p>
          {reportFile ? <p><FileLink file={reportFile} label={t('imports.reportFile')} /></p> : null}
          {report.rejected.length ? (
            <>
              <h4>{t('imports.rejectedTitle')}</h4>
              {report.rejectedTotal > report.rejected.length ? <p className="muted">{t('imports.moreRejected', { shown: report.rejected.length, total: report.rejectedTotal })}</p> : null}
              <table className="cases" data-testid="import-rejected">
                <thead><tr><th>{t('imports.sheet')}</th><th>{t('imports.row')}</th><th>{t('imports.column')}</th><th>{t('imports.reason')}</th></tr></thead>
                <tbody>
                  {report.rejected.map((i, k) => (
                    <tr key={k}><td>{t(`imports.sheetNames.${i.sheet}`)}</td><td>{i.row}</td><td>{columnName(i.sheet, i.column)}</td><td>{t(i.messageKey, i.params ?? {})}</td></tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          {report.duplicates.length ? (
            <>
              <h4>{t('imports.duplicatesTitle')}</h4>
              <table className="cases" data-testid="import-duplicates">
                <thead><tr><th>{t('imports.row')}</th><th>{t('imports.registerNo')}</th><th>{t('imports.existing')}</th></tr></thead>
                <tbody>
                  {report.duplicates.map((d) => (
                    <tr key={d.row}><td>{d.row}</td><td>{d.registerNo}</td><td>{d.existingId !== null ? t('imports.inRegister', { id: d.existingId }) : t('imports.inFile', { row: d.existingRow })}</td></tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          <div className="actions">
            {nothing ? <p className="warning">{t('imports.nothing')}</p> : (
              <button type="button" onClick={() => void confirm()} disabled={busy}>{t('imports.confirm', { cases: report.accepted.cases, events: report.accepted.events })}</button>
            )}
            <button type="button" className="secondary" onClick={reset}>{t('imports.cancel')}</button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
