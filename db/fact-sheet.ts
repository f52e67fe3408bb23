// Fact sheets: section 1's values and the sections' text per country and year, each change in one
// audited transaction; and the counts of sections 3 and 3.1 read from the register.
import { stmt, type Db } from './connection.js';
import { changeWithAudit } from './audit.js';
import type { ContextValue, ContextValueInput, FactSheetKey } from '../shared/factsheet/api.js';
import { contextRow, type TextSection } from '../shared/factsheet/definitions.js';
import { fail, type FieldIssue } from '../shared/result.js';
import type { Language } from '../shared/primitives.js';

type ValueRow = {
  indicator: string;
  value: number | null;
  low: number | null;
  high: number | null;
  value_text: ContextValue['text'];
  data_year: string | null;
  source: string | null;
  decimals: number | null;
  footnote: number | null;
};
const toValue = (r: ValueRow, note: string | null): ContextValue => ({
  indicator: r.indicator,
  value: r.value,
  low: r.low,
  high: r.high,
  text: r.value_text,
  dataYear: r.data_year,
  source: r.source,
  note,
  decimals: r.decimals,
  footnote: r.footnote,
});
const isEmpty = (v: ContextValue) =>
  v.value === null && v.low === null && v.high === null && v.text === null && !v.dataYear && !v.source && !v.note;

/**
 * The languages to read a sheet's words in, best first: the one asked for, then Russian, then
 * English (the two every text is drafted in), then any other.
 */
const ORDER_SQL = `CASE language WHEN @language THEN 0 WHEN 'ru' THEN 1 WHEN 'en' THEN 2 ELSE 3 END, language`;

/**
 * Section 1's values of a sheet, each note in `language` where it was written in it (else the
 * nearest, see ORDER_SQL), and the language each note shown is in.
 */
export function contextValues(
  db: Db,
  k: FactSheetKey,
  language: Language,
): { values: ContextValue[]; noteLanguages: Record<string, string> } {
  const key = { country: k.country, year: k.year };
  const rows = stmt(db, 'SELECT * FROM fact_sheet_value WHERE country_code = @country AND year = @year').all(key) as ValueRow[];
  const notes = new Map<string, string>();
  const noteLanguages: Record<string, string> = {};
  for (const n of stmt(
    db,
    `SELECT indicator, language, note FROM fact_sheet_note WHERE country_code = @country AND year = @year ORDER BY indicator, ${ORDER_SQL}`,
  ).all({ ...key, language }) as { indicator: string; language: string; note: string }[])
    if (!notes.has(n.indicator)) {
      notes.set(n.indicator, n.note);
      noteLanguages[n.indicator] = n.language;
    }
  return { values: rows.map((r) => toValue(r, notes.get(r.indicator) ?? null)), noteLanguages };
}

/** The sections' text of a sheet, each in `language` where it was written in it (else the nearest), and which language each is in. */
export function sheetTexts(
  db: Db,
  k: FactSheetKey,
  language: Language,
): { texts: Partial<Record<TextSection, string>>; languages: Partial<Record<TextSection, string>> } {
  const texts: Partial<Record<TextSection, string>> = {};
  const languages: Partial<Record<TextSection, string>> = {};
  for (const r of stmt(
    db,
    `SELECT section, language, body FROM fact_sheet_text WHERE country_code = @country AND year = @year ORDER BY section, ${ORDER_SQL}`,
  ).all({ country: k.country, year: k.year, language }) as { section: TextSection; language: string; body: string }[]) {
    if (r.section in texts) continue;
    texts[r.section] = r.body;
    languages[r.section] = r.language;
  }
  return { texts, languages };
}

export function sheetYears(db: Db, country: string): number[] {
  return (
    stmt(
      db,
      'SELECT year FROM fact_sheet_value WHERE country_code = ? UNION SELECT year FROM fact_sheet_text WHERE country_code = ? ORDER BY year DESC',
    ).all(country, country) as { year: number }[]
  ).map((r) => r.year);
}

