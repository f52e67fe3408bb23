// The change log's hash chain: each entry's hash covers its content and the hash before it.
// Appending takes the write lock first (entries are written inside writeTransaction), so the
// head read here is the one the next entry follows.
import { createHash } from 'node:crypto';
import { stmt, type Db } from './connection.js';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainedRow = {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  old_value: string | null;
  new_value: string | null;
};

export const entryHash = (r: ChainedRow, prev: string): string =>
  createHash('sha256')
    .update(JSON.stringify([r.id, r.at, r.actor, r.action, r.entity, r.entity_id, r.old_value, r.new_value, prev]))
    .digest('hex');

/** The last entry's id and hash: where the next entry attaches. */
export function chainHead(db: Db): { id: number; hash: string } {
  const row = stmt(db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string | null } | undefined;
  return row ? { id: row.id, hash: row.hash ?? GENESIS_HASH } : { id: 0, hash: GENESIS_HASH };
}

export type ChainCheck = {
  ok: boolean;
  checked: number;
  head: string;
  firstBad: { id: number; at: string; reason: 'content' | 'link' | 'gap' } | null;
};

/** Walks the whole log in order and names the first entry that does not fit the chain. */
export function verifyChain(db: Db): ChainCheck {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<
    ChainedRow & { prev_hash: string | null; hash: string | null }
  >) {
    // Ids are given one after another; a missing one is an entry taken out.
    const reason = r.id !== lastId + 1 ? 'gap' : r.prev_hash !== prev ? 'link' : r.hash !== entryHash(r, prev) ? 'content' : null;
    if (reason) return { ok: false, checked, head: prev, firstBad: { id: r.id, at: r.at, reason } };
    prev = r.hash!;
    lastId = r.id;
    checked++;
  }
  return { ok: true, checked, head: prev, firstBad: null };
}

/**
 * Compares the log with heads copied out of it earlier (oldest first): the entry that was last
 * when the copy was made must still be there with the same hash. A log cut short, or re-hashed
 * after an edit, disagrees with every copy made after the edited entry.
 */
export function checkAnchors(
  db: Db,
  anchors: readonly { file: string; createdAt: string; chainHead: string; counts: { auditEntries: number } }[],
) {
  const hashAt = stmt(db, 'SELECT hash FROM audit_log WHERE id = ?');
  const sorted = [...anchors].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const a of sorted) {
    if (a.counts.auditEntries === 0) continue;
    const row = hashAt.get(a.counts.auditEntries) as { hash: string | null } | undefined;
    if (!row) return { checked: sorted.length, contradicted: { file: a.file, createdAt: a.createdAt, reason: 'truncated' as const } };
    if (row.hash !== a.chainHead)
      return { checked: sorted.length, contradicted: { file: a.file, createdAt: a.createdAt, reason: 'rewritten' as const } };
  }
  return { checked: sorted.length, contradicted: null };
}
