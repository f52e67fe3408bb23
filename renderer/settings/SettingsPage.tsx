import { LanguagesSection } from './LanguagesSection';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../shared/contract';
import { appError, type AppError } from '../../shared/result';
import { call } from '../api/client';
import { ErrorMessage } from '../app/ErrorMessage';
import { useUnitName } from '../app/countries';
import { ChangeLog } from '../audit/ChangeLog';
import { AccountsSection } from './AccountsSection';
import { SecuritySection } from './SecuritySection';
import { BackupsSection } from './BackupsSection';

export function SettingsPage({ status, onStatus }: { status: AppStatus; onStatus: (s: AppStatus) => void }) {
  const { t } = useTranslation();
  const unitName = useUnitName();
  const [error, setError] = useState<AppError | null>(null);
  const db = status.database!;

  const admin = status.user?.permissions.includes('admin') ?? false;
  const centre = !(status.user?.demo ?? true);

  const [maxCount, setMaxCount] = useState(String(db.suppressionMaxCount));
  const [saved, setSaved] = useState<string | null>(null);
  const saveSuppression = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    // Not a whole number: said in words here (sent, it would arrive as no number at all).
    if (!/^\d+$/.test(maxCount.trim()))
      return setError({ ...appError('invalid_input'), issues: [{ path: 'maxCount', messageKey: 'validation.whole_number' }] });
    const r = await call('settings.setSuppression', { maxCount: Number(maxCount) });
    if (r.ok) {
      onStatus(r.value);
      setError(null);
      setSaved(t('settings.suppressionSaved', { max: r.value.database!.suppressionMaxCount }));
    } else setError(r.error);
  };

  const [retention, setRetention] = useState({
    days: String(status.exportRetention.days),
    lineListDays: String(status.exportRetention.lineListDays),
  });
  const [retentionSaved, setRetentionSaved] = useState<string | null>(null);
  const [retentionErrors, setRetentionErrors] = useState<{ days?: boolean; lineListDays?: boolean }>({});
  const saveRetention = async (e: FormEvent) => {
    e.preventDefault();
    setRetentionSaved(null);
    // An emptied field is not 0 ("keep for ever"): it is asked for again, as any other non-number.
    const wrong = {
      days: !/^\d{1,4}$/.test(retention.days) || +retention.days > 3650,
      lineListDays: !/^\d{1,4}$/.test(retention.lineListDays) || +retention.lineListDays > 3650,
    };
    setRetentionErrors(wrong);
    if (wrong.days || wrong.lineListDays) return;
    const r = await call('settings.setExportRetention', { days: Number(retention.days), lineListDays: Number(retention.lineListDays) });
    if (r.ok) {
      onStatus(r.value);
      setError(null);
      setRetentionSaved(t('settings.retentionSaved', r.value.exportRetention));
    } else setError(r.error);
  };

  const close = async () => {
    const r = await call('setup.close', {});
    if (r.ok) onStatus(r.value);
    else setError(r.error);
  };

  return (
    <section>
      <h2>{t('settings.title')}</h2>
      <ErrorMessage error={error} />
      <h3>{t('settings.database')}</h3>
      <dl className="facts">
        <dt>{t('settings.orgUnit')}</dt>
        <dd>{db.orgUnitPath.map(unitName).join(' › ')}</dd>
        <dt>{t('settings.kind')}</dt>
        <dd>{db.kind === 'demo' ? t('settings.kindDemo') : t('settings.kindCentre')}</dd>
        <dt>{t('settings.file')}</dt>
        <dd className="path">{db.path}</dd>
        <dt>{t('settings.schema')}</dt>
        <dd>{db.schemaVersion}</dd>
        <dt>{t('settings.appVersion')}</dt>
        <dd>{status.appVersion}</dd>
      </dl>
      <button type="button" onClick={close}>
        {t('settings.closeDatabase')}
      </button>
      <LanguagesSection />
      {centre ? <SecuritySection status={status} onStatus={onStatus} /> : null}
      {centre && admin ? <AccountsSection /> : null}
      {centre && admin ? <BackupsSection status={status} onStatus={onStatus} /> : null}
      {admin ? (
        <>
          <h3>{t('settings.suppression')}</h3>
          <form className="suppression" onSubmit={saveSuppression} noValidate>
            <label htmlFor="suppression-max">{t('settings.suppressionLabel')}</label>{' '}
            <input
              id="suppression-max"
              inputMode="numeric"
              size={3}
              value={maxCount}
              onChange={(e) => setMaxCount(e.target.value.trim())}
            />{' '}
            <button type="submit">{t('settings.suppressionSave')}</button>
            <p className="muted">{t('settings.suppressionHelp')}</p>
            {saved ? (
              <p className="notice" role="status">
                {saved}
              </p>
            ) : null}
          </form>
          {centre ? (
            <>
              <h3>{t('settings.retention')}</h3>
              <form className="retention" onSubmit={saveRetention} noValidate>
                <div className="retention-fields">
                  <label htmlFor="retention-days">{t('settings.retentionDays')}</label>
                  <input
                    id="retention-days"
                    inputMode="numeric"
                    size={4}
                    value={retention.days}
                    aria-invalid={retentionErrors.days || undefined}
                    aria-describedby={retentionErrors.days ? 'retention-days-error' : undefined}
                    onChange={(e) => setRetention({ ...retention, days: e.target.value.trim() })}
                  />
                  {retentionErrors.days ? (
                    <p id="retention-days-error" className="field-error" role="alert">
                      {t('validation.whole_days')}
                    </p>
                  ) : null}
                  <label htmlFor="retention-line-lists">{t('settings.retentionLineLists')}</label>
                  <input
                    id="retention-line-lists"
                    inputMode="numeric"
                    size={4}
                    value={retention.lineListDays}
                    aria-invalid={retentionErrors.lineListDays || undefined}
                    aria-describedby={retentionErrors.lineListDays ? 'retention-line-lists-error' : undefined}
                    onChange={(e) => setRetention({ ...retention, lineListDays: e.target.value.trim() })}
                  />
                  {retentionErrors.lineListDays ? (
                    <p id="retention-line-lists-error" className="field-error" role="alert">
                      {t('validation.whole_days')}
                    </p>
                  ) : null}
                </div>
                <button type="submit">{t('settings.retentionSave')}</button>
                <p className="muted">{t('settings.retentionHelp', { folder: status.defaultFolder })}</p>
                {retentionSaved ? (
                  <p className="notice" role="status">
                    {retentionSaved}
                  </p>
                ) : null}
              </form>
            </>
          ) : null}
          <ChangeLog />
        </>
      ) : null}
    </section>
  );
}
