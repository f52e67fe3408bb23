// What the signed-in account may do, for screens to hide what the back end would refuse anyway.
import { createContext, useContext, type ReactNode } from 'react';
import type { Permission } from '../../shared/auth/roles';

const Granted = createContext<readonly Permission[]>([]);

export function PermissionsProvider({ permissions, children }: { permissions: readonly Permission[]; children: ReactNode }) {
  return <Granted.Provider value={permissions}>{children}</Granted.Provider>;
}

export function useCan(): (p: Permission) => boolean {
  const granted = useContext(Granted);
  return (p) => granted.includes(p);
}
