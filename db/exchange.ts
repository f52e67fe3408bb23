// Exchange packages in the database: this centre's key pairs, its partners, what was sent and
// loaded, the records a package carries out, and loading a checked package in one audited
// transaction. No cryptography here (electron/service/exchange does it); rows in, rows out.
import { stmt, type Db } from './connection.js';
import { changeWithAudit } from './audit.js';
import { chainHead } from './audit-chain.js';
import {
  changeCases,
  columns,
  eventColumns,
  eventInput,
  insertCaseRow,
  toInput,
  writeKeyPopulations,
  type CaseDbRow,
  type EventDbRow,
} from './cases.js';
import { recordEach } from './audit.js';
import { applyForms, ownFormData, planForms, type FormsPlan, type OutgoingApproval, type OutgoingValue } from './exchange-forms.js';
import { orgUnitPath } from './org-units.js';
import { detachFromPerson } from './person-links.js';
import { workingCountryName } from './reference.js';
import { uicKey } from '../shared/cases/uic.js';
import type { CaseInput, EventInput } from '../shared/cases/schema.js';
import type { Partner } from '../shared/exchange/api.js';
import { fail, refusal } from '../shared/result.js';

export type StoredIdentity = { boxPublic: string; boxPrivate: string; signPublic: string; signPrivate: string; fingerprint: string };

export function identity(db: Db): StoredIdentity | null {
  return (
    (stmt(
      db,
      `SELECT box_public AS boxPublic, box_private AS boxPrivate, sign_public AS signPublic, sign_private AS signPrivate, fingerprint
         FROM exchange_identity WHERE id = 1`,
    ).get() as StoredIdentity | undefined) ?? null
  );
}

/** Made once, on first need; the change log records that keys exist (their fingerprint), never a private key. */
export function ensureIdentity(db: Db, actor: string, make: () => StoredIdentity): StoredIdentity {
  const found = identity(db);
  if (found) return found;
  const made = make();
  changeWithAudit(db, actor, (record) => {
    stmt(
      db,
      `INSERT INTO exchange_identity (id, box_public, box_private, sign_public, sign_private, fingerprint, created_at)
         VALUES (1, ?, ?, ?, ?, ?, ?)`,
    ).run(made.boxPublic, made.boxPrivate, made.signPublic, made.signPrivate, made.fingerprint, new Date().toISOString());
    record({ action: 'create', entity: 'exchange_identity', entityId: made.fingerprint });
  });
  return made;
}

type PartnerDbRow = {
  id: number;
  centre: string;
  country_code: string;
  unit_path: string;
  box_public: string;
  sign_public: string;
  fingerprint: string;
  added_at: string;
};
export type PartnerKeys = Partner & { boxPublic: string; signPublic: string };

// The last number loaded counts under the partner's present key only: a replaced key starts its numbering again.
const PARTNER_SELECT = `SELECT p.*, (SELECT max(sequence) FROM exchange_sent s WHERE s.partner_id = p.id) AS last_sent,
  (SELECT max(sequence) FROM exchange_received r WHERE r.partner_id = p.id AND r.key_epoch = p.key_epoch) AS last_received
  FROM exchange_partner p`;

function toPartner(r: PartnerDbRow & { last_sent: number | null; last_received: number | null }): PartnerKeys {
  return {
    id: r.id,
    centre: r.centre,
    countryCode: r.country_code,
    unitPath: JSON.parse(r.unit_path) as string[],
    fingerprint: r.fingerprint,
    addedAt: r.added_at,
    lastSent: r.last_sent,
    lastReceived: r.last_received,
    boxPublic: r.box_public,
    signPublic: r.sign_public,
  };
}

/** The partners this centre exchanges with now (a removed one stays in the table for the records it sent). */
export function listPartners(db: Db): PartnerKeys[] {
  return (stmt(db, `${PARTNER_SELECT} WHERE p.removed_at IS NULL ORDER BY p.centre, p.id`).all() as Parameters<typeof toPartner>[0][]).map(
    toPartner,
  );
}

