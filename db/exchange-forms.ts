// Form values and approved periods in exchange packages. A sender always sends all of its own
// (they are few: aggregate cells); the receiver holds them marked with the partner and replaces
// them with each package: new and changed cells written, cells the sender cleared removed. A cell
// this centre filled itself is never overwritten (a conflict, kept and counted).
import { stmt, type Db } from './connection.js';
import { dataElement, FORM_CODES, FORM_PERIOD_TYPES, isValidCell, type FormCode } from '../shared/forms/definitions.js';
import { parseCell } from '../shared/forms/cell-value.js';
import { parsePeriod } from '../shared/periods.js';
import type { Change } from './audit.js';

export type OutgoingValue = { unit: number; period: string; de: string; coc: string; value: number | string; comment: string | null };
export type OutgoingApproval = { form: string; unit: number; period: string; at: string; by: string };

/** This centre's own form values and approvals (not those it received), for a package. */
export function ownFormData(db: Db): { values: OutgoingValue[]; approvals: OutgoingApproval[] } {
  const values = (
    stmt(
      db,
      `SELECT org_unit_id AS unit, period, data_element AS de, coc, value_number AS n, value_text AS t, comment FROM data_value
         WHERE origin_partner_id IS NULL ORDER BY org_unit_id, period, data_element, coc`,
    ).all() as { unit: number; period: string; de: string; coc: string; n: number | null; t: string | null; comment: string | null }[]
  ).map((r) => ({ unit: r.unit, period: r.period, de: r.de, coc: r.coc, value: r.n ?? r.t!, comment: r.comment }));
  const approvals = stmt(
    db,
    `SELECT form_code AS form, org_unit_id AS unit, period, approved_at AS at, approved_by AS by FROM form_approval
       WHERE origin_partner_id IS NULL ORDER BY org_unit_id, form_code, period`,
  ).all() as OutgoingApproval[];
  return { values, approvals };
}

/** A value as a package brings it, checked as the grid checks a cell; null when refused. */
export function checkValue(v: OutgoingValue): OutgoingValue | null {
  const de = dataElement(v.de);
  const p = parsePeriod(v.period);
  if (!de || !isValidCell(de, v.coc) || !p || !FORM_PERIOD_TYPES[de.form].includes(p.type)) return null;
  const parsed = parseCell(de.valueType, String(v.value));
  if (!parsed.ok || parsed.value === null) return null;
  return { ...v, value: parsed.value, comment: v.comment?.trim() || null };
}

export function checkApproval(a: OutgoingApproval): OutgoingApproval | null {
  const p = parsePeriod(a.period);
  if (!(FORM_CODES as readonly string[]).includes(a.form) || !p || !FORM_PERIOD_TYPES[a.form as FormCode].includes(p.type)) return null;
  return a;
}

/** What a package changes in the form data held from its sender; units by the receiver's ids (null: to be made). */
export type FormsPlan = {
  upsert: (OutgoingValue & { old: { value: number | string; comment: string | null } | null })[];
  remove: { unit: number; period: string; de: string; coc: string; value: number | string; comment: string | null }[];
  approve: OutgoingApproval[];
  unapprove: { form: string; unit: number; period: string }[];
  unchanged: number;
  conflicts: number;
};

const cellKey = (unit: string, period: string, de: string, coc: string) => `${unit}|${period}|${de}|${coc}`;

/**
 * Compares a package's values and approvals with what this database holds from the partner.
 * `localUnit` gives the receiver's unit for a sender's unit id, or null when it will be made (so
 * nothing of this centre's own can be in it). Keys use a unit's path, to work before units exist.
 */
