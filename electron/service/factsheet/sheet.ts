// A country's fact sheet for a year as one object: section 1 beside last year's with the change,
// the ratifications, the sections' text, and the figures of sections 3 and 3.1 from the register
// (when this database holds the country's organisation). The screen, workbook and print read it.
import { SEXES, TRANSMISSION_ROUTES } from '../../../shared/cases/schema.js';
import type { Db } from '../../../db/connection.js';
import {
  sheetYears,
  contextValues,
  countDiagnosed,
  countryUnit,
  diagnosedAbroad,
  foreignCitizens,
  newCasesByYear,
  sheetTexts,
} from '../../../db/fact-sheet.js';
import { formValues } from '../../../db/forms.js';
import { subtree } from '../../../db/indicators.js';
import type { AbroadCell, FactSheet, FactSheetKey, RegisterFigures } from '../../../shared/factsheet/api.js';
import { change, CONTEXT_ROWS, INSTRUMENTS } from '../../../shared/factsheet/definitions.js';
import { parseCoc, TOTAL } from '../../../shared/forms/definitions.js';
import { indicatorReport } from '../indicators/report.js';
import { suppressionMaxCount } from '../../../db/settings.js';
import { suppress } from '../../../shared/indicators/suppression.js';
import type { Language } from '../../../shared/primitives.js';
import { abroadReports } from '../../../db/abroad.js';
import type { AbroadReport } from '../../../shared/exchange/abroad.js';

export const SERIES_YEARS = 10;

/** The sheet with its words (texts and notes) in `language` where they are written in it. */
export function factSheet(db: Db, k: FactSheetKey, language: Language): FactSheet {
  const now = contextValues(db, k, language);
  const current = new Map(now.values.map((v) => [v.indicator, v]));
  const previous = new Map(contextValues(db, { ...k, year: k.year - 1 }, language).values.map((v) => [v.indicator, v]));
  const words = sheetTexts(db, k, language);
  const unit = countryUnit(db, k.country);
  return {
    country: k.country,
    year: k.year,
    years: sheetYears(db, k.country),
    context: CONTEXT_ROWS.map((r) => {
      const c = current.get(r.code) ?? null;
      const p = previous.get(r.code) ?? null;
      return { indicator: r.code, current: c, previous: p, change: change(c?.value ?? null, p?.value ?? null) };
    }),
    ratifications: INSTRUMENTS.map((i) => ({
      instrument: i.code,
      current: current.get(i.code)?.text ?? null,
      previous: previous.get(i.code)?.text ?? null,
    })),
    texts: words.texts,
    textLanguages: words.languages,
    noteLanguages: now.noteLanguages,
    register: unit === null ? null : registerFigures(db, unit, k),
  };
}

