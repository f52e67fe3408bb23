// The engine over a real SQLite register: the same hand-worked register as definitions.test.ts,
// entered through the repository in two facilities of one region, then counted from the top.
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection.js';
import { createDeskDatabase, openDeskDatabase } from '../../db/open.js';
import { ensureFacility } from '../../db/org-units.js';
import { createCaseWithEvents, deleteCase, deleteEvent, restoreCase, saveEvent, updateCase, getCase } from '../../db/cases.js';
import { caseTallies, plhivEstimate } from '../../db/indicators.js';
import { saveCells } from '../../db/forms.js';
import { parsePeriod } from '../../shared/periods.js';
import type { EventInput } from '../../shared/cases/schema.js';
import { aCase } from '../helpers/cases.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
let db: Db;
let region: number;
let ids: number[];
const y2017 = parsePeriod('2017')!;

beforeEach(() => {
  db = createDeskDatabase(join(tempDir(), 'i.sqlite'), () => {});
  const a = ensureFacility(db, 'x', { countryCode: 'KAZ', region: 'Туркестанская область', facility: 'Центр А' });
  const b = ensureFacility(db, 'x', { countryCode: 'KAZ', region: 'Туркестанская область', facility: 'Центр Б' });
  const other = ensureFacility(db, 'x', { countryCode: 'KAZ', region: 'г. Алматы', facility: 'Центр В' });
  region = a.parentId!;
  let n = 0;
  ids = [];
  const add = (unit: number, dx: string, events: EventInput[], over = {}) =>
    (ids[ids.push(0) - 1] = createCaseWithEvents(
      db,
      'x',
      unit,
      aCase({ registerNo: String(++n), uic: `КОДА1${1960 + n}`, birthYear: 1960 + n, diagnosisDate: dx, ...over }),
      events,
      { allowDuplicate: false },
    ));
  add(a.id, '2017-12-31', [], { sex: 'female' });
  add(a.id, '2015-05-01', [
    { kind: 'art_start', date: '2015-06-01' },
    { kind: 'outcome', date: '2017-11-30', outcome: 'died' },
  ]);
  add(b.id, '2016-03-01', [
    { kind: 'art_start', date: '2016-04-01' },
    { kind: 'viral_load', date: '2017-06-01', copies: 40, undetectable: false },
    { kind: 'outcome', date: '2018-01-05', outcome: 'deported' },
  ]);
  add(b.id, '2016-01-10', [
    { kind: 'art_start', date: '2016-02-01' },
    { kind: 'art_stop', date: '2017-03-01' },
    { kind: 'art_start', date: '2017-08-01' },
    { kind: 'viral_load', date: '2017-12-01', undetectable: true, copies: null },
  ]);
  add(a.id, '2017-02-01', [
    { kind: 'cd4', date: '2017-02-10', cd4: 280 },
    { kind: 'art_start', date: '2017-02-15' },
  ]);
  add(a.id, '2015-01-01', [
    { kind: 'art_start', date: '2015-02-01' },
    { kind: 'viral_load', date: '2016-11-30', copies: 200, undetectable: false },
  ]);
  add(b.id, '2017-05-01', [
    { kind: 'art_start', date: '2017-05-10' },
    { kind: 'cd4', date: '2017-05-20', cd4: 150 },
  ]);
  add(
    b.id,
    '2017-06-01',
    [
      { kind: 'cd4', date: '2017-06-05', cd4: 120 },
      { kind: 'art_start', date: '2017-06-20' },
      { kind: 'outcome', date: '2017-10-01', outcome: 'ltfu' },
    ],
    { keyPopulations: ['pwid', 'sw'], sex: 'female' },
  );
  // Outside the region, and a deleted case: neither counts.
  add(other.id, '2017-03-01', []);
  const gone = add(a.id, '2017-04-01', []);
  deleteCase(db, 'x', gone);
  saveCells(db, 'x', { form: 'estimates', orgUnitId: a.id, period: '2017' }, [{ de: 'est_plhiv', coc: '', value: '12' }]);
  saveCells(db, 'x', { form: 'estimates', orgUnitId: b.id, period: '2017' }, [{ de: 'est_plhiv', coc: '', value: '8' }]);
});

