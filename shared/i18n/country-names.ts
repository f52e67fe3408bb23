// A country's name in a language: the names the database holds for Russian and English (the fact
// sheets' own spelling, e.g. «Кыргызстан»), and for the other languages i18n-iso-countries' names
// (committed by scripts/generate-countries.mjs); Russian's where a code has none.
import { COUNTRY_NAMES_LOCAL } from './country-names-local.js';
import type { Language } from './languages.js';

type Named = { code: string; nameRu: string; nameEn: string };

export function countryName(c: Named, lang: Language): string {
  const columns: Partial<Record<Language, string>> = { ru: c.nameRu, en: c.nameEn };
  const local: Partial<Record<Language, Readonly<Record<string, string>>>> = COUNTRY_NAMES_LOCAL;
  return columns[lang] ?? local[lang]?.[c.code] ?? c.nameRu;
}
