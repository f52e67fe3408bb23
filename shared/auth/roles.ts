// Who may do what. A channel of the contract names one permission; a role grants a set of them;
// an account holds one or more roles. The back end's dispatch is the check, the UI only hides.
export const ROLES = ['admin', 'entry', 'approver', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Always: the app's state, its language, signing in. */
  'open',
  /** Only while no database is open: create, open the demo, open a file. */
  'setup',
  /** Any signed-in account: its own password, locking, closing, the centre's org units. */
  'signedIn',
  'register.read',
  'register.write',
  'forms.write',
  'forms.approve',
  /** Figures on screen: dashboard, trend, fact sheet. */
  'indicators.view',
  /** Files that leave the centre (workbooks, line lists, fact sheets) and the fact sheet's texts. */
  'analysis',
  /** Accounts, settings, backups, the change log's verification. */
  'admin',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERY_ROLE: readonly Permission[] = ['signedIn', 'register.read', 'indicators.view'];

export const ROLE_GRANTS: Record<Role, readonly Permission[]> = {
  admin: [...EVERY_ROLE, 'admin'],
  entry: [...EVERY_ROLE, 'register.write', 'forms.write'],
  approver: [...EVERY_ROLE, 'forms.approve'],
  analyst: [...EVERY_ROLE, 'analysis'],
};

export function grants(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => ROLE_GRANTS[r].includes(permission));
}
