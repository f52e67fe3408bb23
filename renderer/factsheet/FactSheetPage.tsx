// The annual fact sheet "HIV and Migration": pick a country and year, enter section 1 and the
// text, see the sheet as it prints (this year beside last year), print it or save it to Excel.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus, Country, Language } from '../../shared/contract';
import type { ExportedFile } from '../../shared/exports/api';
import type { ContextValue, FactSheet } from '../../shared/factsheet/api';
import type { TextSection } from '../../shared/factsheet/definitions';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { queryClient, useCall } from '../api/queries';
import { CountrySelect } from '../app/CountrySelect';
import { loadCountries } from '../app/countries';
import { ErrorMessage } from '../app/ErrorMessage';
import { FileLink } from '../exchange/FileLink';
import { ContextForm } from './ContextForm';
import { FactSheetView } from './FactSheetView';
import { TextSections } from './TextSections';
import { chooseYear, yearChosen, yearToShow } from '../app/chosen-year';
import { languageOf } from '../../shared/i18n/languages';
import { countryName } from '../../shared/i18n/country-names';

export function FactSheetPage({ status }: { status: AppStatus }) {
  const { t, i18n } = useTranslation();
  const lang: Language = languageOf(i18n.language);
  const db = status.database!;
  const [country, setCountry] = useState(db.orgUnitPath[0]!.countryCode);
  // null: the year chosen in another section, else the latest year with a sheet, else the register's latest.
  const [year, setYearState] = useState<string | null>(null);
  const setYear = (y: string) => {
    chooseYear(y);
    setYearState(y);
  };
  const [tab, setTab] = useState<'view' | 'edit'>('view');
  const [countries, setCountries] = useState<Country[]>([]);
  const [file, setFile] = useState<ExportedFile | null>(null);
  const [printed, setPrinted] = useState<string | null>(null);
  const [failure, setError] = useState<AppError | null>(null);
  useEffect(() => void loadCountries().then(setCountries), []);

  // The sheet through the query cache, keyed by country and year: an answer to a choice already
  // left is never shown under the new one (a large register's first count for a year takes seconds).
  const asked = year ?? yearToShow(status);
  const whole = /^\d{4}$/.test(asked);
  const got = useCall('factsheet.get', { country, year: Number(asked), language: lang }, { enabled: whole });
  const sheet: FactSheet | null = whole ? (got.data ?? null) : null;
  const loading = whole && got.isFetching && !got.data;
  const error = failure ?? got.error?.error ?? null;
  // Opened without a year: go to the latest sheet this country has.
  useEffect(() => {
    if (year !== null || !got.data) return;
    // A year chosen in another section is kept; otherwise the latest year with a sheet.
    setYearState(!yearChosen() && got.data.years.length && !got.data.years.includes(Number(asked)) ? String(got.data.years[0]) : asked);
  }, [year, got.data, asked]);
  useEffect(() => setFile(null), [country, year]);
  const stored = (next: FactSheet) =>
    queryClient.setQueryData(['factsheet.get', { country: next.country, year: next.year, language: lang }], next);

  // Notes and texts are written in the screen's language (kept apart from other languages' versions).
  const key = () => ({ country, year: Number(year), language: lang });
  const saveContext = async (values: ContextValue[]) => {
    const r = await call('factsheet.saveContext', { ...key(), values });
    if (r.ok) {
      stored(r.value);
      setError(null);
    } else setError(r.error);
    return r.ok;
  };
  const saveText = async (section: TextSection, body: string) => {
    const r = await call('factsheet.saveText', { ...key(), section, body });
    if (r.ok) {
      stored(r.value);
      setError(null);
    } else setError(r.error);
    return r.ok;
  };
  const workbook = async () => {
    const r = await call('factsheet.workbook', { ...key(), language: lang });
    if (r.ok) setFile(r.value);
    else setError(r.error);
  };
  // Electron prints the window to a PDF the user places; a browser opens its own print dialog.
  const print = async () => {
    setTab('view');
    await new Promise((r) => requestAnimationFrame(r));
    if (!window.desk) return window.print();
    const r = await call('files.printToPdf', { fileName: `fact-sheet-${country}-${year}.pdf` });
    if (r.ok) setPrinted(r.value.savedTo);
    else setError(r.error);
  };
  const name = (c: Country) => countryName(c.code, lang);
  const countryNames = Object.fromEntries(countries.map((c) => [c.code, name(c)]));

  return (
    <section className="fact-page">
      <div className="toolbar no-print">
        <h2>{t('factsheet.title')}</h2>
      </div>
      <div className="period-bar no-print">
        <label className="filter">
          <span>{t('factsheet.country')}</span>
          <CountrySelect id="fact-country" value={country} onChange={(c) => /^[A-Z]{3}$/.test(c) && (setCountry(c), setYearState(null))} />
        </label>
        <label className="filter">
          <span>{t('factsheet.year')}</span>
          <input id="fact-year" inputMode="numeric" maxLength={4} value={year ?? ''} onChange={(e) => setYear(e.target.value)} />
        </label>
        <div className="tabs" role="tablist">
          {(['view', 'edit'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={tab === k}
              className={tab === k ? '' : 'secondary'}
              onClick={() => setTab(k)}
            >
              {t(`factsheet.${k}`)}
            </button>
          ))}
        </div>
        <button type="button" className="secondary" onClick={() => void print()} disabled={!sheet}>
          {t('factsheet.print')}
        </button>
        {printed ? (
          <span role="status" className="notice">
            {t('files.savedTo', { path: printed })}
          </span>
        ) : null}
        <button type="button" className="secondary" onClick={() => void workbook()} disabled={!sheet}>
          {t('factsheet.workbook')}
        </button>
        {file ? (
          <span data-testid="fact-workbook">
            <FileLink file={file} label={file.fileName} />
          </span>
        ) : null}
      </div>
      <ErrorMessage error={error} />
      {loading ? (
        <p role="status" className="muted no-print">
          {t('common.loading')}
        </p>
      ) : null}
      {sheet && String(sheet.year) === year && sheet.country === country ? (
        tab === 'view' ? (
          <FactSheetView
            sheet={sheet}
            countryName={countryNames[country] ?? country}
            countryNames={countryNames}
            demo={db.kind === 'demo'}
          />
        ) : (
          <>
            <ContextForm sheet={sheet} onSave={saveContext} />
            <TextSections texts={sheet.texts} languages={sheet.textLanguages} onSave={saveText} />
          </>
        )
      ) : null}
    </section>
  );
}
