// Sign-in, lock, passwords and accounts. Every account change is audited in the database; the
// key file is rewritten after the database change commits (an account without a slot cannot sign
// in until its password is reset; a slot without an account opens nothing).
import { accountById, createAccount, listAccounts, updateAccount } from '../../../db/accounts.js';
import { changeWithAudit } from '../../../db/audit.js';
import { checkAnchors, verifyChain } from '../../../db/audit-chain.js';
import { backupFolder, listBackups } from '../backups/backups.js';
import { setSetting } from '../../../db/settings.js';
import type { Handlers } from '../handlers.js';
import type { DeskSession } from '../session.js';
import { checkPassword, withoutPassword, withPassword } from '../vault/vault.js';

async function setPassword(s: DeskSession, login: string, password: string) {
  const vault = s.openVault;
  s.saveKeys(await withPassword(vault.keys, vault.dataKey, login, password));
}

export const authHandlers: Pick<
  Handlers,
  | 'setup.encryptExisting'
  | 'auth.signIn'
  | 'auth.signInRemembered'
  | 'auth.forgetHere'
  | 'auth.restoreLatest'
  | 'auth.recover'
  | 'auth.unlock'
  | 'auth.lock'
  | 'auth.signOut'
  | 'auth.changePassword'
  | 'accounts.list'
  | 'accounts.create'
  | 'accounts.update'
  | 'accounts.resetPassword'
  | 'settings.setIdleLock'
  | 'audit.verify'
> = {
  'setup.encryptExisting': (s, { login, password }) => s.encryptExisting({ login, password }),
  'auth.signIn': (s, { login, password, remember }) => s.signIn(login, password, remember ?? false),
  'auth.signInRemembered': (s) => s.signInRemembered(),
  'auth.forgetHere': (s) => s.forgetHere(),
  'auth.recover': (s, { login, recoveryCode, newPassword }) => s.recover(login, recoveryCode, newPassword),
  'auth.unlock': (s, { password }) => s.unlock(password),
  'auth.restoreLatest': (s, { login, password }) => s.restoreLatestGood(login, password),
  'auth.lock': (s) => s.lock(),
  'auth.signOut': (s) => s.signOut(),
  'auth.changePassword': async (s, { current, next }) => {
    await s.checkOwnPassword(current);
    checkPassword(next, s.actor);
    await setPassword(s, s.actor, next);
    changeWithAudit(s.database, s.actor, (record) => record({ action: 'password', entity: 'account', entityId: s.actor }));
    return s.status();
  },
  'accounts.list': (s) => listAccounts(s.database),
  'accounts.create': async (s, { login, password, roles, orgUnitId }) => {
    checkPassword(password, login);
    void s.openVault; // a centre database: the demo has no key to wrap
    createAccount(s.database, s.actor, { login, roles, orgUnitId });
    await setPassword(s, login, password);
    return listAccounts(s.database);
  },
  'accounts.update': (s, { id, roles, disabled, orgUnitId }) => {
    const after = updateAccount(s.database, s.actor, id, {
      ...(roles ? { roles } : {}),
      ...(disabled !== undefined ? { disabled } : {}),
      ...(orgUnitId !== undefined ? { orgUnitId } : {}),
    });
    // A disabled account's password no longer opens the key; enabling it again needs a new password.
    if (after.disabled) s.saveKeys(withoutPassword(s.openVault.keys, after.login));
    const list = listAccounts(s.database);
    s.refreshUser(after);
    return list;
  },
  'accounts.resetPassword': async (s, { id, password }) => {
    const account = accountById(s.database, id);
    checkPassword(password, account.login);
    await setPassword(s, account.login, password);
    changeWithAudit(s.database, s.actor, (record) =>
      record({ action: 'password', entity: 'account', entityId: account.id, newValue: { resetBy: s.actor } }),
    );
    return listAccounts(s.database);
  },
  'settings.setIdleLock': (s, { minutes }) => {
    setSetting(s.database, s.actor, 'idle_lock_minutes', String(minutes));
    return s.status();
  },
  'audit.verify': (s) => {
    const chain = verifyChain(s.database);
    const path = s.status().database?.path;
    const anchors = checkAnchors(s.database, path ? listBackups(backupFolder(s.dataDir), path) : []);
    const check = { ...chain, ok: chain.ok && anchors.contradicted === null, anchors };
    changeWithAudit(s.database, s.actor, (record) =>
      record({
        action: 'verify',
        entity: 'audit_log',
        newValue: { ok: check.ok, checked: check.checked, head: check.head, firstBad: check.firstBad?.id ?? null },
      }),
    );
    return check;
  },
};
