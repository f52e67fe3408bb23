import { DeskSession } from '../../electron/service/session.js';
import { silentLogger } from '../../electron/service/log.js';
import { afterEach } from 'vitest';

/** Sessions on given data folders, disposed after each test. */
export function useSessions() {
  const open: DeskSession[] = [];
  afterEach(() => {
    for (const s of open.splice(0)) s.dispose();
  });
  return (dataDir: string) => {
    const s = new DeskSession({ dataDir, appVersion: '0.0.0-test', logger: silentLogger });
    open.push(s);
    return s;
  };
}

/** A regional centre as the first-start wizard creates it. */
export const REGIONAL_CENTRE = { countryCode: 'KAZ', region: 'Туркестанская область', centre: 'Областной центр СПИД', operator: 'Гульнара' };
