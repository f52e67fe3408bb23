// A centre's plain database of the previous version is encrypted in place. The conversion runs in
// a child process (the built back end, as the app runs it) that is killed with SIGKILL at random
// moments; after each kill the app starts on the folder and must find the whole register, either
// still plain (and the conversion offered again) or encrypted (and opened by the password), with
// no half-made file left and no plain copy beside an encrypted register.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskDatabase } from '../../db/open.js';
import { ensureFacility } from '../../db/org-units.js';
import { setSetting } from '../../db/settings.js';
import { importCases } from '../../db/cases.js';
import { writeConfig, DEFAULT_CONFIG } from '../../electron/service/app-config.js';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { ROOT } from '../architecture/imports.js';
import { aCase } from '../helpers/cases.js';
import { useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();
const dist = (p: string) => join(ROOT, 'dist', 'node', p);
const ADMIN = { login: 'Гульнара', password: 'ТуркестанВесна-2017' };
const CASES = 2000;

/** A plain centre database as the previous version left it, with CASES cases. */
function previousVersionDatabase(dir: string): string {
  const path = join(dir, 'migrant-hiv-kaz.sqlite');
  createDeskDatabase(path, (db) => {
    const unit = ensureFacility(db, 'Гульнара', { countryCode: 'KAZ', region: 'Туркестанская область', facility: 'Областной центр СПИД' });
    setSetting(db, 'Гульнара', 'installation_org_unit', String(unit.id));
    const rows = Array.from({ length: CASES }, (_, i) => ({
      row: i + 2,
      input: aCase({ registerNo: `R-${i}`, uic: `ПЛАН${String(10000 + i).slice(-5)}`, birthYear: 1950 + (i % 50) }),
      events: [],
    }));
    importCases(db, 'Гульнара', unit.id, 'register.csv', rows, [], {});
  }).close();
  return path;
}

/** The conversion in a child process; killed `killAfter` ms past its start, or by itself (SIGKILL) as step `dieAfterStep` ends. */
function convert(
  path: string,
  killAfter: number | null,
  dieAfterStep: number | null = null,
): Promise<{ code: number | null; signal: string | null; ms: number }> {
  const script = `
    const { createVault } = await import(${JSON.stringify(dist('electron/service/vault/vault.js'))});
    const { encryptInPlace } = await import(${JSON.stringify(dist('electron/service/vault/encrypt-in-place.js'))});
    const v = await createVault(${JSON.stringify(ADMIN)});
    process.stdout.write('start\\n');
    encryptInPlace(${JSON.stringify(path)}, { keys: v.keys, dataKey: v.dataKey, admin: ${JSON.stringify(ADMIN.login)}, log: () => {},
      afterStep: (n) => { if (n === ${dieAfterStep ?? -1}) process.kill(process.pid, 'SIGKILL'); } });
    process.stdout.write('done\\n');`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let started = 0;
    child.stdout.on('data', (c: Buffer) => {
      if (!started && c.toString().includes('start')) {
        started = Date.now();
        if (killAfter !== null) setTimeout(() => child.kill('SIGKILL'), killAfter);
      }
    });
    child.on('exit', (code, signal) => resolve({ code, signal, ms: started ? Date.now() - started : 0 }));
  });
}

