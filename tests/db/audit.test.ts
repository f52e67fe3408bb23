import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeWithAudit, recentAudit, recordChange, recordEach } from '../../db/audit.js';
import { createDeskDatabase } from '../../db/open.js';
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
    expect(entry).toMatchObject({ actor: 'Айгуль', action: 'update', entity: 'setting', entityId: 'suppression_max_count', oldValue: '4', newValue: '9' });
    expect(Date.now() - Date.parse(entry!.at)).toBeLessThan(60_000);
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
    const entries = [[7, { importedFrom: 'рег "1".csv', row: 2 }], ['7/3', { kind: 'cd4', cd4: 350 }], [12, null], [13, 'текст\nс переводом']] as const;
    const base = { actor: 'Айгуль', action: 'create', entity: 'case' } as const;
    a.transaction(() => recordEach(a, base, entries, now))();
    b.transaction(() => entries.forEach(([entityId, newValue]) => recordChange(b, { ...base, entityId, newValue }, now)))();
    const rows = (db: typeof a) => db.prepare('SELECT at, actor, action, entity, entity_id, old_value, new_value FROM audit_log WHERE action = ? ORDER BY id').all('create');
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
});
