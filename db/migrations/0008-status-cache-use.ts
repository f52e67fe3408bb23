// The status cache is bounded: when each period's codes were last used is kept, so only the
// most recently used periods stay cached (100,000 cases over 12 periods had taken the file
// from 65 to 202 MB). Frozen: literal SQL of its day.
import type { Migration } from './types.js';

export const m0008: Migration = {
  version: 8,
  name: 'status cache use',
  up(db) {
    db.exec(`
      CREATE TABLE case_status_cache_use (
        cache_key TEXT PRIMARY KEY, -- as in case_status_cache
        used_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      INSERT INTO case_status_cache_use (cache_key, used_at) SELECT DISTINCT cache_key, '1970-01-01T00:00:00.000Z' FROM case_status_cache;
    `);
  },
};
