// Entry of section 1 for a country and year: a row per indicator (value, interval for estimates,
// the year it refers to, source, note, "no data") and the five ratifications. Tab moves along the
// row, Enter saves the lot in one audited change; a value typed "17,918" or "2 724,9" is read as
// a Russian clerk means it.
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ContextValue, FactSheet } from '../../shared/factsheet/api';
import { CONTEXT_ROWS, INSTRUMENTS } from '../../shared/factsheet/definitions';
import { parseTyped, typedDecimals } from './format';
import { keepTyped } from '../app/keep-typed';
import { TableBox } from '../app/TableBox';
import { decimalComma, languageOf } from '../../shared/i18n/languages';
import { contextLabel, contextUnit, instrumentLabel } from '../../shared/factsheet/labels';

type RowFields = { value: string; low: string; high: string; dataYear: string; source: string; note: string; noData: boolean };
type Fields = { rows: Record<string, RowFields>; ratifications: Record<string, string> };

/** A stored number as the clerk types it, with the decimals it was typed with: a decimal comma where the language writes one. */
const shown = (v: number | null | undefined, lang: string, decimals: number | null | undefined) => {
  if (v === null || v === undefined) return '';
  const text = decimals === null || decimals === undefined ? String(v) : v.toFixed(decimals);
  return decimalComma(languageOf(lang)) ? text.replace('.', ',') : text;
};

function fieldsOf(sheet: FactSheet, lang: string): Fields {
  const rows: Record<string, RowFields> = {};
  for (const c of sheet.context) {
    const v = c.current;
    rows[c.indicator] = {
      value: shown(v?.value, lang, v?.decimals),
      low: shown(v?.low, lang, v?.decimals),
      high: shown(v?.high, lang, v?.decimals),
      dataYear: v?.dataYear ?? '',
      source: v?.source ?? '',
      // A note written only in another language is not this language's: shown beside, never saved as one.
      note: sheet.noteLanguages[c.indicator] === lang ? (v?.note ?? '') : '',
      noData: v?.text === 'no_data',
    };
  }
  return { rows, ratifications: Object.fromEntries(sheet.ratifications.map((r) => [r.instrument, r.current ?? ''])) };
}

