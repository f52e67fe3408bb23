// Citizens diagnosed abroad: the counts another country's national centre sends of this country's
// citizens newly diagnosed there, a year a row, kept per partner (the newest package of a year
// replaces the one before). Packages sent and loaded now say which kind they were: a register's
// "since the last package" counts from the last register package only. A centre restored from a
// backup continues its numbering to a partner after the number the partner last loaded.
import type { Migration } from './types.js';

export const m0020: Migration = {
  version: 20,
  name: 'citizens diagnosed abroad',
  up(db) {
    db.exec(`
      ALTER TABLE exchange_sent ADD COLUMN kind TEXT NOT NULL DEFAULT 'register' CHECK (kind IN ('register', 'abroad'));
      ALTER TABLE exchange_received ADD COLUMN kind TEXT NOT NULL DEFAULT 'register' CHECK (kind IN ('register', 'abroad'));
      -- Numbers up to this one were used before a restore from a backup: the next package goes after it, in full.
      ALTER TABLE exchange_partner ADD COLUMN continue_after INTEGER NOT NULL DEFAULT 0 CHECK (continue_after BETWEEN 0 AND 1000000);
      CREATE TABLE abroad_report (
        partner_id INTEGER NOT NULL REFERENCES exchange_partner(id),
        year INTEGER NOT NULL CHECK (year BETWEEN 1980 AND 2100),
        from_country TEXT NOT NULL,
        citizenship TEXT NOT NULL,
        max_count INTEGER NOT NULL,
        total INTEGER CHECK (total >= 0),
        -- The breakdowns as sent: {"sex": [{"key": "male", "n": 12}, ...], ...}, null counts hidden.
        breakdowns TEXT NOT NULL CHECK (json_valid(breakdowns)),
        sequence INTEGER NOT NULL,
        made_at TEXT NOT NULL,
        loaded_at TEXT NOT NULL,
        loaded_by TEXT NOT NULL,
        PRIMARY KEY (partner_id, year)
      ) STRICT;
    `);
  },
};
