import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, openConnection } from '../../db/connection.js';
import { migrate, schemaVersion } from '../../db/migrate.js';
import { LATEST_VERSION, MIGRATIONS } from '../../db/migrations/index.js';
import { openDeskDatabase } from '../../db/open.js';
import { verifyChain } from '../../db/audit-chain.js';
import { failureOf } from '../helpers/failure.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();

function schemaOf(db: Database.Database): string {
  const rows = db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name`).all() as { sql: string }[];
  return rows.map((r) => r.sql.replace(/\s+/g, ' ').trim() + ';').join('\n') + '\n';
}

function databaseAt(version: number): string {
  const file = join(tempDir(), 'db.sqlite');
  const db = openConnection(file, { create: true });
  migrate(db, { file: 'db.sqlite', target: version });
  db.close();
  return file;
}

describe('migrations', () => {
  it('bring a fresh database to the latest version with reference data', () => {
    const db = openConnection(join(tempDir(), 'fresh.sqlite'), { create: true });
    expect(migrate(db, { file: 'fresh.sqlite' })).toEqual({ from: 0, to: LATEST_VERSION });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(n('SELECT count(*) n FROM country')).toBeGreaterThanOrEqual(249);
    for (const code of ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB', 'RUS', 'TUR', 'CHN', 'ARM', 'BLR', 'ARE', 'THA']) {
      expect(db.prepare('SELECT name_ru, name_en FROM country WHERE code = ?').get(code), code).toBeTruthy();
    }
    expect(n(`SELECT count(*) n FROM category_option WHERE category_code = 'age_band'`)).toBe(12);
    expect(n(`SELECT count(*) n FROM category_option WHERE category_code = 'key_population'`)).toBe(7);
    db.close();
  });

  it('upgrade a database from every earlier version to the same schema as a fresh one', () => {
    const fresh = new Database(databaseAt(LATEST_VERSION));
    const expected = schemaOf(fresh);
    fresh.close();
    for (let version = 0; version < LATEST_VERSION; version++) {
      const file = databaseAt(version);
      const db = openDeskDatabase(file);
      expect(schemaVersion(db), `from ${version}`).toBe(LATEST_VERSION);
      expect(schemaOf(db), `from ${version}`).toBe(expected);
      db.close();
    }
  });

  it('chain the change log written before the chain existed, in order', () => {
    const file = databaseAt(10);
    const raw = openConnection(file, { create: false });
    const add = raw.prepare(`INSERT INTO audit_log (at, actor, action, entity, entity_id, old_value, new_value) VALUES (?, 'Айгуль', 'update', 'setting', 'k', ?, ?)`);
    for (let i = 0; i < 5; i++) add.run(`2025-01-0${i + 1}T00:00:00.000Z`, JSON.stringify(String(i)), JSON.stringify(String(i + 1)));
    raw.close();
    const db = openDeskDatabase(file);
    expect(verifyChain(db)).toMatchObject({ ok: true, checked: 5 });
    db.close();
  });

  it('are all or nothing: a failing step leaves the database as it was', () => {
    const file = databaseAt(1);
    const db = openConnection(file, { create: false });
    const before = schemaOf(db);
    const broken = [...MIGRATIONS.slice(0, 1), { version: 2, name: 'breaks half way', up: (d: Database.Database) => { d.exec('CREATE TABLE half (x)'); throw new Error('boom'); } }];
    expect(() => migrate(db, { file: 'db.sqlite', migrations: broken })).toThrow('boom');
    expect(schemaVersion(db)).toBe(1);
    expect(schemaOf(db)).toBe(before);
    db.close();
  });

  it('refuse a database from a newer version without touching the file', () => {
    const file = databaseAt(LATEST_VERSION);
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const hash = () => createHash('sha256').update(readFileSync(file)).digest('hex');
    const before = hash();
    const error = failureOf(() => openDeskDatabase(file));
    expect(error.code).toBe('db_too_new');
    expect(error.params).toMatchObject({ found: LATEST_VERSION + 1, supported: LATEST_VERSION });
    expect(hash()).toBe(before);
  });

  it('produce the committed schema', async () => {
    const db = new Database(databaseAt(LATEST_VERSION));
    await expect(schemaOf(db)).toMatchFileSnapshot('./__snapshots__/schema.sql');
    db.close();
  });

  it('turn a survey entered before key populations into its total (version 7)', () => {
    const file = databaseAt(6);
    const db = openConnection(file, { create: false });
    // As version 6 stored it: one value for the whole survey, in the element's only cell.
    db.prepare(`UPDATE data_element SET combo = 'default' WHERE code IN ('survey_sample', 'survey_positive')`).run();
    const unit = Number(db.prepare(`INSERT INTO org_unit (parent_id, level, country_code, name) VALUES (NULL, 'country', 'KAZ', 'Test')`).run().lastInsertRowid);
    db.prepare(`INSERT INTO data_value (data_element, coc, org_unit_id, period, value_number, updated_at, updated_by) VALUES ('survey_sample', '', ?, '2016', 400, 'x', 'x')`).run(unit);
    migrate(db, { file: 'db.sqlite' });
    expect(db.prepare(`SELECT coc FROM data_value WHERE data_element = 'survey_sample'`).all()).toEqual([{ coc: 'total' }]);
    expect(db.prepare(`SELECT combo FROM data_element WHERE code = 'survey_positive'`).get()).toEqual({ combo: 'key_population' });
    expect(JSON.parse((db.prepare(`SELECT definition FROM validation_rule WHERE code = 'survey_positive_le_sample'`).get() as { definition: string }).definition).left.cell).toBe('each');
    db.close();
  });
});
