// Loading aggregate-form values from Excel or CSV: a template per form and period, the file, the
// checked report (refused rows, repeats, checks that would fail), then the confirmation.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportedFile } from '../../shared/exports/api';
import { FORM_CODES, type FormCode } from '../../shared/forms/definitions';
import { deLabel } from '../../shared/forms/labels';
import { describeSource, formSummaryParams } from '../../shared/imports/api';
import { call } from '../api/client';
import { FileLink } from './FileLink';
import { FilePicker, RejectedRows, useImportFlow } from './import-parts';
import { languageOf } from '../../shared/i18n/languages';

export function ImportForms() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const [form, setForm] = useState<FormCode>('testing');
  const [period, setPeriod] = useState(String(new Date().getFullYear() - 1));
  const [template, setTemplate] = useState<ExportedFile | null>(null);
  const { busy, report, reportFile, done, error, setError, reset, choose, confirm } = useImportFlow({
    preview: (file) => call('formImports.preview', file),
    reportFile: (importId) => call('formImports.report', { importId, language }),
    confirm: (importId) => call('formImports.confirm', { importId }),
  });
  const getTemplate = async () => {
    setError(null);
    const r = await call('formImports.template', { form, period: period.trim(), language });
    if (r.ok) setTemplate(r.value);
    else setError(r.error);
  };
  const toLoad = report ? report.accepted.added + report.accepted.changed : 0;

  return (
    <section className="import-register" aria-busy={busy}>
      <h3>{t('imports.forms.title')}</h3>
      <p className="muted">{t('imports.forms.help')}</p>
      <div className="actions">
        <label className="filter">
          <span>{t('imports.forms.form')}</span>
          <select id="form-template-form" value={form} onChange={(e) => setForm(e.target.value as FormCode)}>
            {FORM_CODES.map((f) => (
              <option key={f} value={f}>
                {t(`forms.names.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t('imports.forms.period')}</span>
          <input id="form-template-period" value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="2025, 2025Q1, 202503" />
        </label>
        <button type="button" className="secondary" onClick={() => void getTemplate()}>
          {t('imports.forms.template')}
        </button>
        {template ? <FileLink file={template} label={template.fileName} /> : null}
      </div>
      <FilePicker
        id="form-import-file"
        label={t('imports.forms.choose')}
        busy={busy}
        error={error}
        onChoose={(f) => void choose(f)}
        accept=".xlsx,.csv,.json"
        job="formImports.preview"
      />
      {done ? (
        <p className="notice" role="status" data-testid="form-import-done">
          {t('imports.forms.confirmed', { count: done.values })}
        </p>
      ) : null}
      {report ? (
        <div className="import-report" data-testid="form-import-report">
          <p className="muted" data-testid="form-import-source">
            {describeSource(t, report.source)}
          </p>
          <p>{t('imports.forms.summary', formSummaryParams(report))}</p>
          {reportFile ? (
            <p>
              <FileLink file={reportFile} label={t('imports.reportFile')} />
            </p>
          ) : null}
          {report.periods.length ? (
            <table className="cases" data-testid="form-import-periods">
              <caption>{t('imports.forms.periods')}</caption>
              <thead>
                <tr>
                  <th>{t('imports.forms.form')}</th>
                  <th>{t('settings.orgUnit')}</th>
                  <th>{t('forms.period')}</th>
                  <th>{t('imports.forms.values')}</th>
                </tr>
              </thead>
              <tbody>
                {report.periods.map((p) => (
                  <tr key={`${p.form}/${p.orgUnitId}/${p.period}`}>
                    <td>{t(`forms.names.${p.form}`)}</td>
                    <td>{p.orgUnit}</td>
                    <td>{p.period}</td>
                    <td>{p.values}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <RejectedRows rows={report.rejected} total={report.rejectedTotal} testId="form-import-rejected" />
          {report.repeats.length ? (
            <>
              <h4>{t('imports.forms.repeats')}</h4>
              <ul>
                {report.repeats.map((r) => (
                  <li key={r.row}>
                    {t('imports.row')} {r.row}: {t('imports.forms.repeatOf', { row: r.firstRow })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {report.violations.length ? (
            <div className="warning" data-testid="form-import-violations">
              <p>{t('imports.forms.violations')}</p>
              <ul>
                {report.violations.map((v, k) => (
                  <li key={k}>
                    {v.orgUnit}, {v.period}: {t(v.messageKey)}: {deLabel(t, v.leftDe)} {v.left} &gt; {deLabel(t, v.rightDe)} {v.right}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="actions">
            {toLoad === 0 ? (
              <p className="warning">{t('imports.nothing')}</p>
            ) : (
              <button type="button" onClick={() => void confirm()} disabled={busy}>
                {t('imports.forms.confirm', { count: toLoad })}
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
