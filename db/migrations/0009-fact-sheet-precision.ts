// A fact-sheet figure keeps the precision it was typed or printed with (12.0, 16,876.0, 2.8–4.0:
// the value alone would print 12, 16,876, 2.8–4), and the number its source has in the document
// it was taken from, so a sheet from the 2018 report keeps the report's footnote numbers.
// Frozen: literal SQL of its day.
import type { Migration } from './types.js';

export const m0009: Migration = {
  version: 9,
  name: 'fact sheet precision and footnotes',
  up(db) {
    db.exec(`
      ALTER TABLE fact_sheet_value ADD COLUMN decimals INTEGER CHECK (decimals BETWEEN 0 AND 6);
      ALTER TABLE fact_sheet_value ADD COLUMN footnote INTEGER CHECK (footnote BETWEEN 1 AND 999);
    `);
  },
};