/** The partner whose key this is; a removed partner's key is no one's. */
export function partnerByFingerprint(db: Db, fingerprint: string): PartnerKeys | null {
  const r = stmt(db, `${PARTNER_SELECT} WHERE p.fingerprint = ? AND p.removed_at IS NULL`).get(fingerprint) as
    Parameters<typeof toPartner>[0] | undefined;
  return r ? toPartner(r) : null;
}

export function partner(db: Db, id: number): PartnerKeys {
  const r = stmt(db, `${PARTNER_SELECT} WHERE p.id = ? AND p.removed_at IS NULL`).get(id) as Parameters<typeof toPartner>[0] | undefined;
  return r ? toPartner(r) : fail('not_found');
}

export function addPartner(
  db: Db,
  actor: string,
  k: { centre: string; countryCode: string; unitPath: string[]; boxPublic: string; signPublic: string; fingerprint: string },
): PartnerKeys {
  if (identity(db)?.fingerprint === k.fingerprint) throw refusal('key_file_invalid', 'errors.key_file_own', {});
  if (partnerByFingerprint(db, k.fingerprint)) throw refusal('already_exists', 'errors.partner_exists', { centre: k.centre });
  const id = changeWithAudit(db, actor, (record) => {
    const id = Number(
      stmt(
        db,
        `INSERT INTO exchange_partner (centre, country_code, unit_path, box_public, sign_public, fingerprint, added_at, added_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(k.centre, k.countryCode, JSON.stringify(k.unitPath), k.boxPublic, k.signPublic, k.fingerprint, new Date().toISOString(), actor)
        .lastInsertRowid,
    );
    record({ action: 'create', entity: 'exchange_partner', entityId: id, newValue: { centre: k.centre, fingerprint: k.fingerprint } });
    return id;
  });
  return partner(db, id);
}

// ---- Sending -------------------------------------------------------------------------------

export type OutgoingCase = { id: number; unit: number; case: CaseInput; events: EventInput[] };
export type Outgoing = {
  sequence: number;
  full: boolean;
  since: string | null;
  auditHead: number;
  units: { id: number; path: string[] }[];
  /** The cases (whole, with their events) and the deletions, read one at a time: a register of any size is never held. */
  records: () => Generator<{ t: 'case'; c: OutgoingCase } | { t: 'deleted'; id: number }, void, undefined>;
  values: OutgoingValue[];
  approvals: OutgoingApproval[];
};

/**
 * What the next package to `partnerId` holds: every case of this centre's own (not those it
 * received) in full, or those changed since the last package's change-log entry. A case is sent
 * whole, with all its events; a deleted one as its id. Read `records` synchronously, before
 * anything writes to the database (an open read would refuse the write).
 */
export function outgoing(db: Db, partnerId: number, full: boolean): Outgoing {
  // "Since the last package" means the last register package: a citizens-abroad one between says nothing of cases.
  const last = stmt(
    db,
    `SELECT sequence, audit_head AS head, created_at AS at FROM exchange_sent WHERE partner_id = ? AND kind = 'register'
       ORDER BY sequence DESC LIMIT 1`,
  ).get(partnerId) as { sequence: number; head: number; at: string } | undefined;
  // After numbering continued past a restore, the partner holds what lost packages carried: send everything.
  const whole = full || !last || last.sequence <= continuedAfter(db, partnerId);
  const auditHead = chainHead(db).id;
  const filter = whole
    ? ''
    : `AND c.id IN (SELECT CAST(CASE WHEN entity = 'case' THEN entity_id ELSE substr(entity_id, 1, instr(entity_id, '/') - 1) END AS INTEGER)
         FROM audit_log WHERE id > @head AND id <= @top AND entity IN ('case', 'case_event'))`;
  const params = whole ? {} : { head: last.head, top: auditHead };
  const own = `FROM hiv_case c WHERE c.origin_partner_id IS NULL ${filter}`;
  // Units first (a package lists them before the records in them): those of the cases sent and of the forms.
  const unitIds = new Set(stmt(db, `SELECT DISTINCT c.org_unit_id ${own} AND c.deleted_at IS NULL`).pluck().all(params) as number[]);
  const { values, approvals } = ownFormData(db);
  for (const v of [...values, ...approvals]) unitIds.add(v.unit);
  const units = [...unitIds].sort((a, b) => a - b).map((id) => ({ id, path: orgUnitPath(db, id).map((u) => u.name) }));
  function* records() {
    const rows = stmt(
      db,
      `SELECT c.*, (SELECT group_concat(key_population) FROM case_key_population k WHERE k.case_id = c.id) AS kps ${own} ORDER BY c.id`,
    ).iterate(params) as IterableIterator<CaseDbRow>;
    // Events in the same order of case ids, read beside the cases.
    const events = stmt(
      db,
      `SELECT e.* FROM case_event e JOIN hiv_case c ON c.id = e.case_id WHERE c.origin_partner_id IS NULL AND c.deleted_at IS NULL ${filter}
         ORDER BY e.case_id, e.event_date, e.id`,
    ).iterate(params) as IterableIterator<EventDbRow>;
    // Both reads closed however the reading ends (a failed write stops it early): an open read would refuse every write after.
    try {
      let next = events.next();
      for (const r of rows) {
        if (r.deleted_at) {
          yield { t: 'deleted' as const, id: r.id };
          continue;
        }
        const list: EventInput[] = [];
        for (; !next.done && next.value.case_id <= r.id; next = events.next())
          if (next.value.case_id === r.id) list.push(eventInput(next.value));
        yield { t: 'case' as const, c: { id: r.id, unit: r.org_unit_id, case: toInput(r), events: list } };
      }
    } finally {
      rows.return?.();
      events.return?.();
    }
  }
  return {
    sequence: nextSequence(db, partnerId),
    full: whole,
    since: whole ? null : last.at,
    auditHead,
    units,
    records,
    values,
    approvals,
  };
}

const continuedAfter = (db: Db, partnerId: number) =>
  (stmt(db, 'SELECT continue_after AS n FROM exchange_partner WHERE id = ?').get(partnerId) as { n: number } | undefined)?.n ?? 0;

/** The next package's number to a partner: one numbering for every kind, after any number skipped past a restore. */
export function nextSequence(db: Db, partnerId: number): number {
  const sent = (stmt(db, 'SELECT ifnull(max(sequence), 0) AS n FROM exchange_sent WHERE partner_id = ?').get(partnerId) as { n: number }).n;
  return Math.max(sent, continuedAfter(db, partnerId)) + 1;
}

/**
 * After a restore from a backup the partner has loaded numbers this copy never sent: the next
 * package goes after `after` (the last number the partner loaded, as its refusal said), and in full.
 */
export function continueNumbering(db: Db, actor: string, partnerId: number, after: number): number {
  const next = nextSequence(db, partnerId);
  if (after < next - 1) fail('invalid_input', undefined, [{ path: 'after', messageKey: 'validation.numbering_behind' }]);
  changeWithAudit(db, actor, (record) => {
    stmt(db, 'UPDATE exchange_partner SET continue_after = ? WHERE id = ?').run(after, partnerId);
    const { centre } = partner(db, partnerId);
    record({
      action: 'update',
      entity: 'exchange_partner',
      entityId: partnerId,
      oldValue: { centre, next },
      newValue: { centre, next: after + 1 },
    });
  });
  return after + 1;
}

export function recordSent(
  db: Db,
  actor: string,
  s: {
    partnerId: number;
    sequence: number;
    full: boolean;
    auditHead: number;
    sha256: string;
    counts: object;
    fileName: string;
    kind?: 'register' | 'abroad';
  },
): void {
  changeWithAudit(db, actor, (record) => {
    stmt(
      db,
      `INSERT INTO exchange_sent (partner_id, sequence, full, audit_head, content_mac, counts, file_name, created_at, created_by, kind)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      s.partnerId,
      s.sequence,
      s.full ? 1 : 0,
      s.auditHead,
      s.sha256,
      JSON.stringify(s.counts),
      s.fileName,
      new Date().toISOString(),
      actor,
      s.kind ?? 'register',
    );
    record({
      action: 'export',
      entity: 'exchange_package',
      entityId: `${s.partnerId}/${s.sequence}`,
      newValue: { full: s.full, ...s.counts, fileName: s.fileName },
    });
  });
}

// ---- Receiving ------------------------------------------------------------------------------

/** `lineHash`: what tells this line from the same case's line in a later package (stored as origin_sha256). */
export type IncomingCase = { id: number; unit: number; case: CaseInput; events: EventInput[]; lineHash: string };
export type LoadPlan = {
  partnerId: number;
  centre: string;
  sequence: number;
  full: boolean;
  sha256: string;
  countryCode: string;
  /** The sender's unit ids with their paths by name, found or to be made here. */
  units: Map<number, string[]>;
  /** The sender's ids of the cases to create; the cases themselves are read again from the package when it is confirmed. */
  create: Set<number>;
  /** The sender's ids of changed cases, with this database's ids of them. */
  update: Map<number, number>;
  /** Local ids of received cases the sender deleted. */
  remove: number[];
  unchanged: number;
  refused: number;
  newUnits: number;
  forms: FormsPlan;
};

/** The partner's present key epoch, in SQL beside `exchange_received.partner_id`. */
const EPOCH = '(SELECT key_epoch FROM exchange_partner WHERE id = exchange_received.partner_id)';

/** The last package loaded from a partner under its present key, for the sequence rules. */
export function lastReceived(db: Db, partnerId: number): { sequence: number; sha256: string } | null {
  return (
    (stmt(
      db,
      `SELECT sequence, content_mac AS sha256 FROM exchange_received WHERE partner_id = ? AND key_epoch = ${EPOCH} ORDER BY sequence DESC LIMIT 1`,
    ).get(partnerId) as { sequence: number; sha256: string } | undefined) ?? null
  );
}

export function wasReceived(db: Db, partnerId: number, sequence: number, sha256: string): boolean {
  return !!stmt(
    db,
    `SELECT 1 FROM exchange_received WHERE partner_id = ? AND sequence = ? AND content_mac = ? AND key_epoch = ${EPOCH}`,
  ).get(partnerId, sequence, sha256);
}

type UnitRow = { id: number; level: string };
/** The local unit at a path of names under the country, or null where it is not there yet. */
function findUnit(db: Db, countryCode: string, path: readonly string[]): number | null {
  let unit = stmt(db, `SELECT id, level FROM org_unit WHERE level = 'country' AND country_code = ?`).get(countryCode) as
    UnitRow | undefined;
  for (const name of path.slice(1)) {
    if (!unit) return null;
    unit = stmt(db, 'SELECT id, level FROM org_unit WHERE parent_id = ? AND name = ?').get(unit.id, name) as UnitRow | undefined;
  }
  return unit?.id ?? null;
}

/** The plan of a package loaded before: nothing to write. */
export const nothingToLoad = (
  head: Omit<LoadPlan, 'units' | 'create' | 'update' | 'remove' | 'unchanged' | 'refused' | 'newUnits' | 'forms'>,
  unchanged: number,
): LoadPlan => ({
  forms: { upsert: [], remove: [], approve: [], unapprove: [], unchanged: 0, conflicts: 0 },
  ...head,
  units: new Map(),
  create: new Set(),
  update: new Map(),
  remove: [],
  unchanged,
  refused: 0,
  newUnits: 0,
});

type Known = Map<number, { id: number; sha: string | null; deleted: boolean }>;

/** Sorts a package's cases, one by one as read, into new, changed and unchanged against what this database holds from that partner. */
export function caseSorter(db: Db, partnerId: number) {
  const known: Known = new Map();
  for (const r of stmt(
    db,
    'SELECT id, origin_id AS originId, origin_sha256 AS sha, deleted_at AS deletedAt FROM hiv_case WHERE origin_partner_id = ?',
  ).iterate(partnerId) as IterableIterator<{ id: number; originId: number; sha: string | null; deletedAt: string | null }>)
    known.set(r.originId, { id: r.id, sha: r.sha, deleted: r.deletedAt !== null });
  const sorted = { known, create: new Set<number>(), update: new Map<number, number>(), unchanged: 0 };
  return {
    sorted,
    sort(c: { id: number; lineHash: string }): 'create' | 'update' | 'unchanged' {
      const k = known.get(c.id);
      if (!k) return (sorted.create.add(c.id), 'create');
      // Stored before the hash was kept at 128 bits: its first part compared.
      if (k.sha?.slice(0, c.lineHash.length) !== c.lineHash || k.deleted) return (sorted.update.set(c.id, k.id), 'update');
      sorted.unchanged++;
      return 'unchanged';
    },
  };
}
export type SortedCases = ReturnType<typeof caseSorter>['sorted'];

/** A package's plan: its sorted cases, the deletions and form values it brings, the units it needs. */
export function planLoad(
  db: Db,
  head: { partnerId: number; centre: string; sequence: number; full: boolean; sha256: string; countryCode: string },
  units: Map<number, string[]>,
  cases: SortedCases,
  deleted: readonly number[],
  refused: number,
  forms: { values: readonly OutgoingValue[]; approvals: readonly OutgoingApproval[] } = { values: [], approvals: [] },
  /** Every case id a full package names (loaded or refused): what it does not name, the sender no longer has. */
  named: ReadonlySet<number> | null = null,
): LoadPlan {
  const { known } = cases;
  // Units compared by their path of names below the country, on both sides: they may not exist here yet.
  const below = (path: readonly string[]) => JSON.stringify(path.slice(1));
  const localKeys = new Map<number, string>();
  const formsPlan = planForms(
    db,
    head.partnerId,
    forms.values,
    forms.approvals,
    (u) => below(units.get(u) ?? []),
    (u) => findUnit(db, head.countryCode, units.get(u) ?? []),
    (local) => {
      if (!localKeys.has(local)) localKeys.set(local, below(orgUnitPath(db, local).map((x) => x.name)));
      return localKeys.get(local)!;
    },
  );
  const plan: LoadPlan = {
    ...head,
    units,
    create: cases.create,
    update: cases.update,
    remove: [],
    unchanged: cases.unchanged,
    refused,
    newUnits: 0,
    forms: formsPlan,
  };
  const gone = new Set(deleted);
  for (const id of gone) {
    const k = known.get(id);
    if (k && !k.deleted) plan.remove.push(k.id);
  }
  // A full package is the sender's whole register: a record it no longer names (made after the
  // backup it was restored from, say) is gone there, and goes here too.
  if (head.full && named)
    for (const [originId, k] of known) if (!k.deleted && !named.has(originId) && !gone.has(originId)) plan.remove.push(k.id);
  const missing = new Set<string>();
  for (const path of units.values())
    for (let depth = 1; depth <= path.length; depth++)
      if (findUnit(db, head.countryCode, path.slice(0, depth)) === null) missing.add(JSON.stringify(path.slice(0, depth)));
  plan.newUnits = missing.size;
  return plan;
}

/** New cases that look like a person already in this register (code, sex, birth year) from elsewhere, checked one by one: to review. */
export function samePersonElsewhere(db: Db, partnerId: number, limit: number) {
  const find = stmt(
    db,
    `SELECT c.register_no AS registerNo, u.name AS unit FROM hiv_case c JOIN org_unit u ON u.id = c.org_unit_id
       WHERE c.deleted_at IS NULL AND c.uic_key = ? AND c.sex = ? AND c.birth_year IS ? AND c.origin_partner_id IS NOT ? LIMIT 1`,
  );
  // The codes held from elsewhere, once: most incoming cases match none, and a set answers that
  // in a fraction of a query's time (the set is the size of the register, as its index is).
  const codes = new Set(
    stmt(db, 'SELECT uic_key FROM hiv_case WHERE deleted_at IS NULL AND origin_partner_id IS NOT ?').pluck().all(partnerId) as string[],
  );
  const found = { total: 0, first: [] as { originId: number; registerNo: string; existingRegisterNo: string; existingUnit: string }[] };
  return {
    found,
    check(c: IncomingCase) {
      if (codes.size === 0) return;
      const key = uicKey(c.case.uic);
      if (!codes.has(key)) return;
      const hit = find.get(key, c.case.sex, c.case.birthYear, partnerId) as { registerNo: string; unit: string } | undefined;
      if (!hit) return;
      found.total++;
      if (found.first.length < limit)
        found.first.push({ originId: c.id, registerNo: c.case.registerNo, existingRegisterNo: hit.registerNo, existingUnit: hit.unit });
    },
  };
}

/** Makes the units a package's cases sit in, by name under the country; audited like any new unit. */
function ensureUnits(
  db: Db,
  record: (c: { action: 'create'; entity: string; entityId: number; newValue: object }) => void,
  plan: LoadPlan,
) {
  const local = new Map<number, number>();
  for (const [senderId, path] of plan.units) {
    let parent: number | null = null;
    for (let depth = 1; depth <= path.length; depth++) {
      const found = findUnit(db, plan.countryCode, path.slice(0, depth));
      if (found !== null) {
        parent = found;
        continue;
      }
      const level = (['country', 'region', 'facility'] as const)[depth - 1]!;
      const name = depth === 1 ? (workingCountryName(db, plan.countryCode) ?? path[0]!) : path[depth - 1]!;
      const parentId: number | null = parent;
      parent = Number(
        stmt(db, 'INSERT INTO org_unit (parent_id, level, country_code, name) VALUES (?, ?, ?, ?)').run(
          parentId,
          level,
          plan.countryCode,
          name,
        ).lastInsertRowid,
      );
      record({
        action: 'create',
        entity: 'org_unit',
        entityId: parent,
        newValue: { id: parent, parentId, level, countryCode: plan.countryCode, name },
      });
    }
    local.set(senderId, parent!);
  }
  return local;
}

/** New cases' key populations and audit entries are written this many cases at a time: memory stays flat on a large package. */
const BATCH = 2000;

/**
 * Writes a planned package: every case or none, each change audited, and the package recorded as
 * loaded. `replay` reads the package's valid cases again, one by one, as the preview read them: the
 * plan keeps only their ids, so a package of any size is written in the memory of one batch.
 */
export function applyLoad(
  db: Db,
  actor: string,
  plan: LoadPlan,
  replay: (visit: (c: IncomingCase) => void) => void,
  now: Date = new Date(),
) {
  const at = now.toISOString();
  return changeCases(db, actor, (record) => {
    const units = ensureUnits(db, record, plan);
    const unitOf = (c: IncomingCase) => units.get(c.unit) ?? fail('invalid_input');
    const from = { receivedFrom: plan.centre, package: plan.sequence };
    // New cases: rows, key populations and events, then one statement of audit entries a batch (as an import does).
    let kps: [number, string][] = [];
    let created: [number, object][] = [];
    const insertEv = stmt(
      db,
      'INSERT INTO case_event (case_id, kind, event_date, cd4, vl_copies, vl_undetectable, outcome, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // A batch's rows first, then its events (as the import does): faster than row, events, row, events.
    let newEvents: [number, readonly EventInput[]][] = [];
    const flush = () => {
      for (const [id, events] of newEvents) for (const e of events) insertEv.run(id, ...eventColumns(e), at, at);
      newEvents = [];
      if (kps.length)
        stmt(db, 'INSERT INTO case_key_population (case_id, key_population) SELECT value ->> 0, value ->> 1 FROM json_each(?)').run(
          JSON.stringify(kps),
        );
      recordEach(db, { actor, action: 'create', entity: 'case' }, created, now);
      kps = [];
      created = [];
    };
    const rowOf = stmt(
      db,
      `SELECT c.*, (SELECT group_concat(key_population) FROM case_key_population k WHERE k.case_id = c.id) AS kps FROM hiv_case c WHERE c.id = ?`,
    );
    let written = 0;
    const write = (c: IncomingCase) => {
      const localId = plan.update.get(c.id);
      if (plan.create.has(c.id)) {
        const id = insertCaseRow(db, unitOf(c), c.case, at, kps, { partnerId: plan.partnerId, id: c.id, lineHash: c.lineHash });
        newEvents.push([id, c.events]);
        // Spelled out, not spread from `from`: V8's spread here took ~3% of a large load (profiled).
        created.push([id, { receivedFrom: from.receivedFrom, package: from.package, originId: c.id, events: c.events.length }]);
      } else if (localId !== undefined) {
        // Changed cases: the row, key populations and events replaced by the sender's; the fields that changed audited.
        const before = rowOf.get(localId) as CaseDbRow;
        const old = toInput(before);
        // Another person under the same id (a sender restored from a backup reuses its ids): the
        // record leaves the person it was linked into, which was someone else.
        if (before.uic_key !== uicKey(c.case.uic) || before.sex !== c.case.sex || before.birth_year !== (c.case.birthYear ?? null))
          detachFromPerson(db, record, localId, actor, at);
        stmt(
          db,
          `UPDATE hiv_case SET register_no = ?, uic = ?, uic_key = ?, sex = ?, birth_year = ?, citizenship = ?, migrant_type = ?, legal_status = ?,
             transmission_route = ?, infection_country = ?, diagnosis_date = ?, diagnosis_country = ?, aids_at_diagnosis = ?, first_aids_date = ?,
             org_unit_id = ?, origin_sha256 = ?, deleted_at = NULL, deleted_by = NULL, updated_at = ? WHERE id = ?`,
        ).run(...columns(c.case), unitOf(c), c.lineHash, at, localId);
        writeKeyPopulations(db, localId, c.case.keyPopulations);
        stmt(db, 'DELETE FROM case_event WHERE case_id = ?').run(localId);
        for (const e of c.events) insertEv.run(localId, ...eventColumns(e), at, at);
        const keys = [...new Set([...Object.keys(c.case), ...Object.keys(old)])] as (keyof CaseInput)[];
        const changed = keys.filter((k) => JSON.stringify(old[k] ?? null) !== JSON.stringify(c.case[k] ?? null));
        record({
          action: 'update',
          entity: 'case',
          entityId: localId,
          oldValue: Object.fromEntries(changed.map((k) => [k, old[k]])),
          newValue: { ...Object.fromEntries(changed.map((k) => [k, c.case[k]])), ...from, events: c.events.length },
        });
      } else return;
      written++;
    };
    // Read a batch, then write it: reading and writing case by case is ~20% slower (measured).
    let batch: IncomingCase[] = [];
    replay((c) => {
      if (batch.push(c) < BATCH) return;
      batch.forEach(write);
      batch = [];
      flush();
    });
    batch.forEach(write);
    flush();
    // The package read again must be the package previewed: anything else undoes the whole load.
    if (written !== plan.create.size + plan.update.size) fail('import_expired');
    for (const id of plan.remove) {
      const before = rowOf.get(id) as CaseDbRow;
      stmt(db, 'UPDATE hiv_case SET deleted_at = ?, deleted_by = ? WHERE id = ?').run(at, actor, id);
      record({
        action: 'delete',
        entity: 'case',
        entityId: id,
        oldValue: { registerNo: before.register_no, uic: before.uic },
        newValue: from,
      });
    }
    const forms = applyForms(db, record, plan.partnerId, plan.forms, (u) => units.get(u) ?? fail('invalid_input'), from, at, actor);
    const counts = {
      values: forms.values,
      approvals: forms.approvals,
      created: plan.create.size,
      updated: plan.update.size,
      deleted: plan.remove.length,
      unchanged: plan.unchanged,
      refused: plan.refused,
    };
    stmt(
      db,
      `INSERT INTO exchange_received (partner_id, sequence, full, content_mac, counts, loaded_at, loaded_by, key_epoch)
         VALUES (@p, ?, ?, ?, ?, ?, ?, (SELECT key_epoch FROM exchange_partner WHERE id = @p))`,
    ).run({ p: plan.partnerId }, plan.sequence, plan.full ? 1 : 0, plan.sha256, JSON.stringify(counts), at, actor);
    record({
      action: 'import',
      entity: 'exchange_package',
      entityId: `${plan.partnerId}/${plan.sequence}`,
      newValue: { centre: plan.centre, full: plan.full, ...counts },
    });
    return counts;
  });
}
