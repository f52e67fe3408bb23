// Fact sheets: section 1's values and the sections' text per country and year, each change in one
// audited transaction; and the counts of sections 3 and 3.1 read from the register.
import { stmt, type Db } from './connection.js';
import { changeWithAudit } from './audit.js';
import type { ContextValue, ContextValueInput, FactSheetKey } from '../shared/factsheet/api.js';
import { contextRow, type TextSection } from '../shared/factsheet/definitions.js';
import { fail, type FieldIssue } from '../shared/result.js';

type ValueRow = {
  indicator: string;
  value: number | null;
  low: number | null;
  high: number | null;
  value_text: ContextValue['text'];
  data_year: string | null;
  source: string | null;
  note: string | null;
  decimals: number | null;
  footnote: number | null;
};
const toValue = (r: ValueRow): ContextValue => ({
  indicator: r.indicator,
  value: r.value,
  low: r.low,
  high: r.high,
  text: r.value_text,
  dataYear: r.data_year,
  source: r.source,
  note: r.note,
  decimals: r.decimals,
  footnote: r.footnote,
});
const isEmpty = (v: ContextValue) =>
  v.value === null && v.low === null && v.high === null && v.text === null && !v.dataYear && !v.source && !v.note;

export function contextValues(db: Db, k: FactSheetKey): ContextValue[] {
  return (stmt(db, 'SELECT * FROM fact_sheet_value WHERE country_code = ? AND year = ?').all(k.country, k.year) as ValueRow[]).map(toValue);
}

export function sheetTexts(db: Db, k: FactSheetKey): Partial<Record<TextSection, string>> {
  return Object.fromEntries(
    (
      stmt(db, 'SELECT section, body FROM fact_sheet_text WHERE country_code = ? AND year = ?').all(k.country, k.year) as {
        section: string;
        body: string;
      }[]
    ).map((r) => [r.section, r.body]),
  );
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
  now: Date = new Date(),
): void {
  const values = given.map((v): ContextValue => ({ ...v, decimals: v.decimals ?? null, footnote: v.footnote ?? null }));
  const issues = values.flatMap(issuesOf);
  if (issues.length) fail('invalid_input', undefined, issues);
  if (!stmt(db, 'SELECT 1 FROM country WHERE code = ?').get(k.country)) fail('not_found');
  const at = now.toISOString();
  changeWithAudit(db, actor, (record) => {
    const get = stmt(db, 'SELECT * FROM fact_sheet_value WHERE country_code = ? AND year = ? AND indicator = ?');
    for (const entered of values) {
      // Blank text is no text: a form that sends "" for an untouched field changes nothing.
      const v = {
        ...entered,
        dataYear: entered.dataYear?.trim() || null,
        source: entered.source?.trim() || null,
        note: entered.note?.trim() || null,
      };
      const before = get.get(k.country, k.year, v.indicator) as ValueRow | undefined;
      const old = before ? toValue(before) : null;
      if (JSON.stringify(old) === JSON.stringify(isEmpty(v) ? null : v)) continue;
      if (isEmpty(v))
        stmt(db, 'DELETE FROM fact_sheet_value WHERE country_code = ? AND year = ? AND indicator = ?').run(k.country, k.year, v.indicator);
      else {
        stmt(
          db,
          `INSERT INTO fact_sheet_value (country_code, year, indicator, value, low, high, value_text, data_year, source, note, decimals, footnote, updated_at, updated_by)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (country_code, year, indicator) DO UPDATE SET value = excluded.value, low = excluded.low, high = excluded.high, value_text = excluded.value_text,
               data_year = excluded.data_year, source = excluded.source, note = excluded.note, decimals = excluded.decimals, footnote = excluded.footnote,
               updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        ).run(
          k.country,
          k.year,
          v.indicator,
          v.value,
          v.low,
          v.high,
          v.text,
          v.dataYear,
          v.source,
          v.note,
          v.decimals,
          v.footnote,
          at,
          actor,
        );
      }
      record({
        action: isEmpty(v) ? 'delete' : old ? 'update' : 'create',
        entity: 'fact_sheet_value',
        entityId: `${k.country}/${k.year}/${v.indicator}`,
        oldValue: old,
        newValue: isEmpty(v) ? null : v,
      });
    }
  });
}

export function saveSheetText(db: Db, actor: string, k: FactSheetKey, section: TextSection, body: string, now: Date = new Date()): void {
  if (!stmt(db, 'SELECT 1 FROM country WHERE code = ?').get(k.country)) fail('not_found');
  const text = body.trim();
  changeWithAudit(db, actor, (record) => {
    const old =
      (
        stmt(db, 'SELECT body FROM fact_sheet_text WHERE country_code = ? AND year = ? AND section = ?').get(k.country, k.year, section) as
          { body: string } | undefined
      )?.body ?? null;
    if ((old ?? '') === text) return;
    if (text === '')
      stmt(db, 'DELETE FROM fact_sheet_text WHERE country_code = ? AND year = ? AND section = ?').run(k.country, k.year, section);
    else {
      stmt(
        db,
        `INSERT INTO fact_sheet_text (country_code, year, section, body, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (country_code, year, section) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ).run(k.country, k.year, section, text, now.toISOString(), actor);
    }
    record({
      action: text === '' ? 'delete' : old === null ? 'create' : 'update',
      entity: 'fact_sheet_text',
      entityId: `${k.country}/${k.year}/${section}`,
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
