// First start: open the demo, create a database for the user's centre, or open an existing file.
import { useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CreateCentreInputSchema, FilePathSchema, type AppStatus, type CreateCentreInput } from '../../shared/contract';
import { PasswordPair, usePasswordPair } from '../auth/PasswordPair';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { useCall } from '../api/queries';
import { ErrorMessage } from '../app/ErrorMessage';
import { CountrySelect } from '../app/CountrySelect';
import { Field } from '../app/Field';
import { WizardPage } from '../app/WizardPage';
import { keyed } from '../app/form-resolver';
import { uiLocale } from '../app/locale';

// Messages become translation keys: the schema's own where it names one, else by issue kind.
const OpenExistingSchema = z.object({ path: FilePathSchema });

type Section = 'demo' | 'centre' | 'existing';

type Props = {
  status: AppStatus;
  onStatus: (s: AppStatus) => void;
  onCreated: (s: AppStatus, recoveryCode: string) => void;
  languageSwitch: ReactNode;
};

export function SetupWizard({ status, onStatus, onCreated, languageSwitch }: Props) {
  const { t } = useTranslation();
  // An error is shown in the section whose action caused it, where the clerk is looking.
  const [error, setError] = useState<{ at: Section; error: AppError } | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async <T,>(
    at: Section,
    work: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>,
    done: (value: T) => void,
  ) => {
    setBusy(true);
    setError(null);
    const r = await work();
    setBusy(false);
    if (r.ok) done(r.value);
    else setError({ at, error: r.error });
  };
  const pair = usePasswordPair();
  const errorAt = (at: Section) => <ErrorMessage error={error?.at === at ? error.error : null} />;
  const open = (path: string) => run('existing', () => call('setup.openExisting', { path }), onStatus);
  // This country's database already in the folder: the question, with its two answers.
  const exists = error?.at === 'centre' && error.error.code === 'centre_exists' ? error.error.params : undefined;
  const create = (values: CreateCentreInput) =>
    run(
      'centre',
      () => call('setup.createCentre', values),
      (v) => onCreated(v.status, v.recoveryCode),
    );
  // Without an Open dialog (the browser), the data folder's databases are listed to pick from.
  const files = useCall('setup.databases', {}).data ?? [];
  const recent = status.recent;
  const inFolder = files.filter((f) => !recent.some((r) => r.path === f.path));
  const browse = async () => {
    const r = await call('setup.browse', {});
    if (!r.ok) setError({ at: 'existing', error: r.error });
    else if (r.value.path) void open(r.value.path);
  };

  const centre = useForm<CreateCentreInput>({
    resolver: zodResolver(CreateCentreInputSchema, keyed),
    defaultValues: { countryCode: '', region: '', centre: '', login: '', password: '', folder: status.defaultFolder },
  });
  const existing = useForm<z.infer<typeof OpenExistingSchema>>({
    resolver: zodResolver(OpenExistingSchema, keyed),
    defaultValues: { path: '' },
  });

  return (
    <WizardPage languageSwitch={languageSwitch} className="setup">
      <h2>{t('setup.title')}</h2>
      <p>{t('setup.intro')}</p>
      {status.openError ? (
        <>
          <p className="warning">{t('setup.reopenFailed')}</p>
          <ErrorMessage error={status.openError} />
        </>
      ) : null}

      <div className="setup-grid">
        <section className="card setup-demo" aria-labelledby="demo-title">
          <h3 id="demo-title">{t('setup.demoTitle')}</h3>
          <p>{t('setup.demoText')}</p>
          {errorAt('demo')}
          <button type="button" autoFocus disabled={busy} onClick={() => run('demo', () => call('setup.openDemo', {}), onStatus)}>
            {t('setup.demoButton')}
          </button>
        </section>

        <section className="card setup-new" aria-labelledby="new-title">
          <h3 id="new-title">{t('setup.newTitle')}</h3>
          <p>{t('setup.newText')}</p>
          {errorAt('centre')}
          {exists ? (
            <div className="toolbar" data-testid="centre-exists">
              <button type="button" autoFocus disabled={busy} onClick={() => void open(String(exists.path))}>
                {t('setup.openFound', { file: exists.file })}
              </button>
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => void create({ ...centre.getValues(), password: pair.password, alongside: true })}
              >
                {t('setup.createAlongside')}
              </button>
            </div>
          ) : null}
          <form
            noValidate
            onSubmit={(e) => {
              centre.setValue('password', pair.password);
              void centre.handleSubmit((values) => (pair.valid() ? create(values) : undefined))(e);
            }}
          >
            <div className="centre-fields">
              <Field id="countryCode" label={t('setup.country')} error={centre.formState.errors.countryCode?.message}>
                <Controller
                  control={centre.control}
                  name="countryCode"
                  render={({ field, fieldState }) => (
                    <CountrySelect
                      id="countryCode"
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      invalid={fieldState.invalid}
                    />
                  )}
                />
              </Field>
              <Field id="region" label={t('setup.region')} error={centre.formState.errors.region?.message}>
                <input id="region" autoComplete="off" {...centre.register('region')} />
              </Field>
              <Field id="centre" label={t('setup.centre')} error={centre.formState.errors.centre?.message}>
                <input id="centre" autoComplete="off" {...centre.register('centre')} />
              </Field>
              <Field id="login" label={t('auth.adminLogin')} error={centre.formState.errors.login?.message}>
                <input id="login" autoComplete="username" {...centre.register('login')} />
              </Field>
              <PasswordPair pair={pair} label={t('auth.password')} />
              <Field id="folder" label={t('setup.folder')} error={centre.formState.errors.folder?.message}>
                <input id="folder" autoComplete="off" spellCheck={false} {...centre.register('folder')} />
              </Field>
            </div>
            <button type="submit" disabled={busy}>
              {busy ? t('setup.creating') : t('setup.newButton')}
            </button>
          </form>
        </section>

        <section className="card setup-existing" aria-labelledby="existing-title">
          <h3 id="existing-title">{t('setup.existingTitle')}</h3>
          {recent.length ? <h4>{t('setup.recentTitle')}</h4> : null}
          {recent.length ? (
            <ul className="file-choices" aria-label={t('setup.recentTitle')}>
              {recent.map((r) => (
                <li key={r.path}>
                  <button type="button" className="secondary" disabled={busy || !r.exists} onClick={() => void open(r.path)} title={r.path}>
                    {r.file}
                  </button>{' '}
                  <span className="muted">{r.exists ? r.path : t('setup.missing')}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {inFolder.length ? <h4>{t('setup.folderTitle')}</h4> : null}
          {inFolder.length ? (
            <ul className="file-choices" aria-label={t('setup.folderTitle')}>
              {inFolder.map((f) => (
                <li key={f.path}>
                  <button type="button" className="secondary" disabled={busy} onClick={() => void open(f.path)}>
                    {f.file}
                  </button>{' '}
                  <span className="muted">{t('setup.modified', { at: new Date(f.modifiedAt).toLocaleString(uiLocale()) })}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {status.canBrowse ? (
            <button type="button" disabled={busy} onClick={() => void browse()}>
              {t('setup.browse')}
            </button>
          ) : null}
          {recent.length || inFolder.length || status.canBrowse ? <p>{t('setup.orPath')}</p> : null}
          <form
            noValidate
            onSubmit={existing.handleSubmit((values) =>
              // A path copied with Windows' "Copy as path" comes in quotes.
              run('existing', () => call('setup.openExisting', { path: values.path.trim().replace(/^"(.*)"$/, '$1') }), onStatus),
            )}
          >
            <Field id="path" label={t('setup.path')} error={existing.formState.errors.path?.message}>
              <input id="path" autoComplete="off" spellCheck={false} {...existing.register('path')} />
            </Field>
            {errorAt('existing')}
            <button type="submit" disabled={busy}>
              {t('setup.existingButton')}
            </button>
          </form>
        </section>
      </div>
    </WizardPage>
  );
}
