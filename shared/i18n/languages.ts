// The languages of the six countries, in one list: each with its native name, script, text
// direction and the locale its numbers and dates are written in (Intl knows them all). Texts are
// looked up by key and language; what a language lacks falls back to Russian, then English.
import { en } from './en.js';
import { enCategories } from './en-categories.js';
import { ruCategories } from './ru-categories.js';
import { kk } from './kk.js';
import { ky } from './ky.js';
import { ru } from './ru.js';
import { tg } from './tg.js';
import { tk } from './tk.js';
import { uz } from './uz.js';
import { uzTreeToCyrillic } from './uz-cyrillic.js';
import type { PartialTexts, Texts } from './texts.js';

export const LANGUAGES = ['ru', 'en', 'kk', 'ky', 'tg', 'uz', 'uz-Cyrl', 'tk'] as const;
export type Language = (typeof LANGUAGES)[number];

export type LanguageInfo = {
  /** Its name in itself, as the language menu shows it. */
  native: string;
  script: 'Cyrl' | 'Latn';
  dir: 'ltr' | 'rtl';
  /** Its BCP 47 locale. */
  locale: string;
  /**
   * The locale Intl formats its numbers and dates with: its own where every Chromium (and so
   * Electron) carries the data; else one with the same conventions (Chromium's ICU has no number
   * data for kk, ky, tg, uz or tk and would write 52.6%; Russian's 52,6 % and 1 234,5 are theirs).
   */
  format: string;
  /** Whether its texts were drafted without a native reviewer (said in the app's About). */
  draft: boolean;
};
export const LANGUAGE_INFO: Record<Language, LanguageInfo> = {
  ru: { native: 'Русский', script: 'Cyrl', dir: 'ltr', locale: 'ru-RU', format: 'ru-RU', draft: false },
  en: { native: 'English', script: 'Latn', dir: 'ltr', locale: 'en-GB', format: 'en-GB', draft: false },
  kk: { native: 'Қазақша', script: 'Cyrl', dir: 'ltr', locale: 'kk-KZ', format: 'ru-RU', draft: true },
  ky: { native: 'Кыргызча', script: 'Cyrl', dir: 'ltr', locale: 'ky-KG', format: 'ru-RU', draft: true },
  tg: { native: 'Тоҷикӣ', script: 'Cyrl', dir: 'ltr', locale: 'tg-TJ', format: 'ru-RU', draft: true },
  uz: { native: 'Oʻzbekcha', script: 'Latn', dir: 'ltr', locale: 'uz-Latn-UZ', format: 'ru-RU', draft: true },
  // Written from the Latin texts by the alphabets' correspondence (shared/i18n/uz-cyrillic.ts).
  'uz-Cyrl': { native: 'Ўзбекча', script: 'Cyrl', dir: 'ltr', locale: 'uz-Cyrl-UZ', format: 'ru-RU', draft: true },
  tk: { native: 'Türkmençe', script: 'Latn', dir: 'ltr', locale: 'tk-TM', format: 'ru-RU', draft: true },
};
/** Where a missing text is looked for next: Russian, the working language, is complete; then English. */
export const FALLBACK: readonly Language[] = ['ru', 'en'];

export const isLanguage = (x: unknown): x is Language => typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x);
/** The app's language for any tag the runtime reports ('kk-KZ', 'en-US'…); Russian when none fits. */
export const languageOf = (tag: string | undefined): Language => {
  const parts = (tag ?? '').toLowerCase().split(/[-_]/);
  // The longest of the list's codes the tag starts with: 'uz-Cyrl-UZ' is Uzbek in Cyrillic, 'uz-UZ' in Latin.
  for (let n = parts.length; n > 0; n--) {
    const found = LANGUAGES.find((l) => l.toLowerCase() === parts.slice(0, n).join('-'));
    if (found) return found;
  }
  return FALLBACK[0]!;
};

let uzCyrillic: PartialTexts | undefined;
/** Each language's own texts as shipped (the five drafted ones partial). */
export const SHIPPED: Record<Language, PartialTexts & { categories?: Record<string, Record<string, string>> }> = {
  ru: { ...ru, categories: ruCategories },
  en: { ...en, categories: enCategories },
  kk,
  ky,
  tg,
  uz,
  // Written when first asked for: every thread loads this module, few ever show Uzbek in Cyrillic.
  get 'uz-Cyrl'() {
    return (uzCyrillic ??= uzTreeToCyrillic(uz));
  },
  tk,
};

