// A partner's key replaced, or the partner removed. A centre whose database was lost and made anew
// has a new key and numbers its packages from 1 again: its key is replaced on the same partner, so
// what it sent before stays its own and its next full package replaces it. A partner added by
// mistake, or closed, is removed: its key opens nothing any more; what it sent is kept (still
// counted, still read-only) or removed with it.
import { stmt, type Db } from './connection.js';
import { changeWithAudit, recordEach } from './audit.js';
import { deriveWhenIdle } from './derive-when-idle.js';
import { partner, type PartnerKeys } from './exchange.js';
import { refusal } from '../shared/result.js';

type NewKey = { centre: string; countryCode: string; unitPath: string[]; boxPublic: string; signPublic: string; fingerprint: string };

/** The next package to the partner follows every number used before, and is full (the partner holds nothing of this centre's now). */
const NEXT_IN_FULL = `continue_after = max(continue_after, ifnull((SELECT max(sequence) FROM exchange_sent WHERE partner_id = @id), 0))`;

export function replacePartnerKey(db: Db, actor: string, id: number, k: NewKey): PartnerKeys {
  const before = partner(db, id);
  if (before.fingerprint === k.fingerprint) throw refusal('already_exists', 'errors.partner_same_key', { centre: before.centre });
  // Any partner's, a removed one's too (its key is added back as that partner).
  const holder = stmt(db, 'SELECT centre FROM exchange_partner WHERE fingerprint = ?').get(k.fingerprint) as { centre: string } | undefined;
  if (holder) throw refusal('already_exists', 'errors.partner_exists', { centre: holder.centre });
  // The same centre: its country and its place. A key of another centre is added as a partner of its own.
  if (k.countryCode !== before.countryCode || JSON.stringify(k.unitPath.slice(1)) !== JSON.stringify(before.unitPath.slice(1)))
    throw refusal('key_file_invalid', 'errors.partner_key_other_centre', { centre: before.centre, other: k.centre });
  changeWithAudit(db, actor, (record) => {
    stmt(
      db,
      `UPDATE exchange_partner SET centre = @centre, box_public = @boxPublic, sign_public = @signPublic, fingerprint = @fingerprint,
         key_epoch = key_epoch + 1, ${NEXT_IN_FULL} WHERE id = @id`,
    ).run({ id, centre: k.centre, boxPublic: k.boxPublic, signPublic: k.signPublic, fingerprint: k.fingerprint });
    record({
      action: 'update',
      entity: 'exchange_partner',
      entityId: id,
      oldValue: { centre: before.centre, fingerprint: before.fingerprint },
      newValue: { centre: k.centre, fingerprint: k.fingerprint },
    });
  });
  return partner(db, id);
}

export type Removed = { cases: number; values: number; approvals: number; reports: number };

/** Removes a partner; with `records`, what it sent goes too (cases deleted as a package deletes them, each audited). */
export function removePartner(db: Db, actor: string, id: number, records: 'keep' | 'remove'): Removed {
  const { centre, fingerprint } = partner(db, id);
  const at = new Date();
  const removed = changeWithAudit(db, actor, (record) => {
    const out: Removed = { cases: 0, values: 0, approvals: 0, reports: 0 };
    if (records === 'remove') {
      const ids = stmt(db, 'SELECT id FROM hiv_case WHERE origin_partner_id = ? AND deleted_at IS NULL ORDER BY id')
        .pluck()
        .all(id) as number[];
      stmt(db, 'UPDATE hiv_case SET deleted_at = ?, deleted_by = ? WHERE origin_partner_id = ? AND deleted_at IS NULL').run(
        at.toISOString(),
        actor,
        id,
      );
      recordEach(
        db,
        { actor, action: 'delete', entity: 'case' },
        ids.map((c) => [c, { removedWithPartner: centre }] as const),
        at,
      );
      out.cases = ids.length;
      out.values = stmt(db, 'DELETE FROM data_value WHERE origin_partner_id = ?').run(id).changes;
      out.approvals = stmt(db, 'DELETE FROM form_approval WHERE origin_partner_id = ?').run(id).changes;
      out.reports = stmt(db, 'DELETE FROM abroad_report WHERE partner_id = ?').run(id).changes;
    }
    stmt(db, `UPDATE exchange_partner SET removed_at = @at, removed_by = @actor, key_epoch = key_epoch + 1 WHERE id = @id`).run({
      id,
      at: at.toISOString(),
      actor,
    });
    record({
      action: 'delete',
      entity: 'exchange_partner',
      entityId: id,
      oldValue: { centre, fingerprint },
      newValue: { records, ...out },
    });
    return out;
  });
  if (removed.cases) deriveWhenIdle(db);
  return removed;
}

/**
 * A removed partner's key file added again: the partner is back (what it sends is numbered on under
 * a new key epoch, a gap shown), and the next package to it is full. Null when the key is not a removed partner's.
 */
export function restorePartner(db: Db, actor: string, fingerprint: string): PartnerKeys | null {
  const id = stmt(db, 'SELECT id FROM exchange_partner WHERE fingerprint = ? AND removed_at IS NOT NULL').pluck().get(fingerprint) as
    number | undefined;
  if (id === undefined) return null;
  changeWithAudit(db, actor, (record) => {
    stmt(db, `UPDATE exchange_partner SET removed_at = NULL, removed_by = NULL, ${NEXT_IN_FULL} WHERE id = @id`).run({ id });
    record({ action: 'restore', entity: 'exchange_partner', entityId: id, newValue: { centre: partner(db, id).centre } });
  });
  return partner(db, id);
}
