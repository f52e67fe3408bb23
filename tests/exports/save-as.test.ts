// Save As for an exported workbook: the back end copies the file where the host's dialog says
// (in Electron, dialog.showSaveDialog; here a function answering as a user would), never a path
// of the caller's choosing, and says so when the file or the folder is not there.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeskSession } from '../../electron/service/session.js';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { createCentre } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();

describe('save as', () => {
  it('copies an export to the chosen path; a cancelled dialog or a browser copies nothing; bad names and folders are refused', async () => {
    const target = join(tempDir(), 'Документы');
    mkdirSync(target);
    const answers: (string | null)[] = [join(target, 'для министерства.xlsx'), null, join(target, 'нет такой папки', 'x.xlsx')];
    const asked: string[] = [];
    const s = new DeskSession({
      dataDir: tempDir(),
      appVersion: 'test',
      logger: silentLogger,
      chooseSavePath: async (name) => {
        asked.push(name);
        return answers.shift()!;
      },
    });
    try {
      await createCentre(s);
      const t = await dispatchAsync(s, 'imports.template', { language: 'ru' }, silentLogger);
      if (!t.ok) throw new Error(JSON.stringify(t.error));

      expect(await dispatchAsync(s, 'files.saveAs', { fileName: t.value.fileName }, silentLogger)).toEqual({
        ok: true,
        value: { savedTo: join(target, 'для министерства.xlsx') },
      });
      expect(asked).toEqual([t.value.fileName]);
      expect(readFileSync(join(target, 'для министерства.xlsx')).equals(readFileSync(t.value.path))).toBe(true);
      expect(await dispatchAsync(s, 'files.saveAs', { fileName: t.value.fileName }, silentLogger)).toEqual({
        ok: true,
        value: { savedTo: null },
      });
      const r = await dispatchAsync(s, 'files.saveAs', { fileName: t.value.fileName }, silentLogger);
      expect(!r.ok && r.error.code).toBe('folder_not_writable');
      expect(existsSync(join(target, 'нет такой папки'))).toBe(false);

      expect(await dispatchAsync(s, 'files.saveAs', { fileName: 'missing.xlsx' }, silentLogger)).toMatchObject({
        ok: false,
        error: { code: 'file_not_found' },
      });
      expect(await dispatchAsync(s, 'files.saveAs', { fileName: '../config.json' }, silentLogger)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      expect(asked).toHaveLength(3);
    } finally {
      s.dispose();
    }
  });

  it('without a host dialog (a browser) copies nothing', async () => {
    const s = new DeskSession({ dataDir: tempDir(), appVersion: 'test', logger: silentLogger });
    try {
      await createCentre(s);
      const t = await dispatchAsync(s, 'imports.template', { language: 'en' }, silentLogger);
      expect(t.ok && (await dispatchAsync(s, 'files.saveAs', { fileName: t.value.fileName }, silentLogger))).toEqual({
        ok: true,
        value: { savedTo: null },
      });
    } finally {
      s.dispose();
    }
  });

  it('print to PDF goes through the host (Electron) and is audited; cancelled or without a host, nothing', async () => {
    const answers: (string | null)[] = ['/tmp/бюллетень.pdf', null];
    const asked: string[] = [];
    const s = new DeskSession({
      dataDir: tempDir(),
      appVersion: 'test',
      logger: silentLogger,
      printToPdf: async (name) => {
        asked.push(name);
        return answers.shift()!;
      },
    });
    try {
      await createCentre(s);
      expect(await dispatchAsync(s, 'files.printToPdf', { fileName: 'fact-sheet-KAZ-2017.pdf' }, silentLogger)).toEqual({
        ok: true,
        value: { savedTo: '/tmp/бюллетень.pdf' },
      });
      const audit = dispatch(s, 'audit.recent', { limit: 1 }, silentLogger);
      expect(audit.ok && audit.value[0]).toMatchObject({ action: 'export', entity: 'printed_page', entityId: 'fact-sheet-KAZ-2017.pdf' });
      expect(await dispatchAsync(s, 'files.printToPdf', { fileName: 'fact-sheet-KAZ-2017.pdf' }, silentLogger)).toEqual({
        ok: true,
        value: { savedTo: null },
      });
      const after = dispatch(s, 'audit.recent', { limit: 5 }, silentLogger);
      expect(after.ok && after.value.filter((e) => e.entity === 'printed_page')).toHaveLength(1);
      expect(await dispatchAsync(s, 'files.printToPdf', { fileName: '../x.pdf' }, silentLogger)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      expect(asked).toEqual(['fact-sheet-KAZ-2017.pdf', 'fact-sheet-KAZ-2017.pdf']);
    } finally {
      s.dispose();
    }
  });
});
