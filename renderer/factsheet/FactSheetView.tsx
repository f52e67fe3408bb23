// The fact sheet as it is printed: the five sections of the report's annexes, this year beside
// last year with the change, sources under section 1, small counts of foreigners hidden.
import { numberSources } from '../../shared/factsheet/sources';
import { textLines } from '../../shared/factsheet/text-lines';
import { PERCENTAGE_TERMS } from '../../shared/indicators/cascade-suppression';
import { estimateSourceText } from '../../shared/indicators/estimate-source';
import { useTranslation } from 'react-i18next';
import type { AbroadCell, FactSheet } from '../../shared/factsheet/api';
import { formatDate } from '../../shared/dates';
import { CONTEXT_ROWS, type TextSection } from '../../shared/factsheet/definitions';
import { formatChange, formatNumber, formatRatio } from './format';
import { NewCasesFigure } from './NewCasesFigure';
import { languageOf } from '../../shared/i18n/languages';
import { contextLabel, contextUnit, instrumentLabel } from '../../shared/factsheet/labels';

type Props = { sheet: FactSheet; countryName: string; countryNames: Record<string, string>; demo: boolean };

export function FactSheetView({ sheet, countryName, countryNames, demo }: Props) {
  const { t, i18n } = useTranslation();
  const lang = languageOf(i18n.language);
  const y = sheet.year;
  const num = (v: number | null | undefined, decimals: number | null = null) =>
    v === null || v === undefined ? '' : formatNumber(v, 3, lang, decimals);
  const text = (section: TextSection) => {
    const { note, items } = textLines(sheet.texts[section]);
    const written = sheet.textLanguages[section];
    // Only written in another language: shown as it is, saying so.
    const other = written && written !== lang ? t('factsheet.textInOther', { language: t('common.languageName', { lng: written }) }) : null;
    return items.length ? (
      <>
        {note || other ? <p className="fact-text-note">{[other, note].filter(Boolean).join(' ')}</p> : null}
        <ul className="fact-text" data-section={section}>
          {items.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      </>
    ) : null;
  };
  const reg = sheet.register;
  // A breakdown's row with none in either year is left out of print (the screen keeps every row).
  const pair = (label: string, p: { current: number; previous: number }, key?: string) => (
    <tr key={key ?? label} className={key && p.current === 0 && p.previous === 0 ? 'zero-row' : undefined}>
      <th scope="row">{label}</th>
      <td>{p.current}</td>
      <td>{p.previous}</td>
      <td>{formatChange(p.current - p.previous, 0, lang)}</td>
      <td>{p.previous ? formatRatio((p.current - p.previous) / p.previous, lang) : ''}</td>
    </tr>
  );
  const pairHead = (
    <thead>
      <tr>
        <th />
        <th>{y}</th>
        <th>{y - 1}</th>
        <th>{t('factsheet.change')}</th>
        <th>{t('factsheet.changePct')}</th>
      </tr>
    </thead>
  );
  const hidden = <span title={t('indicators.hidden')}>*</span>;
  const sources = numberSources(
    sheet.context.flatMap((c) => (c.current ? [{ indicator: c.indicator, source: c.current.source, footnote: c.current.footnote }] : [])),
  );
  const notes = sheet.context.filter((c) => c.current?.note);

  return (
    <article className="fact-sheet" data-testid="fact-sheet">
      <header>
        <h2>{t('factsheet.title')}</h2>
        <p className="fact-country">
          {countryName}, {y}
        </p>
      </header>

      <section>
        <h3>{t('factsheet.sections.context')}</h3>
        <table className="fact-table context" data-testid="fact-context">
          <thead>
            <tr>
              <th>{t('factsheet.indicator')}</th>
              <th>{t('factsheet.dataYear')}</th>
              <th>{y}</th>
              <th>{y - 1}</th>
              <th>{t('factsheet.change')}</th>
              <th>{t('factsheet.source')}</th>
            </tr>
          </thead>
          <tbody>
            {sheet.context
              .filter((c) => c.current || c.previous)
              .map((c) => {
                const def = CONTEXT_ROWS.find((r) => r.code === c.indicator)!;
                const show = (v: typeof c.current) =>
                  !v
                    ? ''
                    : v.text === 'no_data'
                      ? t('factsheet.noData')
                      : `${num(v.value, v.decimals)}${v.low !== null ? ` (${num(v.low, v.decimals)}–${num(v.high, v.decimals)})` : ''}`;
                return (
                  <tr key={c.indicator} data-indicator={c.indicator}>
                    <th scope="row">
                      {contextLabel(def.code, lang)}
                      {contextUnit(def.code, lang) ? `, ${contextUnit(def.code, lang)}` : ''}
                    </th>
                    <td>{c.current?.dataYear ?? ''}</td>
                    <td className="num">{show(c.current)}</td>
                    <td className="num">{show(c.previous)}</td>
                    <td className="num">
                      {c.change
                        ? `${formatChange(Math.round(c.change.diff * 1000) / 1000, 3, lang)}${c.change.ratio !== null ? ` (${formatRatio(c.change.ratio, lang)})` : ''}`
                        : ''}
                    </td>
                    <td className="source">
                      {sources.numberOf.get(c.indicator) ?? ''}
                      {c.current?.note
                        ? ` (${t('factsheet.note').toLowerCase()} ${notes.findIndex((n) => n.indicator === c.indicator) + 1})`
                        : ''}
                    </td>
                  </tr>
                );
              })}
          </tbody>
        </table>
        <table className="fact-table" data-testid="fact-ratifications">
          <caption>{t('factsheet.ratifications')}</caption>
          <thead>
            <tr>
              <th>{t('factsheet.instrument')}</th>
              <th>{y}</th>
              <th>{y - 1}</th>
            </tr>
          </thead>
          <tbody>
            {sheet.ratifications.map((r) => (
              <tr key={r.instrument}>
                <th scope="row">{instrumentLabel(r.instrument, lang)}</th>
                <td>{r.current ? t(`factsheet.ratification.${r.current}`) : ''}</td>
                <td>{r.previous ? t(`factsheet.ratification.${r.previous}`) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {sources.list.length ? (
          <>
            <h4 className="fact-small-title">{t('factsheet.source')}</h4>
            <ol className="fact-sources">
              {sources.list.map((s) => (
                <li key={s.n} value={s.n}>
                  {s.source}
                </li>
              ))}
            </ol>
          </>
        ) : null}
        {notes.length ? (
          <>
            <h4 className="fact-small-title">{t('factsheet.notesTitle')}</h4>
            <ol className="fact-sources">
              {notes.map((n) => (
                <li key={n.indicator}>
                  {contextLabel(n.indicator, lang)}: {n.current!.note}
                  {sheet.noteLanguages[n.indicator] && sheet.noteLanguages[n.indicator] !== lang
                    ? ` (${t('common.languageName', { lng: sheet.noteLanguages[n.indicator] })})`
                    : ''}
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </section>

      <section>
        <h3>{t('factsheet.sections.migration')}</h3>
        {text('migration')}
      </section>

      <section>
        <h3>{t('factsheet.sections.hiv')}</h3>
        <p className="muted">{reg ? (demo ? t('factsheet.registerDemo') : t('factsheet.register')) : t('factsheet.noRegister')}</p>
        {reg ? (
          <>
            <div className="fact-pair">
              <table className="fact-table" data-testid="fact-hiv">
                {pairHead}
                <tbody>
                  {pair(t('factsheet.newCases'), reg.newCases)}
                  {pair(t('factsheet.cumulative'), reg.cumulative)}
                  {reg.bySex.map((s) => pair(`${t('factsheet.bySex')}: ${t(`categories.sex.${s.key}`)}`, s, `sex-${s.key}`))}
                  {reg.byRoute.map((r) =>
                    pair(`${t('factsheet.byRoute')}: ${t(`enums.transmission_route.${r.key}`)}`, r, `route-${r.key}`),
                  )}
                </tbody>
              </table>
              <NewCasesFigure series={reg.series} />
            </div>
            {reg.surveys.length ? (
              <table className="fact-table" data-testid="fact-surveys">
                <caption>{t('factsheet.surveys')}</caption>
                <thead>
                  <tr>
                    <th>{t('factsheet.survey')}</th>
                    <th>{t('factsheet.group')}</th>
                    <th>{t('factsheet.sample')}</th>
                    <th>{t('factsheet.positive')}</th>
                    <th>{t('factsheet.prevalence')}</th>
                  </tr>
                </thead>
                <tbody>
                  {reg.surveys.map((s, i) => (
                    <tr key={i} data-group={s.group}>
                      <td>{s.name}</td>
                      <td>{s.group === 'total' ? t('forms.wholeSample') : t(`categories.key_population.${s.group}`)}</td>
                      <td>{s.sample}</td>
                      <td>{s.positive}</td>
                      <td>{s.sample && s.positive !== null ? `${formatNumber((s.positive / s.sample) * 100, 1, lang)}%` : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </>
        ) : null}
        {text('hiv')}
      </section>

      <section>
        <h3>{t('factsheet.sections.migrants_hiv')}</h3>
        {reg ? (
          <div className="fact-pair even">
            <div>
              <table className="fact-table" data-testid="fact-foreigners">
                <caption>{t('factsheet.foreigners')}</caption>
                <thead>
                  <tr>
                    <th>{t('factsheet.citizenship')}</th>
                    <th>{t('factsheet.male')}</th>
                    <th>{t('factsheet.female')}</th>
                    <th>{t('factsheet.otherSex')}</th>
                    <th>
                      {t('factsheet.total')} {y}
                    </th>
                    <th>
                      {t('factsheet.total')} {y - 1}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {reg.foreigners.map((f, i) => (
                    <tr key={f.citizenship}>
                      <th scope="row">{countryNames[f.citizenship] ?? f.citizenship}</th>
                      {[f.male, f.female, f.other].map((v, j) => (
                        <td key={j}>{reg.foreignersHidden.cells[i]![j] ? hidden : v}</td>
                      ))}
                      <td>{reg.foreignersHidden.rowTotals[i] ? hidden : f.total}</td>
                      <td>{f.previous >= 1 && f.previous <= reg.maxCount ? hidden : f.previous}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted small">{t('factsheet.hiddenNote', { max: reg.maxCount })}</p>
            </div>
            <div>
              <table className="fact-table" data-testid="fact-migrants">
                {pairHead}
                <tbody>
                  {pair(t('factsheet.abroad'), reg.abroad)}
                  {reg.abroadReported.map((r) => {
                    // Reported by another country: hidden small counts as '*', a year not reported as '—'.
                    const cell = (c: AbroadCell) => (c === null ? '—' : c === 'hidden' ? hidden : c);
                    const both = typeof r.current === 'number' && typeof r.previous === 'number';
                    return (
                      <tr key={`${r.fromCountry}-${r.centre}-${r.madeAt}`} data-testid="abroad-reported">
                        <th scope="row">
                          {t('factsheet.abroadReported', { country: countryNames[r.fromCountry] ?? r.fromCountry })}
                          {typeof r.startedArt === 'number' ? ` ${t('factsheet.abroadStartedArt', { n: r.startedArt })}` : ''}
                        </th>
                        <td>{cell(r.current)}</td>
                        <td>{cell(r.previous)}</td>
                        <td>{both ? formatChange(Number(r.current) - Number(r.previous), 0, lang) : ''}</td>
                        <td>
                          {both && r.previous ? formatRatio((Number(r.current) - Number(r.previous)) / Number(r.previous), lang) : ''}
                        </td>
                      </tr>
                    );
                  })}
                  {(
                    [
                      ['diagnosed', 'diagnosed', reg.cascade.diagnosed],
                      ['onArt', 'onArt', reg.cascade.onArt],
                      ['suppressed', 'suppressedOnArt', reg.cascade.suppressed],
                    ] as const
                  ).map(([label, count, p]) =>
                    // A count hidden in print in either year hides its row: the change would give it away.
                    reg.cascade.hidden.current.includes(count) || reg.cascade.hidden.previous.includes(count) ? (
                      <tr key={label}>
                        <th scope="row">{t(`factsheet.${label}`)}</th>
                        <td>{hidden}</td>
                        <td>{hidden}</td>
                        <td />
                        <td />
                      </tr>
                    ) : (
                      pair(t(`factsheet.${label}`), p)
                    ),
                  )}
                  {(['first90', 'second90', 'third90', 'undetectable'] as const).map((k) => {
                    const terms = PERCENTAGE_TERMS[k];
                    const c = terms.some((x) => reg.cascade.hidden.current.includes(x)) ? null : reg.cascade.current[k];
                    const p = terms.some((x) => reg.cascade.hidden.previous.includes(x)) ? null : reg.cascade.previous[k];
                    // The undetectable share is new to the sheet: with its counts and interval, as the ministry checks it.
                    // A share over 100% (an estimate below those diagnosed) is flagged, as on the dashboard and in the workbook.
                    const shown = (x: typeof c) =>
                      x === null
                        ? hidden
                        : !x.computable
                          ? ''
                          : x.warning
                            ? `${formatNumber(x.value * 100, 1, lang)}% ⚠ ${t('indicators.over100')}`
                            : k !== 'undetectable'
                              ? `${formatNumber(x.value * 100, 1, lang)}%`
                              : `${formatNumber(x.value * 100, 1, lang)}% (${x.numerator}/${x.denominator}; ${t('indicators.ci')} ${formatNumber(x.low * 100, 1, lang)}–${formatNumber(x.high * 100, 1, lang)}%)`;
                    return (
                      <tr key={k} data-indicator={k}>
                        <th scope="row">{t(`indicators.percentages.${k}`)}</th>
                        <td>{shown(c)}</td>
                        <td>{shown(p)}</td>
                        <td />
                        <td />
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <p className="muted-text" data-testid="estimate-source">
                {estimateSourceText(t, reg.cascade.estimateSource)}
              </p>
              {reg.abroadReported.length ? (
                <p className="muted-text" data-testid="abroad-sources">
                  {t('factsheet.abroadSources', {
                    list: reg.abroadReported
                      .map((r) => `${countryNames[r.fromCountry] ?? r.fromCountry}: ${r.centre}, ${formatDate(r.madeAt)}`)
                      .join('; '),
                  })}
                </p>
              ) : null}
            </div>
          </div>
        ) : null}
        {text('migrants_hiv')}
      </section>

      <section>
        <h3>{t('factsheet.sections.vulnerability')}</h3>
        {text('vulnerability')}
      </section>
    </article>
  );
}
