import { DeskSession } from '../../electron/service/session.js';
import { silentLogger } from '../../electron/service/log.js';
import { afterEach } from 'vitest';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import type { CreateCentreInput, OrgUnit } from '../../shared/contract.js';
import type { EventInput } from '../../shared/cases/schema.js';
import { aCase } from './cases.js';

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

/** Sessions whose clock a test moves (sign-in delay, idle lock, daily backups), disposed after each test. */
export function useClockedSessions() {
  const open: DeskSession[] = [];
  afterEach(() => {
    for (const s of open.splice(0)) s.dispose();
  });
  return (dataDir: string, clock = { now: Date.now() }) => {
    const s = new DeskSession({ dataDir, appVersion: '0.0.0-test', logger: silentLogger, now: () => clock.now });
    open.push(s);
    return s;
  };
}

/** A regional centre as the first-start wizard creates it. */
export const REGIONAL_CENTRE = {
  countryCode: 'KAZ',
  region: 'Туркестанская область',
  centre: 'Областной центр СПИД',
  login: 'Гульнара',
  password: 'ТуркестанВесна-2017',
};

/** Creates a centre's (encrypted) database as the wizard does; the session is then signed in as its administrator. */
export async function createCentre(s: DeskSession, centre: CreateCentreInput = REGIONAL_CENTRE) {
  const r = await dispatchAsync(s, 'setup.createCentre', centre, silentLogger);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** A new centre's session with nine people diagnosed in February 2017; `eventFor(i)` gives person i an event. */
export async function centreWithNine(s: DeskSession, eventFor: (i: number) => EventInput | null): Promise<DeskSession> {
  await createCentre(s);
  for (let i = 0; i < 9; i++) {
    const c = dispatch(
      s,
      'cases.create',
      {
        case: aCase({ registerNo: `N-${i}`, uic: `АНМА1${1980 + i}`, birthYear: 1980 + i, diagnosisDate: '2017-02-01' }),
        allowDuplicate: false,
      },
      silentLogger,
    );
    if (!c.ok) throw new Error(JSON.stringify(c.error));
    const event = eventFor(i);
    if (event) dispatch(s, 'events.save', { caseId: c.value.id, eventId: null, event }, silentLogger);
  }
  return s;
}

/** A regional centre's session with one case already in the register (OLD-1, АНМА11985), as the import tests start from. */
export async function centreWithOneCase(s: DeskSession): Promise<DeskSession> {
  await createCentre(s);
  dispatch(
    s,
    'cases.create',
    { case: aCase({ registerNo: 'OLD-1', uic: 'АНМА11985', sex: 'male', birthYear: 1985 }), allowDuplicate: false },
    silentLogger,
  );
  return s;
}

/** The demo database opened in a session, with its country and its own facility. */
export function withDemo(s: DeskSession): { s: DeskSession; country: OrgUnit; unit: OrgUnit } {
  const opened = dispatch(s, 'setup.openDemo', {}, silentLogger);
  if (!opened.ok) throw new Error('demo did not open');
  const path = opened.value.database!.orgUnitPath;
  return { s, country: path[0]!, unit: path[path.length - 1]! };
}
