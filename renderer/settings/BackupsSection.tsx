// Settings → Backups (administrators): the day's automatic copies, "Back up now" to the backups
// folder or a folder the user names (a USB stick), and restoring from a file after a look at it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../shared/contract';
import type { BackupInfo } from '../../shared/backups/api';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { useCall } from '../api/queries';
import { ErrorMessage } from '../app/ErrorMessage';
import { Field } from '../app/Field';
import { TableBox } from '../app/TableBox';
import { numberLocale } from '../../shared/i18n/languages';

type Look = Omit<BackupInfo, 'file' | 'kind' | 'bytes'> & { path: string };

export function BackupsSection({ status, onStatus }: { status: AppStatus; onStatus: (s: AppStatus) => void }) {
  const { t } = useTranslation();
  const backups: BackupInfo[] = useCall('backups.list', {}).data ?? [];
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [folder, setFolder] = useState('');
  const [path, setPath] = useState('');
  const [look, setLook] = useState<Look | null>(null);
  const [busy, setBusy] = useState(false);
  const when = (iso: string) => new Date(iso).toLocaleString(numberLocale(status.language));

  const backUp = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await call('backups.create', folder.trim() ? { folder: folder.trim() } : {});
    setBusy(false);
    setError(r.ok ? null : r.error);
    setNotice(r.ok ? t('backups.made', { file: r.value.file, cases: r.value.counts.cases }) : null);
  };
  const inspect = async (p: string) => {
    setPath(p);
    setLook(null);
    const r = await call('backups.inspect', { path: p });
    if (r.ok) setLook({ ...r.value, path: p });
    setError(r.ok ? null : r.error);
  };
  const restore = async () => {
    if (!look) return;
    setBusy(true);
    const r = await call('backups.restore', { path: look.path });
    setBusy(false);
    if (r.ok) {
      setNotice(t('backups.restored', { at: when(look.createdAt) }));
      setLook(null);
      onStatus(r.value);
    } else setError(r.error);
  };

  return (
    <section aria-labelledby="backups-title">
      <h3 id="backups-title">{t('backups.title')}</h3>
      <p className="muted">{t('backups.help')}</p>
      <ErrorMessage error={error} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <form className="card" noValidate onSubmit={backUp} aria-label={t('backups.now')}>
        <Field id="backup-folder" label={t('backups.folder')}>
          <input
            id="backup-folder"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('backups.folderPlaceholder')}
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
          />
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? t('backups.working') : t('backups.now')}
        </button>
      </form>
      <div className="table-box">
        <TableBox label={t('backups.title')}>
          <table className="backups">
            <thead>
              <tr>
                <th>{t('backups.when')}</th>
                <th>{t('backups.kind')}</th>
                <th>{t('backups.cases')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.file}>
                  <td>{when(b.createdAt)}</td>
                  <td>{t(`backups.kinds.${b.kind}`)}</td>
                  <td>{b.counts.cases}</td>
                  <td>
                    <button type="button" className="secondary small" onClick={() => void inspect(b.file)}>
                      {t('backups.restoreThis')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      </div>
      <form
        className="card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void inspect(path.trim());
        }}
        aria-label={t('backups.fromFile')}
      >
        <Field id="restore-path" label={t('backups.fromFile')}>
          <input id="restore-path" autoComplete="off" spellCheck={false} value={path} onChange={(e) => setPath(e.target.value)} />
        </Field>
        <button type="submit" className="secondary">
          {t('backups.check')}
        </button>
      </form>
      {look ? (
        <div className="card" role="alertdialog" aria-label={t('backups.confirmTitle')}>
          <h4>{t('backups.confirmTitle')}</h4>
          <p>
            {t('backups.confirmText', {
              at: when(look.createdAt),
              cases: look.counts.cases,
              events: look.counts.events,
              values: look.counts.formValues,
              schema: look.schemaVersion,
            })}
          </p>
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => void restore()}>
              {t('backups.restore')}
            </button>
            <button type="button" className="secondary" onClick={() => setLook(null)}>
              {t('cases.cancel')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
