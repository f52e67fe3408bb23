// The annual fact sheet per country: section 1's values (each with the year it refers to and its
// source) and the ratifications, and the editable text of the other sections. Keyed by country
// and the sheet's year, so this year sits beside last year.
import type { Migration } from './types.js';

export const m0006: Migration = {
  version: 6,
  name: 'fact sheets',
  up(db) {
    db.exec(`
      CREATE TABLE fact_sheet_value (
        country_code TEXT NOT NULL REFERENCES country(code),
        year INTEGER NOT NULL CHECK (year BETWEEN 1981 AND 2200),
        indicator TEXT NOT NULL,
        value REAL,
        low REAL,
        high REAL,
        value_text TEXT CHECK (value_text IN ('yes', 'no', 'signed', 'no_data')),
        data_year TEXT,
        source TEXT,
        note TEXT,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (country_code, year, indicator)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE fact_sheet_text (
        country_code TEXT NOT NULL REFERENCES country(code),
        year INTEGER NOT NULL CHECK (year BETWEEN 1981 AND 2200),
        section TEXT NOT NULL CHECK (section IN ('migration', 'hiv', 'migrants_hiv', 'vulnerability')),
        body TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (country_code, year, section)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