describe('the indicator engine on SQLite', () => {
  it('counts a region with its facilities, leaving out other regions and deleted cases', () => {
    const { total } = caseTallies(db, region, y2017, 'none');
    expect(total).toMatchObject({
      diagnosed: 7,
      inCare: 6,
      onArt: 5,
      vlEligible: 4,
      vlTested: 1,
      vlSuppressed: 1,
      suppressedOnArt: 2,
      newDiagnoses: 4,
      artInitiations: 3,
      linked: 3,
    });
    expect(total.lateDiagnosis).toEqual({ numerator: 2, denominator: 2 });
  });

  it('disaggregates, counting a case with two key populations in each and once in the total', () => {
    const byKp = caseTallies(db, region, y2017, 'key_population');
    // A ministry table's fixed rows: every key population, with 0 where no one is.
    expect(byKp.groups.map((g) => [g.key, g.tally.diagnosed])).toEqual([
      ['pwid', 7],
      ['msm', 0],
      ['sw', 1],
      ['tg', 0],
      ['prison', 0],
      ['none', 0],
      ['unknown', 0],
    ]);
    expect(byKp.total.diagnosed).toBe(7);
    const bySex = caseTallies(db, region, y2017, 'sex');
    expect(bySex.groups.map((g) => [g.key, g.tally.diagnosed, g.tally.newDiagnoses])).toEqual([
      ['male', 5, 2],
      ['female', 2, 2],
      ['unknown', 0, 0],
    ]);
  });

  it('shows every row of each breakdown, empty ones with 0, in the order of the ministry tables', () => {
    const rows = (dim: Parameters<typeof caseTallies>[3]) => caseTallies(db, region, y2017, dim).groups.map((g) => g.key);
    expect(rows('age_who')).toEqual([
      '0-4',
      '5-9',
      '10-14',
      '15-19',
      '20-24',
      '25-29',
      '30-34',
      '35-39',
      '40-44',
      '45-49',
      '50+',
      'unknown',
    ]);
    expect(rows('age_unaids')).toEqual(['<15', '15-24', '25-49', '50+', 'unknown']);
    expect(rows('legal_status')).toEqual(['regular', 'irregular', 'unknown']);
    expect(rows('migrant_type')).toEqual(['immigrant', 'emigrant', 'internal']);
    expect(rows('none')).toEqual([]);
    // Citizenship: the countries present, unknown last.
    expect(rows('citizenship').length).toBeGreaterThan(0);
    const byAge = caseTallies(db, region, y2017, 'age_who');
    expect(byAge.groups.reduce((n, g) => n + g.tally.diagnosed, 0)).toBe(byAge.total.diagnosed); // the zeros change no sum
    expect(byAge.groups.filter((g) => g.tally.diagnosed === 0).length).toBeGreaterThan(0);
  });

  it('sums the entered estimate over the subtree, and has none where none was entered', () => {
    expect(plhivEstimate(db, region, 2017)).toBe(20);
    expect(plhivEstimate(db, region, 2016)).toBeNull();
  });
});

describe('the status intervals', () => {
  const count = () => caseTallies(db, region, y2017, 'sex');
  const stale = () => (db.prepare(`SELECT count(*) AS n FROM case_status_stale`).get() as { n: number }).n;

  it('follow every change to a case or its events: derived when the thread is idle after a save, or by the next count', async () => {
    expect(count().total).toMatchObject({ diagnosed: 7, onArt: 5, suppressedOnArt: 2 });
    // A viral load for E (on ART since February, none yet): marked by the save, derived once idle.
    const first = saveEvent(db, 'x', ids[4]!, null, { kind: 'viral_load', date: '2017-10-01', undetectable: false, copies: 900 });
    expect(stale()).toBe(1);
    await expect.poll(stale, { timeout: 30_000 }).toBe(0);
    deleteEvent(db, 'x', ids[4]!, first);
    // Suppressed; a count straight after the save derives first, then it is deleted again.
    const vl = saveEvent(db, 'x', ids[4]!, null, { kind: 'viral_load', date: '2017-11-01', undetectable: true, copies: null });
    expect(count().total.suppressedOnArt).toBe(3);
    expect(stale()).toBe(0);
    deleteEvent(db, 'x', ids[4]!, vl);
    expect(count().total.suppressedOnArt).toBe(2);
    // B's death moved into 2018: B is diagnosed and on ART at the end of 2017.
    const death = getCase(db, ids[1]!).events.find((e) => e.kind === 'outcome')!;
    saveEvent(db, 'x', ids[1]!, death.id, { kind: 'outcome', date: '2018-01-10', outcome: 'died' });
    expect(count().total).toMatchObject({ diagnosed: 8, onArt: 6 });
    // A's sex corrected: the breakdown follows.
    const a = getCase(db, ids[0]!).case;
    updateCase(db, 'x', ids[0]!, { ...a, sex: 'male' }, { allowDuplicate: false });
    expect(count().groups.map((g) => [g.key, g.tally.diagnosed])).toEqual([
      ['male', 7],
      ['female', 1],
      ['unknown', 0],
    ]);
    // Deleted, then restored.
    deleteCase(db, 'x', ids[0]!);
    expect(count().total.diagnosed).toBe(7);
    restoreCase(db, 'x', ids[0]!);
    expect(count().total.diagnosed).toBe(8);
    // A change written around the repository (raw SQL) is marked by the triggers and followed at the next count.
    db.prepare(`UPDATE case_event SET event_date = '2017-12-20' WHERE id = ?`).run(death.id);
    expect(stale()).toBeGreaterThan(0);
    expect(count().total).toMatchObject({ diagnosed: 7, onArt: 5 });
    expect(stale()).toBe(0);
  });

  it('follow a change saved by another window (another connection to the file)', () => {
    const before = count().total.diagnosed;
    const other = openDeskDatabase(db.name);
    const unit = (db.prepare('SELECT org_unit_id AS u FROM hiv_case WHERE id = ?').get(ids[0]) as { u: number }).u;
    createCaseWithEvents(
      other,
      'y',
      unit,
      aCase({ registerNo: '99', uic: 'ДРУГ21990', birthYear: 1990, diagnosisDate: '2017-03-01' }),
      [],
      {
        allowDuplicate: false,
      },
    );
    other.close();
    expect(count().total.diagnosed).toBe(before + 1);
    // Asked again, by another breakdown, with nothing changed: the same figures (from the rows kept).
    expect(caseTallies(db, region, y2017, 'legal_status').total).toEqual(count().total);
  });

  it('made under other definitions are derived again, not counted', () => {
    const before = count().total;
    // Rows as an older version of the definitions would have left them, all wrong.
    db.prepare(`UPDATE case_status_interval SET code = 1023`).run();
    db.prepare(`UPDATE setting SET value = '0' WHERE key = 'status_intervals_version'`).run();
    expect(count().total).toEqual(before);
    expect(db.prepare(`SELECT value FROM setting WHERE key = 'status_intervals_version'`).get()).not.toEqual({ value: '0' });
  });
});
