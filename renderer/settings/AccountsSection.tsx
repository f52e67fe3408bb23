// Settings → Accounts (administrators): add an account with its roles, change roles, disable,
// set a new password for someone who forgot theirs.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../shared/auth/roles';
import type { Account } from '../../shared/auth/api';
import type { OrgUnit } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { queryClient, useCall } from '../api/queries';
import { ErrorMessage } from '../app/ErrorMessage';
import { useUnitName } from '../app/countries';
import { Field } from '../app/Field';
import { PasswordPair, usePasswordPair } from '../auth/PasswordPair';
import { TableBox } from '../app/TableBox';

export function AccountsSection() {
  const { t } = useTranslation();
  const nameOf = useUnitName();
  // Both lists through the query cache; a change of accounts reads them again (desk:data-changed).
  const accounts: Account[] = useCall('accounts.list', {}).data ?? [];
  const units: OrgUnit[] = useCall('orgUnits.list', {}).data ?? [];
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [login, setLogin] = useState('');
  const [roles, setRoles] = useState<Role[]>(['entry']);
  const [unit, setUnit] = useState<number | null>(null);
  const unitName = (id: number | null) => {
    const u = id === null ? null : units.find((x) => x.id === id);
    return id === null ? t('accounts.allUnits') : u ? nameOf(u) : String(id);
  };
  const pair = usePasswordPair();
  const [resetFor, setResetFor] = useState<Account | null>(null);
  const reset = usePasswordPair();

  const done = (r: Awaited<ReturnType<typeof call<'accounts.list'>>>, message: string) => {
    if (r.ok) {
      queryClient.setQueryData(['accounts.list', {}], r.value);
      setError(null);
      setNotice(message);
    } else {
      setError(r.error);
      setNotice(null);
    }
    return r.ok;
  };

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!pair.valid()) return;
    if (done(await call('accounts.create', { login, password: pair.password, roles, orgUnitId: unit }), t('accounts.created', { login }))) {
      setLogin('');
      pair.clear();
    }
  };
  const toggle = (a: Account, role: Role) =>
    call('accounts.update', { id: a.id, roles: a.roles.includes(role) ? a.roles.filter((r) => r !== role) : [...a.roles, role] }).then(
      (r) => done(r, t('accounts.saved', { login: a.login })),
    );
  const setDisabled = (a: Account, disabled: boolean) =>
    call('accounts.update', { id: a.id, disabled }).then((r) =>
      done(r, t(disabled ? 'accounts.disabledNotice' : 'accounts.enabledNotice', { login: a.login })),
    );
  const saveReset = async (e: FormEvent) => {
    e.preventDefault();
    if (!resetFor || !reset.valid()) return;
    if (
      done(
        await call('accounts.resetPassword', { id: resetFor.id, password: reset.password }),
        t('accounts.passwordSet', { login: resetFor.login }),
      )
    ) {
      if (resetFor.disabled) await setDisabled(resetFor, false);
      setResetFor(null);
      reset.clear();
    }
  };

  return (
    <section aria-labelledby="accounts-title">
      <h3 id="accounts-title">{t('accounts.title')}</h3>
      <ErrorMessage error={error} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <div className="table-box">
        <TableBox label={t('accounts.title')}>
          <table className="accounts">
            <thead>
              <tr>
                <th>{t('auth.login')}</th>
                {ROLES.map((r) => (
                  <th key={r}>{t(`roles.${r}`)}</th>
                ))}
                <th>{t('accounts.unit')}</th>
                <th>{t('accounts.state')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id} className={a.disabled ? 'disabled' : undefined}>
                  <td>{a.login}</td>
                  {ROLES.map((r) => (
                    <td key={r}>
                      <input
                        type="checkbox"
                        aria-label={`${a.login}: ${t(`roles.${r}`)}`}
                        checked={a.roles.includes(r)}
                        onChange={() => void toggle(a, r)}
                      />
                    </td>
                  ))}
                  <td>{unitName(a.orgUnitId)}</td>
                  <td>{a.disabled ? t('accounts.disabled') : t('accounts.active')}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() => {
                        setResetFor(a);
                        reset.clear();
                      }}
                    >
                      {a.disabled ? t('accounts.enable') : t('accounts.resetPassword')}
                    </button>
                    {a.disabled ? null : (
                      <button type="button" className="secondary small" onClick={() => void setDisabled(a, true)}>
                        {t('accounts.disable')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      </div>
      {resetFor ? (
        <form className="card" noValidate onSubmit={saveReset} aria-label={t('accounts.resetFor', { login: resetFor.login })}>
          <h4>{t('accounts.resetFor', { login: resetFor.login })}</h4>
          <PasswordPair pair={reset} label={t('auth.newPassword')} idPrefix="reset" />
          <div className="actions">
            <button type="submit">{t('accounts.setPassword')}</button>
            <button type="button" className="secondary" onClick={() => setResetFor(null)}>
              {t('cases.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      <form className="card" noValidate onSubmit={create} aria-label={t('accounts.add')}>
        <h4>{t('accounts.add')}</h4>
        <Field id="account-login" label={t('auth.login')}>
          <input id="account-login" autoComplete="off" value={login} onChange={(e) => setLogin(e.target.value)} />
        </Field>
        <fieldset className="roles">
          <legend>{t('accounts.roles')}</legend>
          {ROLES.map((r) => (
            <label key={r} className="check">
              <input
                type="checkbox"
                checked={roles.includes(r)}
                onChange={() => setRoles(roles.includes(r) ? roles.filter((x) => x !== r) : [...roles, r])}
              />
              {t(`roles.${r}`)} <span className="muted small">— {t(`roles.${r}Help`)}</span>
            </label>
          ))}
        </fieldset>
        <Field id="account-unit" label={t('accounts.unitLabel')}>
          <select id="account-unit" value={unit ?? ''} onChange={(e) => setUnit(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t('accounts.allUnits')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>{`${u.level === 'country' ? '' : u.level === 'region' ? '— ' : '— — '}${nameOf(u)}`}</option>
            ))}
          </select>
        </Field>
        <PasswordPair pair={pair} label={t('auth.password')} idPrefix="account" />
        <button type="submit">{t('accounts.addButton')}</button>
      </form>
    </section>
  );
}
