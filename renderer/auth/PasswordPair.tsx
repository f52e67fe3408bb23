// A new password typed twice, with the rules said before the clerk types (the back end checks them).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../shared/auth/password-rules';
import { Field } from '../app/Field';

export function usePasswordPair() {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  return {
    password,
    repeat,
    mismatch,
    setPassword,
    setRepeat,
    /** False (and says so under the field) when the two differ. */
    valid: () => {
      const differ = password !== repeat;
      setMismatch(differ);
      return !differ;
    },
    clear: () => {
      setPassword('');
      setRepeat('');
      setMismatch(false);
    },
  };
}

export function PasswordPair({
  pair,
  label,
  idPrefix = 'new',
}: {
  pair: ReturnType<typeof usePasswordPair>;
  label: string;
  idPrefix?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field id={`${idPrefix}-password`} label={label}>
        <input
          id={`${idPrefix}-password`}
          type="password"
          autoComplete="new-password"
          aria-describedby={`${idPrefix}-password-rules`}
          value={pair.password}
          onChange={(e) => pair.setPassword(e.target.value)}
        />
      </Field>
      <p className="muted small" id={`${idPrefix}-password-rules`}>
        {t('auth.passwordRules', { min: MIN_PASSWORD_LENGTH })}
      </p>
      <Field id={`${idPrefix}-password-repeat`} label={t('auth.repeatPassword')} error={pair.mismatch ? 'auth.passwordsDiffer' : undefined}>
        <input
          id={`${idPrefix}-password-repeat`}
          type="password"
          autoComplete="new-password"
          value={pair.repeat}
          onChange={(e) => pair.setRepeat(e.target.value)}
        />
      </Field>
    </>
  );
}
