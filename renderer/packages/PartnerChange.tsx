// A partner's key replaced (its database made anew) or the partner removed, asked in the page below
// the partners' table: the replacement takes the new key file; the removal asks what becomes of
// what the partner sent, and says what went.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_KEY_FILE_BYTES, type Partner } from '../../shared/exchange/api';
import { appError, type AppError } from '../../shared/result';
import { call } from '../api/client';
import { ErrorMessage } from '../app/ErrorMessage';
import { FilePicker, fileBase64 } from '../exchange/import-parts';

export type PartnerChangeKind = 'replace' | 'remove';

export function PartnerChange({
  partner,
  kind,
  onDone,
  onCancel,
}: {
  partner: Partner;
  kind: PartnerChangeKind;
  onDone: (notice: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [records, setRecords] = useState<'keep' | 'remove'>('keep');

  const replace = async (file: File | undefined) => {
    setError(null);
    if (!file) return;
    if (file.size === 0 || file.size > MAX_KEY_FILE_BYTES)
      return setError({ ...appError('key_file_invalid', { file: file.name }), messageKey: 'errors.key_file_not_key' });
    setBusy(true);
    const r = await call('exchange.replaceKey', { partnerId: partner.id, fileName: file.name, contentBase64: await fileBase64(file) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(t('packages.keyReplaced', { centre: r.value.centre }));
  };
  const remove = async () => {
    setError(null);
    setBusy(true);
    const r = await call('exchange.removePartner', { partnerId: partner.id, records });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(
      records === 'keep'
        ? t('packages.removed', { centre: partner.centre })
        : t('packages.removedRecords', { centre: partner.centre, ...r.value }),
    );
  };

  if (kind === 'replace')
    return (
      <div className="partner-change" role="group" aria-label={t('packages.replaceKeyOf', { centre: partner.centre })}>
        <p className="muted">{t('packages.replaceKeyHelp')}</p>
        <FilePicker
          id="partner-new-key"
          label={t('packages.replaceKeyOf', { centre: partner.centre })}
          busy={busy}
          error={error}
          onChoose={(f) => void replace(f)}
          accept=".mhdkey"
        />
        <div className="actions">
          <button type="button" className="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </div>
    );
  return (
    <form
      className="partner-change"
      onSubmit={(e) => {
        e.preventDefault();
        void remove();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <fieldset className="field choices">
        <legend>{t('packages.removeTitle', { centre: partner.centre })}</legend>
        <p className="muted">{t('packages.removeHelp')}</p>
        {(['keep', 'remove'] as const).map((k) => (
          <label key={k} className="check">
            <input
              type="radio"
              name="partner-records"
              value={k}
              checked={records === k}
              onChange={() => setRecords(k)}
              autoFocus={k === 'keep'}
            />{' '}
            {t(k === 'keep' ? 'packages.removeKeep' : 'packages.removeRecords')}
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="danger" disabled={busy}>
          {t('packages.removeConfirm')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
