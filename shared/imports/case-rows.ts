// One spreadsheet row of the case register (or of its events) to the same inputs the forms
// save, checked by the same zod schemas. Values may be codes or labels in any of the app's languages;
// dates may be real dates, ДД.ММ.ГГГГ or ГГГГ-ММ-ДД; countries ISO alpha-3 codes or names.
import { CaseInputSchema, EventInputSchema, uicIssue, type CaseInput, type EventInput } from '../cases/schema.js';
import { parseDateInput } from '../dates.js';
import { FORMULA_WITHOUT_VALUE, normalise, optionLookup, type CaseColumn, type EventColumn } from './columns.js';
import { countryName, countryNames } from '../i18n/country-names.js';
import { FALLBACK, LANGUAGES, texts } from '../i18n/languages.js';
import { COUNTRY_ALIASES } from '../country-aliases.js';

/** A spreadsheet cell's value; a formula saved without its value is refused by the row's check. */
export type Cell = string | number | boolean | Date | null | typeof FORMULA_WITHOUT_VALUE;
export type CellIssue = { column: string | null; messageKey: string; params?: Record<string, string | number> };

export type Lookups = { countries: Map<string, string>; uicPattern: string; options: Record<string, Map<string, string>> };

export function lookups(countries: readonly { code: string }[], uicPattern: string): Lookups {
  const c = new Map<string, string>();
  // A country by its code or its name in any of the app's languages («Өзбекстан», «Oʻzbekiston»):
  // codes and the fallback languages' names first, so another language's name never takes them.
  for (const x of countries) for (const n of [x.code, ...FALLBACK.map((l) => countryName(x.code, l))]) c.set(normalise(n), x.code);
  // A name two languages give to different countries («Конго»: DR Congo in Kazakh, Congo in Tajik) names neither.
  const claims = new Map<string, Set<string>>();
  for (const x of countries)
    for (const n of countryNames(x.code)) claims.set(normalise(n), (claims.get(normalise(n)) ?? new Set()).add(x.code));
  for (const [n, codes] of claims) if (codes.size === 1 && !c.has(n)) c.set(n, [...codes][0]!);
  // Other names in use ("Киргизия"), never over a country's own name.
  for (const [code, names] of Object.entries(COUNTRY_ALIASES)) for (const n of names) if (!c.has(normalise(n))) c.set(normalise(n), code);
  const options = Object.fromEntries(
    ['sex', 'migrant_type', 'legal_status', 'key_population', 'transmission_route', 'event_kind', 'outcome'].map((k) => [
      k,
      optionLookup(k),
    ]),
  );
  return { countries: c, uicPattern, options };
}

const INVALID = Symbol('invalid');

// A register repeats the same few words ("Мужской", "UZB") down 100,000 rows: each distinct text
// is normalised and looked up once per list.
const seen = new WeakMap<Map<string, string>, Map<string, string | undefined>>();
function find(list: Map<string, string>, text: string): string | undefined {
  let memo = seen.get(list);
  if (!memo) seen.set(list, (memo = new Map()));
  if (memo.has(text)) return memo.get(text);
  const code = list.get(normalise(text));
  if (memo.size < 10_000) memo.set(text, code);
  return code;
}
const text = (c: Cell | undefined): string =>
  c === null || c === undefined || c === FORMULA_WITHOUT_VALUE ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim();

/** A date cell: a real date (taken as the calendar day it shows), an Excel serial, or text. */
export function dateOf(c: Cell | undefined): string {
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  if (typeof c === 'number' && c > 20000 && c < 80000) return new Date(Math.round((c - 25569) * 86_400_000)).toISOString().slice(0, 10);
  return parseDateInput(text(c));
}

