// A corrected text is checked before it can replace a shipped one: its key must exist, it must keep
// exactly the {{placeholders}} of the Russian original, and it must fit where the text is shown.
import { FALLBACK, SHIPPED, leafKeys, type Language, textAt } from '../i18n/languages.js';

const SOURCE = FALLBACK[0]!;
const at = textAt;

/** Every key a text can have, with its Russian original. */
export const SOURCE_TEXTS: ReadonlyMap<string, string> = new Map(
  leafKeys(SHIPPED[SOURCE]).map((k) => [k, at(SHIPPED[SOURCE], k) as string]),
);

/**
 * What i18next would replace in a text, sorted: every {{…}} (with its options, so {{- x}} is not
 * {{x}}) and every $t(…) nesting (a correction could otherwise pull another text in).
 */
export const placeholders = (s: string) => [...s.matchAll(/\{\{(.*?)\}\}|\$t\((.*?)\)/g)].map((m) => (m[1] ?? `$t(${m[2]})`).trim()).sort();

/** Longest a correction may be: what the screens were laid out for, with room for a longer language (the table holds 2,000 at most). */
export const maxLength = (original: string) => Math.min(2000, Math.max(40, Math.ceil(original.length * 2.5)));

/** Why a correction is refused (a message key), or null when it may be saved. */
export function translationIssue(key: string, text: string): string | null {
  const original = SOURCE_TEXTS.get(key);
  if (original === undefined) return 'translations.unknownKey';
  if (placeholders(text).join() !== placeholders(original).join()) return 'translations.placeholders';
  if (text.length > maxLength(original)) return 'translations.tooLong';
  return null;
}

/** The text a language shows for a key (its own, else Russian's): what a correction replaces. */
export const shippedText = (lang: Language, key: string): string | undefined =>
  (at(SHIPPED[lang], key) as string | undefined) ?? SOURCE_TEXTS.get(key);
