// Names are looked up by code and language (shared/i18n/country-names.ts for countries, the
// translation files' `categories.*` keys for categories and their options), so the two columns
// that held Russian and English go: no table keeps a column per language.
import type { Migration } from './types.js';

export const m0023: Migration = {
  version: 23,
  name: 'no name columns per language',
  up(db) {
    for (const table of ['country', 'category', 'category_option'])
      for (const column of ['name_ru', 'name_en']) db.exec(`ALTER TABLE ${table} DROP COLUMN ${column}`);
  },
};
