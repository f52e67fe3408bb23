// Exchange between centres: this database's key pairs (private keys live only inside the
// encrypted database), the centres it exchanges with, the packages sent and loaded, and, on
// each case, form value and approval, where it came from: what was received from another centre
// is that centre's (for a case, its partner and its own id there), read and counted here but
// never edited here.
import type { Migration } from './types.js';

export const m0018: Migration = {
  version: 18,
  name: 'exchange packages',
  up(db) {
    db.exec(`
      CREATE TABLE exchange_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        box_public TEXT NOT NULL,
        box_private TEXT NOT NULL,
        sign_public TEXT NOT NULL,
        sign_private TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE exchange_partner (
        id INTEGER PRIMARY KEY,
        centre TEXT NOT NULL,
        country_code TEXT NOT NULL,
        unit_path TEXT NOT NULL,
        box_public TEXT NOT NULL,
        sign_public TEXT NOT NULL,
        fingerprint TEXT NOT NULL UNIQUE,
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL
      ) STRICT;
      CREATE TABLE exchange_sent (
        partner_id INTEGER NOT NULL REFERENCES exchange_partner(id),
        sequence INTEGER NOT NULL CHECK (sequence > 0),
        full INTEGER NOT NULL CHECK (full IN (0, 1)),
        audit_head INTEGER NOT NULL,
        content_mac TEXT NOT NULL,
        counts TEXT NOT NULL,
        file_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        PRIMARY KEY (partner_id, sequence)
      ) STRICT;
      CREATE TABLE exchange_received (
        partner_id INTEGER NOT NULL REFERENCES exchange_partner(id),
        sequence INTEGER NOT NULL CHECK (sequence > 0),
        full INTEGER NOT NULL CHECK (full IN (0, 1)),
        content_mac TEXT NOT NULL,
        counts TEXT NOT NULL,
        loaded_at TEXT NOT NULL,
        loaded_by TEXT NOT NULL,
        PRIMARY KEY (partner_id, sequence)
      ) STRICT;
      ALTER TABLE hiv_case ADD COLUMN origin_partner_id INTEGER REFERENCES exchange_partner(id);
      ALTER TABLE hiv_case ADD COLUMN origin_id INTEGER CHECK ((origin_id IS NULL) = (origin_partner_id IS NULL));
      -- The received record's content hash: a package that repeats it changes nothing.
      ALTER TABLE hiv_case ADD COLUMN origin_sha256 TEXT;
      CREATE UNIQUE INDEX hiv_case_origin ON hiv_case(origin_partner_id, origin_id) WHERE origin_partner_id IS NOT NULL;
      -- Form values and approvals received from a partner: its own, replaced by its next package.
      ALTER TABLE data_value ADD COLUMN origin_partner_id INTEGER REFERENCES exchange_partner(id);
      ALTER TABLE form_approval ADD COLUMN origin_partner_id INTEGER REFERENCES exchange_partner(id);
      -- One person reported by two centres, linked by a reviewer: the figures count them once, as
      -- the case they are linked to (the earliest diagnosis), with every record's events.
      CREATE TABLE person_link (
        case_id INTEGER PRIMARY KEY REFERENCES hiv_case(id),
        linked_to INTEGER NOT NULL REFERENCES hiv_case(id) CHECK (linked_to != case_id),
        linked_at TEXT NOT NULL,
        linked_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX person_link_to ON person_link(linked_to);
      CREATE TRIGGER person_link_stale_insert AFTER INSERT ON person_link BEGIN
        INSERT OR IGNORE INTO case_status_stale (case_id) VALUES (NEW.case_id), (NEW.linked_to);
      END;
      CREATE TRIGGER person_link_stale_delete AFTER DELETE ON person_link BEGIN
        INSERT OR IGNORE INTO case_status_stale (case_id) VALUES (OLD.case_id), (OLD.linked_to);
      END;
    `);
  },
};
