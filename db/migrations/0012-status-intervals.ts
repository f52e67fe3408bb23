// Each case's status kept as dated intervals of constant state (shared/indicators/status-intervals.ts),
// derived when the case changes, in place of a cache filled per period: any period, asked for the
// first time, is then one pass over small rows. Triggers mark a case whose row or events change
// (whatever writes them); the engine derives marked cases before it counts, and the repository
// right after its own writes. Every case is marked here, so the rows are derived at the first count.
// Frozen: literal SQL of its day.
import type { Migration } from './types.js';

export const m0012: Migration = {
  version: 12,
  name: 'status intervals',
  up(db) {
    db.exec(`
      DROP TRIGGER case_status_cache_event_insert;
      DROP TRIGGER case_status_cache_event_update;
      DROP TRIGGER case_status_cache_event_delete;
      DROP TRIGGER case_status_cache_case_update;
      DROP TRIGGER case_status_cache_case_delete;
      DROP TABLE case_status_cache;
      DROP TABLE case_status_cache_use;

      -- The facts a case is broken down by, once per distinct combination: intervals point here.
      CREATE TABLE case_status_group (
        id INTEGER PRIMARY KEY,
        sex TEXT NOT NULL,
        birth_year INTEGER,
        kp_mask INTEGER NOT NULL,
        legal_status TEXT NOT NULL,
        migrant_type TEXT NOT NULL,
        citizenship TEXT
      ) STRICT;
      CREATE UNIQUE INDEX case_status_group_facts ON case_status_group(sex, coalesce(birth_year, -1), kp_mask, legal_status, migrant_type, coalesce(citizenship, ''));

      -- Days are counted from 1970-01-01: small integers keep a row near 25 bytes.
      CREATE TABLE case_status_interval (
        case_id INTEGER NOT NULL,
        valid_from INTEGER NOT NULL,  -- the first period end day this state holds for
        valid_to INTEGER NOT NULL,    -- the last (2932896, 9999-12-31, while it still holds)
        code INTEGER NOT NULL,        -- the end-of-period flags, and late diagnosis / advanced HIV / late ART start as yes/no/unknown
        diagnosis_day INTEGER NOT NULL,
        first_start_day INTEGER,      -- the first ART start ever
        org_unit_id INTEGER NOT NULL,
        group_id INTEGER NOT NULL REFERENCES case_status_group(id),
        PRIMARY KEY (case_id, valid_from)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE case_status_stale (case_id INTEGER PRIMARY KEY) STRICT;
      CREATE TRIGGER case_status_stale_case_insert AFTER INSERT ON hiv_case
      BEGIN INSERT OR IGNORE INTO case_status_stale (case_id) VALUES (NEW.id); END;
      CREATE TRIGGER case_status_stale_case_update AFTER UPDATE ON hiv_case
      BEGIN INSERT OR IGNORE INTO case_status_stale (case_id) VALUES (NEW.id), (OLD.id); END;
      CREATE TRIGGER case_status_stale_case_delete AFTER DELETE ON hiv_case
      BEGIN INSERT OR IGNORE INTO case_status_stale (case_id) VALUES (OLD.id); END;
      CREATE TRIGGER case_status_stale_event_insert AFTER INSERT ON case_event
      BEGIN INSERT OR IGNORE INTO case_status_stale (case_id) VALUES (NEW.case_id); END;
      CREATE TRIGGER case_status_stale_event_update AFTER UPDATE ON case_event
      BEGIN INSERT OR IGNORE INTO case_status_stale (case_id) VALUES (NEW.case_id), (OLD.case_id); END;
      CREATE TRIGGER case_status_stale_event_delete AFTER DELETE ON case_event
      BEGIN INSERT OR IGNORE INTO case_status_stale (case_id) VALUES (OLD.case_id); END;

      INSERT INTO case_status_stale (case_id) SELECT id FROM hiv_case;
    `);
  },
};