/** What a row may hold: a ratification only for an instrument, an interval only for an estimate, a whole rank. */
function issuesOf(v: ContextValue, i: number): FieldIssue[] {
  const row = contextRow(v.indicator);
  const at = (f: string, messageKey: string) => ({ path: `values.${i}.${f}`, messageKey });
  if (!row)
    return v.value !== null || v.low !== null || v.high !== null || v.text === 'no_data' ? [at('text', 'validation.invalid_value')] : [];
  const out: FieldIssue[] = [];
  if (v.text !== null && v.text !== 'no_data') out.push(at('text', 'validation.invalid_value'));
  if (row.kind !== 'range' && (v.low !== null || v.high !== null)) out.push(at('low', 'validation.invalid_value'));
  if (row.kind === 'rank' && v.value !== null && (!Number.isInteger(v.value) || v.value < 1))
    out.push(at('value', 'validation.whole_number'));
  if (v.text === 'no_data' && v.value !== null) out.push(at('value', 'validation.invalid_value'));
  return out;
}

export function saveContextValues(
  db: Db,
  actor: string,
  k: FactSheetKey,
  given: readonly ContextValueInput[],
  language: Language,
  now: Date = new Date(),
): void {
  const values = given.map((v): ContextValue => ({ ...v, decimals: v.decimals ?? null, footnote: v.footnote ?? null }));
  const issues = values.flatMap(issuesOf);
  if (issues.length) fail('invalid_input', undefined, issues);
  if (!stmt(db, 'SELECT 1 FROM country WHERE code = ?').get(k.country)) fail('not_found');
  const at = now.toISOString();
  changeWithAudit(db, actor, (record) => {
    const get = stmt(db, 'SELECT * FROM fact_sheet_value WHERE country_code = ? AND year = ? AND indicator = ?');
    const getNote = stmt(db, 'SELECT note FROM fact_sheet_note WHERE country_code = ? AND year = ? AND indicator = ? AND language = ?');
    const noteOf = (indicator: string) =>
      (getNote.get(k.country, k.year, indicator, language) as { note: string } | undefined)?.note ?? null;
    for (const entered of values) {
      // Blank text is no text: a form that sends "" for an untouched field changes nothing.
      const v = {
        ...entered,
        dataYear: entered.dataYear?.trim() || null,
        source: entered.source?.trim() || null,
        note: entered.note?.trim() || null,
      };
      const before = get.get(k.country, k.year, v.indicator) as ValueRow | undefined;
      // The note compared and kept is the one in the language it is written in now.
      const old = before ? toValue(before, noteOf(v.indicator)) : null;
      if (JSON.stringify(old) === JSON.stringify(isEmpty(v) ? null : v)) continue;
      if (isEmpty(v))
        stmt(db, 'DELETE FROM fact_sheet_value WHERE country_code = ? AND year = ? AND indicator = ?').run(k.country, k.year, v.indicator);
      else {
        stmt(
          db,
          `INSERT INTO fact_sheet_value (country_code, year, indicator, value, low, high, value_text, data_year, source, decimals, footnote, updated_at, updated_by)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (country_code, year, indicator) DO UPDATE SET value = excluded.value, low = excluded.low, high = excluded.high, value_text = excluded.value_text,
               data_year = excluded.data_year, source = excluded.source, decimals = excluded.decimals, footnote = excluded.footnote,
               updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        ).run(k.country, k.year, v.indicator, v.value, v.low, v.high, v.text, v.dataYear, v.source, v.decimals, v.footnote, at, actor);
        if (v.note === null)
          stmt(db, 'DELETE FROM fact_sheet_note WHERE country_code = ? AND year = ? AND indicator = ? AND language = ?').run(
            k.country,
            k.year,
            v.indicator,
            language,
          );
        else
          stmt(
            db,
            `INSERT INTO fact_sheet_note (country_code, year, indicator, language, note) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (country_code, year, indicator, language) DO UPDATE SET note = excluded.note`,
          ).run(k.country, k.year, v.indicator, language, v.note);
      }
      record({
        action: isEmpty(v) ? 'delete' : old ? 'update' : 'create',
        entity: 'fact_sheet_value',
        entityId: `${k.country}/${k.year}/${v.indicator}`,
        // A note is one language's: the entry says which.
        oldValue: old?.note ? { ...old, noteLanguage: language } : old,
        newValue: isEmpty(v) ? null : v.note ? { ...v, noteLanguage: language } : v,
      });
    }
  });
}

export function saveSheetText(
  db: Db,
  actor: string,
  k: FactSheetKey,
  section: TextSection,
  body: string,
  language: Language,
  now: Date = new Date(),
): void {
  if (!stmt(db, 'SELECT 1 FROM country WHERE code = ?').get(k.country)) fail('not_found');
  const text = body.trim();
  const where = { country: k.country, year: k.year, section, language };
  const match = 'country_code = @country AND year = @year AND section = @section AND language = @language';
  changeWithAudit(db, actor, (record) => {
    const old = (stmt(db, `SELECT body FROM fact_sheet_text WHERE ${match}`).get(where) as { body: string } | undefined)?.body ?? null;
    if ((old ?? '') === text) return;
    if (text === '') stmt(db, `DELETE FROM fact_sheet_text WHERE ${match}`).run(where);
    else
      stmt(
        db,
        `INSERT INTO fact_sheet_text (country_code, year, section, language, body, updated_at, updated_by)
           VALUES (@country, @year, @section, @language, @body, @at, @actor)
           ON CONFLICT (country_code, year, section, language) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ).run({ ...where, body: text, at: now.toISOString(), actor });
    record({
      action: text === '' ? 'delete' : old === null ? 'create' : 'update',
      entity: 'fact_sheet_text',
      entityId: `${k.country}/${k.year}/${section}/${language}`,
      oldValue: old,
      newValue: text || null,
    });
  });
}

/** The country's own organisation (the root of its tree), if this database has one. */
export function countryUnit(db: Db, country: string): number | null {
  return (
    (
      stmt(db, 'SELECT id FROM org_unit WHERE country_code = ? AND parent_id IS NULL ORDER BY id LIMIT 1').get(country) as
        { id: number } | undefined
    )?.id ?? null
  );
}

const LIVE = `FROM hiv_case WHERE deleted_at IS NULL AND org_unit_id IN (SELECT value FROM json_each(@units))`;

/** Live cases of the units diagnosed in [from, to], counted by a column (or in all). */
export function countDiagnosed(
  db: Db,
  units: readonly number[],
  from: string | null,
  to: string,
  by?: 'sex' | 'transmission_route',
): Map<string, number> {
  const key = by ?? "'all'";
  const rows = stmt(
    db,
    `SELECT ${key} AS k, count(*) AS n ${LIVE} AND diagnosis_date <= @to AND (@from IS NULL OR diagnosis_date >= @from) GROUP BY 1`,
  ).all({ units: JSON.stringify(units), from, to }) as { k: string; n: number }[];
  return new Map(rows.map((r) => [r.k, r.n]));
}

/** New cases in [from, to] among foreign citizens, by citizenship and sex. */
export function foreignCitizens(
  db: Db,
  units: readonly number[],
  country: string,
  from: string,
  to: string,
): { citizenship: string; sex: string; n: number }[] {
  return stmt(
    db,
    `SELECT citizenship, sex, count(*) AS n ${LIVE} AND diagnosis_date BETWEEN @from AND @to AND citizenship IS NOT NULL AND citizenship <> @country GROUP BY 1, 2 ORDER BY 1, 2`,
  ).all({ units: JSON.stringify(units), country, from, to }) as { citizenship: string; sex: string; n: number }[];
}

/** New cases in [from, to] among the country's citizens diagnosed in another country. */
export function diagnosedAbroad(db: Db, units: readonly number[], country: string, from: string, to: string): number {
  return (
    stmt(
      db,
      `SELECT count(*) AS n ${LIVE} AND diagnosis_date BETWEEN @from AND @to AND citizenship = @country AND diagnosis_country IS NOT NULL AND diagnosis_country <> @country`,
    ).get({ units: JSON.stringify(units), country, from, to }) as { n: number }
  ).n;
}

/** New cases per calendar year from `first` to `last`. */
export function newCasesByYear(db: Db, units: readonly number[], first: number, last: number): Map<number, number> {
  const rows = stmt(
    db,
    `SELECT CAST(substr(diagnosis_date, 1, 4) AS INTEGER) AS y, count(*) AS n ${LIVE} AND diagnosis_date BETWEEN @from AND @to GROUP BY 1`,
  ).all({ units: JSON.stringify(units), from: `${first}-01-01`, to: `${last}-12-31` }) as { y: number; n: number }[];
  return new Map(rows.map((r) => [r.y, r.n]));
}
