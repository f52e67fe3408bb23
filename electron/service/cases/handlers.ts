// Case-register channels: the entry rules that need the database (UIC pattern setting, duplicates,
// ART after diagnosis) are checked here and in db/cases.ts; the shapes by the contract.
import { createCase, deleteCase, deleteEvent, findDuplicates, getCase, listCases, listDeleted, restoreCase, saveEvent, updateCase } from '../../../db/cases.js';
import { auditOf } from '../../../db/audit.js';
import { getSetting } from '../../../db/settings.js';
import { uicIssue, type CaseInput } from '../../../shared/cases/schema.js';
import { fail } from '../../../shared/result.js';
import type { Db } from '../../../db/connection.js';
import type { Handlers } from '../handlers.js';

function checkUic(db: Db, c: CaseInput) {
  const issue = uicIssue(c.uic, getSetting(db, 'uic_pattern') ?? undefined);
  if (issue) fail('invalid_input', undefined, [{ path: 'case.uic', messageKey: issue }]);
}

export const caseHandlers: Pick<
  Handlers,
  'cases.list' | 'cases.get' | 'cases.create' | 'cases.update' | 'cases.delete' | 'cases.restore' | 'cases.deleted' | 'cases.duplicates' | 'cases.audit' | 'events.save' | 'events.delete'
> = {
  'cases.list': (s, q) => listCases(s.database, q),
  'cases.get': (s, { id }) => getCase(s.database, id),
  'cases.create': (s, { case: c, allowDuplicate }) => {
    checkUic(s.database, c);
    return getCase(s.database, createCase(s.database, s.actor, s.orgUnitId, c, { allowDuplicate }));
  },
  'cases.update': (s, { id, case: c, allowDuplicate }) => {
    checkUic(s.database, c);
    updateCase(s.database, s.actor, id, c, { allowDuplicate });
    return getCase(s.database, id);
  },
  'cases.delete': (s, { id }) => {
    deleteCase(s.database, s.actor, id);
    return { id };
  },
  'cases.restore': (s, { id }) => {
    restoreCase(s.database, s.actor, id);
    return getCase(s.database, id);
  },
  'cases.deleted': (s) => listDeleted(s.database),
  'cases.duplicates': (s, q) => findDuplicates(s.database, q),
  'cases.audit': (s, { id }) => auditOf(s.database, 'case', String(id), 'case_event'),
  'events.save': (s, { caseId, eventId, event }) => {
    saveEvent(s.database, s.actor, caseId, eventId, event);
    return getCase(s.database, caseId);
  },
  'events.delete': (s, { caseId, eventId }) => {
    deleteEvent(s.database, s.actor, caseId, eventId);
    return getCase(s.database, caseId);
  },
};
