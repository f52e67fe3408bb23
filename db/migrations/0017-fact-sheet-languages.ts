// A fact sheet's words in more than one language: a section's text and a figure's note are kept per
// language, so a Russian sheet shows Russian text and an English sheet English, each falling back
// to the other where only one was written. Texts and notes written before are filed under the
// language their letters are in (Cyrillic or not).
import type { Migration } from './types.js';

/** 'ru' when most letters are Cyrillic, else 'en': the two languages these texts could be in so far. */
export function languageOfText(s: string): 'ru' | 'en' {
  const cyrillic = (s.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  const latin = (s.match(/\p{Script=Latin}/gu) ?? []).length;
  return cyrillic >= latin ? 'ru' : 'en';
}

export const m0017: Migration = {
  version: 17,
  name: 'fact-sheet languages',
  up(db) {
    const texts = db.prepare('SELECT * FROM fact_sheet_text').all() as Record<string, unknown>[];
    const notes = db.prepare('SELECT country_code, year, indicator, note FROM fact_sheet_value WHERE note IS NOT NULL').all() as {
      country_code: string;
      year: number;
      indicator: string;
      note: string;
    }[];
    db.exec(`
      DROP TABLE fact_sheet_text;
      CREATE TABLE fact_sheet_text (
        country_code TEXT NOT NULL REFERENCES country(code),
        year INTEGER NOT NULL CHECK (year BETWEEN 1981 AND 2200),
        section TEXT NOT NULL CHECK (section IN ('migration', 'hiv', 'migrants_hiv', 'vulnerability')),
        language TEXT NOT NULL CHECK (length(language) BETWEEN 2 AND 8),
        body TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (country_code, year, section, language)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE fact_sheet_note (
        country_code TEXT NOT NULL,
        year INTEGER NOT NULL,
        indicator TEXT NOT NULL,
        language TEXT NOT NULL CHECK (length(language) BETWEEN 2 AND 8),
        note TEXT NOT NULL,
        PRIMARY KEY (country_code, year, indicator, language),
        FOREIGN KEY (country_code, year, indicator) REFERENCES fact_sheet_value (country_code, year, indicator) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
      ALTER TABLE fact_sheet_value DROP COLUMN note;
    `);
    const putText = db.prepare(
      'INSERT INTO fact_sheet_text (country_code, year, section, language, body, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const t of texts)
      putText.run(t.country_code, t.year, t.section, languageOfText(String(t.body)), t.body, t.updated_at, t.updated_by);
    const putNote = db.prepare('INSERT INTO fact_sheet_note (country_code, year, indicator, language, note) VALUES (?, ?, ?, ?, ?)');
    for (const n of notes) putNote.run(n.country_code, n.year, n.indicator, languageOfText(n.note), n.note);
  },
};
