// Accounts: who signs in, with which roles, limited to which org unit. Passwords are not here:
// each account's password wraps the database key in the key file beside the database.
// Frozen: literal SQL of its day.
import type { Migration } from './types.js';

export const m0010: Migration = {
  version: 10,
  name: 'accounts',
  up(db) {
    db.exec(`
      CREATE TABLE account (
        id INTEGER PRIMARY KEY,
        login TEXT NOT NULL CHECK (length(login) BETWEEN 1 AND 80),
        -- lower-cased login (any script), so "Айгуль" and "айгуль" are one account
        login_key TEXT NOT NULL UNIQUE,
        roles TEXT NOT NULL CHECK (json_valid(roles) AND json_type(roles) = 'array'),
        org_unit_id INTEGER REFERENCES org_unit(id),
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO setting (key, value) VALUES ('idle_lock_minutes', '10');
    `);
  },
};
