// Exchange channels: this centre's key file, its partners (by their key files), making a package
// for a partner, and loading one: checked into a preview first, written only on confirmation.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import {
  addPartner,
  continueNumbering,
  applyLoad,
  ensureIdentity,
  lastReceived,
  nothingToLoad,
  listPartners,
  outgoing,
  partner,
  partnerByFingerprint,
  planLoad,
  caseSorter,
  recordSent,
  samePersonElsewhere,
  wasReceived,
  type LoadPlan,
} from '../../../db/exchange.js';
import { removePartner, replacePartnerKey, restorePartner } from '../../../db/exchange-partners.js';
import { LATEST_VERSION } from '../../../db/migrations/index.js';
import { writeTransaction } from '../../../db/connection.js';
import { orgUnitPath } from '../../../db/org-units.js';
import {
  KeyFileSchema,
  MAX_KEY_FILE_BYTES,
  type KeyFile,
  type Manifest,
  type PackageBody,
  type PackagePreview,
  type Partner,
} from '../../../shared/exchange/api.js';
import { fail, refusal } from '../../../shared/result.js';
import { saveExport } from '../exports/files.js';
import type { Handlers } from '../handlers.js';
import { PendingImports } from '../imports/pending.js';
import type { DeskSession } from '../session.js';
import { checkPartnerCountry, makeAbroadPackage, planAbroad } from './abroad.js';
import { contentLines, verifyPackage, writePackage } from './package-file.js';
import { LinesToWrite, replayCases, scanRegister } from './register-scan.js';
import { pacer } from '../pace.js';
import { plannedTexts, refreshTexts, takeTexts, textLines, type TextChange } from './texts.js';
import { abroadReports, applyAbroad, type AbroadPlan } from '../../../db/abroad.js';
import { fingerprintOf, newIdentity, publicKeyType } from './seal.js';

/** A checked package, with the number of the last package loaded from its sender when it was checked. */
type Pending = {
  id: string;
  databasePath: string;
  plan:
    | {
        kind: 'register';
        plan: LoadPlan;
        /** What the confirmation reads the cases from again: the verified ciphertext (a large package stays small in memory). */
        replay?: { file: string; manifest: Manifest; ciphertext: Buffer; lines: LinesToWrite; reshaped: ReadonlySet<number> };
        /** Corrected texts the package brings that would change what this centre shows: taken only when the user ticks them. */
        texts: TextChange[];
      }
    | { kind: 'abroad'; plan: AbroadPlan };
  partnerId: number;
  preview: PackagePreview;
  lastAtPreview: number | null;
};
const pending = new PendingImports<Pending>();
const NO_TEXTS: PackagePreview['translations'] = { new: 0, changed: 0, unchanged: 0, refused: 0 };
const NO_FORMS: PackagePreview['forms'] = {
  values: { new: 0, changed: 0, removed: 0, unchanged: 0 },
  approvals: { new: 0, removed: 0 },
  refused: 0,
  conflicts: 0,
};
const SHOWN = 20;
const SHOWN_TEXTS = 100;
type MadeCounts = Extract<PackageBody, { kind: 'register' }>['counts'];

/** This database's keys (made on first need) and how it names itself to partners. */
function me(s: DeskSession) {
  const keys = ensureIdentity(s.database, s.actor, () => {
    const made = newIdentity();
    return { ...made, fingerprint: fingerprintOf(made) };
  });
  const path = orgUnitPath(s.database, s.orgUnitId);
  return { keys, centre: path.at(-1)!.name, countryCode: path[0]!.countryCode, unitPath: path.map((u) => u.name) };
}

/** A partner as the screen sees it: its keys stay in the back end. */
const publicPartner = (p: ReturnType<typeof listPartners>[number]): Partner => ({
  id: p.id,
  centre: p.centre,
  countryCode: p.countryCode,
  unitPath: p.unitPath,
  fingerprint: p.fingerprint,
  addedAt: p.addedAt,
  lastSent: p.lastSent,
  lastReceived: p.lastReceived,
});