export function caseFromRow(cells: Partial<Record<CaseColumn, Cell>>, lk: Lookups): { value: CaseInput | null; issues: CellIssue[] } {
  const issues: CellIssue[] = [];
  const option = (col: CaseColumn, category: string) => {
    const t = text(cells[col]);
    if (t === '') return undefined;
    const code = find(lk.options[category]!, t);
    if (code === undefined) issues.push({ column: col, messageKey: 'validation.invalid_value' });
    return code ?? INVALID;
  };
  const country = (col: CaseColumn) => {
    const t = text(cells[col]);
    if (t === '') return null;
    const code = find(lk.countries, t);
    if (code === undefined) issues.push({ column: col, messageKey: 'validation.invalid_value' });
    return code ?? INVALID;
  };
  const year = text(cells.birthYear);
  // Groups are separated by ";" (a full label may itself hold a comma); "," also separates short names.
  const kpCode = (s: string) => find(lk.options.key_population!, s);
  const kpText = text(cells.keyPopulations);
  const single = kpText === '' ? null : kpText.includes(';') || kpText.includes(',') ? undefined : kpCode(kpText);
  // Most rows name one group or none: no splitting for them.
  const kps =
    kpText === ''
      ? []
      : single !== undefined && single !== null
        ? [single]
        : kpText
            .split(';')
            .map((s) => s.trim())
            .filter(Boolean)
            .flatMap((part) => {
              const whole = kpCode(part);
              if (whole !== undefined) return [whole];
              const pieces = part
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean)
                .map(kpCode);
              if (pieces.length > 1 && pieces.every((c) => c !== undefined)) return pieces;
              issues.push({ column: 'keyPopulations', messageKey: 'validation.invalid_value' });
              return [];
            });
  const raw = {
    registerNo: text(cells.registerNo),
    uic: text(cells.uic),
    sex: option('sex', 'sex'),
    birthYear: year === '' ? null : /^\d{4}$/.test(year) ? Number(year) : NaN,
    citizenship: country('citizenship'),
    migrantType: option('migrantType', 'migrant_type'),
    legalStatus: option('legalStatus', 'legal_status'),
    keyPopulations: kps,
    transmissionRoute: option('transmissionRoute', 'transmission_route'),
    infectionCountry: country('infectionCountry'),
    diagnosisDate: dateOf(cells.diagnosisDate),
    diagnosisCountry: country('diagnosisCountry'),
    aidsAtDiagnosis: aidsMark(text(cells.aidsAtDiagnosis)),
    firstAidsDate: text(cells.firstAidsDate) === '' && !(cells.firstAidsDate instanceof Date) ? null : dateOf(cells.firstAidsDate),
  };
  if (raw.aidsAtDiagnosis === undefined) issues.push({ column: 'aidsAtDiagnosis', messageKey: 'validation.invalid_value' });
  if (issues.length) return { value: null, issues };
  const parsed = CaseInputSchema.safeParse(raw);
  if (!parsed.success)
    return {
      value: null,
      issues: parsed.error.issues.map((i) => ({
        column: String(i.path[0] ?? ''),
        messageKey: i.message.startsWith('validation.') ? i.message : 'validation.invalid_value',
      })),
    };
  const uic = uicIssue(parsed.data.uic, lk.uicPattern);
  if (uic) return { value: null, issues: [{ column: 'uic', messageKey: uic }] };
  return { value: parsed.data, issues: [] };
}

// The words a clerk may write, in every language: made when a file is first read, not when the
// module loads (every language's texts, Uzbek Cyrillic's written out then, cost a start ~0.15 s).
let markWords: { yes: Set<string>; aidsYes: Set<string>; aidsNo: Set<string>; aidsUnknown: Set<string> } | null = null;
function marks() {
  // The words of the template's drop-down in every language (a Kazakh template writes «иә (91 күн ішінде)»).
  const aidsWords = (answer: 'yes' | 'no' | 'unknown') => LANGUAGES.map((l) => normalise(texts(l).enums.aids_at_diagnosis[answer]));
  return (markWords ??= {
    yes: new Set([
      '1',
      'да',
      'yes',
      'true',
      'x',
      'истина',
      'неопределяемая',
      ...LANGUAGES.map((l) => normalise(texts(l).cases.undetectable)),
    ]),
    aidsYes: new Set(['1', 'да', 'yes', 'true', 'x', 'истина', ...aidsWords('yes')]),
    aidsNo: new Set(['0', 'нет', 'no', 'false', 'ложь', ...aidsWords('no')]),
    aidsUnknown: new Set(['', ...aidsWords('unknown')]),
  });
}

/** AIDS at diagnosis as a clerk writes it: yes / no / unknown in either language (or 1/0); undefined: not one of them. */
function aidsMark(s: string): boolean | null | undefined {
  const n = normalise(s);
  const m = marks();
  return m.aidsYes.has(n) ? true : m.aidsNo.has(n) ? false : m.aidsUnknown.has(n) ? null : undefined;
}

export function eventFromRow(
  cells: Partial<Record<EventColumn, Cell>>,
  lk: Lookups,
): { registerNo: string; value: EventInput | null; issues: CellIssue[] } {
  const registerNo = text(cells.registerNo);
  const kindText = text(cells.kind);
  const kind = lk.options.event_kind!.get(normalise(kindText));
  if (!kind)
    return {
      registerNo,
      value: null,
      issues: [{ column: 'kind', messageKey: kindText ? 'validation.invalid_value' : 'validation.required' }],
    };
  const num = (c: Cell | undefined) => (text(c) === '' ? null : Number(text(c).replace(',', '.')));
  const raw: Record<string, unknown> = { kind, date: dateOf(cells.date) };
  if (kind === 'cd4') raw.cd4 = num(cells.cd4) ?? undefined;
  if (kind === 'viral_load') {
    raw.undetectable = marks().yes.has(normalise(text(cells.undetectable)));
    raw.copies = raw.undetectable ? null : num(cells.copies);
  }
  if (kind === 'outcome') {
    const o = text(cells.outcome);
    raw.outcome = o === '' ? undefined : (lk.options.outcome!.get(normalise(o)) ?? o);
  }
  const parsed = EventInputSchema.safeParse(raw);
  if (!parsed.success)
    return {
      registerNo,
      value: null,
      issues: parsed.error.issues.map((i) => ({
        column: String(i.path[0] ?? 'kind'),
        messageKey: i.message.startsWith('validation.') ? i.message : 'validation.invalid_value',
      })),
    };
  return { registerNo, value: parsed.data, issues: [] };
}
