// The idle lock: after the set minutes without a key or a click the screen locks. What lies
// under it stays mounted (nothing typed is lost) but is inert; the password opens it again.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { ErrorMessage } from '../app/ErrorMessage';
import { Field } from '../app/Field';

const ACTIVITY = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/** Calls `onIdle` once `minutes` pass with no activity; off when minutes is null. */
export function useIdleLock(minutes: number | null, onIdle: () => void) {
  const idle = useRef(onIdle);
  idle.current = onIdle;
  useEffect(() => {
    if (!minutes) return;
    let timer = 0;
    const arm = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => idle.current(), minutes * 60_000);
    };
    arm();
    for (const e of ACTIVITY) window.addEventListener(e, arm, { capture: true, passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, arm, { capture: true });
    };
  }, [minutes]);
}

export function LockScreen({ status, onStatus }: { status: AppStatus; onStatus: (s: AppStatus) => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await call('auth.unlock', { password });
    setBusy(false);
    setPassword('');
    if (r.ok) {
      setError(null);
      onStatus(r.value);
    } else setError(r.error);
  };
  return (
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <form className="card" noValidate onSubmit={submit}>
        <h2 id="lock-title">{t('auth.lockedTitle')}</h2>
        <p>{t('auth.lockedText', { login: status.user?.login })}</p>
        <Field id="unlock-password" label={t('auth.password')}>
          <input
            id="unlock-password"
            type="password"
            autoFocus
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('auth.checking') : t('auth.unlock')}
        </button>
      </form>
    </div>
  );
}
