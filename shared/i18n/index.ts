import { CATEGORIES } from '../categories.js';
import { en } from './en.js';
import { ru } from './ru.js';

/** Category option labels, defined once in shared/categories.ts: `categories.sex.male`, … */
const categoryLabels = (lang: 'ru' | 'en') =>
  Object.fromEntries(
    CATEGORIES.map((c) => [c.code, Object.fromEntries([['_label', c.label[lang]], ...c.options.map((o) => [o.code, o.label[lang]])])]),
  );

export const resources = {
  ru: { translation: { ...ru, categories: categoryLabels('ru') } },
  en: { translation: { ...en, categories: categoryLabels('en') } },
} as const;
export { ru, en };
