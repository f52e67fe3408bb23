// The case register: one row per migrant living with HIV, no names (a UIC and the register
// number), with dated events. Cases are soft-deleted so a supervisor can restore them.
import type { Migration } from './types.js';

export const m0003: Migration = {
  version: 3,
  name: 'case register',
  up(db) {
    db.exec(`
      CREATE TABLE hiv_case (
        id INTEGER PRIMARY KEY,
        org_unit_id INTEGER NOT NULL REFERENCES org_unit(id),
        register_no TEXT NOT NULL,
        uic TEXT NOT NULL,
        uic_key TEXT NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('male', 'female', 'unknown')),
        birth_year INTEGER CHECK (birth_year BETWEEN 1900 AND 2200),
        citizenship TEXT REFERENCES country(code),
        migrant_type TEXT NOT NULL CHECK (migrant_type IN ('immigrant', 'emigrant', 'internal')),
        legal_status TEXT NOT NULL CHECK (legal_status IN ('regular', 'irregular', 'unknown')),
        transmission_route TEXT NOT NULL CHECK (transmission_route IN ('heterosexual', 'msm', 'injecting', 'mother_to_child', 'blood', 'other', 'unknown')),
        infection_country TEXT REFERENCES country(code),
        diagnosis_date TEXT NOT NULL CHECK (diagnosis_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        diagnosis_country TEXT REFERENCES country(code),
        -- Kept in step with the outcome events by the repository, for filtering without a join.
        -- Bit i set when the case has KEY_POPULATIONS[i]: filters read it from the covering index.
        kp_mask INTEGER NOT NULL DEFAULT 0,
        current_outcome TEXT NOT NULL DEFAULT 'in_care' CHECK (current_outcome IN ('in_care', 'ltfu', 'died', 'left_country', 'deported', 'transferred')),
        diagnosis_year INTEGER GENERATED ALWAYS AS (CAST(substr(diagnosis_date, 1, 4) AS INTEGER)) VIRTUAL,
        age_at_diagnosis INTEGER GENERATED ALWAYS AS (CAST(substr(diagnosis_date, 1, 4) AS INTEGER) - birth_year) VIRTUAL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        deleted_by TEXT
      ) STRICT;
      -- The list's default order and the two searches, over live cases only.
      CREATE INDEX hiv_case_list ON hiv_case(diagnosis_date DESC, id DESC) WHERE deleted_at IS NULL;
      CREATE INDEX hiv_case_register_no ON hiv_case(register_no, id) WHERE deleted_at IS NULL;
      CREATE INDEX hiv_case_uic_key ON hiv_case(uic_key, id) WHERE deleted_at IS NULL;
      CREATE INDEX hiv_case_deleted ON hiv_case(deleted_at) WHERE deleted_at IS NOT NULL;
      -- Covers every list filter, so counting a filtered register never reads the table itself.
      CREATE INDEX hiv_case_filter ON hiv_case(sex, legal_status, migrant_type, current_outcome, citizenship, diagnosis_year, age_at_diagnosis, birth_year, kp_mask, diagnosis_date, deleted_at, id)
        WHERE deleted_at IS NULL;

      CREATE TABLE case_key_population (
        case_id INTEGER NOT NULL REFERENCES hiv_case(id) ON DELETE CASCADE,
        key_population TEXT NOT NULL CHECK (key_population IN ('pwid', 'msm', 'sw', 'tg', 'prison', 'none', 'unknown')),
        PRIMARY KEY (case_id, key_population)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX case_key_population_kp ON case_key_population(key_population, case_id);

      CREATE TABLE case_event (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES hiv_case(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('cd4', 'art_start', 'art_stop', 'viral_load', 'outcome')),
        event_date TEXT NOT NULL CHECK (event_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        cd4 INTEGER CHECK (cd4 BETWEEN 0 AND 5000),
        vl_copies INTEGER CHECK (vl_copies >= 0),
        vl_undetectable INTEGER CHECK (vl_undetectable IN (0, 1)),
        outcome TEXT CHECK (outcome IN ('in_care', 'ltfu', 'died', 'left_country', 'deported', 'transferred')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((kind = 'cd4') = (cd4 IS NOT NULL)),
        CHECK ((kind = 'viral_load') = (vl_undetectable IS NOT NULL)),
        CHECK ((kind = 'outcome') = (outcome IS NOT NULL))
      ) STRICT;
      CREATE INDEX case_event_case ON case_event(case_id, event_date, id);
      CREATE INDEX case_event_kind_date ON case_event(kind, event_date);
    `);
  },
};
