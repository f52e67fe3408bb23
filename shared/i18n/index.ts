// Every language's texts for i18next: each language its own (the drafted ones partial; i18next
// falls back to Russian, then English, key by key). shared/i18n/languages.ts lists the languages.
import { LANGUAGES, SHIPPED, type Language } from './languages.js';
import { en } from './en.js';
import { ru } from './ru.js';

export const resources = Object.fromEntries(LANGUAGES.map((l) => [l, { translation: SHIPPED[l] }])) as Record<
  Language,
  { translation: (typeof SHIPPED)[Language] }
>;
export { ru, en };