function readKeyFile(fileName: string, contentBase64: string): KeyFile {
  const invalid = (reason: 'not_key' | 'fingerprint') => refusal('key_file_invalid', `errors.key_file_${reason}`, { file: fileName });
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length > MAX_KEY_FILE_BYTES) throw invalid('not_key');
  let parsed;
  try {
    // Notepad saves UTF-8 with a byte-order mark.
    parsed = KeyFileSchema.safeParse(JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')));
  } catch {
    throw invalid('not_key');
  }
  if (!parsed.success) throw invalid('not_key');
  const k = parsed.data;
  if (publicKeyType(k.boxPublic) !== 'x25519' || publicKeyType(k.signPublic) !== 'ed25519') throw invalid('not_key');
  // The fingerprint people compare must be the keys' own: a file edited by hand is refused.
  if (fingerprintOf(k) !== k.fingerprint) throw invalid('fingerprint');
  return k;
}

type ExchangeChannels =
  | 'exchange.identity'
  | 'exchange.keyFile'
  | 'exchange.partners'
  | 'exchange.addPartner'
  | 'exchange.replaceKey'
  | 'exchange.removePartner'
  | 'exchange.makePackage'
  | 'exchange.makeAbroadPackage'
  | 'exchange.continueNumbering'
  | 'exchange.abroadReports'
  | 'exchange.previewPackage'
  | 'exchange.confirmPackage';

