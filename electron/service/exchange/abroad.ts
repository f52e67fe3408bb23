// Citizens diagnosed abroad between countries: a national centre counts another country's citizens
// newly diagnosed in its register, year by year, small counts hidden, and seals the counts to that
// country's national centre (no case travels); the receiver checks them into a preview and stores
// them for its fact sheet and dashboard. Same file, signature and numbering as a register package.
import { writeFileSync } from 'node:fs';
import { countAbroad, groupRows, standingReport, type AbroadPlan } from '../../../db/abroad.js';
import { nextSequence, partner, recordSent, type PartnerKeys } from '../../../db/exchange.js';
import { chainHead } from '../../../db/audit-chain.js';
import { LATEST_VERSION } from '../../../db/migrations/index.js';
import { orgUnitPath } from '../../../db/org-units.js';
import { suppressionMaxCount } from '../../../db/settings.js';
import {
  ABROAD_DIMENSIONS,
  abroadInconsistency,
  hideSmallAbroad,
  type AbroadPreview,
  type AbroadYear,
} from '../../../shared/exchange/abroad.js';
import type { Manifest } from '../../../shared/exchange/api.js';
import { fail, refusal } from '../../../shared/result.js';
import { saveExport } from '../exports/files.js';
import type { ChannelOutput } from '../../../shared/contract.js';
import type { DeskSession } from '../session.js';
import { buildPackage, readContent } from './package-file.js';
import type { StoredIdentity } from '../../../db/exchange.js';

type Me = { keys: StoredIdentity; centre: string; countryCode: string; unitPath: string[] };

const wrongKind = (messageKey: string, params: Record<string, string | number>) => refusal('package_wrong_kind', messageKey, params);

/** Only a partner in another country gets counts of its citizens; a partner at home gets the register. */
export function checkPartnerCountry(kind: 'register' | 'abroad', to: PartnerKeys, mine: string) {
  if (kind === 'abroad' && to.countryCode === mine) throw wrongKind('errors.abroad_partner_same_country', { centre: to.centre });
  if (kind === 'register' && to.countryCode !== mine)
    throw wrongKind('errors.register_partner_other_country', { centre: to.centre, country: to.countryCode });
}

export async function makeAbroadPackage(
  s: DeskSession,
  me: Me,
  input: { partnerId: number; fromYear: number; toYear: number },
): Promise<ChannelOutput<'exchange.makeAbroadPackage'>> {
  const to = partner(s.database, input.partnerId);
  checkPartnerCountry('abroad', to, me.countryCode);
  // A year not yet begun has no diagnoses to count: sent, it would read as "none diagnosed".
  if (input.toYear > new Date().getFullYear())
    fail('invalid_input', undefined, [{ path: 'toYear', messageKey: 'validation.abroad_future' }]);
  // Nor can a year before the register's first diagnosis: "none diagnosed" where nothing was recorded.
  const first = s.database.prepare('SELECT min(substr(diagnosis_date, 1, 4)) FROM hiv_case WHERE deleted_at IS NULL').pluck().get() as
    string | null;
  if (first === null || input.fromYear < Number(first))
    fail('invalid_input', undefined, [
      {
        path: 'fromYear',
        messageKey: first === null ? 'validation.abroad_empty_register' : 'validation.abroad_before_register',
        ...(first === null ? {} : { params: { year: Number(first) } }),
      },
    ]);
  const maxCount = suppressionMaxCount(s.database);
  // What earlier packages told this partner of each year: a count that moved by a few since would give those few away.
  const sent = (
    s.database.prepare(`SELECT counts FROM exchange_sent WHERE partner_id = ? AND kind = 'abroad'`).all(to.id) as { counts: string }[]
  ).flatMap((r) => (JSON.parse(r.counts) as { sent?: AbroadYear[] }).sent ?? []);
  const years: AbroadYear[] = [];
  // The whole country's register: what the regions sent in is counted too (a linked person once).
  const country = orgUnitPath(s.database, s.orgUnitId)[0]!.id;
  for (let year = input.fromYear; year <= input.toYear; year++) {
    const raw = countAbroad(s.database, country, to.countryCode, year);
    const rows = Object.fromEntries(ABROAD_DIMENSIONS.map((d) => [d, groupRows(raw, d)])) as Parameters<typeof hideSmallAbroad>[2];
    years.push(
      hideSmallAbroad(
        { year, citizenship: to.countryCode, maxCount },
        raw.total,
        rows,
        sent.filter((y) => y.year === year),
      ),
    );
  }
  const sequence = nextSequence(s.database, to.id);
  const { bytes, manifest } = buildPackage(
    {
      sender: { fingerprint: me.keys.fingerprint, centre: me.centre, countryCode: me.countryCode, unitPath: me.unitPath },
      receiver: { fingerprint: to.fingerprint, centre: to.centre },
      sequence,
      createdAt: new Date().toISOString(),
      schemaVersion: LATEST_VERSION,
      appVersion: s.appVersion,
    },
    {
      kind: 'abroad',
      citizenship: to.countryCode,
      years: { from: input.fromYear, to: input.toYear },
      counts: { years: years.length },
    },
    years.map((y) => JSON.stringify({ t: 'abroad', ...y })),
    me.keys,
    to.boxPublic,
  );
  const saved = await saveExport(
    s,
    `citizens-abroad-${me.countryCode}-to-${to.countryCode}-${input.fromYear}-${input.toYear}-${String(sequence).padStart(4, '0')}`,
    async (part, fileName) => {
      writeFileSync(part, bytes);
      recordSent(s.database, s.actor, {
        partnerId: to.id,
        sequence,
        full: true,
        auditHead: chainHead(s.database).id,
        sha256: manifest.contentMac,
        counts: { reports: years.length, sent: years },
        fileName,
        kind: 'abroad',
      });
    },
    'mhdpkg',
  );
  return {
    file: { ...saved, suppressed: true, hiddenCells: 0 },
    sequence,
    citizenship: to.countryCode,
    years: years.map((y) => ({ year: y.year, total: y.total })),
  };
}

