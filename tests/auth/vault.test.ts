import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { CIPHERS, NEW_DATABASE_CIPHER, writeTransaction } from '../../db/connection.js';
import { importCases } from '../../db/cases.js';
import { createDeskDatabase } from '../../db/open.js';
import { ensureFacility } from '../../db/org-units.js';
import { DeskSession } from '../../electron/service/session.js';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { createCentre, REGIONAL_CENTRE, useClockedSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';
import { aCase } from '../helpers/cases.js';

const tempDir = useTempDirs();
const sessionAt = useClockedSessions();
const { login, password } = REGIONAL_CENTRE;
const signIn = (s: DeskSession, pw = password, as = login) => dispatchAsync(s, 'auth.signIn', { login: as, password: pw }, silentLogger);
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('the encrypted register', () => {
  it('keeps no UIC or register number in clear in the database, its WAL or its key file', async () => {
    const dir = tempDir();
    const s = sessionAt(dir);
    const path = (await createCentre(s)).status.database!.path;
    const secrets = ['ЗАРИ21990', 'QWER11977', 'РЕГ-2017/555', 'ALMATY-77/2017'];
    dispatch(s, 'cases.create', { case: aCase({ registerNo: secrets[2]!, uic: secrets[0]! }), allowDuplicate: false }, silentLogger);
    dispatch(
      s,
      'cases.create',
      { case: aCase({ registerNo: secrets[3]!, uic: secrets[1]!, birthYear: 1977 }), allowDuplicate: false },
      silentLogger,
    );
    const scan = () => {
      const files = [path, `${path}-wal`, `${path}.keys`].filter(existsSync);
      expect(files).toContain(`${path}-wal`); // the rows are in the WAL now: it is scanned too
      for (const f of files) for (const x of secrets) expect(readFileSync(f).includes(Buffer.from(x, 'utf8')), `${x} in ${f}`).toBe(false);
    };
    scan();
    expect(readFileSync(path).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    s.dispose();
    for (const x of secrets) expect(readFileSync(path).includes(Buffer.from(x, 'utf8'))).toBe(false);
    // And the same register does come back with the password.
    const again = sessionAt(dir);
    expect(code(await signIn(again))).toBe('ok');
    const list = dispatch(again, 'cases.list', { page: 0 }, silentLogger);
    expect(list.ok && list.value.rows.map((r) => r.uic).sort()).toEqual(['QWER11977', 'ЗАРИ21990']);
  });

  it('writes no page of it to a temporary file: a large transaction keeps its statement journal in memory', () => {
    // SQLite's statement journals and sorts go to unencrypted temporary files (etilqs_*, unlinked
    // at once but written to disk: 300,000 plain pages loading 100,000 cases) unless kept in memory.
    const key = { bytes: randomBytes(32), cipher: NEW_DATABASE_CIPHER };
    const db = createDeskDatabase(join(tempDir(), 'register.sqlite'), () => {}, key);
    const unit = ensureFacility(db, 'Гульнара', { countryCode: 'KAZ', region: 'Туркестанская область', facility: 'Областной центр СПИД' });
    const openTemporary = () =>
      readdirSync('/proc/self/fd')
        .flatMap((fd) => {
          try {
            return [readlinkSync(`/proc/self/fd/${fd}`)];
          } catch {
            return []; // closed meanwhile (the listing's own descriptor)
          }
        })
        .filter((target) => /etilqs_/.test(target));
    let during: string[] = [];
    writeTransaction(db, () => {
      for (let batch = 0; batch < 5; batch++) {
        const rows = Array.from({ length: 400 }, (_, i) => ({
          row: i + 2,
          input: aCase({
            registerNo: `T-${batch}-${i}`,
            uic: `ТЕМП${String(10000 + batch * 400 + i).slice(-5)}`,
            birthYear: 1950 + (i % 50),
          }),
          events: [],
        }));
        importCases(db, 'Гульнара', unit.id, `part-${batch}.csv`, rows, [], {});
      }
      // A sort bigger than any cache, within the same transaction.
      db.prepare('SELECT uic FROM hiv_case ORDER BY uic_key || register_no DESC').all();
      during = openTemporary();
    });
    expect(readdirSync('/proc/self/fd').length).toBeGreaterThan(3); // the look at open files works here
    expect(during).toEqual([]);
    expect(db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
    db.close();
  });

  it('five wrong passwords in a row make the next wait, longer each time; the right one after it is logged with the count', async () => {
    const clock = { now: Date.parse('2026-11-30T10:00:00Z') };
    const dir = tempDir();
    const first = sessionAt(dir, clock);
    await createCentre(first);
    first.dispose();
    const s = sessionAt(dir, clock);
    for (let i = 0; i < 5; i++) expect(code(await signIn(s, `wrong-${i}-password`))).toBe('wrong_password');
    const delayed = await signIn(s); // even the right password waits
    expect(delayed).toMatchObject({ ok: false, error: { code: 'login_delayed', params: { seconds: 30 } } });
    clock.now += 31_000;
    expect(code(await signIn(s, 'wrong-again-password'))).toBe('wrong_password');
    expect(await signIn(s)).toMatchObject({ ok: false, error: { code: 'login_delayed', params: { seconds: 60 } } });
    clock.now += 61_000;
    expect(code(await signIn(s))).toBe('ok');
    const audit = dispatch(s, 'audit.recent', { limit: 1 }, silentLogger);
    expect(audit.ok && audit.value[0]).toMatchObject({ actor: login, action: 'sign_in', newValue: { failedAttemptsBefore: 6 } });
    // An unknown name is told apart from a wrong password by nothing.
    expect(code(await dispatchAsync(s, 'auth.signOut', {}, silentLogger))).toBe('ok');
    expect(code(await signIn(s, password, 'никто'))).toBe('wrong_password');
  });

  it('a forgotten password: the recovery code, typed loosely, opens the register and sets a new one; a wrong code does not', async () => {
    const dir = tempDir();
    const first = sessionAt(dir);
    const { recoveryCode } = await createCentre(first);
    first.dispose();
    const s = sessionAt(dir);
    const recover = (c: string) =>
      dispatchAsync(s, 'auth.recover', { login, recoveryCode: c, newPassword: 'НовыйПарольПосле-отпуска' }, silentLogger);
    const wrong = recoveryCode.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(code(await recover(wrong))).toBe('wrong_recovery_code');
    expect(code(await recover('1234'))).toBe('wrong_recovery_code');
    const loose = recoveryCode.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    expect(code(await recover(loose))).toBe('ok');
    await dispatchAsync(s, 'auth.signOut', {}, silentLogger);
    expect(code(await signIn(s))).toBe('wrong_password');
    expect(code(await signIn(s, 'НовыйПарольПосле-отпуска'))).toBe('ok');
  });

  it('changing a password re-wraps the key: the old one no longer opens, the new one does', async () => {
    const dir = tempDir();
    const s = sessionAt(dir);
    await createCentre(s);
    expect(
      code(await dispatchAsync(s, 'auth.changePassword', { current: 'not-my-password', next: 'ВесенниеДождиАлматы' }, silentLogger)),
    ).toBe('wrong_password');
    expect(code(await dispatchAsync(s, 'auth.changePassword', { current: password, next: 'ВесенниеДождиАлматы' }, silentLogger))).toBe(
      'ok',
    );
    await dispatchAsync(s, 'auth.signOut', {}, silentLogger);
    expect(code(await signIn(s))).toBe('wrong_password');
    expect(code(await signIn(s, 'ВесенниеДождиАлматы'))).toBe('ok');
  });

  it('refuses weak passwords, naming the rule', async () => {
    const s = sessionAt(tempDir());
    const attempt = (pw: string) =>
      dispatchAsync(s, 'setup.createCentre', { ...REGIONAL_CENTRE, password: pw }, silentLogger).then((r) =>
        r.ok ? 'ok' : r.error.messageKey,
      );
    expect(await attempt('short1')).toBe('errors.weak_password.too_short');
    expect(await attempt('1234567890')).toBe('errors.weak_password.common');
    expect(await attempt('qwertyuiop')).toBe('errors.weak_password.common');
    expect(await attempt('йцукенгшщз')).toBe('errors.weak_password.common'); // "qwertyuiop" on a Russian keyboard
    expect(await attempt('aaaaaaaaaaaa')).toBe('errors.weak_password.one_character');
    expect(await attempt('Гульнара-2017!')).toBe('errors.weak_password.like_login');
    expect(s.status().database).toBeNull();
  });

  it('a disabled account cannot sign in until an administrator sets it a new password; the last administrator stays', async () => {
    const s = sessionAt(tempDir());
    await createCentre(s);
    const created = await dispatchAsync(
      s,
      'accounts.create',
      { login: 'Айжан', password: 'ДолгийПарольСотрудницы', roles: ['entry'], orgUnitId: null },
      silentLogger,
    );
    const aizhan = created.ok ? created.value.find((a) => a.login === 'Айжан')! : null;
    const admin = created.ok ? created.value.find((a) => a.login === login)! : null;
    expect(code(await dispatchAsync(s, 'accounts.update', { id: admin!.id, disabled: true }, silentLogger))).toBe('last_admin');
    expect(code(await dispatchAsync(s, 'accounts.update', { id: admin!.id, roles: ['entry'] }, silentLogger))).toBe('last_admin');
    expect(code(await dispatchAsync(s, 'accounts.update', { id: aizhan!.id, disabled: true }, silentLogger))).toBe('ok');
    await dispatchAsync(s, 'auth.signOut', {}, silentLogger);
    expect(code(await signIn(s, 'ДолгийПарольСотрудницы', 'айжан'))).toBe('wrong_password'); // its slot is gone from the key file
    expect(code(await signIn(s))).toBe('ok');
    await dispatchAsync(s, 'accounts.resetPassword', { id: aizhan!.id, password: 'ДругойПарольСотрудницы' }, silentLogger);
    await dispatchAsync(s, 'auth.signOut', {}, silentLogger);
    expect(await signIn(s, 'ДругойПарольСотрудницы', 'Айжан')).toMatchObject({ ok: false, error: { code: 'account_disabled' } });
    await signIn(s);
    await dispatchAsync(s, 'accounts.update', { id: aizhan!.id, disabled: false }, silentLogger);
    await dispatchAsync(s, 'auth.signOut', {}, silentLogger);
    expect(await signIn(s, 'ДругойПарольСотрудницы', 'айжан')).toMatchObject({
      ok: true,
      value: { user: { login: 'Айжан', roles: ['entry'] } },
    });
  });

  it('a missing or damaged key file is said at start, clearly, and nothing is overwritten', async () => {
    const dir = tempDir();
    const first = sessionAt(dir);
    const path = (await createCentre(first)).status.database!.path;
    first.dispose();
    const before = readFileSync(path);
    renameSync(`${path}.keys`, `${path}.keys.away`);
    const missing = sessionAt(dir).status();
    expect(missing).toMatchObject({
      database: null,
      signIn: null,
      openError: { code: 'key_file_missing', params: { file: 'migrant-hiv-kaz.sqlite.keys', database: 'migrant-hiv-kaz.sqlite' } },
    });
    expect(existsSync(`${path}.keys`)).toBe(false); // no new key file made in its place
    writeFileSync(`${path}.keys`, '{"format":"migrant-hiv-desk-keys","version":1,"slots":[');
    expect(sessionAt(dir).status().openError).toMatchObject({ code: 'key_file_damaged' });
    expect(readFileSync(`${path}.keys`, 'utf8')).toBe('{"format":"migrant-hiv-desk-keys","version":1,"slots":[');
    expect(readFileSync(path).equals(before)).toBe(true);
    renameSync(`${path}.keys.away`, `${path}.keys`); // put back: all is well again
    const s = sessionAt(dir);
    expect(code(await signIn(s))).toBe('ok');
  });
});

describe('the cipher', () => {
  const addCase = (s: DeskSession, uic: string, birthYear: number) =>
    expect(dispatch(s, 'cases.create', { case: aCase({ uic, birthYear, registerNo: uic }), allowDuplicate: false }, silentLogger).ok).toBe(
      true,
    );
  /** Opens a file as SQLite3 Multiple Ciphers would with these settings; the first read tries the key. */
  const opensWith = (file: string, settings: readonly string[], key: Buffer, query = 'SELECT count(*) AS n FROM hiv_case') => {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      for (const setting of settings) db.pragma(setting);
      db.pragma(`key = "x'${key.toString('hex')}'"`);
      return Object.values(db.prepare(query).get() as Record<string, unknown>)[0];
    } catch (e) {
      return (e as { code?: string }).code ?? 'failed';
    } finally {
      db.close();
    }
  };

  it('a new register is sealed with AEGIS-256: the key file says so, SQLCipher settings do not open it, a changed byte reads as damage', async () => {
    const dir = tempDir();
    const s = sessionAt(dir);
    const path = (await createCentre(s)).status.database!.path;
    addCase(s, 'ЗАРИ21990', 1990);
    const key = Buffer.from(s.openKey.bytes);
    s.dispose();
    expect(JSON.parse(readFileSync(`${path}.keys`, 'utf8'))).toMatchObject({ cipher: 'aegis-256' });
    expect(opensWith(path, CIPHERS['aegis-256'], key)).toBe(1);
    expect(opensWith(path, CIPHERS['sqlcipher-4'], key)).toBe('SQLITE_NOTADB');
    expect(opensWith(path, CIPHERS['aegis-256'], randomBytes(32))).toBe('SQLITE_NOTADB');
    // One byte changed in the middle of the file: that page's tag no longer fits, and reading every page stops there.
    expect(opensWith(path, CIPHERS['aegis-256'], key, 'PRAGMA quick_check')).toBe('ok');
    const bytes = readFileSync(path);
    const at = 4096 * Math.floor(bytes.length / 8192) + 2048;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
    writeFileSync(path, bytes);
    // (SQLite's check lists the page as unreadable, error 11: SQLITE_CORRUPT; or the open itself refuses.)
    expect(opensWith(path, CIPHERS['aegis-256'], key, 'PRAGMA quick_check')).toMatch(/^SQLITE_(CORRUPT|NOTADB)|error code=11\b/);
  });

  it('a register of the previous version (SQLCipher 4 pages) keeps its cipher: it opens, takes cases, backs up and restores', async () => {
    const dir = tempDir();
    const first = sessionAt(dir);
    const path = (await createCentre(first)).status.database!.path;
    addCase(first, 'ЗАРИ21990', 1990);
    const key = Buffer.from(first.openKey.bytes);
    first.dispose();
    // The file as the previous version wrote it: the same pages re-keyed as SQLCipher 4, and its key file saying so.
    const raw = new Database(path, { fileMustExist: true });
    for (const setting of CIPHERS['aegis-256']) raw.pragma(setting);
    raw.pragma(`key = "x'${key.toString('hex')}'"`);
    raw.pragma('journal_mode = DELETE'); // SQLite3 Multiple Ciphers re-keys only outside WAL mode
    for (const setting of CIPHERS['sqlcipher-4']) raw.pragma(setting);
    raw.pragma(`rekey = "x'${key.toString('hex')}'"`);
    raw.close();
    const keys = JSON.parse(readFileSync(`${path}.keys`, 'utf8')) as { cipher: string };
    writeFileSync(`${path}.keys`, JSON.stringify({ ...keys, cipher: 'sqlcipher-4' }));
    expect(opensWith(path, CIPHERS['sqlcipher-4'], key)).toBe(1);
    expect(opensWith(path, CIPHERS['aegis-256'], key)).toBe('SQLITE_NOTADB');

    const s = sessionAt(dir);
    expect(code(await signIn(s))).toBe('ok');
    addCase(s, 'QWER11977', 1977);
    const backup = dispatch(s, 'backups.create', {}, silentLogger);
    expect(backup).toMatchObject({ ok: true, value: { counts: { cases: 2 } } });
    addCase(s, 'ASDF21980', 1980);
    const restored = dispatch(s, 'backups.restore', { path: backup.ok ? backup.value.file : '' }, silentLogger);
    expect(code(restored)).toBe('ok');
    const list = dispatch(s, 'cases.list', { page: 0 }, silentLogger);
    expect(list.ok && list.value.total).toBe(2);
    s.dispose();
    // Still SQLCipher 4 after all that, and its key file unchanged in that respect.
    expect(opensWith(path, CIPHERS['sqlcipher-4'], key)).toBe(2);
    expect(JSON.parse(readFileSync(`${path}.keys`, 'utf8'))).toMatchObject({ cipher: 'sqlcipher-4' });
  });
});

describe('a key file naming the wrong cipher', () => {
  it('is said to be the key file, not a damaged database; nothing is changed, and the right cipher put back signs in', async () => {
    const dir = tempDir();
    const first = sessionAt(dir);
    const path = (await createCentre(first)).status.database!.path;
    first.dispose();
    const keys = readFileSync(`${path}.keys`, 'utf8');
    const before = readFileSync(path);
    writeFileSync(`${path}.keys`, keys.replace('"aegis-256"', '"sqlcipher-4"'));
    const s = sessionAt(dir);
    const r = await signIn(s);
    expect(!r.ok && r.error).toMatchObject({ code: 'key_file_damaged', params: { file: 'migrant-hiv-kaz.sqlite.keys' } });
    expect(readFileSync(path).equals(before)).toBe(true);
    writeFileSync(`${path}.keys`, keys);
    expect(code(await signIn(sessionAt(dir)))).toBe('ok');
  });
});

describe('remember on this computer', () => {
  // The operating system's key store stands in as a sealer keyed to "this computer" (in Electron it
  // is safeStorage: DPAPI or the keyring; main.ts wires it, type-checked only here).
  const computer = (machineKey = randomBytes(32)) => ({
    seal: (plain: Buffer) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', machineKey, iv);
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    unseal: (sealed: Buffer) => {
      const d = createDecipheriv('aes-256-gcm', machineKey, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]);
    },
  });
  const sessions: DeskSession[] = [];
  const withSealer = (dir: string, sealer?: ReturnType<typeof computer>) => {
    const s = new DeskSession({ dataDir: dir, appVersion: '0.0.0-test', logger: silentLogger, ...(sealer ? { sealer } : {}) });
    sessions.push(s);
    return s;
  };
  afterEach(() => sessions.splice(0).forEach((s) => s.dispose()));

  it('opens without the password on the computer that remembered it, not elsewhere, and stops when told to', async () => {
    const dir = tempDir();
    const here = computer();
    const first = withSealer(dir, here);
    await createCentre(first);
    await dispatchAsync(first, 'auth.signOut', {}, silentLogger);
    expect(code(await dispatchAsync(first, 'auth.signIn', { login, password, remember: true }, silentLogger))).toBe('ok');
    first.dispose();

    const again = withSealer(dir, here);
    expect(again.status()).toMatchObject({ canRemember: true, signIn: { remembered: login } });
    expect(await dispatchAsync(again, 'auth.signInRemembered', {}, silentLogger)).toMatchObject({ ok: true, value: { user: { login } } });
    again.dispose();

    // The same data folder copied to another computer (another key store): nothing opens, the entry is dropped.
    const elsewhere = withSealer(dir, computer());
    expect(code(await dispatchAsync(elsewhere, 'auth.signInRemembered', {}, silentLogger))).toBe('wrong_password');
    expect(elsewhere.status().signIn?.remembered).toBeNull();
    elsewhere.dispose();

    // A browser (no key store) never offers it; and "forget" ends it.
    expect(withSealer(dir).status()).toMatchObject({ canRemember: false, signIn: { remembered: null } });
    const mine = withSealer(dir, here);
    await dispatchAsync(mine, 'auth.signIn', { login, password, remember: true }, silentLogger);
    expect(code(await dispatchAsync(mine, 'auth.forgetHere', {}, silentLogger))).toBe('ok');
    await dispatchAsync(mine, 'auth.signOut', {}, silentLogger);
    expect(mine.status().signIn?.remembered).toBeNull();
    expect(code(await dispatchAsync(mine, 'auth.signInRemembered', {}, silentLogger))).toBe('wrong_password');
  });
});
