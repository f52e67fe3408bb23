// Aggregate values: saved cell by cell (or a pasted block) in one audited transaction, refused
// while the form's period is approved; rules read from the database.
import { stmt, type Db } from './connection.js';
import { changeWithAudit } from './audit.js';
import { getOrgUnit } from './org-units.js';
import { fail, refusal, type FieldIssue } from '../shared/result.js';
import { dataElement, FORM_PERIOD_TYPES, isValidCell, type FormCode } from '../shared/forms/definitions.js';
import { RuleSchema, type Rule } from '../shared/forms/rules.js';
import { parsePeriod } from '../shared/periods.js';
import { commentIssue, parseCell } from '../shared/forms/cell-value.js';

export type CellInput = { de: string; coc: string; value: string | null; comment?: string | null };
export type StoredValue = { de: string; coc: string; value: number | string; comment: string | null; updatedAt: string; updatedBy: string };
export type FormKey = { form: FormCode; orgUnitId: number; period: string };

type Row = {
  data_element: string;
  coc: string;
  value_number: number | null;
  value_text: string | null;
  comment: string | null;
  updated_at: string;
  updated_by: string;
  origin_partner_id: number | null;
};
const toStored = (r: Row): StoredValue => ({
  de: r.data_element,
  coc: r.coc,
  value: r.value_number ?? r.value_text!,
  comment: r.comment,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});
const cellPath = (c: { de: string; coc: string }) => `${c.de}/${c.coc}`;

function checkKey(db: Db, k: FormKey) {
  const p = parsePeriod(k.period);
  if (!p || !FORM_PERIOD_TYPES[k.form].includes(p.type))
    fail('invalid_input', undefined, [{ path: 'period', messageKey: 'validation.period' }]);
  if (!stmt(db, 'SELECT 1 FROM org_unit WHERE id = ?').get(k.orgUnitId)) fail('not_found');
}

/** A value or approval received from another centre is that centre's: changed only by its next package. */
function refuseReceived(db: Db, partnerId: number): never {
  const from = stmt(db, 'SELECT centre FROM exchange_partner WHERE id = ?').get(partnerId) as { centre: string } | undefined;
  throw refusal('received_read_only', 'errors.received_value_read_only', { centre: from?.centre ?? '' });
}

export function approval(db: Db, k: FormKey): { approvedAt: string; approvedBy: string } | null {
  return (
    (stmt(
      db,
      'SELECT approved_at AS approvedAt, approved_by AS approvedBy FROM form_approval WHERE form_code = ? AND org_unit_id = ? AND period = ?',
    ).get(k.form, k.orgUnitId, k.period) as { approvedAt: string; approvedBy: string } | undefined) ?? null
  );
}

export function formValues(db: Db, k: FormKey): StoredValue[] {
  return (
    stmt(
      db,
      `SELECT v.* FROM data_value v JOIN data_element d ON d.code = v.data_element WHERE d.form_code = ? AND v.org_unit_id = ? AND v.period = ?`,
    ).all(k.form, k.orgUnitId, k.period) as Row[]
  ).map(toStored);
}

/** The cells of a form and period that another centre sent, with that centre's name: read-only here. */
export function receivedCells(db: Db, k: FormKey): Map<string, string> {
  const rows = stmt(
    db,
    `SELECT v.data_element AS de, v.coc, p.centre FROM data_value v JOIN data_element d ON d.code = v.data_element
       JOIN exchange_partner p ON p.id = v.origin_partner_id WHERE d.form_code = ? AND v.org_unit_id = ? AND v.period = ?`,
  ).all(k.form, k.orgUnitId, k.period) as { de: string; coc: string; centre: string }[];
  return new Map(rows.map((r) => [`${r.de}/${r.coc}`, r.centre]));
}