/**
 * A verified citizens-abroad package opened and checked: about this country's citizens, from a
 * partner of another country, one line per year of the range, each adding up. Anything else is
 * refused whole: the counts come from one register and stand or fall together.
 */
export function planAbroad(
  s: DeskSession,
  file: string,
  m: Extract<Manifest, { kind: 'abroad' }>,
  ciphertext: Buffer,
  from: PartnerKeys,
  me: Me,
): { plan: AbroadPlan; preview: AbroadPreview } {
  if (from.countryCode === me.countryCode) throw wrongKind('errors.abroad_from_same_country', { file, centre: from.centre });
  if (m.citizenship !== me.countryCode)
    throw wrongKind('errors.abroad_not_our_citizens', { file, country: m.citizenship, centre: from.centre });
  const opened = readContent(file, m, ciphertext, me.keys);
  const years: AbroadYear[] = opened.lines.flatMap((l) =>
    l.t === 'abroad' ? [{ year: l.year, citizenship: l.citizenship, maxCount: l.maxCount, total: l.total, by: l.by }] : [],
  );
  const inconsistent = (year: number | string, part: string) =>
    refusal('package_unreadable', 'errors.package.inconsistent', { file, year, part });
  const range = `${m.years.from}–${m.years.to}`;
  const expected = m.years.to - m.years.from + 1;
  // As a sender makes them: at most 20 years, one line each, as the manifest counts them.
  if (opened.badLines > 0 || years.length !== opened.lines.length || expected < 1 || expected > 20 || m.counts.years !== years.length)
    throw inconsistent(range, 'lines');
  const seen = new Set(years.map((y) => y.year));
  if (years.length !== expected || seen.size !== expected) throw inconsistent(range, 'years');
  for (const y of years) {
    if (y.year < m.years.from || y.year > m.years.to) throw inconsistent(y.year, 'years');
    if (y.citizenship !== me.countryCode) throw inconsistent(y.year, 'citizenship');
    const wrong = abroadInconsistency(y);
    if (wrong) throw inconsistent(y.year, wrong);
  }
  years.sort((a, b) => a.year - b.year);
  return {
    plan: {
      partnerId: from.id,
      centre: from.centre,
      // Filed under the country the partner's key file named when it was added, never the manifest's claim.
      fromCountry: from.countryCode,
      sequence: m.sequence,
      sha256: m.contentMac,
      madeAt: m.createdAt,
      years,
    },
    preview: {
      fromCountry: from.countryCode,
      citizenship: m.citizenship,
      years: years.map((y) => {
        const held = standingReport(s.database, from.countryCode, y.year);
        const same =
          held && held.partnerId === from.id && JSON.stringify({ ...held, partnerId: undefined, madeAt: undefined }) === JSON.stringify(y);
        return {
          year: y.year,
          total: y.total,
          maxCount: y.maxCount,
          before: !held ? 'none' : same ? 'same' : held.madeAt > m.createdAt ? 'older' : 'replaced',
        };
      }),
    },
  };
}
