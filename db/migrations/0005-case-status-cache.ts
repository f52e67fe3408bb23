// A cache of what each case counts as for a period (its status code, with the facts it is broken
// down by), so the cascade over a million cases reads one small row per case instead of the case
// and all its events. Derived data only: triggers drop a case's rows in the same transaction as
// any change to the case or its events, and the engine fills what is missing on the next query.
import type { Migration } from './types.js';

export const m0005: Migration = {
  version: 5,
  name: 'case status cache',
  up(db) {
    db.exec(`
      CREATE TABLE case_status_cache (
        cache_key TEXT NOT NULL, -- definitions version and period, e.g. 'v1:2017'
        case_id INTEGER NOT NULL,
        org_unit_id INTEGER NOT NULL,
        code INTEGER NOT NULL,
        sex TEXT NOT NULL,
        birth_year INTEGER,
        kp_mask INTEGER NOT NULL,
        legal_status TEXT NOT NULL,
        migrant_type TEXT NOT NULL,
        citizenship TEXT,
        -- Case first: the triggers drop a case's rows by the key itself, no second index needed.
        PRIMARY KEY (case_id, cache_key)
      ) STRICT, WITHOUT ROWID;
      -- Rows come out of this index already in GROUP BY order: counting needs no sort.
      CREATE INDEX case_status_cache_groups ON case_status_cache(cache_key, code, sex, birth_year, kp_mask, legal_status, migrant_type, citizenship, org_unit_id);

      CREATE TRIGGER case_status_cache_event_insert AFTER INSERT ON case_event
      BEGIN DELETE FROM case_status_cache WHERE case_id = NEW.case_id; END;
      CREATE TRIGGER case_status_cache_event_update AFTER UPDATE ON case_event
      BEGIN DELETE FROM case_status_cache WHERE case_id IN (OLD.case_id, NEW.case_id); END;
      CREATE TRIGGER case_status_cache_event_delete AFTER DELETE ON case_event
      BEGIN DELETE FROM case_status_cache WHERE case_id = OLD.case_id; END;
      CREATE TRIGGER case_status_cache_case_update AFTER UPDATE ON hiv_case
      BEGIN DELETE FROM case_status_cache WHERE case_id = NEW.id; END;
      CREATE TRIGGER case_status_cache_case_delete AFTER DELETE ON hiv_case
      BEGIN DELETE FROM case_status_cache WHERE case_id = OLD.id; END;
    `);
  },
};
