// Settings → Backups: the list, "Back up now" (to the backups folder or a folder the user picks,
// a USB stick), a look at a backup file before restoring it, and the restore itself.
import { isAbsolute, resolve } from 'node:path';
import { changeWithAudit } from '../../../db/audit.js';
import { ensureWritableFolder } from '../../../db/open.js';
import { fail } from '../../../shared/result.js';
import type { Handlers } from '../handlers.js';
import { backupFolder, inspectBackupFile, listBackups, writeBackup } from './backups.js';

export const backupHandlers: Pick<Handlers, 'backups.list' | 'backups.create' | 'backups.inspect' | 'backups.restore'> = {
  'backups.list': (s) => listBackups(backupFolder(s.dataDir), s.openVault.path),
  'backups.create': (s, { folder }) => {
    if (folder && !isAbsolute(folder)) fail('folder_not_writable', { folder, reason: 'not an absolute path' });
    const target = folder ? resolve(folder) : backupFolder(s.dataDir);
    ensureWritableFolder(target);
    const vault = s.openVault;
    const info = writeBackup(s.database, vault.path, s.openKey, target, 'manual');
    changeWithAudit(s.database, s.actor, (record) =>
      record({
        action: 'backup',
        entity: 'database',
        entityId: info.file,
        newValue: { kind: 'manual', chainHead: info.chainHead, cases: info.counts.cases },
      }),
    );
    return info;
  },
  'backups.inspect': (s, { path }) => {
    if (!isAbsolute(path)) fail('file_not_found', { file: path });
    return inspectBackupFile(path, s.openKey);
  },
  'backups.restore': (s, { path }) => {
    if (!isAbsolute(path)) fail('file_not_found', { file: path });
    return s.restoreBackup(path);
  },
};
