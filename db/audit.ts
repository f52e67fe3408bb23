// Every change is recorded with who, when, old and new value, inside the transaction that makes
// it, so a change and its audit entry are committed together or not at all.
import { stmt, writeTransaction, type Db } from './connection.js';
import { chainHead, entryHash, type ChainedRow } from './audit-chain.js';
import type { z } from 'zod';
import type { AuditEntry } from '../shared/contract.js';
import { AUDIT_KINDS, type AuditQuerySchema } from '../shared/audit/api.js';

export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'restore'
  | 'approve'
  | 'unapprove'
  | 'export'
  | 'import'
  | 'setup'
  | 'sign_in'
  | 'sign_out'
  | 'recover'
  | 'password'
  | 'verify'
  | 'backup';

export type Change = {
  actor: string;
  action: AuditAction;
  entity: string;
  entityId?: string | number | null;
  oldValue?: unknown;
  newValue?: unknown;
};

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export function recordChange(db: Db, change: Change, now: Date = new Date()): void {
  if (!db.inTransaction) throw new Error('recordChange must run inside the transaction that makes the change');
  const head = chainHead(db);
  const row = {
    id: head.id + 1,
    at: now.toISOString(),
    actor: change.actor,
    action: change.action,
    entity: change.entity,
    entity_id: change.entityId == null ? null : String(change.entityId),
    old_value: json(change.oldValue),
    new_value: json(change.newValue),
  };
  stmt(
    db,
    'INSERT INTO audit_log (id, at, actor, action, entity, entity_id, old_value, new_value, prev_hash, hash) VALUES (@id, @at, @actor, @action, @entity, @entity_id, @old_value, @new_value, @prev, @hash)',
  ).run({ ...row, prev: head.hash, hash: entryHash(row, head.hash) });
}

/**
 * Many entries of one kind in one statement (an import's thousands of new rows): SQLite reads the
 * list from one JSON array instead of one call per entry, the same rows as `recordChange` each.
 */
export function recordEach(
  db: Db,
  change: Omit<Change, 'entityId' | 'newValue' | 'oldValue'>,
  entries: readonly (readonly [entityId: string | number, newValue: unknown])[],
  now: Date = new Date(),
): void {
  if (!db.inTransaction) throw new Error('recordEach must run inside the transaction that makes the changes');
  if (entries.length === 0) return;
  // Hashed here, in order; the stored text is exactly the text hashed (passed as strings, not re-serialised by SQLite).
  const at = now.toISOString();
  let { id, hash: prev } = chainHead(db);
  const rows = entries.map(([entityId, newValue]) => {
    const row = {
      id: ++id,
      at,
      actor: change.actor,
      action: change.action,
      entity: change.entity,
      entity_id: String(entityId),
      old_value: null,
      new_value: json(newValue),
    };
    const hash = entryHash(row, prev);
    const out = [row.id, row.entity_id, row.new_value, prev, hash];
    prev = hash;
    return out;
  });
  stmt(
    db,
    `INSERT INTO audit_log (id, at, actor, action, entity, entity_id, old_value, new_value, prev_hash, hash)
       SELECT value ->> 0, ?, ?, ?, ?, value ->> 1, NULL, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?) ORDER BY key`,
  ).run(at, change.actor, change.action, change.entity, JSON.stringify(rows));
}

/**
 * Runs `work` in one transaction; `work` records its changes through the given function, all at
 * one instant, so the entries of one save read as one save in a case's history.
 */
export function changeWithAudit<T>(db: Db, actor: string, work: (record: (c: Omit<Change, 'actor'>) => void) => T): T {
  return writeTransaction(db, () => {
    const now = new Date();
    return work((c) => recordChange(db, { ...c, actor }, now));
  });
}

/** A change-log row as stored: the chained columns, with the chain's own two. */
type AuditRow = ChainedRow & { prev_hash?: string | null; hash?: string | null };

