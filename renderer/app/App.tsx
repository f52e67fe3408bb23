import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus, Language } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { call, REGISTER_CHANGED, SESSION_CHANGED } from '../api/client';
import { forgetChosenYear } from './chosen-year';
import { forgetChosenUnit } from './chosen-unit';
import { forgetAll } from '../api/queries';
import { SetupWizard } from '../setup/SetupWizard';
import { Shell } from '../shell/Shell';
import { SignIn } from '../auth/SignIn';
import { EncryptExisting } from '../auth/EncryptExisting';
import { RecoveryCode } from '../auth/RecoveryCode';
import { ErrorMessage } from './ErrorMessage';
import { LanguageSwitch } from './LanguageSwitch';
import { LANGUAGE_INFO } from '../../shared/i18n/languages';

export function App() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  // Shown once, after a database is created or encrypted, before anything else.
  const [recovery, setRecovery] = useState<{ code: string; file: string } | null>(null);
  const identity = useRef('');

  const apply = useCallback(
    (next: AppStatus) => {
      // Another account or database (or none): answers read for the one before are dropped.
      const who = `${next.database?.path ?? ''}|${next.user?.login ?? ''}`;
      if (identity.current !== who) {
        forgetAll();
        forgetChosenYear();
        forgetChosenUnit();
      }
      identity.current = who;
      setStatus(next);
      if (i18n.language !== next.language) void i18n.changeLanguage(next.language);
      document.documentElement.lang = next.language;
      document.documentElement.dir = LANGUAGE_INFO[next.language].dir;
    },
    [i18n],
  );
  const refresh = useCallback(() => void call('app.status', {}).then((r) => (r.ok ? apply(r.value) : setError(r.error))), [apply]);

  useEffect(() => {
    refresh();
    window.addEventListener(SESSION_CHANGED, refresh);
    window.addEventListener(REGISTER_CHANGED, refresh);
    return () => {
      window.removeEventListener(SESSION_CHANGED, refresh);
      window.removeEventListener(REGISTER_CHANGED, refresh);
    };
  }, [refresh]);

  useEffect(() => {
    document.title = t('app.title');
  }, [t, status?.language]);

  const setLanguage = async (language: Language) => {
    const r = await call('app.setLanguage', { language });
    if (r.ok) apply(r.value);
    else setError(r.error);
  };
  const created = (next: AppStatus, code: string) => {
    setRecovery({ code, file: next.database?.path ?? '' });
    apply(next);
  };

  if (!status) {
    // Without a key the language is not known yet: the way in is said in both.
    if (error?.code === 'unauthorized') {
      return (
        <main className="centered" role="alert" data-testid="not-authorised">
          <p>{t('errors.openWithLink', { lng: 'ru' })}</p>
          <p>{t('errors.openWithLink', { lng: 'en' })}</p>
        </main>
      );
    }
    return <main className="centered">{error ? <ErrorMessage error={error} /> : <p>{t('common.loading')}</p>}</main>;
  }
  const languageSwitch = <LanguageSwitch language={status.language} onChange={setLanguage} />;
  if (recovery) return <RecoveryCode code={recovery.code} file={recovery.file} onDone={() => setRecovery(null)} />;
  if (status.database && status.user) return <Shell status={status} onStatus={apply} languageSwitch={languageSwitch} />;
  if (status.signIn) return <SignIn status={status} onStatus={apply} languageSwitch={languageSwitch} />;
  if (status.conversion) return <EncryptExisting status={status} onStatus={apply} onCreated={created} languageSwitch={languageSwitch} />;
  return <SetupWizard status={status} onStatus={apply} onCreated={created} languageSwitch={languageSwitch} />;
}
