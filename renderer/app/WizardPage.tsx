// The frame of the screens shown before a database is open: first start, sign-in, encrypting a
// previous version's file. The title and the language switch, then the screen's own content.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../shared/contract';
import { call } from '../api/client';

export function WizardPage({
  languageSwitch,
  className,
  children,
}: {
  languageSwitch: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <main className={className ? `wizard ${className}` : 'wizard'}>
      <header className="wizard-header">
        <h1>{t('app.title')}</h1>
        {languageSwitch}
      </header>
      {children}
    </main>
  );
}

/** Back to the first-start choices: this database is forgotten as the one to open. */
export function OtherDatabaseButton({ onStatus }: { onStatus: (s: AppStatus) => void }) {
  const { t } = useTranslation();
  const other = async () => {
    const r = await call('setup.close', {});
    if (r.ok) onStatus(r.value);
  };
  return (
    <p>
      <button type="button" className="secondary" onClick={() => void other()}>
        {t('auth.otherDatabase')}
      </button>
    </p>
  );
}