export const exchangeHandlers: Pick<Handlers, ExchangeChannels> = {
  'exchange.identity': (s) => {
    const { keys, ...who } = me(s);
    return { ...who, fingerprint: keys.fingerprint };
  },

  'exchange.keyFile': async (s) => {
    const { keys, ...who } = me(s);
    const file: KeyFile = {
      format: 'migrant-hiv-desk/public-key',
      version: 1,
      ...who,
      boxPublic: keys.boxPublic,
      signPublic: keys.signPublic,
      fingerprint: keys.fingerprint,
      createdAt: new Date().toISOString(),
    };
    const saved = await saveExport(
      s,
      `public-key-${who.countryCode}-${keys.fingerprint.slice(0, 8)}`,
      async (part) => {
        writeFileSync(part, JSON.stringify(file, null, 2));
      },
      'mhdkey',
    );
    return { ...saved, suppressed: false, hiddenCells: 0 };
  },

  'exchange.partners': (s) => listPartners(s.database).map(publicPartner),

  'exchange.addPartner': (s, { fileName, contentBase64 }) => {
    const k = readKeyFile(fileName, contentBase64);
    const mine = me(s);
    if (k.fingerprint === mine.keys.fingerprint) throw refusal('key_file_invalid', 'errors.key_file_own', { file: fileName });
    // A partner whose unit is this centre's own would have its records filed as this centre's.
    if (k.countryCode === mine.countryCode && JSON.stringify(k.unitPath.slice(1)) === JSON.stringify(mine.unitPath.slice(1)))
      throw refusal('key_file_invalid', 'errors.key_file_same_unit', { file: fileName, centre: k.centre });
    return publicPartner(restorePartner(s.database, s.actor, k.fingerprint) ?? addPartner(s.database, s.actor, k));
  },

  'exchange.replaceKey': (s, { partnerId, fileName, contentBase64 }) => {
    const k = readKeyFile(fileName, contentBase64);
    if (k.fingerprint === me(s).keys.fingerprint) throw refusal('key_file_invalid', 'errors.key_file_own', { file: fileName });
    return publicPartner(replacePartnerKey(s.database, s.actor, partnerId, k));
  },

  'exchange.removePartner': (s, { partnerId, records }) => removePartner(s.database, s.actor, partnerId, records),

  'exchange.makePackage': async (s, { partnerId, full, translations }) => {
    const { keys, ...who } = me(s);
    const to = partner(s.database, partnerId);
    checkPartnerCountry('register', to, who.countryCode);
    const out = outgoing(s.database, partnerId, full);
    const counts: MadeCounts = {
      units: out.units.length,
      cases: 0,
      events: 0,
      deleted: 0,
      values: out.values.length,
      approvals: out.approvals.length,
    };
    // Units first, then each case and deletion as it is read (counted on the way), then the forms.
    function* lines() {
      for (const u of out.units) yield JSON.stringify({ t: 'unit', id: u.id, path: u.path });
      for (const r of out.records())
        if (r.t === 'deleted') {
          counts.deleted++;
          yield JSON.stringify({ t: 'deleted', id: r.id });
        } else {
          counts.cases++;
          counts.events += r.c.events.length;
          yield JSON.stringify({ t: 'case', id: r.c.id, unit: r.c.unit, case: r.c.case, events: r.c.events });
        }
      for (const v of out.values) yield JSON.stringify({ t: 'value', ...v });
      for (const a of out.approvals) yield JSON.stringify({ t: 'approval', ...a });
      if (texts) yield* texts;
    }
    // The centre's corrected texts only when its user chose to send them (the package then needs format 3).
    const texts = translations ? textLines(s.database) : null;
    if (texts) counts.translations = texts.length;
    const saved = await saveExport(
      s,
      `package-${who.countryCode}-${keys.fingerprint.slice(0, 8)}-to-${to.fingerprint.slice(0, 8)}-${String(out.sequence).padStart(4, '0')}`,
      async (part, fileName) => {
        const manifest = writePackage(
          part,
          {
            sender: { fingerprint: keys.fingerprint, ...who },
            receiver: { fingerprint: to.fingerprint, centre: to.centre },
            sequence: out.sequence,
            createdAt: new Date().toISOString(),
            schemaVersion: LATEST_VERSION,
            appVersion: s.appVersion,
          },
          lines(),
          () => ({ kind: 'register', full: out.full, since: out.since, counts }),
          keys,
          to.boxPublic,
        );
        recordSent(s.database, s.actor, {
          partnerId,
          sequence: out.sequence,
          full: out.full,
          auditHead: out.auditHead,
          sha256: manifest.contentMac,
          counts,
          fileName,
        });
      },
      'mhdpkg',
    );
    return { file: { ...saved, suppressed: false, hiddenCells: 0 }, sequence: out.sequence, full: out.full, counts };
  },

  'exchange.makeAbroadPackage': (s, input) => makeAbroadPackage(s, me(s), input),

  'exchange.continueNumbering': (s, { partnerId, after }) => ({
    next: continueNumbering(s.database, s.actor, partner(s.database, partnerId).id, after),
  }),

  'exchange.abroadReports': (s, { fromYear, toYear }) => abroadReports(s.database, fromYear, toYear),

  'exchange.previewPackage': async (s, { fileName, contentBase64 }) => {
    const own = s.tenure();
    const bytes = Buffer.from(contentBase64, 'base64');
    const mine = me(s);
    const { keys, unitPath: mineAt } = mine;
    const db = s.database;
    const { manifest: m, ciphertext } = verifyPackage(fileName, bytes, keys, LATEST_VERSION, (fp) => partnerByFingerprint(db, fp));
    const from = partnerByFingerprint(db, m.sender.fingerprint)!;
    const last = lastReceived(db, from.id);
    // Read in turns: other calls are answered meanwhile, the lines read so far shown. A sign-out, a
    // close or a package from the same centre loaded meanwhile ends it (its counts would be stale).
    const pace = pacer(
      () => own.still() && lastReceived(db, from.id)?.sequence === last?.sequence,
      () => fail('import_expired'),
      () => s.jobStep(),
    );
    // The last package again changes nothing; an older one, or the same number with other content,
    // is refused: loading it would undo later changes. Both known from the signed manifest alone.
    const alreadyLoaded = (m.kind === 'abroad' || last?.sequence === m.sequence) && wasReceived(db, from.id, m.sequence, m.contentMac);
    // Counts of citizens abroad are the exception: each year stands or not by when it was made, so a
    // package arriving late loads the years it is the newest for.
    if (!alreadyLoaded && last && m.sequence < last.sequence && m.kind !== 'abroad')
      fail('package_replayed', { file: fileName, sequence: m.sequence, last: last.sequence });
    // The same number with other content: the sender went back to an older copy of its database.
    if (!alreadyLoaded && last && m.sequence === last.sequence)
      throw refusal('package_replayed', 'errors.package_renumbered', { file: fileName, sequence: m.sequence, centre: from.centre });
    const after = last?.sequence ?? 0;
    const full = m.kind === 'abroad' || m.full;
    const gap = !alreadyLoaded && !full && m.sequence > after + 1 ? { from: after + 1, to: m.sequence - 1 } : null;
    const shown = {
      packageId: randomBytes(8).toString('hex'),
      kind: m.kind,
      abroad: null,
      fileName,
      sender: { centre: from.centre, fingerprint: from.fingerprint, unitPath: from.unitPath },
      sequence: m.sequence,
      full,
      createdAt: m.createdAt,
      since: m.kind === 'register' ? m.since : null,
      alreadyLoaded,
      gap,
    };
    const keep = (plan: Pending['plan'], preview: PackagePreview) => {
      pending.put(s, {
        id: preview.packageId,
        databasePath: s.status().database!.path,
        plan,
        partnerId: from.id,
        preview,
        lastAtPreview: last?.sequence ?? null,
      });
      return preview;
    };
    const nothing = { new: 0, changed: 0, unchanged: 0, deleted: 0, refused: 0, samePerson: 0, newUnits: 0 };
    if (m.kind === 'abroad') {
      const { plan, preview } = planAbroad(s, fileName, m, ciphertext, from, mine);
      return keep(
        { kind: 'abroad', plan },
        {
          ...shown,
          abroad: preview,
          counts: nothing,
          refused: [],
          samePerson: [],
          forms: NO_FORMS,
          translations: NO_TEXTS,
          textChanges: [],
        },
      );
    }
    checkPartnerCountry('register', from, mine.countryCode);
    const head = {
      partnerId: from.id,
      centre: from.centre,
      sequence: m.sequence,
      full: m.full,
      sha256: m.contentMac,
      // Filed as the partner the package is signed by: its country, its name, never what the manifest claims.
      countryCode: from.countryCode,
    };
    if (alreadyLoaded) {
      // Its records are here already; the corrected texts it brings can still be taken (the user may not have the first time).
      const texts = m.counts.translations
        ? plannedTexts(db, await scanRegister(contentLines(fileName, m, ciphertext, keys), from.unitPath, mineAt, () => {}, true, pace))
        : { changes: [], counts: NO_TEXTS };
      return keep(
        { kind: 'register', plan: nothingToLoad(head, m.counts.cases), texts: texts.changes },
        {
          ...shown,
          counts: { ...nothing, unchanged: m.counts.cases },
          refused: [],
          samePerson: [],
          forms: NO_FORMS,
          translations: texts.counts,
          textChanges: texts.changes.slice(0, SHOWN_TEXTS),
        },
      );
    }

    const sorter = caseSorter(db, from.id);
    const same = samePersonElsewhere(db, from.id, SHOWN);
    // The lines of the cases to write: the confirmation reads only these again.
    const toWrite = new LinesToWrite();
    const scan = await scanRegister(
      contentLines(fileName, m, ciphertext, keys),
      from.unitPath,
      mineAt,
      (c, line) => {
        const sorted = sorter.sort(c);
        if (sorted !== 'unchanged') toWrite.add(line, c.lineHash);
        if (sorted === 'create') same.check(c);
      },
      false,
      pace,
    );
    const plan = planLoad(
      db,
      head,
      scan.units,
      sorter.sorted,
      scan.deleted,
      scan.refusedTotal,
      { values: scan.values, approvals: scan.approvals },
      scan.seen,
    );
    const { refusedTotal, refused, formsRefused } = scan;
    const texts = plannedTexts(db, scan);
    return keep(
      {
        kind: 'register',
        plan,
        replay: { file: fileName, manifest: m, ciphertext, lines: toWrite, reshaped: scan.reshaped },
        texts: texts.changes,
      },
      {
        ...shown,
        translations: texts.counts,
        textChanges: texts.changes.slice(0, SHOWN_TEXTS),
        counts: {
          new: plan.create.size,
          changed: plan.update.size,
          unchanged: plan.unchanged,
          deleted: plan.remove.length,
          refused: refusedTotal,
          samePerson: same.found.total,
          newUnits: plan.newUnits,
        },
        refused,
        samePerson: same.found.first,
        forms: {
          values: {
            new: plan.forms.upsert.filter((v) => !v.old).length,
            changed: plan.forms.upsert.filter((v) => v.old).length,
            removed: plan.forms.remove.length,
            unchanged: plan.forms.unchanged,
          },
          approvals: { new: plan.forms.approve.length, removed: plan.forms.unapprove.length },
          refused: formsRefused,
          conflicts: plan.forms.conflicts,
        },
      },
    );
  },

  'exchange.confirmPackage': (s, { packageId, translations }) => {
    const p = pending.get(s, packageId);
    pending.delete(packageId);
    const none = { reports: 0, values: 0, approvals: 0, created: 0, updated: 0, deleted: 0, unchanged: 0, refused: 0, translations: 0 };
    const { sequence, sha256 } = p.plan.plan;
    const from = { receivedFrom: p.preview.sender.centre, package: sequence };
    const texts = p.plan.kind === 'register' && translations ? p.plan.texts : [];
    // Texts taken with the package's records, in the same transaction; shown from then on.
    const withTexts = <T extends object>(load: () => T) => {
      const done = writeTransaction(s.database, () => ({ ...load(), translations: takeTexts(s.database, s.actor, texts, from) }));
      if (texts.length) refreshTexts(s.database);
      return done;
    };
    // A sender removed, or its key replaced, since the preview: nothing of its package is taken, not even its texts.
    const signer = partnerByFingerprint(s.database, p.preview.sender.fingerprint);
    if (signer?.id !== p.partnerId) throw refusal('import_expired', 'errors.package_stale', { file: p.preview.fileName });
    // Loading the same package twice changes nothing (checked again here: it may have been confirmed meanwhile).
    if (p.preview.alreadyLoaded || wasReceived(s.database, p.partnerId, sequence, sha256)) {
      if (p.plan.kind === 'abroad') return none;
      const { unchanged, update, create } = p.plan.plan;
      return { ...none, ...withTexts(() => ({ unchanged: unchanged + update.size + create.size })) };
    }
    // Another package from the same centre loaded since this one was checked, or the partner's key
    // replaced or the partner removed meanwhile: its plan is stale.
    const last = lastReceived(s.database, p.partnerId);
    if ((last?.sequence ?? null) !== p.lastAtPreview) throw refusal('import_expired', 'errors.package_stale', { file: p.preview.fileName });
    if (p.plan.kind === 'abroad') return { ...none, reports: applyAbroad(s.database, s.actor, p.plan.plan) };
    const { replay, plan } = p.plan;
    const keys = me(s).keys;
    return {
      ...none,
      ...withTexts(() =>
        applyLoad(s.database, s.actor, plan, (visit) => {
          if (replay)
            replayCases(
              contentLines(replay.file, replay.manifest, replay.ciphertext, keys, replay.lines.picker()),
              replay.lines,
              replay.reshaped,
              visit,
            );
        }),
      ),
    };
  },
};
