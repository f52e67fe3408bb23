// A country's name in a language, looked up by its code: the fact sheets' own spelling in Russian
// and English (e.g. «Кыргызстан»), i18n-iso-countries' names in the others (committed by
// scripts/generate-countries.mjs); Russian's where a language has none for a code, the code where
// no language has it.
import { COUNTRY_NAMES } from './country-names-data.js';
import { FALLBACK, LANGUAGES, type Language } from './languages.js';
import { uzLatinToCyrillic } from './uz-cyrillic.js';

let uzCyrillic: Readonly<Record<string, string>> | undefined;
const table: Partial<Record<Language, Readonly<Record<string, string>>>> = {
  ...COUNTRY_NAMES,
  // Uzbek in Cyrillic: the Latin names written in Cyrillic (i18n-iso-countries has no such list), when first asked for.
  get 'uz-Cyrl'() {
    return (uzCyrillic ??= Object.fromEntries(Object.entries(COUNTRY_NAMES.uz).map(([code, name]) => [code, uzLatinToCyrillic(name)])));
  },
};

export function countryName(code: string, lang: Language): string {
  for (const l of [lang, ...FALLBACK]) {
    const name = table[l]?.[code];
    if (name) return name;
  }
  return code;
}

/** Its names in every language, each once: what a search box or an imported file may call it. */
export const countryNames = (code: string): string[] => [...new Set(LANGUAGES.map((l) => countryName(code, l)))];
