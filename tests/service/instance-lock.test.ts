// One running app per data folder: the second start learns who holds it and what they answered;
// a lock left by a crash does not block; a folder whose path is too long for a socket still locks.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireInstanceLock, lockPath, type HolderAnswer } from '../../electron/service/instance-lock.js';
import { useTempDirs } from '../helpers/tmp.js';
import { ROOT } from '../architecture/imports.js';

const tempDir = useTempDirs();
const answer = (url: string | null): HolderAnswer => ({ app: 'migrant-hiv-desk', mode: url ? 'browser' : 'window', url });

describe('the instance lock', () => {
  it('is held by the first, answered to the second, and free again once released', async () => {
    const dir = tempDir();
    let asked = 0;
    const first = await acquireInstanceLock(dir, () => {
      asked++;
      return answer('http://127.0.0.1:1/#launch=x');
    });
    expect('lock' in first).toBe(true);
    const second = await acquireInstanceLock(dir, () => answer(null));
    expect(second).toEqual({ heldBy: answer('http://127.0.0.1:1/#launch=x') });
    expect(asked).toBe(1);
    if ('lock' in first) await first.lock.release();
    const third = await acquireInstanceLock(dir, () => answer(null));
    expect('lock' in third).toBe(true);
    if ('lock' in third) await third.lock.release();
  });

  it('is not blocked by what a crash leaves: a socket file nobody listens on', async () => {
    const dir = tempDir();
    // A process that takes the lock and is killed outright: no chance to clean up.
    const script = `const { acquireInstanceLock } = await import(${JSON.stringify(join(ROOT, 'dist/node/electron/service/instance-lock.js'))});
      const r = await acquireInstanceLock(${JSON.stringify(dir)}, () => ({ app: 'migrant-hiv-desk', mode: 'window', url: null }));
      console.log('lock' in r ? 'held' : 'not held');`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((done) => child.stdout.on('data', (c: Buffer) => c.toString().includes('held') && done()));
    child.kill('SIGKILL');
    await new Promise((done) => child.on('exit', done));
    expect(existsSync(lockPath(dir))).toBe(true); // left behind
    const after = await acquireInstanceLock(dir, () => answer(null));
    expect('lock' in after).toBe(true);
    if ('lock' in after) await after.lock.release();
    // A plain file where the socket should be (a copied folder, say) does not block either.
    const other = tempDir();
    writeFileSync(lockPath(other), '');
    const taken = await acquireInstanceLock(other, () => answer(null));
    expect('lock' in taken).toBe(true);
    if ('lock' in taken) await taken.lock.release();
  }, 60_000);

  it('is taken on a first start, when the data folder does not exist yet', async () => {
    const fresh = join(tempDir(), 'not-yet', 'migrant-hiv-desk');
    const held = await acquireInstanceLock(fresh, () => answer(null));
    expect('lock' in held).toBe(true);
    if ('lock' in held) await held.lock.release();
  });

  it('lives in the data folder, or in the temp folder when the folder path is too long for a socket', async () => {
    expect(lockPath('/home/clerk/.config/migrant-hiv-desk', 'linux')).toBe('/home/clerk/.config/migrant-hiv-desk/desk.lock');
    expect(lockPath('C:\\Users\\Clerk\\AppData\\Roaming\\migrant-hiv-desk', 'win32')).toMatch(
      /^\\\\\.\\pipe\\migrant-hiv-desk-[0-9a-f]{24}$/,
    );
    const deep = join(tempDir(), 'a'.repeat(60), 'b'.repeat(60));
    expect(lockPath(deep).startsWith(tmpdir())).toBe(true);
    const held = await acquireInstanceLock(deep, () => answer(null));
    expect(await acquireInstanceLock(deep, () => answer(null))).toEqual({ heldBy: answer(null) });
    if ('lock' in held) await held.lock.release();
  });
});
