// Saved estimates: each finished ECDC model run on the register, with what it was asked (org unit,
// population, years, settings, bootstrap and seed), the register's state it saw (the counts it was
// fitted to and the change log's head at the time) and its figures per year, so that a published
// first 90 can be traced back to the run and the register behind it. One run per org unit may be
// the cascade's source (adopted); the figures are aggregate counts, never a person's row.
import type { Migration } from './types.js';

export const m0015: Migration = {
  version: 15,
  name: 'estimate runs',
  up(db) {
    db.exec(`
      CREATE TABLE estimate_run (
        id INTEGER PRIMARY KEY,
        org_unit_id INTEGER NOT NULL REFERENCES org_unit(id),
        population TEXT NOT NULL CHECK (json_valid(population)),
        first_year INTEGER NOT NULL,
        last_year INTEGER NOT NULL CHECK (last_year > first_year),
        method TEXT NOT NULL,
        settings TEXT NOT NULL CHECK (json_valid(settings)),
        register_state TEXT NOT NULL CHECK (json_valid(register_state)),
        result TEXT NOT NULL CHECK (json_valid(result)),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        adopted INTEGER NOT NULL DEFAULT 0 CHECK (adopted IN (0, 1))
      );
      CREATE INDEX estimate_run_unit ON estimate_run(org_unit_id, id);
      CREATE UNIQUE INDEX estimate_run_adopted ON estimate_run(org_unit_id) WHERE adopted = 1;
    `);
  },
};
