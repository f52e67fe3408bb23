// The change log becomes a hash chain: each entry stores the hash of the one before it and of its
// own content, so an entry edited, removed or inserted with raw SQL (triggers dropped and put
// back) no longer fits. Entries written before get their hashes here, in order.
// Frozen: its own copy of the hash of its day (db/audit-chain.ts must compute the same).
import { createHash } from 'node:crypto';
import type { Migration } from './types.js';

const GENESIS = '0'.repeat(64);
type Row = {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  old_value: string | null;
  new_value: string | null;
};
const hashOf = (r: Row, prev: string) =>
  createHash('sha256')
    .update(JSON.stringify([r.id, r.at, r.actor, r.action, r.entity, r.entity_id, r.old_value, r.new_value, prev]))
    .digest('hex');

export const m0011: Migration = {
  version: 11,
  name: 'audit hash chain',
  up(db) {
    db.exec(`
      DROP TRIGGER audit_log_no_update;
      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
      ALTER TABLE audit_log ADD COLUMN hash TEXT;
    `);
    const set = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
    let prev = GENESIS;
    for (const r of db
      .prepare('SELECT id, at, actor, action, entity, entity_id, old_value, new_value FROM audit_log ORDER BY id')
      .all() as Row[]) {
      const hash = hashOf(r, prev);
      set.run(prev, hash, r.id);
      prev = hash;
    }
    db.exec(`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