export function ContextForm({ sheet, onSave }: { sheet: FactSheet; onSave: (values: ContextValue[]) => Promise<boolean> }) {
  const { t, i18n } = useTranslation();
  const lang = languageOf(i18n.language);
  const { register, handleSubmit, reset, getValues, watch, setError, formState } = useForm<Fields>({
    defaultValues: fieldsOf(sheet, lang),
  });
  const [saved, setSaved] = useState(false);
  // "Saved" says the screen holds what is stored: gone at the first key typed after.
  useEffect(() => {
    const typed = watch((_, { type }) => type === 'change' && setSaved(false));
    return () => typed.unsubscribe();
  }, [watch]);
  // The note in another language, as a hint in the empty field (and read out with it).
  const otherNote = (code: string) => {
    const written = sheet.noteLanguages[code];
    const note = sheet.context.find((c) => c.indicator === code)?.current?.note;
    if (!written || written === lang || !note) return {};
    const hint = `${t('common.languageName', { lng: written })}: ${note}`;
    return { placeholder: hint, title: hint };
  };
  // The sheet read again (this form's save, a text saved below, a late answer): fields typed and
  // not yet saved keep what was typed. Another language is another form: filled afresh.
  const shown = useRef({ lang, fields: fieldsOf(sheet, lang) });
  useEffect(() => {
    const next = fieldsOf(sheet, lang);
    reset(shown.current.lang === lang ? keepTyped(shown.current.fields, getValues(), next) : next);
    shown.current = { lang, fields: next };
  }, [sheet, lang, reset, getValues]);

  const submit = handleSubmit(async (f) => {
    setSaved(false);
    let bad = false;
    const num = (code: string, field: 'value' | 'low' | 'high') => {
      const n = parseTyped(f.rows[code]![field], lang);
      if (Number.isNaN(n)) {
        bad = true;
        setError(`rows.${code}.${field}`, { message: 'validation.number_format' });
      }
      return Number.isNaN(n) ? null : n;
    };
    const values: ContextValue[] = CONTEXT_ROWS.map((r) => {
      const row = f.rows[r.code]!;
      const typed = [row.value, ...(r.kind === 'range' ? [row.low, row.high] : [])].filter((x) => x.trim() !== '');
      const before = sheet.context.find((c) => c.indicator === r.code)?.current;
      const source = row.source.trim() || null;
      return {
        indicator: r.code,
        value: row.noData ? null : num(r.code, 'value'),
        low: r.kind === 'range' ? num(r.code, 'low') : null,
        high: r.kind === 'range' ? num(r.code, 'high') : null,
        text: row.noData ? 'no_data' : null,
        dataYear: row.dataYear.trim() || null,
        source,
        note: row.note.trim() || null,
        // Printed as typed (12,0 stays 12,0); the source keeps its footnote number while it is the same source.
        decimals: row.noData || !typed.length ? null : Math.max(...typed.map((x) => typedDecimals(x, lang))),
        footnote: before?.source === source ? (before?.footnote ?? null) : null,
      };
    });
    for (const i of INSTRUMENTS) {
      const v = f.ratifications[i.code];
      values.push({
        indicator: i.code,
        value: null,
        low: null,
        high: null,
        text: v === 'yes' || v === 'no' || v === 'signed' ? v : null,
        dataYear: null,
        source: null,
        note: null,
        decimals: null,
        footnote: null,
      });
    }
    if (bad) return;
    setSaved(await onSave(values));
  });
  const err = (code: string, field: 'value' | 'low' | 'high') => formState.errors.rows?.[code]?.[field]?.message;

  return (
    <form className="fact-entry" onSubmit={(e) => void submit(e)} aria-label={t('factsheet.sections.context')}>
      <p className="muted">{t('factsheet.contextHelp')}</p>
      <TableBox label={t('factsheet.sections.context')}>
        <table className="cases">
          <thead>
            <tr>
              <th>{t('factsheet.indicator')}</th>
              <th>{t('factsheet.value')}</th>
              <th>{t('factsheet.low')}</th>
              <th>{t('factsheet.high')}</th>
              <th>{t('factsheet.dataYear')}</th>
              <th>{t('factsheet.source')}</th>
              <th>{t('factsheet.note')}</th>
              <th>{t('factsheet.noData')}</th>
            </tr>
          </thead>
          <tbody>
            {CONTEXT_ROWS.map((r) => (
              <tr key={r.code} data-indicator={r.code}>
                <th scope="row">
                  <label htmlFor={`ctx-${r.code}-value`}>
                    {contextLabel(r.code, lang)}
                    {contextUnit(r.code, lang) ? `, ${contextUnit(r.code, lang)}` : ''}
                  </label>
                </th>
                <td>
                  <input
                    id={`ctx-${r.code}-value`}
                    inputMode="decimal"
                    size={9}
                    aria-invalid={!!err(r.code, 'value')}
                    {...register(`rows.${r.code}.value`)}
                  />
                  {err(r.code, 'value') ? <span className="field-error">{t(err(r.code, 'value')!)}</span> : null}
                </td>
                <td>
                  {r.kind === 'range' ? (
                    <input
                      id={`ctx-${r.code}-low`}
                      inputMode="decimal"
                      size={6}
                      aria-label={t('factsheet.low')}
                      {...register(`rows.${r.code}.low`)}
                    />
                  ) : null}
                </td>
                <td>
                  {r.kind === 'range' ? (
                    <input
                      id={`ctx-${r.code}-high`}
                      inputMode="decimal"
                      size={6}
                      aria-label={t('factsheet.high')}
                      {...register(`rows.${r.code}.high`)}
                    />
                  ) : null}
                </td>
                <td>
                  <input
                    id={`ctx-${r.code}-dataYear`}
                    size={9}
                    aria-label={t('factsheet.dataYear')}
                    {...register(`rows.${r.code}.dataYear`)}
                  />
                </td>
                <td>
                  <input id={`ctx-${r.code}-source`} size={28} aria-label={t('factsheet.source')} {...register(`rows.${r.code}.source`)} />
                </td>
                <td>
                  <input
                    id={`ctx-${r.code}-note`}
                    size={16}
                    aria-label={t('factsheet.note')}
                    {...otherNote(r.code)}
                    {...register(`rows.${r.code}.note`)}
                  />
                </td>
                <td>
                  <input type="checkbox" aria-label={t('factsheet.noData')} {...register(`rows.${r.code}.noData`)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
      <table className="cases">
        <caption>{t('factsheet.ratifications')}</caption>
        <tbody>
          {INSTRUMENTS.map((i) => (
            <tr key={i.code}>
              <th scope="row">
                <label htmlFor={`ctx-${i.code}`}>{instrumentLabel(i.code, lang)}</label>
              </th>
              <td>
                <select id={`ctx-${i.code}`} {...register(`ratifications.${i.code}`)}>
                  <option value="">—</option>
                  {(['yes', 'no', 'signed'] as const).map((v) => (
                    <option key={v} value={v}>
                      {t(`factsheet.ratification.${v}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="submit" disabled={formState.isSubmitting}>
          {t('factsheet.save')}
        </button>
        {saved ? (
          <span role="status" className="notice">
            {t('factsheet.saved')}
          </span>
        ) : null}
      </div>
    </form>
  );
}
