// The organisation tree (country -> region -> facility) and the installation's place in it.
import type { Migration } from './types.js';

export const m0002: Migration = {
  version: 2,
  name: 'organisation units',
  up(db) {
    db.exec(`
      CREATE TABLE org_unit (
        id INTEGER PRIMARY KEY,
        parent_id INTEGER REFERENCES org_unit(id),
        level TEXT NOT NULL CHECK (level IN ('country', 'region', 'facility')),
        country_code TEXT NOT NULL REFERENCES country(code),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 160),
        CHECK ((level = 'country') = (parent_id IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX org_unit_country ON org_unit(country_code) WHERE level = 'country';
      CREATE UNIQUE INDEX org_unit_sibling_name ON org_unit(parent_id, name) WHERE parent_id IS NOT NULL;
      CREATE INDEX org_unit_parent ON org_unit(parent_id);
    `);
    db.prepare('INSERT INTO setting (key, value) VALUES (?, NULL)').run('installation_org_unit');
    db.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run('database_kind', 'centre');
  },
};
