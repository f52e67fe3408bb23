// The columns of the case-register templates and imports, and how a header is recognised: by the
// Russian or English label the template writes, or by the field's own code, in any case, with
// ё = е and extra spaces ignored.
import { CATEGORIES } from '../categories.js';
import { FALLBACK, LANGUAGES, texts, type Language } from '../i18n/languages.js';

export const CASE_COLUMNS = [
  'registerNo',
  'uic',
  'sex',
  'birthYear',
  'citizenship',
  'migrantType',
  'legalStatus',
  'keyPopulations',
  'transmissionRoute',
  'infectionCountry',
  'diagnosisDate',
  'diagnosisCountry',
  'aidsAtDiagnosis',
  'firstAidsDate',
] as const;
export const CASE_REQUIRED = ['registerNo', 'uic', 'sex', 'migrantType', 'legalStatus', 'transmissionRoute', 'diagnosisDate'] as const;
export const EVENT_COLUMNS = ['registerNo', 'kind', 'date', 'cd4', 'copies', 'undetectable', 'outcome'] as const;
export const EVENT_REQUIRED = ['registerNo', 'kind', 'date'] as const;
export type CaseColumn = (typeof CASE_COLUMNS)[number];
export type EventColumn = (typeof EVENT_COLUMNS)[number];

/** Header text per language: the same labels as the screens. */
export function columnLabel(key: CaseColumn | EventColumn, lang: Language): string {
  const r = texts(lang);
  if (key === 'kind') return r.cases.eventKind;
  if (key === 'undetectable') return r.cases.undetectable;
  return r.fields[key];
}

export const normalise = (s: unknown) =>
  String(s ?? '')
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е')
    // Uzbek's oʻ and gʻ (and the tutuq ʼ) typed with whatever apostrophe the keyboard has: O'zbekiston is Oʻzbekiston.
    .replace(/[ʻʼ'‘’`´]/g, "'")
    .replace(/\s+/g, ' ');

/** For a header row: which column holds which field, and which required fields are missing. */
export function mapHeaders<K extends string>(
  headers: readonly unknown[],
  keys: readonly K[],
  required: readonly K[],
  label: (k: K, lang: Language) => string,
) {
  const names = new Map<string, K>();
  // A header in any of the languages (a Kazakh template's, say), or the field's code.
  for (const k of keys) for (const n of [k, ...LANGUAGES.map((l) => label(k, l))]) if (!names.has(normalise(n))) names.set(normalise(n), k);
  const columns = new Map<number, K>();
  headers.forEach((h, i) => {
    const k = names.get(normalise(h));
    if (k && ![...columns.values()].includes(k)) columns.set(i, k);
  });
  const found = new Set(columns.values());
  return { columns, missing: required.filter((k) => !found.has(k)) };
}

/** Required columns a file lacks, named in both languages for the message. */
export function labelsOf<K extends string>(keys: readonly K[], label: (k: K, lang: Language) => string): string {
  return keys.map((k) => FALLBACK.map((l) => label(k, l)).join(' / ')).join(', ');
}

/** A formula cell saved without its computed value: the reader gives this instead of a value. */
export const FORMULA_WITHOUT_VALUE = Object.freeze({ formulaWithoutValue: true as const });

/** The first mapped column of a row holding a formula without a value, or null. */
export function formulaWithoutValueIn<K extends string>(row: readonly unknown[], columns: Map<number, K>): K | null {
  for (const [i, k] of columns) if (row[i] === FORMULA_WITHOUT_VALUE) return k;
  return null;
}

/** One row's cells by field, through the column map mapHeaders made. */
export function cellsOf<K extends string, C>(row: readonly C[], columns: Map<number, K>): Partial<Record<K, C | null>> {
  const out: Partial<Record<K, C | null>> = {};
  for (const [i, k] of columns) out[k] = row[i] ?? null;
  return out;
}

// The short names registers in the region use for key populations.
const ALIASES: Record<string, Record<string, string[]>> = {
  key_population: {
    pwid: ['ЛУИН', 'ПИН', 'PWID'],
    msm: ['МСМ', 'MSM'],
    sw: ['СР', 'РС', 'SW'],
    tg: ['ТГ', 'TG'],
    prison: ['МЛС', 'заключённые', 'prisoners'],
  },
};

/** Code of an option given as its code, its Russian or English label, or a common short name. */
export function optionLookup(category: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const [code, names] of Object.entries(ALIASES[category] ?? {})) for (const n of names) m.set(normalise(n), code);
  const cat = CATEGORIES.find((c) => c.code === category);
  // The option's words in every language (categories, then the other lists), or its code.
  const words = (lang: Language, code: string) =>
    cat ? texts(lang).categories[category]?.[code] : (texts(lang).enums as Record<string, Record<string, string>>)[category]?.[code];
  const codes = cat
    ? cat.options.map((o) => o.code)
    : Object.keys((texts('ru').enums as Record<string, Record<string, string>>)[category] ?? {});
  for (const code of codes)
    for (const n of [code, ...LANGUAGES.map((l) => words(l, code) ?? code)]) if (!m.has(normalise(n))) m.set(normalise(n), code);
  return m;
}

/** The translation key of a column named in an import report (cases, events or form values). */
export function issueColumnKey(sheet: 'cases' | 'events' | 'values', column: string): string {
  if (sheet === 'values') return `imports.formColumns.${column}`;
  if (sheet === 'events' && column === 'kind') return 'cases.eventKind';
  if (sheet === 'events' && column === 'undetectable') return 'cases.undetectable';
  return `fields.${column}`;
}
