// A partner's package in: checked into a preview (who sent it, which number, what it adds, changes,
// deletes and refuses, and who may be the same person as a case already here), loaded on confirmation.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { MAX_PACKAGE_BYTES, type PackageLoadedSchema, type PackagePreview } from '../../shared/exchange/api';
import { formatDateTime } from '../../shared/dates';
import { appError, type AppError } from '../../shared/result';
import { call } from '../api/client';
import { TableBox } from '../app/TableBox';
import { FilePicker, useLastChoice } from '../exchange/import-parts';
import { fieldLabelKey } from './field-label';
import { AbroadPreview } from './AbroadPreview';
import { loadCorrections } from '../i18n-corrections';
import { TextChanges } from '../settings/TextChanges';

export function LoadPackage() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<PackagePreview | null>(null);
  const [done, setDone] = useState<z.infer<typeof PackageLoadedSchema> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  // Corrected texts in the package are taken only when ticked.
  const [takeTexts, setTakeTexts] = useState(false);

  const files = useLastChoice();
  const choose = async (file: File | undefined) => {
    const choice = files.choose();
    setPreview(null);
    setDone(null);
    setError(null);
    setTakeTexts(false);
    setBusy(false);
    if (!file) return;
    if (file.size === 0 || file.size > MAX_PACKAGE_BYTES)
      return setError({ ...appError('package_unreadable', { file: file.name }), messageKey: 'errors.package.not_package' });
    setBusy(true);
    const r = await files.send(choice, file, (contentBase64) => call('exchange.previewPackage', { fileName: file.name, contentBase64 }));
    if (!r) return; // another package chosen meanwhile: its answer is the one shown
    setBusy(false);
    if (r.ok) setPreview(r.value);
    else setError(r.error);
  };
  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    const r = await call('exchange.confirmPackage', { packageId: preview.packageId, translations: takeTexts });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    if (r.value.translations) await loadCorrections(); // the screens speak the texts taken
    setDone(r.value);
    setPreview(null);
  };
  const c = preview?.counts;
  const texts = preview?.translations ?? { new: 0, changed: 0, unchanged: 0, refused: 0 };

  return (
    <section className="packages-load" aria-busy={busy}>
      <h4>{t('packages.loadTitle')}</h4>
      <FilePicker
        id="package-file"
        label={t('packages.choose')}
        busy={busy}
        error={error}
        onChoose={(f) => void choose(f)}
        accept=".mhdpkg"
        job="exchange.previewPackage"
      />
      {done ? (
        <p className="notice" role="status" data-testid="package-loaded">
          {done.reports ? t('packages.loadedAbroad', { n: done.reports }) : t('packages.loaded', done)}
          {done.translations ? ` ${t('packages.textsTaken', { n: done.translations })}` : null}
        </p>
      ) : null}
      {preview && c ? (
        <div className="import-report" data-testid="package-preview">
          <p>
            {t('packages.from', {
              n: preview.sequence,
              centre: preview.sender.centre,
              at: formatDateTime(preview.createdAt),
            })}{' '}
            {preview.abroad
              ? null
              : preview.full
                ? t('packages.isFull')
                : t('packages.isSince', { since: formatDateTime(preview.since ?? '') })}
          </p>
          {preview.abroad ? <AbroadPreview abroad={preview.abroad} alreadyLoaded={preview.alreadyLoaded} /> : null}
          {preview.alreadyLoaded ? (
            <p className="notice" data-testid="package-already">
              {t('packages.already')}
            </p>
          ) : preview.abroad ? null : (
            <ul data-testid="package-counts">
              <li>{t('packages.counts.new', { n: c.new })}</li>
              <li>{t('packages.counts.changed', { n: c.changed })}</li>
              <li>{t('packages.counts.unchanged', { n: c.unchanged })}</li>
              <li>{t('packages.counts.deleted', { n: c.deleted })}</li>
              <li>{t('packages.counts.refused', { n: c.refused })}</li>
              {c.newUnits ? <li>{t('packages.counts.newUnits', { n: c.newUnits })}</li> : null}
              <li data-testid="package-forms">
                {t('packages.forms', {
                  ...preview.forms.values,
                  approved: preview.forms.approvals.new,
                  unapproved: preview.forms.approvals.removed,
                })}
              </li>
              {preview.forms.refused ? <li>{t('packages.formsRefused', { n: preview.forms.refused })}</li> : null}
              {preview.forms.conflicts ? <li>{t('packages.formsConflicts', { n: preview.forms.conflicts })}</li> : null}
            </ul>
          )}
          {preview.gap ? (
            <p className="warning" data-testid="package-gap">
              {t('packages.gap', { from: preview.gap.from, to: preview.gap.to })}
            </p>
          ) : null}
          {preview.refused.length ? (
            <TableBox label={t('packages.refusedTitle')}>
              <table className="cases" data-testid="package-refused">
                <caption>{t('packages.refusedTitle')}</caption>
                <thead>
                  <tr>
                    <th>{t('packages.originId')}</th>
                    <th>{t('imports.column')}</th>
                    <th>{t('imports.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.refused.map((r, i) => (
                    <tr key={i}>
                      <td>{r.originId}</td>
                      <td>{t(fieldLabelKey(r.path))}</td>
                      <td>{t(r.messageKey)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableBox>
          ) : null}
          {preview.samePerson.length ? (
            <TableBox label={t('packages.samePersonTitle')}>
              <table className="cases" data-testid="package-same-person">
                <caption>{t('packages.samePersonTitle', { n: c.samePerson })}</caption>
                <thead>
                  <tr>
                    <th>{t('packages.theirNo')}</th>
                    <th>{t('packages.ourNo')}</th>
                    <th>{t('packages.ourUnit')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.samePerson.map((p) => (
                    <tr key={p.originId}>
                      <td>{p.registerNo}</td>
                      <td>{p.existingRegisterNo}</td>
                      <td>{p.existingUnit}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableBox>
          ) : null}
          {c.samePerson ? <p className="muted small">{t('packages.samePersonNote')}</p> : null}
          {preview.textChanges.length ? (
            <TableBox label={t('packages.textsTitle')}>
              <TextChanges changes={preview.textChanges} caption={t('packages.textsTitle')} testId="package-texts" withLanguage />
            </TableBox>
          ) : null}
          {texts.new + texts.changed > 0 ? (
            <label className="check">
              <input id="package-take-texts" type="checkbox" checked={takeTexts} onChange={(e) => setTakeTexts(e.target.checked)} />
              {t('packages.takeTexts', { new: texts.new, changed: texts.changed })}
            </label>
          ) : null}
          {texts.refused ? <p className="muted small">{t('packages.textsRefused', { n: texts.refused })}</p> : null}
          <div className="actions">
            <button type="button" onClick={() => void confirm()} disabled={busy}>
              {preview.alreadyLoaded
                ? takeTexts
                  ? t('packages.confirmTexts')
                  : t('packages.confirmNothing')
                : t('packages.confirm', { n: preview.sequence })}
            </button>
            <button type="button" className="secondary" onClick={() => setPreview(null)}>
              {t('imports.cancel')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
