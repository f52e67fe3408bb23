// First start's files (issue 17, item 11): this country's database already in the folder is asked
// about, not silently doubled; "beside it" makes the second; recent files and the data folder's
// databases are listed; a host without an Open dialog says so.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { REGIONAL_CENTRE, useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const session = useSessions();
const tempDir = useTempDirs();

describe('first start: the files', () => {
  it('asks before a second database of the same country, makes it beside only when told, and remembers both', async () => {
    const dir = tempDir();
    const s = session(dir);
    const first = await dispatchAsync(s, 'setup.createCentre', REGIONAL_CENTRE, silentLogger);
    expect(first.ok).toBe(true);
    dispatch(s, 'setup.close', {}, silentLogger);

    const again = await dispatchAsync(s, 'setup.createCentre', { ...REGIONAL_CENTRE, login: 'Второй' }, silentLogger);
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'centre_exists', params: { file: 'migrant-hiv-kaz.sqlite', path: join(dir, 'migrant-hiv-kaz.sqlite') } },
    });
    expect(existsSync(join(dir, 'migrant-hiv-kaz-2.sqlite'))).toBe(false);

    const beside = await dispatchAsync(s, 'setup.createCentre', { ...REGIONAL_CENTRE, login: 'Второй', alongside: true }, silentLogger);
    if (!beside.ok) throw new Error(JSON.stringify(beside.error));
    expect(basename(beside.value.status.database!.path)).toBe('migrant-hiv-kaz-2.sqlite');
    dispatch(s, 'setup.close', {}, silentLogger);

    // Both remembered, the latest first; both listed from the folder, the demo aside.
    dispatch(s, 'setup.openDemo', {}, silentLogger);
    dispatch(s, 'setup.close', {}, silentLogger);
    const status = dispatch(s, 'app.status', {}, silentLogger);
    if (!status.ok) throw new Error('no status');
    expect(status.value.recent.map((r) => [r.file, r.exists])).toEqual([
      ['migrant-hiv-kaz-2.sqlite', true],
      ['migrant-hiv-kaz.sqlite', true],
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).recent.map((p: string) => basename(p))).toEqual([
      'migrant-hiv-kaz-2.sqlite',
      'migrant-hiv-kaz.sqlite',
    ]);
    // Files that only end in .sqlite (empty, text) are not offered as databases.
    writeFileSync(join(dir, 'empty.sqlite'), '');
    writeFileSync(join(dir, 'notes.sqlite'), 'not a database');
    const files = dispatch(s, 'setup.databases', {}, silentLogger);
    if (!files.ok) throw new Error('no list');
    expect(files.value.map((f) => f.file).sort()).toEqual(['migrant-hiv-kaz-2.sqlite', 'migrant-hiv-kaz.sqlite']);
    expect(files.value.every((f) => f.bytes > 0)).toBe(true);

    // A recent file since moved away is shown as gone; the browser has no Open dialog and says so.
    renameSync(join(dir, 'migrant-hiv-kaz-2.sqlite'), join(tempDir(), 'moved.sqlite'));
    const status2 = dispatch(s, 'app.status', {}, silentLogger);
    if (!status2.ok) throw new Error('no status');
    expect(status2.value.recent.map((r) => r.exists)).toEqual([false, true]);
    expect(status2.value.canBrowse).toBe(false);
    // The first one moved away too, its numbered sibling back: still asked about, by the sibling's name.
    renameSync(join(dir, 'migrant-hiv-kaz.sqlite'), join(tempDir(), 'moved-1.sqlite'));
    renameSync(join(dir, 'migrant-hiv-kaz.sqlite.keys'), join(tempDir(), 'moved-1.sqlite.keys'));
    writeFileSync(join(dir, 'migrant-hiv-kaz-3.sqlite'), '');
    expect(await dispatchAsync(s, 'setup.createCentre', { ...REGIONAL_CENTRE, login: 'Третий' }, silentLogger)).toMatchObject({
      ok: false,
      error: { code: 'centre_exists', params: { file: 'migrant-hiv-kaz-3.sqlite' } },
    });
    expect(await dispatchAsync(s, 'setup.browse', {}, silentLogger)).toMatchObject({ ok: false, error: { code: 'no_dialog' } });
  });

  it('opens the file a host dialog chooses, and nothing when the person cancels', async () => {
    const dir = tempDir();
    const chosen: (string | null)[] = [null, join(dir, 'elsewhere.sqlite')];
    const { DeskSession } = await import('../../electron/service/session.js');
    const s = new DeskSession({
      dataDir: dir,
      appVersion: '0.0.0-test',
      logger: silentLogger,
      chooseOpenPath: async () => chosen.shift()!,
    });
    try {
      const status = dispatch(s, 'app.status', {}, silentLogger);
      expect(status.ok && status.value.canBrowse).toBe(true);
      expect(await dispatchAsync(s, 'setup.browse', {}, silentLogger)).toEqual({ ok: true, value: { path: null } });
      expect(await dispatchAsync(s, 'setup.browse', {}, silentLogger)).toEqual({
        ok: true,
        value: { path: join(dir, 'elsewhere.sqlite') },
      });
    } finally {
      s.dispose();
    }
  });
});
