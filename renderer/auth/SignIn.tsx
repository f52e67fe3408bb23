// The sign-in screen of an encrypted database; a forgotten password is replaced with the recovery code.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { ErrorMessage } from '../app/ErrorMessage';
import { Field } from '../app/Field';
import { OtherDatabaseButton, WizardPage } from '../app/WizardPage';
import { PasswordPair, usePasswordPair } from './PasswordPair';
import { numberLocale } from '../../shared/i18n/languages';

type Props = { status: AppStatus; onStatus: (s: AppStatus) => void; languageSwitch: ReactNode };

export function SignIn({ status, onStatus, languageSwitch }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'password' | 'recovery'>('password');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [rememberHere, setRememberHere] = useState(false);
  const pair = usePasswordPair();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'recovery' && !pair.valid()) return;
    setBusy(true);
    setError(null);
    const r =
      mode === 'password'
        ? await call('auth.signIn', { login, password, ...(status.canRemember ? { remember: rememberHere } : {}) })
        : await call('auth.recover', { login, recoveryCode: code, newPassword: pair.password });
    setBusy(false);
    if (r.ok) onStatus(r.value);
    else {
      setError(r.error);
      setPassword('');
      // A damaged database: the status now says whether a good backup can take its place.
      if (r.error.code === 'db_damaged') void call('app.status', {}).then((st) => st.ok && onStatus(st.value));
    }
  };
  const restoreLatest = async () => {
    setBusy(true);
    const r = await call('auth.restoreLatest', { login, password });
    setBusy(false);
    if (r.ok) onStatus(r.value);
    else setError(r.error);
  };
  const backupAt = status.signIn?.damagedBackupAt ?? null;
  const remembered = status.signIn?.remembered ?? null;
  const signInRemembered = async () => {
    setBusy(true);
    const r = await call('auth.signInRemembered', {});
    setBusy(false);
    if (r.ok) onStatus(r.value);
    else {
      setError(r.error);
      void call('app.status', {}).then((st) => st.ok && onStatus(st.value));
    }
  };

  return (
    <WizardPage languageSwitch={languageSwitch} className="sign-in">
      <section className="card">
        <h2>{mode === 'password' ? t('auth.signInTitle') : t('auth.recoverTitle')}</h2>
        <p className="muted">{t('auth.database', { file: status.signIn?.file })}</p>
        {mode === 'recovery' ? <p>{t('auth.recoverText')}</p> : null}
        {remembered && mode === 'password' ? (
          <p>
            <button type="button" disabled={busy} onClick={() => void signInRemembered()}>
              {t('auth.signInAs', { login: remembered })}
            </button>
          </p>
        ) : null}
        <form noValidate onSubmit={submit}>
          <Field id="login" label={t('auth.login')}>
            <input id="login" autoFocus autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} />
          </Field>
          {mode === 'password' ? (
            <Field id="password" label={t('auth.password')}>
              <input
                id="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </Field>
          ) : (
            <>
              <Field id="recovery-code" label={t('auth.recoveryCode')}>
                <input
                  id="recovery-code"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="XXXX-XXXX-…"
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                />
              </Field>
              <PasswordPair pair={pair} label={t('auth.newPassword')} />
            </>
          )}
          {mode === 'password' && status.canRemember ? (
            <label className="check">
              <input type="checkbox" checked={rememberHere} onChange={(e) => setRememberHere(e.target.checked)} />
              {t('auth.rememberHere')}
            </label>
          ) : null}
          <ErrorMessage error={error} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {busy ? t('auth.checking') : mode === 'password' ? t('auth.signIn') : t('auth.recover')}
            </button>
            <button
              type="button"
              className="link"
              onClick={() => {
                setMode(mode === 'password' ? 'recovery' : 'password');
                setError(null);
              }}
            >
              {mode === 'password' ? t('auth.forgot') : t('auth.backToSignIn')}
            </button>
          </div>
        </form>
        {backupAt ? (
          <div className="card warning-card" role="alertdialog" aria-label={t('auth.damagedTitle')}>
            <h3>{t('auth.damagedTitle')}</h3>
            <p>{t('auth.damagedText', { at: new Date(backupAt).toLocaleString(numberLocale(status.language)) })}</p>
            <p className="muted small">{t('auth.damagedPassword')}</p>
            <button type="button" disabled={busy} onClick={() => void restoreLatest()}>
              {t('auth.restoreLatest')}
            </button>
          </div>
        ) : null}
        <OtherDatabaseButton onStatus={onStatus} />
      </section>
    </WizardPage>
  );
}
