// The fact sheet's fixed words in any language: section 1's row labels and units and the UN
// instruments' names, from the translations (a language lacking one gets Russian's).
import { texts, type Language } from '../i18n/languages.js';

const words = (lang: Language) =>
  texts(lang).factsheet as unknown as Record<'rows' | 'units' | 'instruments', Record<string, string | undefined>>;

export const contextLabel = (code: string, lang: Language) => words(lang).rows[code] ?? code;
/** '' where the row has no unit (an index, a rank). */
export const contextUnit = (code: string, lang: Language) => words(lang).units[code] ?? '';
export const instrumentLabel = (code: string, lang: Language) => words(lang).instruments[code] ?? code;
/** A row's or an instrument's name (the change log names either by its code). */
export const factLabel = (code: string, lang: Language) => words(lang).rows[code] ?? words(lang).instruments[code];
