// Exchange packages in tests: centres made as the wizard makes them, calls through the contract,
// key files swapped, and a package crafted with any content, signed and sealed like a real one.
import { readFileSync } from 'node:fs';
import { dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import type { DeskSession } from '../../electron/service/session.js';
import { identity } from '../../db/exchange.js';
import { orgUnitPath } from '../../db/org-units.js';
import { getSetting } from '../../db/settings.js';
import { LATEST_VERSION } from '../../db/migrations/index.js';
import { buildPackage, type PackageHead } from '../../electron/service/exchange/package-file.js';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract.js';
import type { PackageBody } from '../../shared/exchange/api.js';
import { aCase } from './cases.js';
import { createCentre } from './session.js';

export const centre = (region: string, login: string) => ({
  countryCode: 'KGZ',
  region,
  centre: `${region}: центр СПИД`,
  login,
  password: 'ЧуйскаяДолина-2017',
});

export async function call<C extends Channel>(s: DeskSession, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const r = await dispatchAsync(s, channel, input, silentLogger);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value;
}
export async function refusedWith<C extends Channel>(s: DeskSession, channel: C, input: ChannelInput<C>) {
  const r = await dispatchAsync(s, channel, input, silentLogger);
  if (r.ok) throw new Error(`${channel} was not refused`);
  return r.error;
}
export const upload = (path: string, fileName = path.split('/').at(-1)!) => ({
  fileName,
  contentBase64: readFileSync(path).toString('base64'),
});
export const bytesUpload = (bytes: Buffer, fileName: string) => ({ fileName, contentBase64: bytes.toString('base64') });

/** Chüy region and the national centre of Kyrgyzstan, partners of each other: where most exchange tests start. */
export async function chuiAndNational(open: (dir: string) => DeskSession, dir: () => string) {
  const chui = open(dir());
  await createCentre(chui, centre('Чуйская область', 'Айгуль'));
  const national = open(dir());
  await createCentre(national, centre('г. Бишкек', 'Республика'));
  await introduce(chui, national);
  return { chui, national };
}

/** Each gives the other its key file, as centres swap them once. */
export async function introduce(a: DeskSession, b: DeskSession) {
  await call(b, 'exchange.addPartner', upload((await call(a, 'exchange.keyFile', {})).path));
  await call(a, 'exchange.addPartner', upload((await call(b, 'exchange.keyFile', {})).path));
}
export const partnerId = async (s: DeskSession, centreName: string) =>
  (await call(s, 'exchange.partners', {})).find((p) => p.centre === centreName)!.id;
export const auditHead = (s: DeskSession) => (s.database.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
export async function addCase(s: DeskSession, registerNo: string, uic: string, birthYear: number) {
  const made = await call(s, 'cases.create', {
    case: aCase({ registerNo, uic, birthYear, diagnosisDate: '2017-02-01' }),
    allowDuplicate: false,
  });
  await call(s, 'events.save', { caseId: made.id, eventId: null, event: { kind: 'art_start', date: '2017-03-01' } });
  return made;
}

/** A package from `from` to `to` with any content lines and manifest fields, signed and sealed as a real one. */
export function craft(
  from: DeskSession,
  to: DeskSession,
  lines: readonly string[],
  over: Partial<PackageHead> = {},
  body: PackageBody = {
    kind: 'register',
    full: true,
    since: null,
    counts: { units: 0, cases: 0, events: 0, deleted: 0, values: 0, approvals: 0 },
  },
): Buffer {
  const me = identity(from.database)!;
  const them = identity(to.database)!;
  const unitPath = orgUnitPath(from.database, Number(getSetting(from.database, 'installation_org_unit'))).map((u) => u.name);
  return buildPackage(
    {
      receiver: { fingerprint: them.fingerprint, centre: 'receiver' },
      sequence: 1,
      createdAt: new Date().toISOString(),
      schemaVersion: LATEST_VERSION,
      appVersion: '0.0.0-test',
      ...over,
      sender: { fingerprint: me.fingerprint, centre: unitPath.at(-1)!, countryCode: 'KGZ', unitPath, ...over.sender },
    },
    body,
    lines,
    me,
    them.boxPublic,
  ).bytes;
}
