import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection.js';
import { createDeskDatabase } from '../../db/open.js';
import { ensureFacility } from '../../db/org-units.js';
import { auditOf, recentAudit } from '../../db/audit.js';
import {
  createCase,
  createCaseWithEvents,
  deleteCase,
  deleteEvent,
  findDuplicates,
  getCase,
  listCases,
  listDeleted,
  restoreCase,
  saveEvent,
  updateCase,
} from '../../db/cases.js';
import { failureOf } from '../helpers/failure.js';
import { aCase } from '../helpers/cases.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
let db: Db;
let unit: number;
const add = (over = {}, allowDuplicate = false) => createCase(db, 'Айгуль', unit, aCase(over), { allowDuplicate });

beforeEach(() => {
  db = createDeskDatabase(join(tempDir(), 'r.sqlite'), () => {});
  unit = ensureFacility(db, 'setup', { countryCode: 'KAZ', region: 'г. Алматы', facility: 'Центр' }).id;
});

describe('the case repository', () => {
  it('stores a case with its key populations and audits the creation', () => {
    const id = add({ keyPopulations: ['sw', 'pwid'] });
    expect(getCase(db, id).case).toEqual(aCase({ keyPopulations: ['pwid', 'sw'] }));
    const [entry, ...more] = auditOf(db, 'case', String(id), 'case_event');
    expect(entry).toMatchObject({ actor: 'Айгуль', action: 'create', entity: 'case', entityId: String(id) });
    expect(more).toEqual([]);
  });

  it('refuses a likely duplicate (same code in either script, sex, year) unless told it is another person', () => {
    const first = add();
    expect(findDuplicates(db, { uic: 'anma11985', sex: 'male', birthYear: 1985, excludeId: null }).map((d) => d.id)).toEqual([first]);
    expect(findDuplicates(db, { uic: 'ANMA11985', sex: 'female', birthYear: 1985, excludeId: null })).toEqual([]);
    expect(findDuplicates(db, { uic: 'ANMA11985', sex: 'male', birthYear: 1985, excludeId: first })).toEqual([]);
    const error = failureOf(() => add({ registerNo: '18/2017', uic: 'ANMA11985' }));
    expect(error).toMatchObject({ code: 'duplicate_case', params: { id: first, registerNo: '17/2017' } });
    expect(listCases(db, {}).total).toBe(1); // nothing half-saved
    expect(recentAudit(db, 100).filter((e) => e.entity === 'case')).toHaveLength(1);
    const second = add({ registerNo: '18/2017', uic: 'ANMA11985' }, true);
    expect(recentAudit(db, 1)[0]).toMatchObject({ entityId: String(second), newValue: { savedDespiteDuplicate: true } });
    // Editing it without touching code, sex or year does not ask again; changing them to another match does.
    updateCase(db, 'x', second, aCase({ registerNo: '18/2017', uic: 'ANMA11985', legalStatus: 'regular' }), { allowDuplicate: false });
    const third = add({ registerNo: '19/2017', uic: 'БОРА11970', birthYear: 1970 });
    expect(failureOf(() => updateCase(db, 'x', third, aCase({ registerNo: '19/2017' }), { allowDuplicate: false })).code).toBe(
      'duplicate_case',
    );
  });

  it('audits an edit with the old and new values of the fields that changed', () => {
    const id = add();
    updateCase(db, 'Ержан', id, aCase({ legalStatus: 'regular', keyPopulations: ['pwid', 'prison'] }), { allowDuplicate: false });
    expect(recentAudit(db, 1)[0]).toMatchObject({
      actor: 'Ержан',
      action: 'update',
      oldValue: { legalStatus: 'irregular', keyPopulations: ['pwid'] },
      newValue: { legalStatus: 'regular', keyPopulations: ['pwid', 'prison'] },
    });
  });

  it('deletes softly, lists the deleted for a supervisor, and restores', () => {
    const id = add();
    deleteCase(db, 'Айгуль', id);
    expect(listCases(db, {}).total).toBe(0);
    expect(listDeleted(db)).toMatchObject([{ id, registerNo: '17/2017', deletedBy: 'Айгуль' }]);
    expect(failureOf(() => saveEvent(db, 'x', id, null, { kind: 'art_start', date: '2017-04-01' })).code).toBe('not_found');
    restoreCase(db, 'Руководитель', id);
    expect(listCases(db, {}).total).toBe(1);
    expect(auditOf(db, 'case', String(id)).map((e) => `${e.actor}:${e.action}`)).toEqual([
      'Руководитель:restore',
      'Айгуль:delete',
      'Айгуль:create',
    ]);
  });

  it('keeps events in date order and the current outcome in step with them', () => {
    const id = add();
    saveEvent(db, 'x', id, null, { kind: 'cd4', date: '2017-03-20', cd4: 280 });
    const art = saveEvent(db, 'x', id, null, { kind: 'art_start', date: '2017-04-01' });
    saveEvent(db, 'x', id, null, { kind: 'viral_load', date: '2017-10-01', undetectable: true, copies: null });
    const lost = saveEvent(db, 'x', id, null, { kind: 'outcome', date: '2018-01-10', outcome: 'ltfu' });
    saveEvent(db, 'x', id, null, { kind: 'outcome', date: '2017-12-01', outcome: 'in_care' });
    const c = getCase(db, id);
    expect(c.events.map((e) => e.kind)).toEqual(['cd4', 'art_start', 'viral_load', 'outcome', 'outcome']);
    expect(c.events[2]).toMatchObject({ undetectable: true, copies: null });
    expect(c.currentOutcome).toBe('ltfu'); // the latest by date, not by entry
    saveEvent(db, 'x', id, lost, { kind: 'outcome', date: '2018-01-10', outcome: 'deported' });
    expect(getCase(db, id).currentOutcome).toBe('deported');
    deleteEvent(db, 'x', id, lost);
    expect(getCase(db, id).currentOutcome).toBe('in_care');
    expect(
      auditOf(db, 'case', String(id), 'case_event')
        .filter((e) => e.entity === 'case_event')
        .map((e) => e.action),
    ).toEqual(['delete', 'update', 'create', 'create', 'create', 'create', 'create']);
    expect(art).toBeGreaterThan(0);
  });

  it('writes a case and its events together, or nothing at all', () => {
    const id = createCaseWithEvents(
      db,
      'x',
      unit,
      aCase(),
      [
        { kind: 'cd4', date: '2017-03-20', cd4: 280 },
        { kind: 'art_start', date: '2017-04-01' },
        { kind: 'outcome', date: '2018-01-01', outcome: 'ltfu' },
      ],
      { allowDuplicate: false },
    );
    expect(getCase(db, id)).toMatchObject({
      currentOutcome: 'ltfu',
      events: [{ kind: 'cd4' }, { kind: 'art_start' }, { kind: 'outcome' }],
    });
    const error = failureOf(() =>
      createCaseWithEvents(
        db,
        'x',
        unit,
        aCase({ registerNo: '99', uic: 'ДРУГ11990', birthYear: 1990 }),
        [
          { kind: 'cd4', date: '2017-03-20', cd4: 100 },
          { kind: 'art_start', date: '2017-01-01' },
        ],
        { allowDuplicate: false },
      ),
    );
    expect(error.issues).toEqual([{ path: 'events.1.date', messageKey: 'validation.art_before_diagnosis' }]);
    expect(listCases(db, {}).total).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM case_event').get()).toEqual({ n: 3 });
  });

  it('refuses ART before the diagnosis, both ways round', () => {
    const id = add();
    expect(failureOf(() => saveEvent(db, 'x', id, null, { kind: 'art_start', date: '2017-03-01' }))).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'date', messageKey: 'validation.art_before_diagnosis' }],
    });
    saveEvent(db, 'x', id, null, { kind: 'art_start', date: '2017-04-01' });
    expect(failureOf(() => updateCase(db, 'x', id, aCase({ diagnosisDate: '2017-05-01' }), { allowDuplicate: false }))).toMatchObject({
      issues: [{ path: 'diagnosisDate', messageKey: 'validation.diagnosis_after_art' }],
    });
    expect(getCase(db, id).case.diagnosisDate).toBe('2017-03-15');
  });

  it('filters by every field of the list, searches by code or number, sorts and pages', () => {
    add({
      registerNo: 'A-1',
      uic: 'АНМА11985',
      sex: 'male',
      birthYear: 1985,
      legalStatus: 'irregular',
      migrantType: 'immigrant',
      citizenship: 'UZB',
      diagnosisDate: '2017-03-15',
      keyPopulations: ['pwid'],
    });
    add({
      registerNo: 'A-2',
      uic: 'ГУЛЬ21999',
      sex: 'female',
      birthYear: 1999,
      legalStatus: 'regular',
      migrantType: 'emigrant',
      citizenship: 'KAZ',
      diagnosisDate: '2016-07-01',
      keyPopulations: ['sw', 'pwid'],
    });
    const c = add({
      registerNo: 'B-3',
      uic: 'ТОЛИ11960',
      sex: 'male',
      birthYear: 1960,
      legalStatus: 'unknown',
      migrantType: 'internal',
      citizenship: 'TJK',
      diagnosisDate: '2018-01-20',
      keyPopulations: ['none'],
    });
    add({
      registerNo: 'B-4',
      uic: 'ХХХХ11990',
      sex: 'unknown',
      birthYear: null,
      legalStatus: 'unknown',
      migrantType: 'immigrant',
      citizenship: null,
      diagnosisDate: '2017-11-11',
      keyPopulations: [],
    });
    saveEvent(db, 'x', c, null, { kind: 'outcome', date: '2018-02-01', outcome: 'died' });
    const nos = (q: Parameters<typeof listCases>[1]) => listCases(db, q).rows.map((r) => r.registerNo);
    expect(nos({})).toEqual(['B-3', 'B-4', 'A-1', 'A-2']); // newest diagnosis first
    expect(nos({ sex: 'female' })).toEqual(['A-2']);
    expect(nos({ ageBand: '15-19' })).toEqual(['A-2']); // 2016 - 1999 = 17
    expect(nos({ ageBand: '50+' })).toEqual(['B-3']);
    expect(nos({ ageBand: 'unknown' })).toEqual(['B-4']);
    expect(nos({ keyPopulation: 'pwid' })).toEqual(['A-1', 'A-2']);
    expect(nos({ legalStatus: 'irregular' })).toEqual(['A-1']);
    expect(nos({ migrantType: 'immigrant' })).toEqual(['B-4', 'A-1']);
    expect(nos({ citizenship: 'TJK' })).toEqual(['B-3']);
    expect(nos({ diagnosisYear: 2017 })).toEqual(['B-4', 'A-1']);
    expect(nos({ outcome: 'died' })).toEqual(['B-3']);
    expect(nos({ search: 'B-' })).toEqual(['B-3', 'B-4']);
    expect(nos({ search: 'anma' })).toEqual(['A-1']); // Latin typed, Cyrillic stored
    expect(nos({ search: 'гуль2' })).toEqual(['A-2']);
    expect(nos({ sort: 'registerNo', direction: 'asc' })).toEqual(['A-1', 'A-2', 'B-3', 'B-4']);
    expect(nos({ sort: 'registerNo', direction: 'asc', pageSize: 3, page: 1 })).toEqual(['B-4']);
    expect(listCases(db, { pageSize: 3, page: 1 }).total).toBe(4);
    expect(listCases(db, { search: 'anma' }).rows[0]!.uicMismatches).toEqual([]);
  });
});
