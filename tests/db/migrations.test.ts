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
import { caseTallies } from '../../db/indicators.js';
import { caseStatus, type CaseFacts } from '../../shared/indicators/case-status.js';
import { tally } from '../../shared/indicators/cascade.js';
import { parsePeriod } from '../../shared/periods.js';
import { COUNTRIES } from '../../db/seed/countries.js';
import { CATEGORIES } from '../../shared/categories.js';
import { DEFAULT_UIC_PATTERN } from '../../shared/cases/uic.js';
import { DATA_ELEMENTS, FORM_CODES } from '../../shared/forms/definitions.js';
import { SEEDED_RULES } from '../../shared/forms/rules.js';

const tempDir = useTempDirs();

function schemaOf(db: Database.Database): string {
  const rows = db
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name`)
    .all() as { sql: string }[];
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
      expect(db.prepare('SELECT code FROM country WHERE code = ?').get(code), code).toBeTruthy();
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

  it('count a register kept before the status intervals (version 11) as the definitions do, from its first count', () => {
    const file = databaseAt(11);
    const raw = openConnection(file, { create: false });
    raw.prepare(`INSERT INTO org_unit (id, parent_id, level, country_code, name) VALUES (100, NULL, 'country', 'UZB', 'Узбекистан')`).run();
    const addCase =
      raw.prepare(`INSERT INTO hiv_case (org_unit_id, register_no, uic, uic_key, sex, birth_year, migrant_type, legal_status, transmission_route, diagnosis_date, kp_mask, created_at, updated_at)
      VALUES (100, ?, 'АБВГ11980', 'ABVG11980', ?, 1980, 'emigrant', 'regular', 'heterosexual', ?, 0, '2018-01-01', '2018-01-01')`);
    const addEvent = raw.prepare(
      `INSERT INTO case_event (case_id, kind, event_date, cd4, vl_copies, vl_undetectable, outcome, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '2018-01-01', '2018-01-01')`,
    );
    const register: CaseFacts[] = [
      {
        diagnosisDate: '2016-03-01',
        events: [
          { kind: 'cd4', date: '2016-03-10', cd4: 250, copies: null, undetectable: null, outcome: null },
          { kind: 'art_start', date: '2016-04-01', cd4: null, copies: null, undetectable: null, outcome: null },
          { kind: 'viral_load', date: '2017-06-01', cd4: null, copies: null, undetectable: true, outcome: null },
        ],
      },
      {
        diagnosisDate: '2017-02-01',
        events: [
          { kind: 'cd4', date: '2017-02-05', cd4: 150, copies: null, undetectable: null, outcome: null },
          { kind: 'outcome', date: '2017-05-01', cd4: null, copies: null, undetectable: null, outcome: 'died' },
        ],
      },
      {
        diagnosisDate: '2017-08-01',
        events: [{ kind: 'art_start', date: '2017-08-20', cd4: null, copies: null, undetectable: null, outcome: null }],
      },
    ];
    register.forEach((c, i) => {
      const id = Number(addCase.run(`V-${i}`, i % 2 ? 'female' : 'male', c.diagnosisDate).lastInsertRowid);
      for (const e of c.events)
        addEvent.run(id, e.kind, e.date, e.cd4, e.copies, e.undetectable === null ? null : Number(e.undetectable), e.outcome);
    });
    raw.close();
    const db = openDeskDatabase(file);
    for (const code of ['2016', '2017', '2017Q1', '2017Q3']) {
      const period = parsePeriod(code)!;
      expect(caseTallies(db, 100, period, 'sex').total, code).toEqual(
        tally(register.map((c) => caseStatus(c, period.start, period.end)).filter((_, i) => register[i]!.diagnosisDate <= period.end)),
      );
    }
    expect(caseTallies(db, 100, parsePeriod('2017')!, 'none').total).toMatchObject({
      diagnosed: 2,
      newDiagnoses: 2,
      onArt: 2,
      suppressedOnArt: 1,
    });
    db.close();
  });

  it('seed, frozen, the reference data the live code defines: a change to a definition needs a new migration', () => {
    const db = openDeskDatabase(databaseAt(LATEST_VERSION));
    const rows = <T>(sql: string) => db.prepare(sql).raw().all() as T[];
    expect(rows('SELECT code, numeric_code FROM country ORDER BY code')).toEqual([...COUNTRIES].sort((a, b) => a[0].localeCompare(b[0])));
    expect(rows('SELECT code, multi FROM category ORDER BY rowid')).toEqual(CATEGORIES.map((c) => [c.code, c.multi ? 1 : 0]));
    expect(rows('SELECT category_code, code, sort_order FROM category_option ORDER BY category_code, sort_order')).toEqual(
      [...CATEGORIES].sort((a, b) => a.code.localeCompare(b.code)).flatMap((c) => c.options.map((o, i) => [c.code, o.code, i + 1])),
    );
    // Names are looked up by code and language, never held in a column per language.
    const columns = (table: string) =>
      (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
    expect(['country', 'category', 'category_option'].flatMap(columns).filter((c) => /^name_/.test(c))).toEqual([]);
    expect(rows(`SELECT value FROM setting WHERE key = 'uic_pattern'`)).toEqual([[DEFAULT_UIC_PATTERN]]);
    expect(rows('SELECT code FROM form ORDER BY rowid').flat()).toEqual([...FORM_CODES]);
    expect(rows('SELECT code, form_code, combo, value_type FROM data_element ORDER BY code')).toEqual(
      [...DATA_ELEMENTS].sort((a, b) => a.code.localeCompare(b.code)).map((d) => [d.code, d.form, d.combo, d.valueType]),
    );
    const stored = rows<[string, string]>('SELECT code, definition FROM validation_rule ORDER BY code').map(([code, definition]) => [
      code,
      JSON.parse(definition),
    ]);
    expect(stored).toEqual([...SEEDED_RULES].sort((a, b) => a.code.localeCompare(b.code)).map((r) => [r.code, r]));
    db.close();
  });

  it('chain the change log written before the chain existed, in order', () => {
    const file = databaseAt(10);
    const raw = openConnection(file, { create: false });
    const add = raw.prepare(
      `INSERT INTO audit_log (at, actor, action, entity, entity_id, old_value, new_value) VALUES (?, 'Айгуль', 'update', 'setting', 'k', ?, ?)`,
    );
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
    const broken = [
      ...MIGRATIONS.slice(0, 1),
      {
        version: 2,
        name: 'breaks half way',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE half (x)');
          throw new Error('boom');
        },
      },
    ];
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

  it("file the fact sheets' texts and notes written before languages under the language of their letters (version 17)", () => {
    const file = databaseAt(16);
    const db = openConnection(file, { create: false });
    const at = '2026-01-01T00:00:00.000Z';
    db.prepare(`INSERT INTO fact_sheet_text VALUES ('KAZ', 2017, 'migration', '• Kazakhstan is a country of destination', ?, 'a')`).run(at);
    db.prepare(`INSERT INTO fact_sheet_text VALUES ('KAZ', 2017, 'hiv', '• Эпидемия растёт (UNAIDS, 2017)', ?, 'a')`).run(at);
    db.prepare(
      `INSERT INTO fact_sheet_value (country_code, year, indicator, value, note, updated_at, updated_by) VALUES ('KAZ', 2017, 'population', 17.9, 'оценка ООН', ?, 'a'), ('KAZ', 2017, 'surface', 2724.9, NULL, ?, 'a')`,
    ).run(at, at);
    migrate(db, { file: 'db.sqlite' });
    expect(db.prepare('SELECT section, language FROM fact_sheet_text ORDER BY section').all()).toEqual([
      { section: 'hiv', language: 'ru' },
      { section: 'migration', language: 'en' },
    ]);
    expect(db.prepare('SELECT indicator, language, note FROM fact_sheet_note').all()).toEqual([
      { indicator: 'population', language: 'ru', note: 'оценка ООН' },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM fact_sheet_value').get()).toEqual({ n: 2 });
    db.close();
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
    const unit = Number(
      db.prepare(`INSERT INTO org_unit (parent_id, level, country_code, name) VALUES (NULL, 'country', 'KAZ', 'Test')`).run()
        .lastInsertRowid,
    );
    db.prepare(
      `INSERT INTO data_value (data_element, coc, org_unit_id, period, value_number, updated_at, updated_by) VALUES ('survey_sample', '', ?, '2016', 400, 'x', 'x')`,
    ).run(unit);
    migrate(db, { file: 'db.sqlite' });
    expect(db.prepare(`SELECT coc FROM data_value WHERE data_element = 'survey_sample'`).all()).toEqual([{ coc: 'total' }]);
    expect(db.prepare(`SELECT combo FROM data_element WHERE code = 'survey_positive'`).get()).toEqual({ combo: 'key_population' });
    expect(
      JSON.parse(
        (db.prepare(`SELECT definition FROM validation_rule WHERE code = 'survey_positive_le_sample'`).get() as { definition: string })
          .definition,
      ).left.cell,
    ).toBe('each');
    db.close();
  });
});
