// What a hostile probe of accounts, keys and backups found, each kept from coming back.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeskSession } from '../../electron/service/session.js';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { backupFolder, listBackups, writeBackup } from '../../electron/service/backups/backups.js';
import { startBridge } from '../../electron/bridge/server.js';
import { inProcess } from '../../electron/service/worker/backend.js';
import { createCentre, REGIONAL_CENTRE, useClockedSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';
import { aCase } from '../helpers/cases.js';

const tempDir = useTempDirs();
const sessionAt = useClockedSessions();
const { login, password } = REGIONAL_CENTRE;
const signIn = (s: DeskSession, pw = password, as = login) => dispatchAsync(s, 'auth.signIn', { login: as, password: pw }, silentLogger);
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
const addAccount = (s: DeskSession, name: string, roles: ('admin' | 'entry' | 'approver' | 'analyst')[]) =>
  dispatchAsync(s, 'accounts.create', { login: name, password: 'ДолгийПарольСотрудника', roles, orgUnitId: null }, silentLogger);

describe('hardened against a hostile probe', () => {
  it('forty wrong passwords at once are taken one after another: the delay starts after five', async () => {
    const dir = tempDir();
    const first = sessionAt(dir);
    await createCentre(first);
    first.dispose(); // closed, as at the end of a day
    const s = sessionAt(dir);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(s, `wrong-password-${i}`)));
    const codes = answers.map(code);
    expect(codes.filter((c) => c === 'wrong_password')).toHaveLength(5);
    expect(codes.filter((c) => c === 'login_delayed')).toHaveLength(7);
  });

  it('a wrong current password in a password change counts as a wrong password', async () => {
    const s = sessionAt(tempDir());
    await createCentre(s);
    for (let i = 0; i < 5; i++)
      expect(
        code(await dispatchAsync(s, 'auth.changePassword', { current: `nope-${i}-nope`, next: 'ВесенниеДождиАлматы' }, silentLogger)),
      ).toBe('wrong_password');
    expect(code(await dispatchAsync(s, 'auth.changePassword', { current: password, next: 'ВесенниеДождиАлматы' }, silentLogger))).toBe(
      'login_delayed',
    );
  });

  it('a key file asking for a huge key-derivation cost, a duplicate slot or a FIFO in its place is damaged, not obeyed', async () => {
    const dir = tempDir();
    const first = sessionAt(dir);
    const path = (await createCentre(first)).status.database!.path;
    first.dispose();
    const keysPath = `${path}.keys`;
    const good = readFileSync(keysPath, 'utf8');
    const keys = JSON.parse(good);
    const status = () => sessionAt(dir).status().openError?.code ?? 'none';
    writeFileSync(
      keysPath,
      JSON.stringify({ ...keys, slots: keys.slots.map((x: { kdf: object }) => ({ ...x, kdf: { ...x.kdf, N: 2 ** 20, r: 32, p: 16 } })) }),
    );
    expect(status()).toBe('key_file_damaged');
    writeFileSync(keysPath, JSON.stringify({ ...keys, slots: [{ ...keys.slots[0], id: keys.slots[1].id }, ...keys.slots] }));
    expect(status()).toBe('key_file_damaged');
    renameSync(keysPath, `${keysPath}.away`);
    execFileSync('mkfifo', [keysPath]);
    expect(status()).toBe('key_file_damaged'); // said at once, not waiting on the pipe forever
  });

  it('backups of "register" and "register-2" in one folder are told apart', async () => {
    const dir = tempDir();
    const s = sessionAt(dir);
    const a = (await createCentre(s)).status.database!.path;
    dispatch(s, 'setup.close', {}, silentLogger);
    const b = (await createCentre(s, { ...REGIONAL_CENTRE, alongside: true })).status.database!.path; // migrant-hiv-kaz-2.sqlite
    expect(b.endsWith('-2.sqlite')).toBe(true);
    const folder = backupFolder(dir);
    expect(listBackups(folder, a)).toHaveLength(1); // its own daily copy, not its neighbour's
    expect(listBackups(folder, b)).toHaveLength(1);
    expect(listBackups(folder, a)[0]!.file).not.toBe(listBackups(folder, b)[0]!.file);
  });

  it('two copies in the same millisecond keep both; copies are private files', async () => {
    const s = sessionAt(tempDir());
    await createCentre(s);
    const at = new Date('2026-11-30T10:00:00.000Z');
    const folder = tempDir();
    const one = writeBackup(s.database, s.openVault.path, s.openKey, folder, 'manual', at);
    const two = writeBackup(s.database, s.openVault.path, s.openKey, folder, 'manual', at);
    expect(one.file).not.toBe(two.file);
    expect(readdirSync(folder).filter((f) => f.endsWith('.sqlite'))).toHaveLength(2);
    if (process.platform !== 'win32') expect(statSync(one.file).mode & 0o077).toBe(0);
  });

  it('the live database, its side files or an earlier aside are refused as a backup to restore, and the register stays', async () => {
    const s = sessionAt(tempDir());
    await createCentre(s);
    dispatch(s, 'cases.create', { case: aCase(), allowDuplicate: false }, silentLogger);
    const path = s.openVault.path;
    for (const p of [path, `${path}-wal`, `${path}.keys`])
      expect(code(dispatch(s, 'backups.restore', { path: p }, silentLogger)), p).toBe('backup_not_readable');
    const list = dispatch(s, 'cases.list', { page: 0 }, silentLogger);
    expect(list.ok && list.value.total).toBe(1);
  });

  it('a line list that finishes after its account signed out is neither recorded under nor handed to the next account', async () => {
    const s = sessionAt(tempDir());
    await createCentre(s);
    for (let i = 0; i < 30; i++)
      dispatch(
        s,
        'cases.create',
        { case: aCase({ registerNo: `L-${i}`, uic: `ЛИНИ1${1950 + i}`, birthYear: 1950 + i }), allowDuplicate: false },
        silentLogger,
      );
    await addAccount(s, 'Клерк', ['entry']);
    const job = dispatch(s, 'exports.lineList', { language: 'ru' }, silentLogger);
    const jobId = job.ok ? job.value.jobId : '';
    await dispatchAsync(s, 'auth.signOut', {}, silentLogger); // while the file is still being written
    await signIn(s, 'ДолгийПарольСотрудника', 'Клерк');
    await new Promise((r) => setTimeout(r, 1500));
    expect(code(dispatch(s, 'exports.job', { jobId }, silentLogger))).toBe('not_found'); // another sign-in's job
    expect(s.mayFetchExport(readdirSync(join(s.dataDir, 'exports')).find((f) => f.startsWith('line-list')) ?? 'none')).toBe(false);
    await dispatchAsync(s, 'auth.signOut', {}, silentLogger);
    await signIn(s);
    const log = dispatch(s, 'audit.recent', { limit: 50 }, silentLogger);
    expect(log.ok && log.value.filter((e) => e.action === 'export')).toEqual([]);
  });

  it('the back end locks by its own clock, and a new page (link) finds a signed-in centre locked', async () => {
    const clock = { now: Date.parse('2026-11-30T10:00:00Z') };
    const s = sessionAt(tempDir(), clock);
    await createCentre(s);
    clock.now += 9 * 60_000;
    expect(code(dispatch(s, 'cases.list', { page: 0 }, silentLogger))).toBe('ok');
    clock.now += 10 * 60_000 + 1;
    expect(code(dispatch(s, 'cases.list', { page: 0 }, silentLogger))).toBe('locked');
    expect(code(await dispatchAsync(s, 'auth.unlock', { password }, silentLogger))).toBe('ok');

    const staticDir = join(tempDir(), 'r');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
    const bridge = await startBridge({ backend: inProcess(s, silentLogger), staticDir, logger: silentLogger });
    try {
      const launch = /#launch=([0-9a-f]{64})$/.exec(bridge.launchUrl())![1]!;
      const r = await fetch(`${bridge.origin}/session`, {
        method: 'POST',
        headers: { 'x-desk-call': '1', origin: bridge.origin, 'x-desk-launch': launch },
      });
      expect(r.status).toBe(200);
      expect(s.status().locked).toBe(true);
    } finally {
      await bridge.close();
    }
    // Locked, the account can still sign out (losing only what was typed).
    expect(code(await dispatchAsync(s, 'auth.signOut', {}, silentLogger))).toBe('ok');
  });

  it('sign-in names that only look alike are one name or refused; look-alike weak passwords are refused', async () => {
    const s = sessionAt(tempDir());
    await createCentre(s);
    expect(code(await addAccount(s, 'ivan', ['entry']))).toBe('ok');
    expect(code(await addAccount(s, 'ｉｖａｎ', ['entry']))).toBe('already_exists'); // full-width letters
    expect(code(await addAccount(s, 'IVAN ', ['entry']))).toBe('already_exists');
    for (const bad of ['ivan\u200b', '\u202eivan', 'iv\u0000an', '-ivan'])
      expect(code(await addAccount(s, bad, ['entry'])), JSON.stringify(bad)).toBe('invalid_input');
    const weak = async (pw: string) => {
      const r = await dispatchAsync(s, 'accounts.create', { login: 'petr', password: pw, roles: ['entry'], orgUnitId: null }, silentLogger);
      return r.ok ? 'accepted' : r.error.messageKey;
    };
    for (const pw of [
      '1231231231',
      'abcabcabca',
      'password1!',
      'P@ssw0rd12',
      'Summer2024!',
      'Kazakhstan2024',
      'Пароль12345',
      '\u200b'.repeat(8) + 'ab',
    ]) {
      expect(await weak(pw), pw).toMatch(/^errors\.weak_password\./);
    }
  });

  it('what an administrator changes about their own account applies at once', async () => {
    const s = sessionAt(tempDir());
    await createCentre(s);
    await addAccount(s, 'Второй', ['admin']);
    const me = dispatch(s, 'accounts.list', {}, silentLogger);
    const id = me.ok ? me.value.find((a) => a.login === login)!.id : 0;
    expect(code(await dispatchAsync(s, 'accounts.update', { id, roles: ['entry'] }, silentLogger))).toBe('ok');
    expect(code(dispatch(s, 'accounts.list', {}, silentLogger))).toBe('forbidden');
    expect(s.status().user?.roles).toEqual(['entry']);
  });

  it('the change-log check compares with the heads kept in backups: a log re-hashed after an edit, or cut short, is caught', async () => {
    const s = sessionAt(tempDir());
    await createCentre(s);
    for (let i = 0; i < 3; i++) dispatch(s, 'settings.setSuppression', { maxCount: 5 + i }, silentLogger);
    await dispatchAsync(s, 'backups.create', {}, silentLogger);
    dispatch(s, 'settings.setSuppression', { maxCount: 9 }, silentLogger);
    const clean = dispatch(s, 'audit.verify', {}, silentLogger);
    expect(clean.ok && clean.value).toMatchObject({ ok: true, anchors: { checked: 2, contradicted: null } });
    // A forger with the key: edit an early entry, then compute every hash after it again.
    const { entryHash, GENESIS_HASH, verifyChain } = await import('../../db/audit-chain.js');
    const db = s.database;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET actor = 'кто-то' WHERE id = 3`).run();
    let prev = GENESIS_HASH;
    for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Parameters<typeof entryHash>[0][]) {
      const hash = entryHash(r, prev);
      db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
      prev = hash;
    }
    expect(verifyChain(db).ok).toBe(true); // the chain alone is fooled
    const caught = dispatch(s, 'audit.verify', {}, silentLogger);
    expect(caught.ok && caught.value).toMatchObject({ ok: false, firstBad: null, anchors: { contradicted: { reason: 'rewritten' } } });
  });
});

describe('an account limited to an org unit', () => {
  it('sees and changes only the cases, forms and figures of its unit and those below it', async () => {
    const s = sessionAt(tempDir());
    await createCentre(s);
    const { ensureFacility, orgUnitPath } = await import('../../db/org-units.js');
    const { createCase } = await import('../../db/cases.js');
    const home = s.orgUnitId; // the installation's facility
    const region = orgUnitPath(s.database, home).find((u) => u.level === 'region')!.id;
    const other = ensureFacility(s.database, login, {
      countryCode: 'KAZ',
      region: 'Жамбылская область',
      facility: 'Жамбылский областной центр СПИД',
    }).id;
    const ours = dispatch(s, 'cases.create', { case: aCase({ registerNo: 'A-1' }), allowDuplicate: false }, silentLogger);
    const theirs = createCase(s.database, login, other, aCase({ registerNo: 'B-1', uic: 'БОРИ11980', birthYear: 1980 }), {
      allowDuplicate: false,
    });
    const made = await dispatchAsync(
      s,
      'accounts.create',
      { login: 'Регион', password: 'ДолгийПарольСотрудника', roles: ['entry', 'analyst'], orgUnitId: region },
      silentLogger,
    );
    expect(made.ok && made.value.find((a) => a.login === 'Регион')?.orgUnitId).toBe(region);
    await dispatchAsync(s, 'auth.signOut', {}, silentLogger);
    expect(code(await signIn(s, 'ДолгийПарольСотрудника', 'Регион'))).toBe('ok');

    const list = dispatch(s, 'cases.list', { page: 0 }, silentLogger);
    expect(list.ok && list.value.rows.map((r) => r.registerNo)).toEqual(['A-1']);
    expect(code(dispatch(s, 'cases.get', { id: ours.ok ? ours.value.id : 0 }, silentLogger))).toBe('ok');
    // Another region's case is "not found", for reading and for writing alike.
    expect(code(dispatch(s, 'cases.get', { id: theirs }, silentLogger))).toBe('not_found');
    expect(
      code(
        dispatch(
          s,
          'cases.update',
          { id: theirs, case: aCase({ registerNo: 'B-1', uic: 'БОРИ11980', birthYear: 1980 }), allowDuplicate: true },
          silentLogger,
        ),
      ),
    ).toBe('not_found');
    expect(
      code(
        dispatch(s, 'events.save', { caseId: theirs, eventId: null, event: { kind: 'cd4', date: '2017-04-01', cd4: 300 } }, silentLogger),
      ),
    ).toBe('not_found');
    expect(code(dispatch(s, 'cases.delete', { id: theirs }, silentLogger))).toBe('not_found');
    expect(
      dispatch(s, 'cases.duplicates', { uic: 'БОРИ11980', sex: 'male', birthYear: 1980, excludeId: null }, silentLogger),
    ).toMatchObject({ ok: true, value: [] });
    // Forms and figures of its units only; the country's fact sheet is not its to see.
    expect(code(dispatch(s, 'forms.get', { form: 'testing', orgUnitId: home, period: '2017' }, silentLogger))).toBe('ok');
    expect(
      code(
        dispatch(
          s,
          'forms.save',
          { form: 'testing', orgUnitId: other, period: '2017', cells: [{ de: 'tested_voluntary', coc: 'total', value: '5' }] },
          silentLogger,
        ),
      ),
    ).toBe('not_found');
    expect(code(dispatch(s, 'indicators.cascade', { period: '2017', orgUnitId: other }, silentLogger))).toBe('not_found');
    const own = dispatch(s, 'indicators.cascade', { period: '2017' }, silentLogger);
    expect(own.ok && own.value.orgUnitId).toBe(region);
    expect(code(dispatch(s, 'factsheet.get', { country: 'KAZ', year: 2017 }, silentLogger))).toBe('forbidden');
    const units = dispatch(s, 'orgUnits.list', {}, silentLogger);
    expect(units.ok && units.value.map((u) => u.id).sort()).toEqual([region, home].sort());
    // What it enters belongs to its unit.
    const created = dispatch(
      s,
      'cases.create',
      { case: aCase({ registerNo: 'A-2', uic: 'НОВА21990', sex: 'female', birthYear: 1990 }), allowDuplicate: false },
      silentLogger,
    );
    expect(created.ok).toBe(true);
    const list2 = dispatch(s, 'cases.list', { page: 0 }, silentLogger);
    expect(list2.ok && list2.value.total).toBe(2);
  });
});