export function recentAudit(db: Db, limit: number): AuditEntry[] {
  return (stmt(db, 'SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as AuditRow[]).map(toAuditEntry);
}

/**
 * The change log searched: by person, instants, kind of thing and case, newest first, a page at a
 * time below an entry id. Entries about a case carry its register number. A case is found through
 * the index by entity id; the other filters walk the log from the newest down, which the page's
 * limit keeps short unless the filter matches little.
 */
export function searchAudit(db: Db, q: z.output<typeof AuditQuerySchema>): { entries: AuditEntry[]; more: boolean } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: q.limit + 1 };
  if (q.registerNo !== null) {
    const ids = stmt(db, 'SELECT id FROM hiv_case WHERE register_no = ?').all(q.registerNo) as { id: number }[];
    if (ids.length === 0) return { entries: [], more: false };
    where.push(`CAST(a.entity_id AS INTEGER) IN (${ids.map((r) => r.id).join(',')}) AND a.entity IN ('case', 'case_event')`);
  }
  const add = (clause: string, name: string, value: unknown) => {
    where.push(clause);
    params[name] = value;
  };
  if (q.actor !== null) add('a.actor = @actor', 'actor', q.actor);
  if (q.fromAt !== null) add('a.at >= @fromAt', 'fromAt', q.fromAt);
  if (q.toAt !== null) add('a.at < @toAt', 'toAt', q.toAt);
  if (q.kind !== null) {
    const entities = AUDIT_KINDS[q.kind];
    entities.forEach((e, i) => (params[`e${i}`] = e));
    where.push(`a.entity IN (${entities.map((_, i) => `@e${i}`).join(', ')})`);
  }
  if (q.before !== null) add('a.id < @before', 'before', q.before);
  const rows = db
    .prepare(
      `SELECT a.*, c.register_no FROM audit_log a
         LEFT JOIN hiv_case c ON a.entity IN ('case', 'case_event') AND c.id = CAST(a.entity_id AS INTEGER)
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT @limit`,
    )
    .all(params) as (AuditRow & { register_no: string | null })[];
  const more = rows.length > q.limit;
  return { entries: rows.slice(0, q.limit).map((r) => ({ ...toAuditEntry(r), registerNo: r.register_no })), more };
}

/** Entries of one entity (and, with a prefix, of entities filed under it such as a case's events). */
// The number first, as the index audit_log_entity has it (a case's entries and its events' share it).
export const AUDIT_OF_SQL = `SELECT * FROM audit_log WHERE CAST(entity_id AS INTEGER) = CAST(@id AS INTEGER) AND entity IN (@entity, @child)
    AND ((entity = @entity AND entity_id = @id) OR (entity = @child AND entity_id >= @id || '/' AND entity_id < @id || '0'))
  ORDER BY id DESC LIMIT 500`;

export function auditOf(db: Db, entity: string, entityId: string, childEntity?: string): AuditEntry[] {
  const rows = stmt(db, AUDIT_OF_SQL).all({ entity, id: entityId, child: childEntity ?? null }) as AuditRow[];
  return rows.map(toAuditEntry);
}

function toAuditEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    oldValue: r.old_value === null ? null : (JSON.parse(r.old_value) as unknown),
    newValue: r.new_value === null ? null : (JSON.parse(r.new_value) as unknown),
  };
}

/**
 * A file leaving the app, in the change log: what, how many rows about people it carries (line
 * lists, import reports), and the chain's head at that moment, so a copy of the log kept elsewhere
 * can later show the log was not rewritten before it.
 */
export function recordExport(
  db: Db,
  actor: string,
  entity: string,
  fileName: string,
  details: Record<string, unknown>,
  personalRows = false,
): void {
  changeWithAudit(db, actor, (record) =>
    record({
      action: 'export',
      entity,
      entityId: fileName,
      newValue: { ...details, ...(personalRows ? { personalRows: true } : {}), chainHead: chainHead(db).hash },
    }),
  );
}
