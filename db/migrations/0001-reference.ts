// Reference data every installation needs: countries, disaggregation categories, settings and
// the append-only audit log that every later write goes through. Frozen: its data is in data/.
import { COUNTRIES_V1 } from './data/0001-countries.js';
import { CATEGORIES_V1, UIC_PATTERN_V1 } from './data/0001-reference.js';
import type { Migration } from './types.js';

export const m0001: Migration = {
  version: 1,
  name: 'reference data and audit log',
  up(db) {
    db.exec(`
      CREATE TABLE country (
        code TEXT PRIMARY KEY CHECK (length(code) = 3 AND code = upper(code)),
        numeric_code TEXT NOT NULL,
        name_ru TEXT NOT NULL,
        name_en TEXT NOT NULL
      ) STRICT;

      CREATE TABLE category (
        code TEXT PRIMARY KEY,
        multi INTEGER NOT NULL CHECK (multi IN (0, 1)),
        name_ru TEXT NOT NULL,
        name_en TEXT NOT NULL
      ) STRICT;

      CREATE TABLE category_option (
        category_code TEXT NOT NULL REFERENCES category(code),
        code TEXT NOT NULL,
        sort_order INTEGER NOT NULL,
        name_ru TEXT NOT NULL,
        name_en TEXT NOT NULL,
        PRIMARY KEY (category_code, code)
      ) STRICT;

      CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT
      ) STRICT;

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT,
        old_value TEXT,
        new_value TEXT
      ) STRICT;
      CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

      -- The audit log is append-only: history cannot be rewritten from inside the app.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
    const country = db.prepare('INSERT INTO country (code, numeric_code, name_ru, name_en) VALUES (?, ?, ?, ?)');
    for (const row of COUNTRIES_V1) country.run(...row);
    const category = db.prepare('INSERT INTO category (code, multi, name_ru, name_en) VALUES (?, ?, ?, ?)');
    const option = db.prepare('INSERT INTO category_option (category_code, code, sort_order, name_ru, name_en) VALUES (?, ?, ?, ?, ?)');
    for (const [code, multi, ru, en, options] of CATEGORIES_V1) {
      category.run(code, multi ? 1 : 0, ru, en);
      options.forEach(([o, oRu, oEn], i) => option.run(code, o, i + 1, oRu, oEn));
    }
    const setting = db.prepare('INSERT INTO setting (key, value) VALUES (?, ?)');
    // UIC: 4 letters of any script, sex digit, birth year; applied to the upper-cased code.
    setting.run('uic_pattern', UIC_PATTERN_V1);
    // Counts from 1 to this value are hidden in exports leaving the centre.
    setting.run('suppression_max_count', '4');
  },
};
