// A package for a partner: to a centre of this country, this centre's own cases changed since the
// last package to it, or all of them; to another country's centre, the counts of its citizens
// newly diagnosed here, year by year (no case). Saved as one sealed file to carry by hand or e-mail.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { MadePackageSchema } from '../../shared/exchange/api';
import type { MadeAbroadPackageSchema } from '../../shared/exchange/abroad';
import { useUnitName } from '../app/countries';
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
  // The centre's corrected texts go only when ticked (Settings → Languages made them).
  const [withTexts, setWithTexts] = useState(false);
  const corrected = useCall('translations.get', {});
  const correctedCount = Object.values(corrected.data ?? {}).reduce((n, texts) => n + Object.keys(texts).length, 0);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<z.infer<typeof MadePackageSchema> | null>(null);
  const [madeAbroad, setMadeAbroad] = useState<z.infer<typeof MadeAbroadPackageSchema> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const lastYear = new Date().getFullYear() - 1;
  const [fromYear, setFromYear] = useState(String(lastYear - 1));
  const [toYear, setToYear] = useState(String(lastYear));
  const me = useCall('exchange.identity', {});
  const unitName = useUnitName();
  const countryName = (code: string) => unitName({ level: 'country', countryCode: code, name: code });
  const list = partners.data ?? [];
  const chosen = partnerId ?? list[0]?.id ?? null;
  const to = list.find((p) => p.id === chosen);
  // Another country's centre gets the counts of its citizens diagnosed here; the register stays in the country.
  const abroad = !!to && !!me.data && to.countryCode !== me.data.countryCode;

  const make = async () => {
    if (chosen === null) return;
    setBusy(true);
    setError(null);
    setMade(null);
    setMadeAbroad(null);
    if (abroad) {
      const r = await call('exchange.makeAbroadPackage', { partnerId: chosen, fromYear: Number(fromYear), toYear: Number(toYear) });
      setBusy(false);
      if (r.ok) setMadeAbroad(r.value);
      else setError(r.error);
    } else {
      const r = await call('exchange.makePackage', { partnerId: chosen, full, translations: withTexts && correctedCount > 0 });
      setBusy(false);
      if (r.ok) setMade(r.value);
      else setError(r.error);
    }
    void partners.refetch();
  };
  const yearInput = (id: string, label: string, value: string, set: (v: string) => void) => (
    <label className="filter">
      <span>{label}</span>
      <input id={id} inputMode="numeric" maxLength={4} size={5} value={value} onChange={(e) => set(e.target.value)} />
    </label>
  );

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
                    {me.data && p.countryCode !== me.data.countryCode ? `${p.centre} (${countryName(p.countryCode)})` : p.centre}
                  </option>
                ))}
              </select>
            </label>
            {abroad ? (
              <>
                {yearInput('abroad-from', t('packages.abroadFrom'), fromYear, setFromYear)}
                {yearInput('abroad-to', t('packages.abroadTo'), toYear, setToYear)}
              </>
            ) : (
              <>
                <label className="check">
                  <input id="package-full" type="checkbox" checked={full} onChange={(e) => setFull(e.target.checked)} />
                  {t('packages.full')}
                </label>
                {correctedCount > 0 ? (
                  <label className="check">
                    <input id="package-texts" type="checkbox" checked={withTexts} onChange={(e) => setWithTexts(e.target.checked)} />
                    {t('packages.sendTexts', { n: correctedCount })}
                  </label>
                ) : null}
              </>
            )}
          </div>
          <p className="muted small">
            {abroad && to ? t('packages.abroadHelp', { country: countryName(to.countryCode) }) : t('packages.sendHelp')}
          </p>
          {to && !abroad ? <ContinueNumbering partnerId={to.id} onDone={() => void partners.refetch()} /> : null}
          <button type="button" onClick={() => void make()} disabled={busy}>
            {busy
              ? t('packages.making')
              : abroad && to
                ? t('packages.makeAbroad', { country: countryName(to.countryCode) })
                : t('packages.make')}
          </button>
        </>
      )}
      <ErrorMessage error={error} labels={{ fromYear: t('packages.abroadFrom'), toYear: t('packages.abroadTo') }} />
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
            {made.counts.translations ? ` ${t('packages.madeTexts', { n: made.counts.translations })}` : null}
          </p>
          <FileLink file={made.file} label={made.file.fileName} />
        </div>
      ) : null}
      {madeAbroad ? (
        <div role="status" className="notice" data-testid="package-made">
          <p>
            {t('packages.madeAbroad', {
              n: madeAbroad.sequence,
              years: madeAbroad.years.map((y) => `${y.year}: ${y.total === null ? t('packages.abroadHiddenShort') : y.total}`).join('; '),
            })}
          </p>
          <FileLink file={madeAbroad.file} label={madeAbroad.file.fileName} />
        </div>
      ) : null}
    </section>
  );
}

/**
 * After a restore from a backup this copy would reuse numbers the partner has loaded: the partner's
 * refusal names the last one, and the next package goes after it, in full.
 */
function ContinueNumbering({ partnerId, onDone }: { partnerId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [after, setAfter] = useState('');
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const submit = async () => {
    setError(null);
    setNext(null);
    const r = await call('exchange.continueNumbering', { partnerId, after: Number(after) });
    if (!r.ok) return setError(r.error);
    setNext(r.value.next);
    onDone();
  };
  return (
    <details className="continue-numbering">
      <summary>{t('packages.restoredTitle')}</summary>
      <p className="muted small">{t('packages.restoredHelp')}</p>
      <form
        className="period-bar"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="filter">
          <span>{t('packages.continueAfter')}</span>
          <input id="continue-after" inputMode="numeric" maxLength={6} size={7} value={after} onChange={(e) => setAfter(e.target.value)} />
        </label>
        <button type="submit" className="secondary">
          {t('packages.continueButton')}
        </button>
      </form>
      <ErrorMessage error={error} labels={{ after: t('packages.continueAfter') }} />
      {next ? (
        <p role="status" className="notice" data-testid="numbering-continued">
          {t('packages.continued', { n: next })}
        </p>
      ) : null}
    </details>
  );
}
