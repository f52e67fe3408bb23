// Case-register channels: the entry rules that need the database (UIC pattern setting, duplicates,
// ART after diagnosis) are checked here and in db/cases.ts; the shapes by the contract.
import {
  caseOrgUnit,
  createCase,
  deleteCase,
  deleteEvent,
  findDuplicates,
  getCase,
  listCases,
  listDeleted,
  restoreCase,
  saveEvent,
  updateCase,
} from '../../../db/cases.js';
import type { DeskSession } from '../session.js';
import { auditOf } from '../../../db/audit.js';
import { getSetting } from '../../../db/settings.js';
import { uicIssue, type CaseInput } from '../../../shared/cases/schema.js';
import { fail } from '../../../shared/result.js';
import type { Db } from '../../../db/connection.js';
import type { Handlers } from '../handlers.js';
import { linkPersons, personCandidates, unlinkPerson } from '../../../db/person-links.js';

function checkUic(db: Db, c: CaseInput) {
  const issue = uicIssue(c.uic, getSetting(db, 'uic_pattern') ?? undefined);
  if (issue) fail('invalid_input', undefined, [{ path: 'case.uic', messageKey: issue }]);
}

/** The case's id if the account may see it: outside its org unit a case is "not found", as one that does not exist. */
function visible(s: DeskSession, id: number): number {
  const unit = caseOrgUnit(s.database, id);
  const scope = s.scope;
  if (unit !== null && scope && !scope.has(unit)) fail('not_found');
  return id;
}
/** A case as this account may see it: the other records of its person outside the account's units left out. */
function detailFor(s: DeskSession, id: number) {
  const detail = getCase(s.database, id);
  const scope = s.scope;
  if (!scope) return detail;
  const visibleRecords = detail.personRecords.filter((r) => scope.has(caseOrgUnit(s.database, r.id) ?? -1));
  return { ...detail, personRecords: visibleRecords.length > 1 ? visibleRecords : [] };
}

/** Keeps the rows of cases the account may see; the scope is worked out once per call, not per row. */
const visibleRows = <T extends { id: number }>(s: DeskSession, rows: T[]): T[] => {
  const scope = s.scope;
  return scope ? rows.filter((r) => scope.has(caseOrgUnit(s.database, r.id) ?? -1)) : rows;
};

export const caseHandlers: Pick<
  Handlers,
  | 'cases.list'
  | 'cases.get'
  | 'cases.create'
  | 'cases.update'
  | 'cases.delete'
  | 'cases.restore'
  | 'cases.deleted'
  | 'cases.duplicates'
  | 'cases.audit'
  | 'events.save'
  | 'events.delete'
  | 'persons.candidates'
  | 'persons.link'
  | 'persons.unlink'
> = {
  // Pairs the account may see both records of.
  'persons.candidates': (s) => {
    const scope = s.scope;
    const pairs = personCandidates(s.database, 200);
    return scope
      ? pairs.filter((p) => scope.has(caseOrgUnit(s.database, p.a.id) ?? -1) && scope.has(caseOrgUnit(s.database, p.b.id) ?? -1))
      : pairs;
  },
  'persons.link': (s, { caseId, withCaseId }) => {
    linkPersons(s.database, s.actor, visible(s, caseId), visible(s, withCaseId));
    return detailFor(s, caseId);
  },
  'persons.unlink': (s, { caseId }) => {
    unlinkPerson(s.database, s.actor, visible(s, caseId));
    return detailFor(s, caseId);
  },
  'cases.list': (s, q) => listCases(s.database, q, s.scope ? [...s.scope] : null),
  'cases.get': (s, { id }) => detailFor(s, visible(s, id)),
  'cases.create': (s, { case: c, allowDuplicate }) => {
    checkUic(s.database, c);
    return detailFor(s, createCase(s.database, s.actor, s.orgUnitId, c, { allowDuplicate }));
  },
  'cases.update': (s, { id, case: c, allowDuplicate }) => {
    visible(s, id);
    checkUic(s.database, c);
    updateCase(s.database, s.actor, id, c, { allowDuplicate });
    return detailFor(s, id);
  },
  'cases.delete': (s, { id }) => {
    visible(s, id);
    deleteCase(s.database, s.actor, id);
    return { id };
  },
  'cases.restore': (s, { id }) => {
    visible(s, id);
    restoreCase(s.database, s.actor, id);
    return detailFor(s, id);
  },
  'cases.deleted': (s) => visibleRows(s, listDeleted(s.database)),
  'cases.duplicates': (s, q) => visibleRows(s, findDuplicates(s.database, q)),
  'cases.audit': (s, { id }) => auditOf(s.database, 'case', String(visible(s, id)), 'case_event'),
  'events.save': (s, { caseId, eventId, event }) => {
    visible(s, caseId);
    saveEvent(s.database, s.actor, caseId, eventId, event);
    return detailFor(s, caseId);
  },
  'events.delete': (s, { caseId, eventId }) => {
    visible(s, caseId);
    deleteEvent(s.database, s.actor, caseId, eventId);
    return detailFor(s, caseId);
  },
};
