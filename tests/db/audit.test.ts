import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_OF_SQL, auditOf, changeWithAudit, recentAudit, recordChange, recordEach } from '../../db/audit.js';
import { createCaseWithEvents, getCase, saveEvent, updateCase } from '../../db/cases.js';
import { aCase } from '../helpers/cases.js';
import { createDeskDatabase } from '../../db/open.js';
import { verifyChain } from '../../db/audit-chain.js';
import { ensureFacility, orgUnitPath } from '../../db/org-units.js';
import { getSetting, setSetting } from '../../db/settings.js';
import { failureOf } from '../helpers/failure.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const newDb = () => createDeskDatabase(join(tempDir(), 'a.sqlite'), () => {});

describe('audit log', () => {
  it('records who changed a setting, from what, to what', () => {
    const db = newDb();
    setSetting(db, 'Айгуль', 'suppression_max_count', '9');
    const [entry] = recentAudit(db, 1);
    expect(entry).toMatchObject({
      actor: 'Айгуль',
      action: 'update',
      entity: 'setting',
      entityId: 'suppression_max_count',
      oldValue: '4',
      newValue: '9',
    });
    expect(Date.now() - Date.parse(entry!.at)).toBeLessThan(60_000);
    db.close();
  });

  it("a case's history: its own entries and its events', not those of a case whose number starts the same, read through the index", () => {
    const db = newDb();
    const unit = ensureFacility(db, 'x', { countryCode: 'KAZ', region: 'r', facility: 'f' }).id;
    const ids = Array.from({ length: 13 }, (_, i) =>
      createCaseWithEvents(
        db,
        'x',
        unit,
        aCase({ uic: `АБВГ1${1960 + i}`, birthYear: 1960 + i, registerNo: `${i}` }),
        [{ kind: 'cd4', date: '2017-03-01', cd4: 300 }],
        { allowDuplicate: false },
      ),
    );
    const one = ids[0]!; // case 1 beside cases 10-13, whose ids begin with the same digit
    for (const id of ids) saveEvent(db, 'x', id, null, { kind: 'art_start', date: '2017-04-01' });
    updateCase(db, 'x', one, aCase({ uic: 'АБВГ11960', birthYear: 1960, registerNo: '0a' }), { allowDuplicate: false });
    const history = auditOf(db, 'case', String(one), 'case_event');
    expect(history.map((e) => [e.action, e.entity, e.entityId?.split('/')[0]])).toEqual([
      ['update', 'case', String(one)],
      ['create', 'case_event', String(one)],
      ['create', 'case', String(one)],
    ]);
    // One save, one entry: the case was created with its event, which the entry holds with its id.
    const cd4 = getCase(db, one).events.find((e) => e.kind === 'cd4')!;
    expect(history.at(-1)!.newValue).toMatchObject({
      registerNo: '0',
      events: [{ id: cd4.id, kind: 'cd4', date: '2017-03-01', cd4: 300 }],
    });
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${AUDIT_OF_SQL}`).all({ id: '1', entity: 'case', child: 'case_event' }) as {
      detail: string;
    }[];
    expect(plan.map((r) => r.detail).join(' | ')).toMatch(/^SEARCH audit_log USING INDEX audit_log_entity/);
    db.close();
  });

  it('is append-only', () => {
    const db = newDb();
    setSetting(db, 'x', 'suppression_max_count', '5');
    expect(() => db.prepare('UPDATE audit_log SET actor = ?').run('someone else')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(recentAudit(db, 10)).toHaveLength(1);
    db.close();
  });

  it('refuses an entry made outside a transaction', () => {
    const db = newDb();
    expect(() => recordChange(db, { actor: 'x', action: 'update', entity: 'setting' })).toThrow(/inside the transaction/);
    db.close();
  });

  it('writes many entries in one statement exactly as one by one, in order', () => {
    const a = newDb();
    const b = createDeskDatabase(join(tempDir(), 'b.sqlite'), () => {});
    const now = new Date('2026-03-01T10:00:00Z');
    const entries = [
      [7, { importedFrom: 'рег "1".csv', row: 2 }],
      ['7/3', { kind: 'cd4', cd4: 350 }],
      [12, null],
      [13, 'текст\nс переводом'],
    ] as const;
    const base = { actor: 'Айгуль', action: 'create', entity: 'case' } as const;
    a.transaction(() => recordEach(a, base, entries, now))();
    b.transaction(() => entries.forEach(([entityId, newValue]) => recordChange(b, { ...base, entityId, newValue }, now)))();
    const rows = (db: typeof a) =>
      db
        .prepare(
          'SELECT id, at, actor, action, entity, entity_id, old_value, new_value, prev_hash, hash FROM audit_log WHERE action = ? ORDER BY id',
        )
        .all('create');
    expect(rows(a)).toEqual(rows(b));
    expect(rows(a)).toHaveLength(4);
    expect(() => recordEach(a, base, entries, now)).toThrow(/inside the transaction/);
    a.close();
    b.close();
  });

  it('rolls back the change and its entry together', () => {
    const db = newDb();
    expect(() =>
      changeWithAudit(db, 'x', (record) => {
        db.prepare('UPDATE setting SET value = ? WHERE key = ?').run('7', 'suppression_max_count');
        record({ action: 'update', entity: 'setting', entityId: 'suppression_max_count', oldValue: '4', newValue: '7' });
        throw new Error('power cut');
      }),
    ).toThrow('power cut');
    expect(getSetting(db, 'suppression_max_count')).toBe('4');
    expect(recentAudit(db, 10)).toEqual([]);
    db.close();
  });

  it('records each org unit created, and reuses existing ones', () => {
    const db = newDb();
    const a = ensureFacility(db, 'x', { countryCode: 'KGZ', region: 'Ошская область', facility: 'Ошский областной центр СПИД' });
    const b = ensureFacility(db, 'x', { countryCode: 'KGZ', region: 'Ошская область', facility: 'Ошский городской центр' });
    expect(orgUnitPath(db, a.id).map((u) => [u.level, u.name])).toEqual([
      ['country', 'Кыргызстан'],
      ['region', 'Ошская область'],
      ['facility', 'Ошский областной центр СПИД'],
    ]);
    expect(orgUnitPath(db, b.id)[1]!.id).toBe(orgUnitPath(db, a.id)[1]!.id);
    expect(recentAudit(db, 10).filter((e) => e.entity === 'org_unit')).toHaveLength(4);
    expect(failureOf(() => ensureFacility(db, 'x', { countryCode: 'XXX', region: 'r', facility: 'f' })).code).toBe('invalid_input');
    db.close();
  });

  it('is a hash chain: an entry edited, removed or added with raw SQL (triggers dropped and put back) is named by the check', () => {
    const db = newDb();
    for (const n of ['5', '6', '7', '8']) setSetting(db, 'Айгуль', 'suppression_max_count', n);
    changeWithAudit(db, 'Айгуль', (record) => record({ action: 'export', entity: 'line_list', newValue: { rows: 2 } }));
    const clean = verifyChain(db);
    expect(clean).toMatchObject({ ok: true, checked: 5, firstBad: null });
    expect(clean.head).toMatch(/^[0-9a-f]{64}$/);
    const tamper = (sql: string, ...args: unknown[]) => {
      db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      db.prepare(sql).run(...args);
      db.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
               CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok'); // SQLite itself sees nothing wrong
    };
    const ids = (db.prepare('SELECT id FROM audit_log ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    tamper('UPDATE audit_log SET actor = ? WHERE id = ?', 'кто-то другой', ids[2]);
    expect(verifyChain(db)).toMatchObject({ ok: false, checked: 2, firstBad: { id: ids[2], reason: 'content' } });
    tamper('UPDATE audit_log SET actor = ? WHERE id = ?', 'Айгуль', ids[2]);
    expect(verifyChain(db).ok).toBe(true); // put back exactly: fits again
    tamper('DELETE FROM audit_log WHERE id = ?', ids[1]);
    expect(verifyChain(db).firstBad).toMatchObject({ id: ids[2], reason: 'gap' });
    db.close();
  });

  it('a forged entry whose own hash is made up does not fit', () => {
    const db = newDb();
    setSetting(db, 'x', 'suppression_max_count', '6');
    setSetting(db, 'x', 'suppression_max_count', '7');
    db.exec('DROP TRIGGER audit_log_no_update');
    const first = db.prepare('SELECT * FROM audit_log ORDER BY id LIMIT 1').get() as { id: number; prev_hash: string };
    db.prepare('UPDATE audit_log SET new_value = ?, hash = ? WHERE id = ?').run('"9"', 'f'.repeat(64), first.id);
    expect(verifyChain(db).firstBad).toMatchObject({ id: first.id, reason: 'content' });
    db.close();
  });
});
