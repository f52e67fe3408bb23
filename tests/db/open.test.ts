import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskDatabase, openDeskDatabase } from '../../db/open.js';
import { failureOf } from '../helpers/failure.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();

describe('opening database files', () => {
  it('sets the pragmas every connection needs', () => {
    const db = createDeskDatabase(join(tempDir(), 'a.sqlite'), () => {});
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('refuses a file that is not SQLite and leaves it as it was', () => {
    const file = join(tempDir(), 'register.xlsx');
    writeFileSync(file, 'PK\u0003\u0004 not a database');
    expect(failureOf(() => openDeskDatabase(file))).toMatchObject({ code: 'not_sqlite', params: { file: 'register.xlsx' } });
    expect(readFileSync(file, 'utf8')).toBe('PK\u0003\u0004 not a database');
  });

  it('refuses a file with an SQLite header but damaged content', () => {
    const file = join(tempDir(), 'broken.sqlite');
    writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(4096, 0xab)]));
    expect(failureOf(() => openDeskDatabase(file))).toMatchObject({ code: 'db_damaged', params: { file: 'broken.sqlite' } }); // its own code: the header says SQLite
  });

  it("refuses another program's SQLite database without migrating it", () => {
    const file = join(tempDir(), 'other.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE patients (id INTEGER)');
    other.close();
    expect(failureOf(() => openDeskDatabase(file)).code).toBe('not_desk_database');
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    expect(check.prepare(`SELECT count(*) n FROM sqlite_master WHERE name = 'audit_log'`).get()).toEqual({ n: 0 });
    check.close();
  });

  it('names a missing file', () => {
    expect(failureOf(() => openDeskDatabase(join(tempDir(), 'gone.sqlite')))).toMatchObject({
      code: 'file_not_found',
      params: { file: 'gone.sqlite' },
    });
  });

  it('refuses a folder it cannot write to and leaves nothing behind', () => {
    const dir = tempDir();
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, '');
    const error = failureOf(() => createDeskDatabase(join(notAFolder, 'db.sqlite'), () => {}));
    expect(error.code).toBe('folder_not_writable');
    expect(error.params?.reason).toMatch(/^E[A-Z]+$/);
    expect(readdirSync(dir)).toEqual(['file']);
  });

  it('leaves no half-made file when filling the new database fails', () => {
    const dir = tempDir();
    const file = join(dir, 'new.sqlite');
    expect(() =>
      createDeskDatabase(file, () => {
        throw new Error('fill failed');
      }),
    ).toThrow('fill failed');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never overwrites an existing file when creating', () => {
    const file = join(tempDir(), 'kept.sqlite');
    writeFileSync(file, 'precious');
    expect(failureOf(() => createDeskDatabase(file, () => {})).code).toBe('already_exists');
    expect(readFileSync(file, 'utf8')).toBe('precious');
  });
});
