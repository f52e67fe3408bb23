// Brings a database to the latest schema in one transaction; refuses files from a newer app.
import type { Db } from './connection.js';
import { APPLICATION_ID, writeTransaction } from './connection.js';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/index.js';
import { fail } from '../shared/result.js';

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies pending migrations up to `target` (default: latest). All or nothing. */
export function migrate(db: Db, opts: { file: string; target?: number; migrations?: readonly Migration[] }): { from: number; to: number } {
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const target = opts.target ?? latest;
  const from = schemaVersion(db);
  if (from > latest) fail('db_too_new', { file: opts.file, found: from, supported: latest });
  const pending = migrations.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return { from, to: from };
  writeTransaction(db, () => {
    for (const m of pending) {
      m.up(db);
      // user_version lives in the header page, so it commits or rolls back with the rest.
      db.pragma(`user_version = ${m.version}`);
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
  });
  return { from, to: schemaVersion(db) };
}

export { LATEST_VERSION };
