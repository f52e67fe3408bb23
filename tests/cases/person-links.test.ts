// One person in three records, linked, counted once; then records deleted and restored: the
// figures follow by hand-computed numbers, whichever path led there (a save, a deletion, a full
// derivation again), and an account limited to a unit sees only its own records of the person.
import { describe, expect, it } from 'vitest';
import type { DeskSession } from '../../electron/service/session.js';
import { aCase } from '../helpers/cases.js';
import { call } from '../helpers/exchange.js';
import { createCentre, useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();

async function threeRecords() {
  const s = session(tempDir());
  await createCentre(s);
  const add = async (registerNo: string, diagnosisDate: string, event: object | null) => {
    const c = await call(s, 'cases.create', { case: aCase({ registerNo, diagnosisDate }), allowDuplicate: true });
    if (event) await call(s, 'events.save', { caseId: c.id, eventId: null, event: event as never });
    return c.id;
  };
  const a = await add('A', '2016-05-01', null);
  const b = await add('B', '2017-02-01', { kind: 'art_start', date: '2017-03-01' });
  const c = await add('C', '2017-06-01', { kind: 'viral_load', date: '2017-09-01', undetectable: true, copies: null });
  await call(s, 'persons.link', { caseId: a, withCaseId: b });
  await call(s, 'persons.link', { caseId: b, withCaseId: c });
  return { s, a, b, c };
}
const tally = async (s: DeskSession) => {
  const t = (await call(s, 'indicators.cascade', { period: '2017', dimension: 'none' })).total.tally;
  return { diagnosed: t.diagnosed, onArt: t.onArt, suppressed: t.suppressedOnArt, newDiagnoses: t.newDiagnoses };
};
/** The same figures after every case is derived again from scratch: the path taken must not matter. */
async function rederived(s: DeskSession) {
  s.database.prepare(`UPDATE setting SET value = 'x' WHERE key = 'status_intervals_version'`).run();
  return tally(s);
}

describe('one person in several records', () => {
  it('counts the person once, with every live record’s events, through deletions and restores of any record', async () => {
    const { s, a, b, c } = await threeRecords();
    expect(await tally(s)).toEqual({ diagnosed: 1, onArt: 1, suppressed: 1, newDiagnoses: 0 });

    // The earliest record deleted: the other two are still one person, diagnosed in 2017.
    await call(s, 'cases.delete', { id: a });
    const withoutA = { diagnosed: 1, onArt: 1, suppressed: 1, newDiagnoses: 1 };
    expect(await tally(s)).toEqual(withoutA);
    expect(await rederived(s)).toEqual(withoutA);
    await call(s, 'cases.restore', { id: a });
    expect(await tally(s)).toEqual({ diagnosed: 1, onArt: 1, suppressed: 1, newDiagnoses: 0 });

    // The ART record deleted: its event no longer counts for the person.
    await call(s, 'cases.delete', { id: b });
    const withoutB = { diagnosed: 1, onArt: 0, suppressed: 0, newDiagnoses: 0 };
    expect(await tally(s)).toEqual(withoutB);
    expect(await rederived(s)).toEqual(withoutB);
    await call(s, 'cases.delete', { id: a });
    expect(await tally(s)).toEqual({ diagnosed: 1, onArt: 0, suppressed: 0, newDiagnoses: 1 });
    await call(s, 'cases.restore', { id: b });
    await call(s, 'cases.restore', { id: a });
    expect(await tally(s)).toEqual({ diagnosed: 1, onArt: 1, suppressed: 1, newDiagnoses: 0 });
    void c;
  });

  it('shows an account limited to a unit only the records of the person it may see', async () => {
    const { s, b, c } = await threeRecords();
    // Record C kept by another centre of the region (placed there directly: the set-up of this test).
    const facility = s.orgUnitId;
    const region = (s.database.prepare('SELECT parent_id AS p FROM org_unit WHERE id = ?').get(facility) as { p: number }).p;
    const other = Number(
      s.database
        .prepare(`INSERT INTO org_unit (parent_id, level, country_code, name) VALUES (?, 'facility', 'KAZ', 'Другой центр')`)
        .run(region).lastInsertRowid,
    );
    s.database.prepare('UPDATE hiv_case SET org_unit_id = ? WHERE id = ?').run(other, c);
    await call(s, 'accounts.create', { login: 'clerk', password: 'ДолгийПарольСотрудника', roles: ['entry'], orgUnitId: facility });
    await call(s, 'auth.signOut', {});
    await call(s, 'auth.signIn', { login: 'clerk', password: 'ДолгийПарольСотрудника' });
    const seen = await call(s, 'cases.get', { id: b });
    expect(seen.personRecords.map((r) => r.registerNo)).toEqual(['A', 'B']);
    expect(JSON.stringify(seen)).not.toContain('Другой центр');
  });
});
