// A change-log entry in a person's words: which thing (case № 12, a form's cell, a fact-sheet row,
// a setting) and, field by field, what it was and what it became. Codes never reach the screen: a
// value the describer does not know is left out rather than shown raw.
import type { AuditEntry } from '../../shared/contract.js';
import { LANGUAGE_INFO, isLanguage, numberLocale, type Language } from '../../shared/i18n/languages.js';
import { formatDate } from '../../shared/dates.js';
import { DATA_ELEMENTS } from '../../shared/forms/definitions.js';
import { cellLabel, deLabel } from '../../shared/forms/labels.js';
import { contextRow, TEXT_SECTIONS } from '../../shared/factsheet/definitions.js';
import { parsePeriod } from '../../shared/periods.js';
import { factLabel } from '../../shared/factsheet/labels.js';

export type Translate = (key: string, options?: Record<string, unknown>) => string;
export type Lookups = {
  country: (code: string) => string;
  orgUnit: (id: number) => string;
  /** An account's sign-in name by its id (entries that name an account by id); null if unknown. */
  account?: (id: number) => string | null;
};
export type FieldChange = { field: string; before: string; after: string };
/** `detail`: the part of the item below it (a case's event), shown on its own in the case's history. */
export type Described = { item: string; detail?: string; changes: FieldChange[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const EMPTY = '—';

export function describeEntry(e: AuditEntry, t: Translate, lang: Language, look: Lookups): Described {
  const d = DESCRIBERS[e.entity];
  if (d) return d(e, { t, lang, look });
  // Files leaving or entering the app: the file's name and its counts.
  return { item: e.entityId ?? '', changes: counts(e.newValue, t) };
}

type Ctx = { t: Translate; lang: Language; look: Lookups };
type Describer = (e: AuditEntry, c: Ctx) => Described;

/** "Случай № 12" (or its id when the case is gone for good). */
function caseItem(e: AuditEntry, t: Translate): string {
  const id = (e.entityId ?? '').split('/')[0];
  return e.registerNo ? t('audit.caseNo', { registerNo: e.registerNo }) : t('audit.caseId', { id });
}

/** One case field's value in words. */
function caseValue(field: string, v: unknown, c: Ctx): string | null {
  const { t } = c;
  if (v === null || v === undefined || v === '') return EMPTY;
  switch (field) {
    case 'sex':
      return t(`categories.sex.${String(v)}`);
    case 'migrantType':
      return t(`categories.migrant_type.${String(v)}`);
    case 'legalStatus':
      return t(`categories.legal_status.${String(v)}`);
    case 'keyPopulations':
      return Array.isArray(v) ? v.map((k) => t(`categories.key_population.${String(k)}`)).join('; ') || EMPTY : null;
    case 'transmissionRoute':
      return t(`enums.transmission_route.${String(v)}`);
    case 'citizenship':
    case 'infectionCountry':
    case 'diagnosisCountry':
      return c.look.country(String(v));
    case 'diagnosisDate':
    case 'firstAidsDate':
    case 'date':
      return formatDate(String(v));
    case 'aidsAtDiagnosis':
      return t(`enums.aids_at_diagnosis.${v === true ? 'yes' : v === false ? 'no' : 'unknown'}`);
    case 'undetectable':
      return t(v ? 'audit.yes' : 'audit.no');
    case 'outcome':
      return t(`enums.outcome.${String(v)}`);
    case 'kind':
      return t(`enums.event_kind.${String(v)}`);
    case 'registerNo':
    case 'uic':
    case 'birthYear':
    case 'cd4':
    case 'copies':
      return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
    default:
      return null;
  }
}

/** Field by field between two records (either may be absent), in the order of the newer; each field named by `label`. */
function diff(
  before: unknown,
  after: unknown,
  c: Ctx,
  value: (field: string, v: unknown, c: Ctx) => string | null,
  label: (field: string) => string = (f) => c.t(`fields.${f}`),
): FieldChange[] {
  const b = isObj(before) ? before : {};
  const a = isObj(after) ? after : {};
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const out: FieldChange[] = [];
  for (const f of fields) {
    const was = f in b ? value(f, b[f], c) : EMPTY;
    const now = f in a ? value(f, a[f], c) : EMPTY;
    if (was === null || now === null || was === now) continue;
    out.push({ field: label(f), before: was, after: now });
  }
  return out;
}

function eventSummary(ev: unknown, c: Ctx): string {
  if (!isObj(ev)) return '';
  const parts = [caseValue('kind', ev.kind, c), caseValue('date', ev.date, c)];
  if (ev.kind === 'cd4') parts.push(caseValue('cd4', ev.cd4, c));
  if (ev.kind === 'viral_load') parts.push(ev.undetectable ? c.t('cases.undetectable') : caseValue('copies', ev.copies, c));
  if (ev.kind === 'outcome') parts.push(caseValue('outcome', ev.outcome, c));
  return parts.filter((p) => p && p !== EMPTY).join(', ');
}

/** A change a package brought: from which centre, in which package. */
function received(v: unknown, c: Ctx): FieldChange[] {
  if (isObj(v) && typeof v.removedWithPartner === 'string')
    return [{ field: c.t('audit.removedWithPartner'), before: EMPTY, after: v.removedWithPartner }];
  if (!isObj(v) || typeof v.receivedFrom !== 'string') return [];
  return [{ field: c.t('audit.receivedFrom'), before: EMPTY, after: `${v.receivedFrom}, ${c.t('audit.packageNo', { n: v.package })}` }];
}

const describeCase: Describer = (e, c) => {
  const item = caseItem(e, c.t);
  if (e.action === 'create' && isObj(e.newValue)) {
    const { events, importedFrom, row, savedDespiteDuplicate, ...fields } = e.newValue;
    const changes = [...received(e.newValue, c), ...diff(null, fields, c, caseValue)];
    if (typeof importedFrom === 'string')
      changes.unshift({ field: c.t('audit.importedFrom'), before: EMPTY, after: `${importedFrom}, ${c.t('audit.row', { row })}` });
    if (savedDespiteDuplicate) changes.push({ field: c.t('audit.duplicate'), before: EMPTY, after: c.t('audit.savedDespiteDuplicate') });
    if (Array.isArray(events))
      for (const ev of events) changes.push({ field: c.t('audit.eventAdded'), before: EMPTY, after: eventSummary(ev, c) });
    return { item, changes };
  }
  if (e.action === 'delete' || e.action === 'restore') return { item, changes: received(e.newValue, c) };
  return { item, changes: [...received(e.newValue, c), ...diff(e.oldValue, e.newValue, c, caseValue)] };
};

const describeEvent: Describer = (e, c) => {
  const ev = e.newValue ?? e.oldValue;
  const item = caseItem(e, c.t);
  const detail = `${c.t('audit.event')}: ${eventSummary(ev, c)}`;
  return { item, detail, changes: e.action === 'update' ? diff(e.oldValue, e.newValue, c, caseValue) : [] };
};

function periodWords(code: string, c: Ctx): string {
  const p = parsePeriod(code);
  if (p?.type === 'quarter') return `${code.slice(0, 4)}, ${c.t('forms.quarter', { q: code.slice(5) })}`;
  if (p?.type === 'month') return `${c.t(`common.months.m${Number(code.slice(4))}`)} ${code.slice(0, 4)}`;
  return code;
}

function formValue(field: string, v: unknown): string | null {
  if (field === 'value' || field === 'comment') return v === null || v === undefined || v === '' ? EMPTY : String(v);
  return null;
}

/** "Тестирование мигрантов · Бишкек · 2017 · Обследовано (…) · Мужской; 15-19". */
const describeDataValue: Describer = (e, c) => {
  const [unit, period, de, coc] = (e.entityId ?? '').split('/');
  const form = DATA_ELEMENTS.find((d) => d.code === de)?.form;
  const item = [
    form ? c.t(`forms.names.${form}`) : '',
    c.look.orgUnit(Number(unit)),
    periodWords(period ?? '', c),
    deLabel(c.t, de ?? ''),
    cellLabel(c.t, c.lang, coc ?? ''),
  ]
    .filter(Boolean)
    .join(' · ');
  return { item, changes: diff(e.oldValue, e.newValue, c, formValue, (f) => c.t(`audit.formField.${f}`)) };
};

const describeFormPeriod: Describer = (e, c) => {
  const [form, unit, period] = (e.entityId ?? '').split('/');
  return {
    item: [c.t(`forms.names.${form}`), c.look.orgUnit(Number(unit)), periodWords(period ?? '', c)].join(' · '),
    changes: [],
  };
};

function factRowLabel(code: string, lang: Language): string {
  const label = factLabel(code, lang);
  return label ?? '';
}

const FACT_FIELDS = ['value', 'low', 'high', 'text', 'dataYear', 'source', 'note'] as const;
function factValue(field: string, v: unknown, c: Ctx): string | null {
  if (!(FACT_FIELDS as readonly string[]).includes(field)) return null;
  if (v === null || v === undefined || v === '') return EMPTY;
  if (field === 'text') return c.t(`factsheet.ratification.${String(v)}`);
  return typeof v === 'number' ? v.toLocaleString(numberLocale(c.lang)) : String(v);
}

const describeFactValue: Describer = (e, c) => {
  const [country, year, indicator] = (e.entityId ?? '').split('/');
  const item = `${c.look.country(country ?? '')} ${year} · ${factRowLabel(indicator ?? '', c.lang)}`;
  // "text" is a ratification on an instrument's row, "no data" on a figure's; a note says its language.
  const written = isObj(e.newValue) ? e.newValue.noteLanguage : isObj(e.oldValue) ? e.oldValue.noteLanguage : undefined;
  const label = (f: string) =>
    f === 'text' && contextRow(indicator ?? '')
      ? c.t('audit.factField.value')
      : f === 'note' && typeof written === 'string'
        ? `${c.t('audit.factField.note')} (${c.t('common.languageName', { lng: written })})`
        : c.t(`audit.factField.${f}`);
  return { item, changes: diff(e.oldValue, e.newValue, c, factValue, label) };
};

const clip = (s: unknown) => (typeof s === 'string' && s ? (s.length > 120 ? `${s.slice(0, 119)}…` : s) : EMPTY);
const describeFactText: Describer = (e, c) => {
  const [country, year, section, language] = (e.entityId ?? '').split('/');
  const known = (TEXT_SECTIONS as readonly string[]).includes(section ?? '');
  const inLanguage = language ? ` (${c.t('common.languageName', { lng: language })})` : '';
  return {
    item: `${c.look.country(country ?? '')} ${year} · ${known ? c.t(`factsheet.sections.${section}`) : ''}${inLanguage}`,
    changes: [{ field: c.t('audit.text'), before: clip(e.oldValue), after: clip(e.newValue) }],
  };
};

const SETTING_VALUES: Record<string, (v: string, c: Ctx) => string> = {
  installation_org_unit: (v, c) => c.look.orgUnit(Number(v)),
  database_kind: (v, c) => c.t(`audit.databaseKind.${v}`),
};
const describeSetting: Describer = (e, c) => {
  const key = e.entityId ?? '';
  const show = (v: unknown) => (typeof v === 'string' ? (SETTING_VALUES[key]?.(v, c) ?? v) : EMPTY);
  // The database's own id is a random code, not a value a person reads.
  const changes = key === 'database_id' ? [] : [{ field: c.t(`audit.settings.${key}`), before: show(e.oldValue), after: show(e.newValue) }];
  return { item: c.t(`audit.settings.${key}`, { defaultValue: c.t('audit.entities.setting') }), changes };
};

const describeAccount: Describer = (e, c) => {
  const v = isObj(e.newValue) ? e.newValue : {};
  const byId = /^\d+$/.test(e.entityId ?? '') ? (c.look.account?.(Number(e.entityId)) ?? null) : null;
  const login = typeof v.login === 'string' ? v.login : (byId ?? e.entityId ?? '');
  const accountValue = (f: string, x: unknown): string | null => {
    if (f === 'roles') return Array.isArray(x) ? x.map((r) => c.t(`roles.${String(r)}`)).join(', ') : EMPTY;
    if (f === 'disabled') return c.t(x ? 'audit.disabled' : 'audit.enabled');
    if (f === 'orgUnitId') return x === null || x === undefined ? c.t('audit.allUnits') : c.look.orgUnit(Number(x));
    if (f === 'resetBy') return typeof x === 'string' ? x : EMPTY;
    return null;
  };
  const after = e.action === 'create' ? { roles: v.roles, orgUnitId: v.orgUnitId } : e.newValue;
  const changes = diff(e.oldValue, after, c, accountValue, (f) => c.t(`audit.accountField.${f}`));
  return { item: `${c.t('audit.entities.account')} ${login}`, changes };
};

const describeRun: Describer = (e, c) => {
  const was = isObj(e.oldValue) ? e.oldValue.adoptedRun : undefined;
  const now = isObj(e.newValue) ? e.newValue.adoptedRun : undefined;
  const run = (x: unknown) => (typeof x === 'number' ? c.t('audit.runNo', { id: x }) : c.t('audit.noneAdopted'));
  return {
    item: c.t('audit.runNo', { id: e.entityId }),
    changes: e.action === 'update' ? [{ field: c.t('audit.adopted'), before: run(was), after: run(now) }] : counts(e.newValue, c.t),
  };
};

/** Counts a file's entry carries ("cases: 120"), each under its own label; other details left out. */
const COUNT_KEYS = [
  'cases',
  'events',
  'values',
  'rows',
  'orgUnits',
  'bootstrap',
  'checked',
  'created',
  'updated',
  'deleted',
  'unchanged',
  'refused',
] as const;
function counts(v: unknown, t: Translate): FieldChange[] {
  if (!isObj(v)) return [];
  return COUNT_KEYS.filter((k) => typeof v[k] === 'number').map((k) => ({
    field: t(`audit.counts.${k}`),
    before: EMPTY,
    after: String(v[k]),
  }));
}

const DESCRIBERS: Record<string, Describer> = {
  // A text a centre corrected: the language and key, the text before and after.
  translation: (e, c) => {
    const [lang = '', key = ''] = (e.entityId ?? '').split(/:(.*)/);
    const text = (v: unknown) => (isObj(v) && typeof v.text === 'string' ? v.text : EMPTY);
    const name = isLanguage(lang) ? LANGUAGE_INFO[lang].native : lang;
    return {
      item: `${c.t('audit.entities.translation')}: ${name} · ${key}`,
      // Where a text came from when a partner's package brought it.
      changes: [{ field: key, before: text(e.oldValue), after: text(e.newValue) }, ...received(e.newValue, c)],
    };
  },
  case: describeCase,
  case_event: describeEvent,
  data_value: describeDataValue,
  form_period: describeFormPeriod,
  fact_sheet_value: describeFactValue,
  fact_sheet_text: describeFactText,
  setting: describeSetting,
  account: describeAccount,
  estimate_run: describeRun,
  exchange_package: (e, c) => {
    const v = isObj(e.newValue) ? e.newValue : {};
    const [, sequence] = (e.entityId ?? '').split('/');
    const centre = typeof v.centre === 'string' ? v.centre : typeof v.fileName === 'string' ? v.fileName : '';
    return { item: c.t('audit.packageItem', { n: sequence, centre }), changes: counts(v, c.t) };
  },
  exchange_partner: (e, c) => {
    const v = isObj(e.newValue) ? e.newValue : {};
    const old = isObj(e.oldValue) ? e.oldValue : {};
    const centre = typeof v.centre === 'string' ? v.centre : typeof old.centre === 'string' ? old.centre : '';
    const changes: FieldChange[] = [];
    // Added (its fingerprint), its key replaced (old → new), or removed (with or without what it sent).
    if (typeof v.fingerprint === 'string')
      changes.push({
        field: c.t('audit.fingerprint'),
        before: typeof old.fingerprint === 'string' ? old.fingerprint : EMPTY,
        after: v.fingerprint,
      });
    if (v.records === 'keep' || v.records === 'remove')
      changes.push(
        {
          field: c.t('audit.partnerRecords'),
          before: EMPTY,
          after: c.t(v.records === 'keep' ? 'audit.recordsKept' : 'audit.recordsRemoved'),
        },
        ...counts(v, c.t),
      );
    return { item: centre, changes };
  },
  person_link: (e, c) => {
    const v = isObj(e.newValue) ? e.newValue : isObj(e.oldValue) ? e.oldValue : {};
    const nos = Array.isArray(v.registerNos) ? v.registerNos.map(String).join(' + ') : '';
    return { item: c.t(e.action === 'delete' ? 'audit.personUnlinked' : 'audit.personLinked', { nos }), changes: [] };
  },
  exchange_identity: (e, c) => ({
    item: c.t('audit.exchangeKeys'),
    changes: [{ field: c.t('audit.fingerprint'), before: EMPTY, after: e.entityId ?? '' }],
  }),
  // A form file loaded: its counts, and the units its values went to (a DHIS2 file may name several).
  aggregate_forms: (e, c) => {
    const v = isObj(e.newValue) ? e.newValue : {};
    const ids = Array.isArray(v.orgUnitIds) ? v.orgUnitIds : typeof v.orgUnitId === 'number' ? [v.orgUnitId] : [];
    const units = ids.length
      ? [{ field: c.t('audit.formUnits'), before: EMPTY, after: ids.map((id) => c.look.orgUnit(Number(id))).join('; ') }]
      : [];
    return { item: e.entityId ?? '', changes: [...counts(v, c.t), ...units] };
  },
  org_unit: (e, c) => ({
    item: isObj(e.newValue) && typeof e.newValue.name === 'string' ? e.newValue.name : c.look.orgUnit(Number(e.entityId)),
    changes: [],
  }),
};

/**
 * A case's history a save at a time, the newest first: the entries one save wrote (one transaction
 * gives them one instant, one person, and ids in a row) as one row.
 */
export function groupSaves(entries: readonly AuditEntry[]): AuditEntry[][] {
  const groups: AuditEntry[][] = [];
  for (const e of entries) {
    const last = groups[groups.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && prev.at === e.at && prev.actor === e.actor && prev.id === e.id + 1) last.push(e);
    else groups.push([e]);
  }
  return groups;
}
