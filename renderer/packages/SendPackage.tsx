// A package for a partner: this centre's own cases changed since the last package to it, or all of
// them; saved as one sealed file to carry by hand or e-mail.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { MadePackageSchema } from '../../shared/exchange/api';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { useCall } from '../api/queries';
import { ErrorMessage } from '../app/ErrorMessage';
import { FileLink } from '../exchange/FileLink';

export function SendPackage() {
  const { t } = useTranslation();
  const partners = useCall('exchange.partners', {});
  const [partnerId, setPartnerId] = useState<number | null>(null);
  const [full, setFull] = useState(false);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<z.infer<typeof MadePackageSchema> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const list = partners.data ?? [];
  const chosen = partnerId ?? list[0]?.id ?? null;

  const make = async () => {
    if (chosen === null) return;
    setBusy(true);
    setError(null);
    setMade(null);
    const r = await call('exchange.makePackage', { partnerId: chosen, full });
    setBusy(false);
    if (r.ok) {
      setMade(r.value);
      void partners.refetch();
    } else setError(r.error);
  };

  return (
    <section className="packages-send" aria-busy={busy}>
      <h4>{t('packages.sendTitle')}</h4>
      {list.length === 0 ? (
        <p className="muted">{t('packages.sendNeedsPartner')}</p>
      ) : (
        <>
          <div className="period-bar">
            <label className="filter">
              <span>{t('packages.to')}</span>
              <select id="package-to" value={chosen ?? ''} onChange={(e) => setPartnerId(Number(e.target.value))}>
                {list.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.centre}
                  </option>
                ))}
              </select>
            </label>
            <label className="check">
              <input id="package-full" type="checkbox" checked={full} onChange={(e) => setFull(e.target.checked)} />
              {t('packages.full')}
            </label>
          </div>
          <p className="muted small">{t('packages.sendHelp')}</p>
          <button type="button" onClick={() => void make()} disabled={busy}>
            {busy ? t('packages.making') : t('packages.make')}
          </button>
        </>
      )}
      <ErrorMessage error={error} />
      {made ? (
        <div role="status" className="notice" data-testid="package-made">
          <p>
            {t(made.full ? 'packages.madeFull' : 'packages.madeSince', {
              n: made.sequence,
              cases: made.counts.cases,
              events: made.counts.events,
              deleted: made.counts.deleted,
              values: made.counts.values,
              approvals: made.counts.approvals,
            })}
          </p>
          <FileLink file={made.file} label={made.file.fileName} />
        </div>
      ) : null}
    </section>
  );
}