/** The centre that sent a form's approval of a period, if another centre did (only it can withdraw it). */
export function receivedApproval(db: Db, k: FormKey): string | null {
  const r = stmt(
    db,
    `SELECT p.centre FROM form_approval a JOIN exchange_partner p ON p.id = a.origin_partner_id
       WHERE a.form_code = ? AND a.org_unit_id = ? AND a.period = ?`,
  ).get(k.form, k.orgUnitId, k.period) as { centre: string } | undefined;
  return r?.centre ?? null;
}

/** Saves cells (one, or a pasted block) all together; any bad cell refuses the lot, naming each. */
export function saveCells(db: Db, actor: string, k: FormKey, cells: CellInput[], now: Date = new Date()): StoredValue[] {
  checkKey(db, k);
  const issues: FieldIssue[] = [];
  const parsed = cells.map((c) => {
    const de = dataElement(c.de);
    if (!de || de.form !== k.form || !isValidCell(de, c.coc)) {
      issues.push({ path: cellPath(c), messageKey: 'validation.unknown_cell' });
      return null;
    }
    const r = parseCell(de.valueType, c.value);
    if (!r.ok) {
      issues.push({ path: cellPath(c), messageKey: r.messageKey });
      return null;
    }
    // No comment given: the cell keeps the one it has. An empty one clears it.
    const comment = c.comment === undefined ? undefined : c.comment?.trim() || null;
    if (commentIssue(comment)) issues.push({ path: cellPath(c), messageKey: 'validation.invalid_value' });
    return { ...c, value: r.value, comment };
  });
  if (issues.length) fail('invalid_input', undefined, issues);
  return changeWithAudit(db, actor, (record) => {
    const locked = approval(db, k);
    if (locked) fail('period_locked', { period: k.period, by: locked.approvedBy });
    const get = stmt(db, 'SELECT * FROM data_value WHERE org_unit_id = ? AND period = ? AND data_element = ? AND coc = ?');
    const upsert = stmt(
      db,
      `INSERT INTO data_value (data_element, coc, org_unit_id, period, value_number, value_text, comment, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (org_unit_id, period, data_element, coc) DO UPDATE SET value_number = excluded.value_number, value_text = excluded.value_text,
         comment = excluded.comment, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    );
    const remove = stmt(db, 'DELETE FROM data_value WHERE org_unit_id = ? AND period = ? AND data_element = ? AND coc = ?');
    const at = now.toISOString();
    const saved: StoredValue[] = [];
    for (const parsedCell of parsed as NonNullable<(typeof parsed)[number]>[]) {
      const old = get.get(k.orgUnitId, k.period, parsedCell.de, parsedCell.coc) as Row | undefined;
      if (old?.origin_partner_id != null) refuseReceived(db, old.origin_partner_id);
      const c = { ...parsedCell, comment: parsedCell.comment === undefined ? (old?.comment ?? null) : parsedCell.comment };
      const oldValue = old ? (old.value_number ?? old.value_text) : null;
      if (oldValue === c.value && (old?.comment ?? null) === c.comment) continue;
      if (c.value === null) remove.run(k.orgUnitId, k.period, c.de, c.coc);
      else
        upsert.run(
          c.de,
          c.coc,
          k.orgUnitId,
          k.period,
          typeof c.value === 'number' ? c.value : null,
          typeof c.value === 'string' ? c.value : null,
          c.comment,
          at,
          actor,
        );
      record({
        action: c.value === null ? 'delete' : old ? 'update' : 'create',
        entity: 'data_value',
        entityId: `${k.orgUnitId}/${k.period}/${c.de}/${c.coc}`,
        oldValue: old ? { value: oldValue, comment: old.comment } : null,
        newValue: c.value === null ? null : { value: c.value, comment: c.comment },
      });
      if (c.value !== null) saved.push({ de: c.de, coc: c.coc, value: c.value, comment: c.comment, updatedAt: at, updatedBy: actor });
    }
    return saved;
  });
}

export function setApproval(db: Db, actor: string, k: FormKey, approved: boolean, now: Date = new Date()): void {
  checkKey(db, k);
  changeWithAudit(db, actor, (record) => {
    const current = approval(db, k);
    if (approved === (current !== null)) return;
    const origin = stmt(db, 'SELECT origin_partner_id AS p FROM form_approval WHERE form_code = ? AND org_unit_id = ? AND period = ?').get(
      k.form,
      k.orgUnitId,
      k.period,
    ) as { p: number | null } | undefined;
    if (origin?.p != null) refuseReceived(db, origin.p);
    if (approved)
      stmt(db, 'INSERT INTO form_approval (form_code, org_unit_id, period, approved_at, approved_by) VALUES (?, ?, ?, ?, ?)').run(
        k.form,
        k.orgUnitId,
        k.period,
        now.toISOString(),
        actor,
      );
    else stmt(db, 'DELETE FROM form_approval WHERE form_code = ? AND org_unit_id = ? AND period = ?').run(k.form, k.orgUnitId, k.period);
    record({
      action: approved ? 'approve' : 'unapprove',
      entity: 'form_period',
      entityId: `${k.form}/${k.orgUnitId}/${k.period}`,
      oldValue: current,
      newValue: approved ? { approvedBy: actor } : null,
    });
  });
}

export function rules(db: Db, form?: FormCode): Rule[] {
  const rows = stmt(db, `SELECT definition FROM validation_rule ${form ? 'WHERE form_code = ?' : ''} ORDER BY code`).all(
    ...(form ? [form] : []),
  ) as { definition: string }[];
  return rows.map((r) => RuleSchema.parse(JSON.parse(r.definition)));
}

/** Which forms and periods have data, per org unit: counts of values and approval. */
export function completeness(
  db: Db,
  year: number,
): { orgUnitId: number; form: FormCode; period: string; values: number; approved: boolean }[] {
  return stmt(
    db,
    `SELECT v.org_unit_id AS orgUnitId, d.form_code AS form, v.period, count(*) AS values_,
         EXISTS (SELECT 1 FROM form_approval a WHERE a.form_code = d.form_code AND a.org_unit_id = v.org_unit_id AND a.period = v.period) AS approved
       FROM data_value v JOIN data_element d ON d.code = v.data_element
       WHERE substr(v.period, 1, 4) = ? GROUP BY v.org_unit_id, d.form_code, v.period ORDER BY v.org_unit_id, d.form_code, v.period`,
  )
    .all(String(year))
    .map((r) => {
      const row = r as { orgUnitId: number; form: FormCode; period: string; values_: number; approved: number };
      return { orgUnitId: row.orgUnitId, form: row.form, period: row.period, values: row.values_, approved: row.approved === 1 };
    });
}

/** Values from a file, every form and period of it in one audited transaction (a locked period refuses the lot). */
export function importFormValues(
  db: Db,
  actor: string,
  file: string,
  groups: readonly (FormKey & { cells: CellInput[] })[],
  summary: object,
  now: Date = new Date(),
): { values: number } {
  return changeWithAudit(db, actor, (record) => {
    let values = 0;
    for (const g of groups) {
      // Approved since the preview: said with the unit, as a file may hold several.
      const locked = approval(db, g);
      if (locked) {
        const unit = getOrgUnit(db, g.orgUnitId)?.name ?? '';
        throw refusal('period_locked', 'errors.period_locked_in', { period: g.period, by: locked.approvedBy, unit });
      }
      values += saveCells(db, actor, g, g.cells, now).length;
    }
    record({
      action: 'import',
      entity: 'aggregate_forms',
      entityId: file,
      newValue: {
        orgUnitIds: [...new Set(groups.map((g) => g.orgUnitId))],
        periods: [...new Set(groups.map((g) => `${g.form}/${g.period}`))],
        values,
        ...summary,
      },
    });
    return { values };
  });
}