type Tree = { [k: string]: string | Tree };
/** `over` laid on `base`, key by key: a text `over` lacks is `base`'s. */
export function overlay<T>(base: T, over: unknown): T {
  if (!over || typeof over !== 'object') return base;
  // A list of texts (a definition's numerator and denominator) stays a list.
  const out: Tree = Array.isArray(base) ? ([...base] as unknown as Tree) : { ...(base as Tree) };
  for (const [k, v] of Object.entries(over as Tree)) {
    const b = out[k];
    // A text replaces a text (or fills a gap); a branch is laid on a branch; a mismatch keeps the base.
    const next =
      typeof v === 'string'
        ? typeof b === 'string' || b === undefined
          ? v
          : b
        : b === undefined
          ? overlay(Array.isArray(v) ? [] : {}, v)
          : typeof b === 'object'
            ? overlay(b, v)
            : b;
    if (next !== undefined) out[k] = next;
  }
  return out as T;
}

const merged = new Map<Language, Texts & { categories: Record<string, Record<string, string>> }>();

/** Dotted keys to a tree ({'nav.cases': 'x'} → {nav: {cases: 'x'}}). */
export function nest(flat: Readonly<Record<string, string>>): Tree {
  const tree: Tree = {};
  for (const [key, text] of Object.entries(flat)) {
    const path = key.split('.');
    let at = tree;
    for (const p of path.slice(0, -1)) at = typeof at[p] === 'object' ? at[p] : (at[p] = {});
    at[path.at(-1)!] = text;
  }
  return tree;
}

/** Texts the open database's centre corrected, per language ({key: text}); set when a database opens. */
let corrections: Partial<Record<Language, Readonly<Record<string, string>>>> = {};
let correctionsVersion = 0;
export function setCorrections(c: Partial<Record<Language, Readonly<Record<string, string>>>>): void {
  corrections = c;
  correctionsVersion++;
  merged.clear();
}
/** Changes whenever the corrections do (for caches built on texts()). */
export const correctionsStamp = () => correctionsVersion;

/**
 * Every text of a language, complete: its own, then Russian's, then English's where Russian has
 * none, with the centre's corrections on top. For code without an i18next instance (workbooks,
 * templates, import headers).
 */
export function texts(lang: Language): Texts & { categories: Record<string, Record<string, string>> } {
  let t = merged.get(lang);
  if (!t) {
    const base = [...FALLBACK].reverse().reduce<unknown>((acc, l) => overlay(acc, SHIPPED[l]), {});
    t = overlay(overlay(base, SHIPPED[lang]), nest(corrections[lang] ?? {})) as Texts & {
      categories: Record<string, Record<string, string>>;
    };
    merged.set(lang, t);
  }
  return t;
}

/** Numbers and dates in the language's own format. */
export const numberLocale = (lang: Language) => LANGUAGE_INFO[lang].format;
/** Whether the language writes 1,5 for one and a half (then a comma typed in a number is its decimal mark). */
export const decimalComma = (lang: Language) =>
  new Intl.NumberFormat(numberLocale(lang)).formatToParts(1.5).find((p) => p.type === 'decimal')?.value === ',';

/** Leaf texts of a tree, by dotted key. */
export function leafKeys(tree: unknown, prefix = ''): string[] {
  if (typeof tree === 'string') return [prefix];
  if (!tree || typeof tree !== 'object') return [];
  return Object.entries(tree).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

/** A language's own share of the texts (0–1): what it shows without falling back to Russian. */
export function coverage(lang: Language): number {
  const all = new Set(leafKeys(SHIPPED[FALLBACK[0]!]));
  return leafKeys(SHIPPED[lang]).filter((k) => all.has(k)).length / all.size;
}

/** The value under a dotted key ('nav.cases') in a tree of texts; undefined where there is none. */
export const textAt = (tree: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((x, p) => (x as Record<string, unknown> | undefined)?.[p], tree);
