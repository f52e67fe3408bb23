// Names of data elements and cells as a person reads them (the grid's words), and the reverse
// look-up an import needs: a name in Russian or English, or the stable code, back to the code.
import { LANGUAGES, texts, type Language } from '../i18n/languages.js';
import { normalise } from '../imports/columns.js';
import { COMBOS, comboCells, DATA_ELEMENTS, parseCoc, TOTAL, type DataElementDef, type FormCode } from './definitions.js';

/** Any translate function (i18next's t, or one over the plain resources). */
export type Translate = (key: string, options?: { defaultValue?: string }) => string;

/** A data element's name: testing ones are built from measure, setting and "by key population". */
export function deLabel(t: Translate, code: string): string {
  const m = /^(tested|positive)(_kp)?_(.+)$/.exec(code);
  if (!m) return t(`forms.de.${code}`, { defaultValue: code });
  return `${t(`forms.measure.${m[1]}`)} (${t(`forms.settings.${m[3]}`)}${m[2] ? `, ${t('forms.kpShort')}` : ''})`;
}

/** A cell's name: its options in the combo's order ("Мужской; 15-19; …"), "Итого" for the total, '' for none. */
export function cellLabel(t: Translate, lang: Language, coc: string): string {
  if (coc === '') return '';
  if (coc === TOTAL) return t('forms.total');
  const parts = parseCoc(coc);
  return Object.entries(parts)
    .map(([cat, option]) => ({
      order: CATEGORY_ORDER.indexOf(cat),
      label: texts(lang).categories[cat]![option]!,
    }))
    .sort((a, b) => a.order - b.order)
    .map((p) => p.label)
    .join('; ');
}
const CATEGORY_ORDER = [...new Set(Object.values(COMBOS).flat())] as string[];

/** A translate function over the plain resources, for code that has no i18next instance. */
export function plainTranslate(lang: Language): Translate {
  const root = texts(lang);
  return (key, options) => {
    const v = key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), root);
    return typeof v === 'string' ? v : (options?.defaultValue ?? key);
  };
}

/** Every data element (of one form, or all), found by code or by its Russian or English name. */
export function elementLookup(form?: FormCode): Map<string, DataElementDef> {
  const m = new Map<string, DataElementDef>();
  for (const de of DATA_ELEMENTS) {
    if (form && de.form !== form) continue;
    for (const n of [de.code, ...LANGUAGES.map((l) => deLabel(plainTranslate(l), de.code))])
      if (!m.has(normalise(n))) m.set(normalise(n), de);
  }
  return m;
}

/** The cells of a data element (its total included), found by key or by name in either language. */
export function cellLookup(de: DataElementDef): Map<string, string> {
  const m = new Map<string, string>();
  const keys = de.combo === 'default' ? [''] : [TOTAL, ...comboCells(de.combo)];
  for (const coc of keys)
    for (const n of [coc, ...LANGUAGES.map((l) => cellLabel(plainTranslate(l), l, coc))])
      if (!m.has(normalise(n))) m.set(normalise(n), coc);
  return m;
}
