// A plain database of the previous version: its first administrator is created and the file is
// encrypted in place (a checked backup of the plain file is kept until the encrypted one checks out).
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { ErrorMessage } from '../app/ErrorMessage';
import { Field } from '../app/Field';
import { OtherDatabaseButton, WizardPage } from '../app/WizardPage';
import { PasswordPair, usePasswordPair } from './PasswordPair';

type Props = {
  status: AppStatus;
  onCreated: (s: AppStatus, code: string) => void;
  onStatus: (s: AppStatus) => void;
  languageSwitch: ReactNode;
};

export function EncryptExisting({ status, onCreated, onStatus, languageSwitch }: Props) {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const pair = usePasswordPair();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!pair.valid()) return;
    setBusy(true);
    setError(null);
    const r = await call('setup.encryptExisting', { login, password: pair.password });
    setBusy(false);
    if (r.ok) onCreated(r.value.status, r.value.recoveryCode);
    else setError(r.error);
  };
  return (
    <WizardPage languageSwitch={languageSwitch}>
      <section className="card">
        <h2>{t('auth.encryptTitle')}</h2>
        <p>{t('auth.encryptText', { file: status.conversion?.file })}</p>
        <form noValidate onSubmit={submit}>
          <Field id="login" label={t('auth.adminLogin')}>
            <input id="login" autoFocus autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} />
          </Field>
          <PasswordPair pair={pair} label={t('auth.password')} />
          <ErrorMessage error={error} />
          <button type="submit" disabled={busy}>
            {busy ? t('auth.encrypting') : t('auth.encrypt')}
          </button>
        </form>
        <OtherDatabaseButton onStatus={onStatus} />
      </section>
    </WizardPage>
  );
}
