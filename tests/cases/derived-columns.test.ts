// A case's key-population mask and current outcome follow its key populations and outcome events
// whatever writes them (triggers, migration 0013), with the mask's bits as pinned in shared/.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskDatabase } from '../../db/open.js';
import { ensureFacility } from '../../db/org-units.js';
import { createCaseWithEvents, getCase } from '../../db/cases.js';
import { KEY_POPULATIONS } from '../../shared/cases/schema.js';
import { keyPopulationsOf, kpBit, KP_BITS } from '../../shared/cases/key-population-bits.js';
import { aCase } from '../helpers/cases.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();

function register() {
  const db = createDeskDatabase(join(tempDir(), 'd.sqlite'), () => {});
  const unit = ensureFacility(db, 'x', { countryCode: 'KAZ', region: 'r', facility: 'f' }).id;
  const id = createCaseWithEvents(db, 'x', unit, aCase({ keyPopulations: [] }), [], { allowDuplicate: true });
  const mask = () => db.prepare('SELECT kp_mask FROM hiv_case WHERE id = ?').pluck().get(id) as number;
  const outcome = () => db.prepare('SELECT current_outcome FROM hiv_case WHERE id = ?').pluck().get(id);
  return { db, id, mask, outcome };
}

describe('columns a case keeps from its other rows', () => {
  it('the key-population mask: every key population on its pinned bit, written by any path', () => {
    const { db, id, mask } = register();
    expect(Object.keys(KP_BITS).sort()).toEqual([...KEY_POPULATIONS].sort());
    expect(new Set(Object.values(KP_BITS)).size).toBe(KEY_POPULATIONS.length);
    const add = db.prepare('INSERT INTO case_key_population (case_id, key_population) VALUES (?, ?)');
    let expected = 0;
    for (const kp of KEY_POPULATIONS) {
      add.run(id, kp);
      expected |= kpBit(kp);
      expect(mask(), kp).toBe(expected);
    }
    expect(keyPopulationsOf(mask())).toEqual([...KEY_POPULATIONS]);
    db.prepare(`DELETE FROM case_key_population WHERE case_id = ? AND key_population = 'msm'`).run(id);
    expect(keyPopulationsOf(mask())).toEqual(KEY_POPULATIONS.filter((kp) => kp !== 'msm'));
    db.prepare(`UPDATE case_key_population SET key_population = 'msm' WHERE case_id = ? AND key_population = 'sw'`).run(id);
    expect(keyPopulationsOf(mask())).toEqual(KEY_POPULATIONS.filter((kp) => kp !== 'sw'));
    db.close();
  });

  it('the current outcome: the latest outcome event by date, then by entry, in care without one', () => {
    const { db, id, outcome } = register();
    const add = db.prepare(
      `INSERT INTO case_event (case_id, kind, event_date, outcome, created_at, updated_at) VALUES (?, 'outcome', ?, ?, 'now', 'now')`,
    );
    expect(outcome()).toBe('in_care');
    const ltfu = Number(add.run(id, '2018-05-01', 'ltfu').lastInsertRowid);
    expect(outcome()).toBe('ltfu');
    add.run(id, '2017-01-01', 'died'); // earlier: not the current one
    expect(outcome()).toBe('ltfu');
    add.run(id, '2018-05-01', 'transferred'); // same day, entered later
    expect(outcome()).toBe('transferred');
    db.prepare(`UPDATE case_event SET event_date = '2019-01-01' WHERE id = ?`).run(ltfu);
    expect(outcome()).toBe('ltfu');
    db.prepare(`DELETE FROM case_event WHERE case_id = ? AND kind = 'outcome'`).run(id);
    expect(outcome()).toBe('in_care');
    expect(getCase(db, id).currentOutcome).toBe('in_care');
    db.close();
  });
});