export function planForms(
  db: Db,
  partnerId: number,
  values: readonly OutgoingValue[],
  approvals: readonly OutgoingApproval[],
  unitKey: (senderUnit: number) => string,
  localUnit: (senderUnit: number) => number | null,
  localKey: (localUnit: number) => string,
): FormsPlan {
  const held = new Map<string, { unit: number; period: string; de: string; coc: string; value: number | string; comment: string | null }>();
  for (const r of stmt(
    db,
    'SELECT org_unit_id AS unit, period, data_element AS de, coc, value_number AS n, value_text AS t, comment FROM data_value WHERE origin_partner_id = ?',
  ).iterate(partnerId) as IterableIterator<{
    unit: number;
    period: string;
    de: string;
    coc: string;
    n: number | null;
    t: string | null;
    comment: string | null;
  }>)
    held.set(cellKey(localKey(r.unit), r.period, r.de, r.coc), {
      unit: r.unit,
      period: r.period,
      de: r.de,
      coc: r.coc,
      value: r.n ?? r.t!,
      comment: r.comment,
    });
  const own = stmt(
    db,
    'SELECT 1 FROM data_value WHERE org_unit_id = ? AND period = ? AND data_element = ? AND coc = ? AND origin_partner_id IS NULL',
  );
  const plan: FormsPlan = { upsert: [], remove: [], approve: [], unapprove: [], unchanged: 0, conflicts: 0 };
  const seen = new Set<string>();
  for (const v of values) {
    const key = cellKey(unitKey(v.unit), v.period, v.de, v.coc);
    seen.add(key);
    const local = localUnit(v.unit);
    if (local !== null && own.get(local, v.period, v.de, v.coc)) {
      plan.conflicts++;
      continue;
    }
    const before = held.get(key);
    if (before && before.value === v.value && before.comment === v.comment) plan.unchanged++;
    else plan.upsert.push({ ...v, old: before ? { value: before.value, comment: before.comment } : null });
  }
  for (const [key, h] of held) if (!seen.has(key)) plan.remove.push(h);

  const heldApprovals = new Map<string, { form: string; unit: number; period: string }>();
  for (const r of stmt(db, 'SELECT form_code AS form, org_unit_id AS unit, period FROM form_approval WHERE origin_partner_id = ?').all(
    partnerId,
  ) as {
    form: string;
    unit: number;
    period: string;
  }[])
    heldApprovals.set(`${localKey(r.unit)}|${r.form}|${r.period}`, r);
  const ownApproval = stmt(db, 'SELECT 1 FROM form_approval WHERE form_code = ? AND org_unit_id = ? AND period = ?');
  const sent = new Set<string>();
  for (const a of approvals) {
    const key = `${unitKey(a.unit)}|${a.form}|${a.period}`;
    sent.add(key);
    const local = localUnit(a.unit);
    if (heldApprovals.has(key) || (local !== null && ownApproval.get(a.form, local, a.period))) continue;
    plan.approve.push(a);
  }
  for (const [key, h] of heldApprovals) if (!sent.has(key)) plan.unapprove.push(h);
  return plan;
}

/** Writes a forms plan inside the caller's transaction; each cell and period audited as a clerk's would be. */
export function applyForms(
  db: Db,
  record: (c: Omit<Change, 'actor'>) => void,
  partnerId: number,
  plan: FormsPlan,
  unitOf: (senderUnit: number) => number,
  from: object,
  at: string,
  actor: string,
): { values: number; approvals: number } {
  const upsert = stmt(
    db,
    `INSERT INTO data_value (data_element, coc, org_unit_id, period, value_number, value_text, comment, updated_at, updated_by, origin_partner_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (org_unit_id, period, data_element, coc) DO UPDATE SET value_number = excluded.value_number, value_text = excluded.value_text,
       comment = excluded.comment, updated_at = excluded.updated_at, updated_by = excluded.updated_by
       WHERE data_value.origin_partner_id IS excluded.origin_partner_id`,
  );
  let values = 0;
  for (const v of plan.upsert) {
    const unit = unitOf(v.unit);
    const n = typeof v.value === 'number' ? v.value : null;
    if (upsert.run(v.de, v.coc, unit, v.period, n, n === null ? v.value : null, v.comment, at, actor, partnerId).changes === 0) continue;
    values++;
    record({
      action: v.old ? 'update' : 'create',
      entity: 'data_value',
      entityId: `${unit}/${v.period}/${v.de}/${v.coc}`,
      oldValue: v.old,
      newValue: { value: v.value, comment: v.comment, ...from },
    });
  }
  const remove = stmt(
    db,
    'DELETE FROM data_value WHERE org_unit_id = ? AND period = ? AND data_element = ? AND coc = ? AND origin_partner_id = ?',
  );
  for (const r of plan.remove) {
    if (remove.run(r.unit, r.period, r.de, r.coc, partnerId).changes === 0) continue;
    values++;
    record({
      action: 'delete',
      entity: 'data_value',
      entityId: `${r.unit}/${r.period}/${r.de}/${r.coc}`,
      oldValue: { value: r.value, comment: r.comment },
      newValue: from,
    });
  }
  let approvals = 0;
  const approve = stmt(
    db,
    'INSERT OR IGNORE INTO form_approval (form_code, org_unit_id, period, approved_at, approved_by, origin_partner_id) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const a of plan.approve) {
    const unit = unitOf(a.unit);
    if (approve.run(a.form, unit, a.period, a.at, a.by, partnerId).changes === 0) continue;
    approvals++;
    record({
      action: 'approve',
      entity: 'form_period',
      entityId: `${a.form}/${unit}/${a.period}`,
      newValue: { approvedBy: a.by, ...from },
    });
  }
  const unapprove = stmt(db, 'DELETE FROM form_approval WHERE form_code = ? AND org_unit_id = ? AND period = ? AND origin_partner_id = ?');
  for (const a of plan.unapprove) {
    if (unapprove.run(a.form, a.unit, a.period, partnerId).changes === 0) continue;
    approvals++;
    record({ action: 'unapprove', entity: 'form_period', entityId: `${a.form}/${a.unit}/${a.period}`, newValue: from });
  }
  return { values, approvals };
}
