// A partner's key replaced (its database was lost and made anew, so its numbering starts again) or
// the partner removed (added by mistake, or closed). Each replacement or removal starts a new key
// epoch: the sequence rules compare a package only with those loaded under the same key.
import type { Migration } from './types.js';

export const m0021: Migration = {
  version: 21,
  name: 'partner keys replaced and partners removed',
  up(db) {
    db.exec(`
      ALTER TABLE exchange_partner ADD COLUMN key_epoch INTEGER NOT NULL DEFAULT 0 CHECK (key_epoch >= 0);
      ALTER TABLE exchange_partner ADD COLUMN removed_at TEXT;
      ALTER TABLE exchange_partner ADD COLUMN removed_by TEXT CHECK ((removed_by IS NULL) = (removed_at IS NULL));
      -- Numbered per key: a partner under a new key loads its no. 1 again.
      CREATE TABLE exchange_received_new (
        partner_id INTEGER NOT NULL REFERENCES exchange_partner(id),
        key_epoch INTEGER NOT NULL DEFAULT 0 CHECK (key_epoch >= 0),
        sequence INTEGER NOT NULL CHECK (sequence > 0),
        full INTEGER NOT NULL CHECK (full IN (0, 1)),
        content_mac TEXT NOT NULL,
        counts TEXT NOT NULL,
        loaded_at TEXT NOT NULL,
        loaded_by TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'register' CHECK (kind IN ('register', 'abroad')),
        PRIMARY KEY (partner_id, key_epoch, sequence)
      ) STRICT;
      INSERT INTO exchange_received_new (partner_id, sequence, full, content_mac, counts, loaded_at, loaded_by, kind)
        SELECT partner_id, sequence, full, content_mac, counts, loaded_at, loaded_by, kind FROM exchange_received;
      DROP TABLE exchange_received;
      ALTER TABLE exchange_received_new RENAME TO exchange_received;
    `);
  },
};
