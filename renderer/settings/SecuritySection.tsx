// Settings → Security: one's own password; for administrators the idle-lock minutes and the
// check of the change log's hash chain.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { ErrorMessage } from '../app/ErrorMessage';
import { Field } from '../app/Field';
import { PasswordPair, usePasswordPair } from '../auth/PasswordPair';
import { numberLocale } from '../../shared/i18n/languages';

export function SecuritySection({ status, onStatus }: { status: AppStatus; onStatus: (s: AppStatus) => void }) {
  const { t } = useTranslation();
  const admin = status.user?.permissions.includes('admin') ?? false;
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [current, setCurrent] = useState('');
  const pair = usePasswordPair();
  const [minutes, setMinutes] = useState(String(status.database?.idleLockMinutes ?? 10));
  const [chain, setChain] = useState<string | null>(null);
  const answer = (r: { ok: true } | { ok: false; error: AppError }, message: string) => {
    setError(r.ok ? null : r.error);
    setNotice(r.ok ? message : null);
    return r.ok;
  };

  const changePassword = async (e: FormEvent) => {
    e.preventDefault();
    if (!pair.valid()) return;
    const r = await call('auth.changePassword', { current, next: pair.password });
    if (answer(r, t('security.passwordChanged'))) {
      setCurrent('');
      pair.clear();
    }
  };
  const saveMinutes = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(minutes);
    const r = await call('settings.setIdleLock', { minutes: Number.isInteger(n) ? n : 0 });
    if (answer(r, t('security.idleSaved', { minutes: n })) && r.ok) onStatus(r.value);
  };
  const verify = async () => {
    setChain(null);
    const r = await call('audit.verify', {});
    if (!r.ok) return setError(r.error);
    const c = r.value;
    const when = (iso: string) => new Date(iso).toLocaleString(numberLocale(status.language));
    setChain(
      c.firstBad
        ? t('security.chainBroken', { id: c.firstBad.id, at: when(c.firstBad.at), checked: c.checked })
        : c.anchors.contradicted
          ? t(`security.anchor.${c.anchors.contradicted.reason}`, { at: when(c.anchors.contradicted.createdAt) })
          : t('security.chainOk', { checked: c.checked, head: c.head.slice(0, 16), backups: c.anchors.checked }),
    );
  };

  return (
    <section aria-labelledby="security-title">
      <h3 id="security-title">{t('security.title')}</h3>
      <ErrorMessage error={error} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <form className="card" noValidate onSubmit={changePassword} aria-label={t('security.changePassword')}>
        <h4>{t('security.changePassword')}</h4>
        <Field id="current-password" label={t('security.currentPassword')}>
          <input
            id="current-password"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </Field>
        <PasswordPair pair={pair} label={t('auth.newPassword')} idPrefix="own" />
        <button type="submit">{t('security.changePassword')}</button>
      </form>
      {status.canRemember ? (
        <p>
          <button
            type="button"
            className="secondary"
            onClick={() => void call('auth.forgetHere', {}).then((r) => answer(r, t('security.forgotten')))}
          >
            {t('security.forgetHere')}
          </button>
        </p>
      ) : null}
      {admin ? (
        <>
          <form className="suppression" noValidate onSubmit={saveMinutes}>
            <label htmlFor="idle-minutes">{t('security.idleLabel')}</label>{' '}
            <input id="idle-minutes" inputMode="numeric" size={4} value={minutes} onChange={(e) => setMinutes(e.target.value.trim())} />{' '}
            <button type="submit">{t('security.idleSave')}</button>
          </form>
          <p>
            <button type="button" onClick={() => void verify()}>
              {t('security.verify')}
            </button>
          </p>
          {chain ? (
            <p className="notice" role="status" data-testid="chain-result">
              {chain}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
