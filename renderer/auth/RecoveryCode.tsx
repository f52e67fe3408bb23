// The recovery code, shown once after a database is created or encrypted: written down or
// printed, and kept away from the computer, it opens the register when every password is lost.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function RecoveryCode({ code, file, onDone }: { code: string; file: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [kept, setKept] = useState(false);
  return (
    <main className="wizard recovery-code">
      <section className="card">
        <h2>{t('auth.recoveryTitle')}</h2>
        <p>{t('auth.recoveryText', { file })}</p>
        <p className="code" data-testid="recovery-code" aria-label={t('auth.recoveryCode')}>
          {code}
        </p>
        <p className="warning">{t('auth.recoveryWarning')}</p>
        <div className="actions no-print">
          <button type="button" className="secondary" onClick={() => window.print()}>
            {t('auth.print')}
          </button>
        </div>
        <label className="check no-print">
          <input type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} />
          {t('auth.recoveryKept')}
        </label>
        <div className="actions no-print">
          <button type="button" disabled={!kept} onClick={onDone}>
            {t('auth.continue')}
          </button>
        </div>
      </section>
    </main>
  );
}
