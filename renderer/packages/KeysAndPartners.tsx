// This centre's key (its fingerprint, read aloud to partners, and the file it hands out once) and
// the centres it exchanges with, each added from the key file that centre gave.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportedFile } from '../../shared/exports/api';
import { groupFingerprint, MAX_KEY_FILE_BYTES } from '../../shared/exchange/api';
import { appError, type AppError } from '../../shared/result';
import { call } from '../api/client';
import { useCall } from '../api/queries';
import { TableBox } from '../app/TableBox';
import { FileLink } from '../exchange/FileLink';
import { FilePicker, fileBase64 } from '../exchange/import-parts';
import { PartnerChange, type PartnerChangeKind } from './PartnerChange';

export function KeysAndPartners() {
  const { t } = useTranslation();
  const me = useCall('exchange.identity', {});
  const partners = useCall('exchange.partners', {});
  const [keyFile, setKeyFile] = useState<ExportedFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [changing, setChanging] = useState<{ id: number; kind: PartnerChangeKind } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const chosen = partners.data?.find((p) => p.id === changing?.id);
  const change = (id: number, kind: PartnerChangeKind) => {
    setNotice(null);
    setChanging({ id, kind });
  };

  const saveKey = async () => {
    const r = await call('exchange.keyFile', {});
    if (r.ok) setKeyFile(r.value);
    else setError(r.error);
  };
  const add = async (file: File | undefined) => {
    setError(null);
    setAdded(null);
    if (!file) return;
    if (file.size === 0 || file.size > MAX_KEY_FILE_BYTES)
      return setError({ ...appError('key_file_invalid', { file: file.name }), messageKey: 'errors.key_file_not_key' });
    setBusy(true);
    const r = await call('exchange.addPartner', { fileName: file.name, contentBase64: await fileBase64(file) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setAdded(r.value.centre);
    await partners.refetch();
  };

  return (
    <section className="packages-keys">
      <h4>{t('packages.keysTitle')}</h4>
      <p className="muted">{t('packages.keysHelp')}</p>
      {me.data ? (
        <p>
          {t('packages.myFingerprint', { centre: me.data.centre })}{' '}
          <code className="fingerprint" data-testid="my-fingerprint">
            {groupFingerprint(me.data.fingerprint)}
          </code>
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void saveKey()}>
          {t('packages.saveKey')}
        </button>
        {keyFile ? <FileLink file={keyFile} label={keyFile.fileName} /> : null}
      </div>
      <h5>{t('packages.partnersTitle')}</h5>
      {partners.data?.length ? (
        <TableBox label={t('packages.partnersTitle')}>
          <table className="cases partners" data-testid="partners">
            <thead>
              <tr>
                <th>{t('packages.centre')}</th>
                <th>{t('packages.place')}</th>
                <th>{t('packages.fingerprint')}</th>
                <th>{t('packages.lastSent')}</th>
                <th>{t('packages.lastReceived')}</th>
                <th>{t('packages.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {partners.data.map((p) => (
                <tr key={p.id} data-partner={p.id}>
                  <th scope="row">{p.centre}</th>
                  <td>{p.unitPath.slice(0, -1).join(' › ')}</td>
                  <td>
                    <code className="fingerprint">{groupFingerprint(p.fingerprint)}</code>
                  </td>
                  <td>{p.lastSent ?? '—'}</td>
                  <td>{p.lastReceived ?? '—'}</td>
                  <td className="actions">
                    <button type="button" className="secondary" onClick={() => change(p.id, 'replace')}>
                      {t('packages.replaceKey')}
                    </button>{' '}
                    <button type="button" className="secondary danger" onClick={() => change(p.id, 'remove')}>
                      {t('packages.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      ) : (
        <p className="muted">{t('packages.noPartners')}</p>
      )}
      {chosen && changing ? (
        <PartnerChange
          key={`${chosen.id}-${changing.kind}`}
          partner={chosen}
          kind={changing.kind}
          onCancel={() => setChanging(null)}
          onDone={(text) => {
            setChanging(null);
            setNotice(text);
            void partners.refetch();
          }}
        />
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <FilePicker
        id="partner-key"
        label={t('packages.addPartner')}
        busy={busy}
        error={error}
        onChoose={(f) => void add(f)}
        accept=".mhdkey"
      />
      {added ? (
        <p className="notice" role="status">
          {t('packages.partnerAdded', { centre: added })}
        </p>
      ) : null}
    </section>
  );
}
