// The back end in its own thread, as both transports start it: short calls answered while a long
// check runs, a check ended by what happens meanwhile, and the host's services (Save As, the
// operating system's key store) reached from the thread.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/service/log.js';
import { startDeskWorker, type HostOptions } from '../../electron/service/worker/host.js';
import type { DeskBackend } from '../../electron/service/worker/backend.js';
import { REGIONAL_CENTRE } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';
import { progressUntil, type Told } from '../helpers/progress.js';

const tempDir = useTempDirs();

const started: DeskBackend[] = [];
afterEach(async () => {
  for (const b of started.splice(0)) await b.dispose();
});
async function backend(over: Partial<HostOptions> = {}) {
  const b = await startDeskWorker({ dataDir: tempDir(), appVersion: '0.0.0-test', logger: silentLogger, ...over });
  started.push(b);
  return b;
}
async function value<T = Record<string, unknown>>(p: Promise<unknown>): Promise<T> {
  const r = (await p) as { ok: boolean; value?: T; error?: unknown };
  if (!r.ok) throw new Error(`call failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/**
 * Starts a long check, asks the status right after it (in one thread without turns it would wait
 * for the whole check) and the progress until it answers: the order the two answered in, what the
 * progress told, and the check's answer.
 */
async function checkWhileAsked<T>(b: DeskBackend, channel: string, input: unknown) {
  const order: string[] = [];
  const check = b.call(channel as never, input as never).then((r) => {
    order.push('check');
    return r;
  });
  const status = b.call('app.status', {}).then((r) => {
    order.push('status');
    return r;
  });
  const told = await progressUntil(check, () => value<Told | null>(b.call('jobs.progress', {})));
  const [report, st] = await Promise.all([value<T>(check), value<{ database: unknown }>(status)]);
  return { order, told, report, status: st };
}

const CYRILLIC = 'АБВГДЕЖЗИКЛМНОПРСТУФХ';
/** A register file of `rows` distinct people, as a centre exports it from its old spreadsheet. */
function registerCsv(rows: number, LETTERS = CYRILLIC) {
  const header =
    'registerNo,uic,sex,birthYear,citizenship,migrantType,legalStatus,keyPopulations,transmissionRoute,infectionCountry,diagnosisDate,diagnosisCountry';
  const line = (i: number) =>
    `W-${i + 1},${LETTERS[i % 21]}${LETTERS[Math.floor(i / 21) % 21]}${LETTERS[Math.floor(i / 441) % 21]}${LETTERS[Math.floor(i / 9261) % 21]}${(i % 2) + 1}${1950 + (Math.floor(i / 194481) % 50)},` +
    `${i % 2 ? 'female' : 'male'},${1950 + (Math.floor(i / 194481) % 50)},UZB,immigrant,irregular,pwid,heterosexual,RUS,2017-0${1 + (i % 9)}-1${i % 10},KAZ`;
  return {
    fileName: 'register.csv',
    contentBase64: Buffer.from([header, ...Array.from({ length: rows }, (_, i) => line(i))].join('\n')).toString('base64'),
  };
}

describe('the back end in its own thread', () => {
  it('answers the status while a 100,000-row file is being checked, then gives the whole check', async () => {
    const b = await backend();
    await value(b.call('setup.createCentre', REGIONAL_CENTRE)); // an empty register: every person in the file is new
    const {
      order,
      told,
      report,
      status: st,
    } = await checkWhileAsked<{
      rowsRead: { cases: number };
      accepted: { cases: number };
      rejectedTotal: number;
    }>(b, 'imports.preview', registerCsv(100_000));
    expect(order).toEqual(['status', 'check']);
    expect(told.length).toBeGreaterThan(0);
    expect(told.every((p) => p.channel === 'imports.preview')).toBe(true);
    const rows = told.map((p) => p.rows);
    expect(rows).toEqual([...rows].sort((x, y) => x - y)); // it only grows
    expect(rows.at(-1)).toBeGreaterThan(0);
    expect(await value(b.call('jobs.progress', {}))).toBeNull(); // and is gone when the check has answered
    expect(st.database).not.toBeNull();
    expect(report.rowsRead.cases).toBe(100_000);
    expect(report.accepted.cases).toBe(100_000);
    expect(report.rejectedTotal).toBe(0);
  }, 120_000);

  it('answers other calls while a 100,000-row form file is checked, counting its rows as it goes', async () => {
    const b = await backend();
    await value(b.call('setup.createCentre', REGIONAL_CENTRE));
    // Every testing-form count of every month of 25 years, over and over: each row checked as a typed cell is.
    const elements = ['tested', 'positive'].flatMap((m) =>
      ['mandatory', 'voluntary', 'antenatal', 'outreach', 'mobile_clinic', 'return'].map((x) => `${m}_${x}`),
    );
    const rows = Array.from({ length: 100_000 }, (_, i) => {
      const month = Math.floor(i / elements.length) % 300;
      return `${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')},${elements[i % elements.length]},total,${i % 97},`;
    });
    const file = {
      fileName: 'forms.csv',
      contentBase64: Buffer.from(['Period,Data element,Cell (breakdown),Value,Comment', ...rows].join('\n')).toString('base64'),
    };
    const { order, told, report } = await checkWhileAsked<{ rowsRead: number; accepted: { total: number }; rejectedTotal: number }>(
      b,
      'formImports.preview',
      file,
    );
    expect(order).toEqual(['status', 'check']);
    const counted = told.map((p) => p.rows);
    expect(told.every((p) => p.channel === 'formImports.preview')).toBe(true);
    expect(counted.length).toBeGreaterThan(0);
    expect(counted).toEqual([...counted].sort((x, y) => x - y));
    expect(counted.at(-1)).toBeGreaterThan(0);
    expect(counted.at(-1)).toBeLessThanOrEqual(100_000); // each row counted once
    expect(await value(b.call('jobs.progress', {}))).toBeNull();
    expect(report.rowsRead).toBe(100_000);
    expect(report.rejectedTotal).toBe(0);
    expect(report.accepted.total).toBe(300 * elements.length);
  }, 120_000);

  it("ends a form file's check when its account signs out meanwhile", async () => {
    const b = await backend();
    await value(b.call('setup.createCentre', REGIONAL_CENTRE));
    const rows = Array.from({ length: 50_000 }, (_, i) => `2020-${String((i % 12) + 1).padStart(2, '0')},tested_voluntary,total,${i},`);
    const check = b.call('formImports.preview', {
      fileName: 'forms.csv',
      contentBase64: Buffer.from(['Period,Data element,Cell (breakdown),Value,Comment', ...rows].join('\n')).toString('base64'),
    });
    await value(b.call('auth.signOut', {}));
    expect(await check).toMatchObject({ ok: false, error: { code: 'import_expired' } });
  }, 120_000);

  it('ends a check when the database is closed meanwhile, and the check cannot be confirmed after', async () => {
    const b = await backend();
    await value(b.call('setup.createCentre', REGIONAL_CENTRE)); // an empty register: every person in the file is new
    const check = b.call('imports.preview', registerCsv(50_000));
    const closed = await value<{ database: unknown }>(b.call('setup.close', {}));
    expect(closed.database).toBeNull();
    const r = (await check) as { ok: boolean; error?: { code: string } };
    expect(r).toMatchObject({ ok: false, error: { code: 'import_expired' } });
  }, 120_000);

  it("reaches the host's Save As dialog and key store from the thread", async () => {
    const savedDir = tempDir();
    const asked: string[] = [];
    // A stand-in for the operating system's key store: what it seals only it can unseal.
    const mask = Buffer.alloc(32, 0x5a);
    const b = await backend({
      chooseSavePath: async (name) => {
        asked.push(name);
        return join(savedDir, name);
      },
      sealer: {
        seal: (p) => Buffer.from(p.map((x, i) => x ^ mask[i % 32]!)),
        unseal: (s) => Buffer.from(s.map((x, i) => x ^ mask[i % 32]!)),
      },
    });
    await value(b.call('setup.createCentre', REGIONAL_CENTRE));
    const file = await value<{ fileName: string }>(b.call('imports.template', { language: 'ru' }));
    const saved = await value<{ savedTo: string | null }>(b.call('files.saveAs', { fileName: file.fileName }));
    expect(asked).toEqual([file.fileName]);
    expect(saved.savedTo).toBe(join(savedDir, file.fileName));
    expect(existsSync(saved.savedTo!)).toBe(true);
    expect(await b.exportPath(file.fileName)).toMatch(new RegExp(`${file.fileName.replace(/\./g, '\\.')}$`));

    // Remembered on this computer through the thread: signed out, then in again without a password.
    await value(b.call('auth.signOut', {}));
    expect(await b.exportPath(file.fileName)).toBeNull();
    await value(b.call('auth.signIn', { login: REGIONAL_CENTRE.login, password: REGIONAL_CENTRE.password, remember: true }));
    await value(b.call('auth.signOut', {}));
    const again = await value<{ user: { login: string } | null; signIn: { remembered: string | null } }>(b.call('app.status', {}));
    expect(again.user).toBeNull();
    expect(again.signIn.remembered).toBe(REGIONAL_CENTRE.login);
    const inAgain = await value<{ user: { login: string } | null }>(b.call('auth.signInRemembered', {}));
    expect(inAgain.user?.login).toBe(REGIONAL_CENTRE.login);
  }, 120_000);

  it('replaces a thread that dies: the call that killed it is refused, the next is answered with the database open again', async () => {
    const events: string[] = [];
    // A small heap, so a large file runs the thread out of memory as a hostile one would on a small laptop.
    // The file's text (Latin, 15 MB) is less than the 16 MB Node lets a dying thread's heap grow by: the
    // thread runs out while checking its rows, a little at a time, and ends alone. (A 300,000-row
    // Cyrillic file decoded to one 62 MB string at once, which V8 cannot refuse gracefully: in about a
    // third of runs it ended the whole process, threads and all.)
    const b = await backend({ heapMb: 48, logger: (_level, event) => void events.push(event) });
    const opened = await value<{ database: { path: string } }>(b.call('setup.openDemo', {}));
    const killing = await b.call('imports.preview', registerCsv(140_000, 'ABCDEFGHIKLMNOPRSTUVX'));
    expect(killing).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(events).toContain('backend.exited');
    const after = await value<{ database: { path: string } | null }>(b.call('app.status', {}));
    expect(after.database?.path).toBe(opened.database.path);
    expect(events.filter((e) => e === 'backend.exited')).toHaveLength(1);
  }, 120_000);

  it('refuses a payload too deeply nested to pass to the thread, and goes on answering', async () => {
    const b = await backend();
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    const r = await b.call('cases.get', { id: deep });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await b.call('app.status', {})).ok).toBe(true);
  }, 120_000);
});
