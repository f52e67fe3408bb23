import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { configPath } from '../../electron/service/app-config.js';
import { useSessions, createCentre } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();
const centre = {
  countryCode: 'KAZ',
  region: 'Туркестанская область',
  centre: 'Областной центр по профилактике СПИД',
  login: 'Гульнара',
  password: 'ТуркестанВесна-2017',
};
const signIn = (s: ReturnType<typeof session>) =>
  dispatchAsync(s, 'auth.signIn', { login: 'Гульнара', password: centre.password }, silentLogger);

describe('the session', () => {
  it('creates a centre database, remembers it and the language across restarts; after a restart it waits for a sign-in', async () => {
    const dir = tempDir();
    const first = session(dir);
    const created = await createCentre(first, centre);
    expect(created.recoveryCode).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(created.status).toMatchObject({
      operator: 'Гульнара',
      user: { login: 'Гульнара', demo: false, roles: ['admin', 'entry', 'approver', 'analyst'] },
      database: { encrypted: true },
    });
    dispatch(first, 'app.setLanguage', { language: 'en' }, silentLogger);
    first.dispose();

    const restarted = session(dir);
    const waiting = restarted.status();
    expect(waiting).toMatchObject({ language: 'en', database: null, user: null, signIn: { file: 'migrant-hiv-kaz.sqlite' } });
    expect(dispatch(restarted, 'cases.list', { page: 0 }, silentLogger)).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    const r = await signIn(restarted);
    const again = r.ok ? r.value : waiting;
    expect(again.operator).toBe('Гульнара');
    expect(again.database?.kind).toBe('centre');
    expect(again.database?.orgUnitPath.map((u) => u.name)).toEqual([
      'Казахстан',
      'Туркестанская область',
      'Областной центр по профилактике СПИД',
    ]);
    expect(again.database?.path).toBe(join(dir, 'migrant-hiv-kaz.sqlite'));
    if (process.platform !== 'win32') expect(statSync(again.database!.path).mode & 0o077).toBe(0); // private to the user
  });

  it('audits the set-up under the administrator account', async () => {
    const s = session(tempDir());
    await createCentre(s, centre);
    const audit = dispatch(s, 'audit.recent', { limit: 20 }, silentLogger);
    expect(audit.ok && audit.value.every((e) => e.actor === 'Гульнара')).toBe(true);
    expect(audit.ok && audit.value.map((e) => `${e.action} ${e.entity}`)).toEqual([
      'backup database',
      'setup database',
      'create account',
      'update setting',
      'update setting',
      'create org_unit',
      'create org_unit',
      'create org_unit',
    ]);
  });

  it('keeps the small-number threshold in the database, audited, and refuses one out of range', async () => {
    const s = session(tempDir());
    await createCentre(s, centre);
    expect(s.status().database?.suppressionMaxCount).toBe(4);
    const set = dispatch(s, 'settings.setSuppression', { maxCount: 9 }, silentLogger);
    expect(set.ok && set.value.database?.suppressionMaxCount).toBe(9);
    const audit = dispatch(s, 'audit.recent', { limit: 1 }, silentLogger);
    expect(audit.ok && audit.value[0]).toMatchObject({
      actor: 'Гульнара',
      action: 'update',
      entity: 'setting',
      entityId: 'suppression_max_count',
      oldValue: '4',
      newValue: '9',
    });
    const bad = dispatch(s, 'settings.setSuppression', { maxCount: 0 }, silentLogger);
    expect(!bad.ok && bad.error.code).toBe('invalid_input');
    expect(s.status().database?.suppressionMaxCount).toBe(9);
  });

  it('never overwrites: a second centre database in the same folder (asked for beside it) gets a new name', async () => {
    const dir = tempDir();
    const s = session(dir);
    await createCentre(s, centre);
    dispatch(s, 'setup.close', {}, silentLogger);
    const second = await createCentre(s, { ...centre, alongside: true });
    expect(second.status.database?.path).toBe(join(dir, 'migrant-hiv-kaz-2.sqlite'));
    // Set-up is refused while a database is open: it would close another's work.
    expect(await dispatchAsync(s, 'setup.createCentre', centre, silentLogger)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('opens the demo database with the six countries of the report', async () => {
    const s = session(tempDir());
    const r = dispatch(s, 'setup.openDemo', {}, silentLogger);
    expect(r.ok && r.value.database?.kind).toBe('demo');
    const units = dispatch(s, 'orgUnits.list', {}, silentLogger);
    expect(
      units.ok &&
        units.value
          .filter((u) => u.level === 'country')
          .map((u) => u.countryCode)
          .sort(),
    ).toEqual(['KAZ', 'KGZ', 'RUS', 'TJK', 'TKM', 'UZB']);
  });

  it('explains, and keeps running, when the remembered database has gone bad', async () => {
    const dir = tempDir();
    const s = session(dir);
    const path = (await createCentre(s, centre)).status.database!.path;
    s.dispose();
    for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) writeFileSync(path + suffix, '');
    writeFileSync(path, 'overwritten by something else');
    const restarted = session(dir);
    expect(restarted.status().signIn).toMatchObject({ file: 'migrant-hiv-kaz.sqlite' }); // the key file is there: it may be a database
    const r = await signIn(restarted);
    expect(r).toMatchObject({ ok: false, error: { code: 'db_damaged', params: { file: 'migrant-hiv-kaz.sqlite' } } });
    expect(readFileSync(path, 'utf8')).toBe('overwritten by something else');
  });

  it('says the database is damaged at sign-in when a page of the register is overwritten; the file untouched', async () => {
    const dir = tempDir();
    const s = session(dir);
    const path = (await createCentre(s, centre)).status.database!.path;
    const page = s.database.pragma('page_size', { simple: true }) as number;
    const root = (s.database.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'hiv_case'`).get() as { rootpage: number }).rootpage;
    s.dispose(); // checkpoints the WAL into the file
    const bytes = readFileSync(path);
    bytes.fill(0x5a, (root - 1) * page, (root - 1) * page + 64);
    writeFileSync(path, bytes);

    const again = session(dir); // no throw: the app always starts
    expect(await signIn(again)).toMatchObject({ ok: false, error: { code: 'db_damaged', params: { file: 'migrant-hiv-kaz.sqlite' } } });
    expect(again.status().database).toBeNull();
    expect(readFileSync(path).equals(bytes)).toBe(true);
    // The wizard's other ways out still work.
    expect(dispatch(again, 'setup.openDemo', {}, silentLogger).ok).toBe(true);
  });

  it('a damaged page met while working gives the same clear message, not an internal error', async () => {
    const dir = tempDir();
    const s = session(dir);
    await createCentre(s, centre);
    const path = s.status().database!.path;
    // Enough entries for the change log to have pages of its own below its root.
    s.database.transaction(() => {
      const ins = s.database.prepare(
        `INSERT INTO audit_log (at, actor, action, entity, entity_id, old_value, new_value) VALUES ('2017-01-01', 'x', 'update', 'setting', 'x', NULL, ?)`,
      );
      for (let i = 0; i < 2000; i++) ins.run(JSON.stringify({ filler: 'x'.repeat(200) }));
    })();
    const page = s.database.pragma('page_size', { simple: true }) as number;
    // A leaf of the change log ten from its newest: recent entries, which opening the file and
    // signing in (it appends after the newest entry) do not read, and the list of the last 500 does.
    const { pageno } = s.database
      .prepare(`SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf' ORDER BY pageno DESC LIMIT 1 OFFSET 10`)
      .get() as { pageno: number };
    s.dispose();
    const bytes = readFileSync(path);
    bytes.fill(0x5a, (pageno - 1) * page + 100, (pageno - 1) * page + 164);
    writeFileSync(path, bytes);
    const again = session(dir);
    expect(again.status().openError).toBeNull();
    expect((await signIn(again)).ok).toBe(true);
    const r = dispatch(again, 'audit.recent', { limit: 500 }, silentLogger);
    expect(!r.ok && r.error).toMatchObject({ code: 'db_damaged', params: { file: 'migrant-hiv-kaz.sqlite' } });
  });

  it('at start removes interrupted exports and those past the retention setting, which Settings changes for the next start', async () => {
    const dir = tempDir();
    const exports = join(dir, 'exports');
    mkdirSync(exports);
    const daysAgo = (name: string, days: number) => {
      writeFileSync(join(exports, name), 'x');
      const t = new Date(Date.now() - days * 86_400_000);
      utimesSync(join(exports, name), t, t);
    };
    daysAgo('line-list-KAZ-1-2026-11-01.xlsx.part', 0); // a crash mid-export: rows of the register in it
    daysAgo('line-list-KAZ-1-2026-11-20.xlsx', 8);
    daysAgo('line-list-KAZ-1-2026-11-25.xlsx', 5);
    daysAgo('hiv-migrants-KAZ-2017-1.xlsx', 8);
    daysAgo('hiv-migrants-KAZ-2016-1.xlsx', 31);
    daysAgo('notes.txt', 400); // not ours: left alone
    const s = session(dir);
    await createCentre(s, centre); // an administrator's setting, folder-wide: not the demo's password-less user's
    expect(readdirSync(exports).sort()).toEqual(['hiv-migrants-KAZ-2017-1.xlsx', 'line-list-KAZ-1-2026-11-25.xlsx', 'notes.txt']);
    expect(s.status().exportRetention).toEqual({ days: 30, lineListDays: 7 });

    const set = dispatch(s, 'settings.setExportRetention', { days: 0, lineListDays: 3 }, silentLogger);
    const demo = session(tempDir());
    dispatch(demo, 'setup.openDemo', {}, silentLogger);
    expect(dispatch(demo, 'settings.setExportRetention', { days: 0, lineListDays: 0 }, silentLogger)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(set.ok && set.value.exportRetention).toEqual({ days: 0, lineListDays: 3 });
    expect(readdirSync(exports)).toHaveLength(3); // applied at the next start, not under the user's eyes
    expect(dispatch(s, 'settings.setExportRetention', { days: -1, lineListDays: 3 }, silentLogger)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    s.dispose();
    daysAgo('hiv-migrants-KAZ-2010-1.xlsx', 3000);
    session(dir);
    expect(readdirSync(exports).sort()).toEqual(['hiv-migrants-KAZ-2010-1.xlsx', 'hiv-migrants-KAZ-2017-1.xlsx', 'notes.txt']); // 0: kept; line lists: 3 days
  });

  it('reads a config written before the retention setting existed, with the default', async () => {
    const dir = tempDir();
    writeFileSync(configPath(dir), JSON.stringify({ version: 1, language: 'en', operator: 'Гульнара', database: null }));
    const status = session(dir).status();
    expect([status.language, status.exportRetention]).toEqual(['en', { days: 30, lineListDays: 7 }]);
  });

  it('sets a damaged config file aside and starts with defaults', async () => {
    const dir = tempDir();
    writeFileSync(configPath(dir), '{ "version": 1, "language": "fr"');
    expect(session(dir).status()).toMatchObject({ language: 'ru', database: null });
    expect(readdirSync(dir).some((f) => f.startsWith('config.json.damaged-'))).toBe(true);
  });

  it('refuses a folder that cannot be written and a relative folder, creating nothing', async () => {
    const dir = tempDir();
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, '');
    const s = session(dir);
    const r = await dispatchAsync(s, 'setup.createCentre', { ...centre, folder: join(blocker, 'sub') }, silentLogger);
    expect(r).toMatchObject({ ok: false, error: { code: 'folder_not_writable', params: { folder: join(blocker, 'sub') } } });
    const relative = await dispatchAsync(s, 'setup.createCentre', { ...centre, folder: 'data' }, silentLogger);
    expect(relative).toMatchObject({ ok: false, error: { code: 'folder_not_writable' } });
    expect(readdirSync(dir).sort()).toEqual(['blocker']);
  });

  it('opens an existing file by path and refuses one that is not a database', async () => {
    const dir = tempDir();
    const junk = join(dir, 'notes.txt');
    writeFileSync(junk, 'hello');
    const s = session(dir);
    expect(dispatch(s, 'setup.openExisting', { path: junk }, silentLogger)).toMatchObject({ ok: false, error: { code: 'not_sqlite' } });
    const path = (await createCentre(s, centre)).status.database!.path;
    dispatch(s, 'setup.close', {}, silentLogger);
    const opened = dispatch(s, 'setup.openExisting', { path }, silentLogger);
    expect(opened).toMatchObject({ ok: true, value: { database: null, signIn: { file: 'migrant-hiv-kaz.sqlite' } } });
    expect(await signIn(s)).toMatchObject({ ok: true, value: { operator: 'Гульнара', database: { kind: 'centre', path } } });
  });
});
