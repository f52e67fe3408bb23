// Two processes writing to one database file (two windows before the instance lock, or a file
// opened from two data folders): every save must wait its turn, none may fail. Deferred
// transactions that read first and then write skip the busy timeout (SQLITE_BUSY_SNAPSHOT); write
// transactions begin IMMEDIATE. Runs the built back end (dist/), as the app does.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskDatabase } from '../../db/open.js';
import { ensureFacility } from '../../db/org-units.js';
import { ROOT } from '../architecture/imports.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const dist = (p: string) => join(ROOT, 'dist', 'node', p);

/** A process saving `n` form cells one call at a time, as a clerk's grid does; prints what failed. */
function saver(file: string, unit: number, n: number, column: string): Promise<{ failed: Record<string, number>; saved: number }> {
  const script = `
    const { openDeskDatabase } = await import(${JSON.stringify(dist('db/open.js'))});
    const { saveCells } = await import(${JSON.stringify(dist('db/forms.js'))});
    const db = openDeskDatabase(${JSON.stringify(file)});
    const failed = {};
    let saved = 0;
    for (let i = 0; i < ${n}; i++) {
      try {
        saveCells(db, 'x', { form: 'testing', orgUnitId: ${unit}, period: String(2000 + (i % 20)) }, [{ de: 'tested_${column}', coc: 'total', value: String(i + 1) }]);
        saved++;
      } catch (e) { failed[e.code ?? e.message] = (failed[e.code ?? e.message] ?? 0) + 1; }
    }
    db.close();
    console.log(JSON.stringify({ failed, saved }));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`saver exited ${code}: ${out}`))));
  });
}

describe('two processes saving into one database', () => {
  it('every save of both succeeds: writes wait for each other instead of failing', async () => {
    expect(existsSync(dist('db/forms.js')), 'run `npm test` or `npm run build` first').toBe(true);
    const file = join(tempDir(), 'shared.sqlite');
    let unit = 0;
    createDeskDatabase(file, (db) => void (unit = ensureFacility(db, 'x', { countryCode: 'KAZ', region: 'r', facility: 'f' }).id)).close();
    const [a, b] = await Promise.all([saver(file, unit, 400, 'voluntary'), saver(file, unit, 400, 'mandatory')]);
    expect([a.failed, b.failed]).toEqual([{}, {}]);
    expect(a.saved + b.saved).toBe(800);
  }, 120_000);

  it('no write transaction in the back end begins deferred', () => {
    // Every write goes through writeTransaction (BEGIN IMMEDIATE); a bare db.transaction() would read first and fail later.
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith(join('db', 'connection.ts')) && /\.transaction\(/.test(readFileSync(p, 'utf8')))
          offenders.push(p.slice(ROOT.length + 1));
      }
    };
    for (const top of ['db', 'electron', 'shared']) walk(join(ROOT, top));
    expect(offenders).toEqual([]);
  });
});