function registerFigures(db: Db, unit: number, k: FactSheetKey): RegisterFigures {
  const units = subtree(db, unit);
  const y = k.year;
  const start = (year: number) => `${year}-01-01`;
  const end = (year: number) => `${year}-12-31`;
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const pairs = (by: 'sex' | 'transmission_route') => {
    const now = countDiagnosed(db, units, start(y), end(y), by);
    const before = countDiagnosed(db, units, start(y - 1), end(y - 1), by);
    // The sheet's fixed rows (every sex, every route) in their order, with 0 where there is none.
    const fixed: readonly string[] = by === 'sex' ? SEXES : TRANSMISSION_ROUTES;
    return [...new Set([...fixed, ...now.keys(), ...before.keys()])].map((key) => ({
      key,
      current: now.get(key) ?? 0,
      previous: before.get(key) ?? 0,
    }));
  };
  const foreign = foreignCitizens(db, units, k.country, start(y), end(y));
  const foreignBefore = foreignCitizens(db, units, k.country, start(y - 1), end(y - 1));
  const citizenships = [...new Set([...foreign, ...foreignBefore].map((f) => f.citizenship))].sort();
  const series = newCasesByYear(db, units, y - SERIES_YEARS + 1, y);
  const report = indicatorReport(db, unit, String(y), 'none');
  const last = indicatorReport(db, unit, String(y - 1), 'none');
  const surveys = units.flatMap((u) => {
    const values = formValues(db, { form: 'survey', orgUnitId: u, period: String(y) });
    const name = values.find((v) => v.de === 'survey_name')?.value;
    const groups = [...new Set(values.filter((v) => v.de !== 'survey_name').map((v) => v.coc))].sort((a, b) =>
      a === TOTAL ? -1 : b === TOTAL ? 1 : a.localeCompare(b),
    );
    const count = (de: string, coc: string) => {
      const v = values.find((x) => x.de === de && x.coc === coc)?.value;
      return typeof v === 'number' ? v : null;
    };
    return groups.map((coc) => ({
      name: typeof name === 'string' ? name : null,
      group: coc === TOTAL ? TOTAL : (parseCoc(coc).key_population ?? coc),
      sample: count('survey_sample', coc),
      positive: count('survey_positive', coc),
    }));
  });
  const foreigners = citizenships.map((c) => {
    const n = (sex: string) => foreign.find((f) => f.citizenship === c && f.sex === sex)?.n ?? 0;
    const all = foreign.filter((f) => f.citizenship === c).reduce((a, f) => a + f.n, 0);
    return {
      citizenship: c,
      male: n('male'),
      female: n('female'),
      other: all - n('male') - n('female'),
      total: all,
      previous: foreignBefore.filter((f) => f.citizenship === c).reduce((a, f) => a + f.n, 0),
    };
  });
  const maxCount = suppressionMaxCount(db);
  const cells = foreigners.map((f) => [f.male, f.female, f.other]);
  const foreignersHidden = suppress(
    {
      cells,
      rowTotals: foreigners.map((f) => f.total),
      colTotals: [0, 1, 2].map((j) => cells.reduce((a, r) => a + r[j]!, 0)),
      total: foreigners.reduce((a, f) => a + f.total, 0),
    },
    maxCount,
  );
  const bySex = pairs('sex');
  return {
    orgUnitId: unit,
    // Every case has a sex (unknown included): the year's new cases are the by-sex counts added up.
    newCases: { current: bySex.reduce((a, x) => a + x.current, 0), previous: bySex.reduce((a, x) => a + x.previous, 0) },
    cumulative: { current: total(countDiagnosed(db, units, null, end(y))), previous: total(countDiagnosed(db, units, null, end(y - 1))) },
    bySex,
    byRoute: pairs('transmission_route'),
    foreigners,
    foreignersHidden,
    maxCount,
    abroad: {
      current: diagnosedAbroad(db, units, k.country, start(y), end(y)),
      previous: diagnosedAbroad(db, units, k.country, start(y - 1), end(y - 1)),
    },
    abroadReported: reportedAbroad(db, k.country, y),
    series: Array.from({ length: SERIES_YEARS }, (_, i) => y - SERIES_YEARS + 1 + i).map((year) => ({
      year,
      newCases: series.get(year) ?? 0,
    })),
    cascade: {
      current: report.total.cascade,
      previous: last.total.cascade,
      diagnosed: { current: report.total.tally.diagnosed, previous: last.total.tally.diagnosed },
      onArt: { current: report.total.tally.onArt, previous: last.total.tally.onArt },
      suppressed: { current: report.total.tally.suppressedOnArt, previous: last.total.tally.suppressedOnArt },
      hidden: { current: report.outside.counts, previous: last.outside.counts },
      estimateSource: report.estimateSource,
    },
    surveys,
  };
}

/** Citizens diagnosed abroad as other countries reported them, one row per reporting centre, the newest report first. */
function reportedAbroad(db: Db, country: string, y: number): RegisterFigures['abroadReported'] {
  const byPartner = new Map<number, AbroadReport[]>();
  for (const r of abroadReports(db, y - 1, y).filter((r) => r.citizenship === country))
    byPartner.set(r.partnerId, [...(byPartner.get(r.partnerId) ?? []), r]);
  const cell = (r: AbroadReport | undefined, n: (r: AbroadReport) => number | null): AbroadCell => (!r ? null : (n(r) ?? 'hidden'));
  return [...byPartner.values()]
    .map((reports) => {
      const current = reports.find((r) => r.year === y);
      const previous = reports.find((r) => r.year === y - 1);
      return {
        fromCountry: reports[0]!.fromCountry,
        centre: reports[0]!.centre,
        madeAt: reports
          .map((r) => r.madeAt)
          .sort()
          .at(-1)!,
        current: cell(current, (r) => r.total),
        previous: cell(previous, (r) => r.total),
        startedArt: cell(current, (r) => r.by.art.find((g) => g.key === 'started')?.n ?? null),
      };
    })
    .sort((a, b) => b.madeAt.localeCompare(a.madeAt));
}
