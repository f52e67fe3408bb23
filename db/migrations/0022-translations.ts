// Texts a centre corrected in its language, loaded from a translation workbook: they override the
// shipped ones on the screens and in the files the app writes.
import type { Migration } from './types.js';

export const m0022: Migration = {
  version: 22,
  name: 'translations a centre corrected',
  up(db) {
    db.exec(`
      CREATE TABLE translation (
        language TEXT NOT NULL CHECK (length(language) BETWEEN 2 AND 8),
        key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (language, key)
      ) STRICT;
    `);
  },
};
