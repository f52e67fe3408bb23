// Accounts of a centre's database: sign-in name, roles, org-unit scope, disabled or not. Every
// change is audited; the last administrator cannot be disabled or lose the role (no one could
// then manage accounts).
import { stmt, type Db } from './connection.js';
import { changeWithAudit } from './audit.js';
import { ROLES, type Role } from '../shared/auth/roles.js';
import { loginKey } from '../shared/auth/password-rules.js';
import { fail } from '../shared/result.js';
import type { Account } from '../shared/auth/api.js';

type Row = { id: number; login: string; roles: string; org_unit_id: number | null; disabled: number; created_at: string };

const toAccount = (r: Row): Account => ({
  id: r.id,
  login: r.login,
  roles: (JSON.parse(r.roles) as Role[]).filter((x) => ROLES.includes(x)),
  orgUnitId: r.org_unit_id,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
});

export function listAccounts(db: Db): Account[] {
  return (stmt(db, 'SELECT * FROM account ORDER BY login_key').all() as Row[]).map(toAccount);
}

export function accountByLogin(db: Db, login: string): Account | null {
  const row = stmt(db, 'SELECT * FROM account WHERE login_key = ?').get(loginKey(login)) as Row | undefined;
  return row ? toAccount(row) : null;
}

export function accountById(db: Db, id: number): Account {
  const row = stmt(db, 'SELECT * FROM account WHERE id = ?').get(id) as Row | undefined;
  return row ? toAccount(row) : fail('not_found');
}

const sortedRoles = (roles: readonly Role[]) => ROLES.filter((r) => roles.includes(r));

export function createAccount(
  db: Db,
  actor: string,
  input: { login: string; roles: readonly Role[]; orgUnitId: number | null },
  now = new Date(),
): Account {
  return changeWithAudit(db, actor, (record) => {
    if (accountByLogin(db, input.login)) fail('already_exists', { file: input.login.trim() });
    const roles = JSON.stringify(sortedRoles(input.roles));
    const { lastInsertRowid } = stmt(
      db,
      'INSERT INTO account (login, login_key, roles, org_unit_id, created_at) VALUES (?, ?, ?, ?, ?)',
    ).run(input.login.trim(), loginKey(input.login), roles, input.orgUnitId, now.toISOString());
    const account = accountById(db, Number(lastInsertRowid));
    record({
      action: 'create',
      entity: 'account',
      entityId: account.id,
      newValue: { login: account.login, roles: account.roles, orgUnitId: account.orgUnitId },
    });
    return account;
  });
}

const activeAdmins = (db: Db) => listAccounts(db).filter((a) => !a.disabled && a.roles.includes('admin')).length;

export function updateAccount(
  db: Db,
  actor: string,
  id: number,
  change: { roles?: readonly Role[]; disabled?: boolean; orgUnitId?: number | null },
): Account {
  return changeWithAudit(db, actor, (record) => {
    const before = accountById(db, id);
    const roles = change.roles ? sortedRoles(change.roles) : before.roles;
    const disabled = change.disabled ?? before.disabled;
    const orgUnitId = change.orgUnitId === undefined ? before.orgUnitId : change.orgUnitId;
    stmt(db, 'UPDATE account SET roles = ?, disabled = ?, org_unit_id = ? WHERE id = ?').run(
      JSON.stringify(roles),
      disabled ? 1 : 0,
      orgUnitId,
      id,
    );
    if (activeAdmins(db) === 0) fail('last_admin');
    const after = accountById(db, id);
    record({
      action: 'update',
      entity: 'account',
      entityId: id,
      oldValue: { roles: before.roles, disabled: before.disabled, orgUnitId: before.orgUnitId },
      newValue: { roles: after.roles, disabled: after.disabled, orgUnitId: after.orgUnitId },
    });
    return after;
  });
}