describe('encrypting the previous version’s database in place', () => {
  it('through the app: the administrator is created, the file encrypted, the plain copy gone, the register whole', async () => {
    const dir = tempDir();
    const path = previousVersionDatabase(dir);
    writeConfig(dir, { ...DEFAULT_CONFIG, database: { path, kind: 'centre' } });
    const s = session(dir);
    expect(s.status()).toMatchObject({ database: null, conversion: { file: 'migrant-hiv-kaz.sqlite' } });
    const r = await dispatchAsync(s, 'setup.encryptExisting', ADMIN, silentLogger);
    expect(r.ok && r.value.status).toMatchObject({ user: { login: 'Гульнара' }, database: { encrypted: true } });
    const list = dispatch(s, 'cases.list', { page: 0 }, silentLogger);
    expect(list.ok && list.value.total).toBe(CASES);
    expect(
      readdirSync(dir)
        .filter((f) => f.startsWith('migrant-hiv-kaz'))
        .sort(),
      readdirSync(dir).join(', '),
    ).toEqual(['migrant-hiv-kaz.sqlite', 'migrant-hiv-kaz.sqlite-shm', 'migrant-hiv-kaz.sqlite-wal', 'migrant-hiv-kaz.sqlite.keys']);
    expect(readFileSync(path).includes(Buffer.from('ПЛАН10007'))).toBe(false);
  });

  it('killed at the end of each step and at random moments, nothing is lost and no plain copy stays beside an encrypted register', async () => {
    expect(existsSync(dist('electron/service/vault/encrypt-in-place.js')), 'run `npm test` or `npm run build` first').toBe(true);
    const template = previousVersionDatabase(tempDir());
    // One run to the end, to know how long the conversion takes on this machine.
    const timing = tempDir();
    copyFileSync(template, join(timing, 'migrant-hiv-kaz.sqlite'));
    const full = await convert(join(timing, 'migrant-hiv-kaz.sqlite'), null);
    expect(full.code).toBe(0);
    const outcomes = { plain: 0, encrypted: 0 };
    // Cut at the end of each of its six steps (certain), then at eight moments spread over a run.
    const cuts = [
      ...[1, 2, 3, 4, 5, 6].map((step) => ({ step, ms: null })),
      ...Array.from({ length: 8 }, (_, i) => ({ step: null, ms: Math.floor(((i + Math.random()) / 8) * full.ms * 1.1) })),
    ];
    for (const [i, cut] of cuts.entries()) {
      const dir = tempDir();
      const path = join(dir, 'migrant-hiv-kaz.sqlite');
      copyFileSync(template, path);
      writeConfig(dir, { ...DEFAULT_CONFIG, database: { path, kind: 'centre' } });
      await convert(path, cut.ms, cut.step);
      const s = session(dir);
      const status = s.status();
      expect(status.openError, `run ${i}`).toBeNull();
      const left = readdirSync(dir);
      expect(
        left.filter((f) => /\.(encrypting|plain-backup|part|tmp)/.test(f)),
        `run ${i}: ${left.join(', ')}`,
      ).toEqual([]);
      if (status.conversion) {
        outcomes.plain++;
        expect(existsSync(`${path}.keys`), `run ${i}`).toBe(false); // a key that opens nothing is put aside
        const r = await dispatchAsync(s, 'setup.encryptExisting', ADMIN, silentLogger); // and the conversion can be run again
        expect(r.ok, `run ${i}: ${JSON.stringify(r)}`).toBe(true);
      } else {
        outcomes.encrypted++;
        expect(status.signIn, `run ${i}`).toMatchObject({ file: 'migrant-hiv-kaz.sqlite' });
        const r = await dispatchAsync(s, 'auth.signIn', ADMIN, silentLogger);
        expect(r.ok, `run ${i}: ${JSON.stringify(r)}`).toBe(true);
      }
      const list = dispatch(s, 'cases.list', { page: 0 }, silentLogger);
      expect(list.ok && list.value.total, `run ${i}`).toBe(CASES);
      // Whatever the outcome, now no file in the folder (or its backups) holds the register in clear.
      for (const f of readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
        expect(readFileSync(join(f.parentPath, f.name)).includes(Buffer.from('ПЛАН10007')), `run ${i}: ${f.name}`).toBe(false);
      }
      s.dispose();
    }
    // The cuts at steps 1-4 come before the switch, 5 and 6 after it: both sides were met.
    expect(outcomes.plain).toBeGreaterThanOrEqual(4);
    expect(outcomes.encrypted).toBeGreaterThanOrEqual(2);
  }, 300_000); // fourteen processes, each deriving keys: minutes on a busy 2-core laptop
});
