// Loading a case register from Excel or CSV: template, file, the checked report (nothing written
// yet), the report as a workbook, and the confirmation that writes every accepted row at once.
import { describeSource } from '../../shared/imports/api';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportedFile } from '../../shared/exports/api';
import { call } from '../api/client';
import { FileLink } from './FileLink';
import { FilePicker, RejectedRows, useImportFlow } from './import-parts';
import { languageOf } from '../../shared/i18n/languages';

export function ImportRegister() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const [template, setTemplate] = useState<ExportedFile | null>(null);
  const { busy, report, reportFile, done, error, setError, reset, choose, confirm } = useImportFlow({
    preview: (file) => call('imports.preview', file),
    reportFile: (importId) => call('imports.report', { importId, language }),
    confirm: (importId) => call('imports.confirm', { importId }),
  });
  const getTemplate = async () => {
    const r = await call('imports.template', { language });
    if (r.ok) setTemplate(r.value);
    else setError(r.error);
  };
  const nothing = report && report.accepted.cases + report.accepted.events === 0;

  return (
    <section className="import-register" aria-busy={busy}>
      <h3>{t('imports.title')}</h3>
      <p className="muted">{t('imports.help')}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void getTemplate()}>
          {t('imports.template')}
        </button>
        {template ? <FileLink file={template} label={template.fileName} /> : null}
      </div>
      <FilePicker id="import-file" label={t('imports.choose')} busy={busy} error={error} onChoose={(f) => void choose(f)} />
      {done ? (
        <p className="notice" role="status" data-testid="import-done">
          {t('imports.confirmed', done)}
        </p>
      ) : null}
      {report ? (
        <div className="import-report" data-testid="import-report">
          <p className="muted" data-testid="import-source">
            {describeSource(t, report.source)}
          </p>
          <p>
            {t('imports.summary', {
              cases: report.rowsRead.cases,
              events: report.rowsRead.events,
              okCases: report.accepted.cases,
              okEvents: report.accepted.events,
              rejected: report.rejectedTotal,
              duplicates: report.duplicatesTotal,
            })}
          </p>
          {reportFile ? (
            <p>
              <FileLink file={reportFile} label={t('imports.reportFile')} />
            </p>
          ) : null}
          {reportFile ? <p className="warning small">{t('lineList.personalRows')}</p> : null}
          <RejectedRows rows={report.rejected} total={report.rejectedTotal} testId="import-rejected" />
          {report.duplicates.length ? (
            <>
              <h4>{t('imports.duplicatesTitle')}</h4>
              <table className="cases" data-testid="import-duplicates">
                <thead>
                  <tr>
                    <th>{t('imports.row')}</th>
                    <th>{t('imports.registerNo')}</th>
                    <th>{t('imports.existing')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.duplicates.map((d) => (
                    <tr key={d.row}>
                      <td>{d.row}</td>
                      <td>{d.registerNo}</td>
                      <td>
                        {d.existingId !== null
                          ? t('imports.inRegister', { id: d.existingId })
                          : t('imports.inFile', { row: d.existingRow })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          <div className="actions">
            {nothing ? (
              <p className="warning">{t('imports.nothing')}</p>
            ) : (
              <button type="button" onClick={() => void confirm()} disabled={busy}>
                {t('imports.confirm', { cases: report.accepted.cases, events: report.accepted.events })}
              </button>
            )}
            <button type="button" className="secondary" onClick={reset}>
              {t('imports.cancel')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
