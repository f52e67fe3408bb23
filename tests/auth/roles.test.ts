import { describe, expect, it } from 'vitest';
import { CHANNELS, contract } from '../../shared/contract.js';
import { dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { createCentre, REGIONAL_CENTRE, useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';
import type { Role } from '../../shared/auth/roles.js';

const tempDir = useTempDirs();
const session = useSessions();

// The definition of the roles, written out by hand (not read from the code under test).
const MAY: Record<Role, readonly string[]> = {
  admin: [
    'accounts.list',
    'accounts.create',
    'accounts.update',
    'accounts.resetPassword',
    'backups.list',
    'backups.create',
    'backups.inspect',
    'backups.restore',
    'settings.setSuppression',
    'settings.setExportRetention',
    'settings.setIdleLock',
    'audit.verify',
    'audit.recent',
    'audit.search',
    'dhis2.mappingWorkbook',
    'dhis2.loadMapping',
    'dhis2.loadMetadata',
    'exchange.identity',
    'exchange.keyFile',
    'exchange.partners',
    'exchange.addPartner',
    'exchange.makePackage',
    'exchange.previewPackage',
    'exchange.confirmPackage',
    'exchange.makeAbroadPackage',
    'exchange.continueNumbering',
    'exchange.replaceKey',
    'exchange.removePartner',
    'translations.workbook',
    'translations.preview',
    'translations.confirm',
    'translations.remove',
  ],
  entry: [
    'cases.create',
    'cases.update',
    'cases.delete',
    'cases.restore',
    'events.save',
    'events.delete',
    'persons.link',
    'persons.unlink',
    'forms.save',
    'imports.template',
    'imports.preview',
    'imports.report',
    'imports.confirm',
    'formImports.template',
    'formImports.preview',
    'formImports.report',
    'formImports.confirm',
  ],
  approver: ['forms.approve'],
  analyst: [
    'estimates.start',
    'estimates.adopt',
    'estimates.ecdcFiles',
    'exports.indicatorWorkbook',
    'dhis2.export',
    'fhir.measureReports',
    'exports.lineList',
    'factsheet.saveContext',
    'factsheet.saveText',
    'factsheet.workbook',
    'files.printToPdf',
  ],
};
/** Every signed-in account: reading the register, figures on screen, its own session. */
const EVERYONE = [
  'cases.list',
  'cases.get',
  'cases.deleted',
  'cases.duplicates',
  'cases.audit',
  'persons.candidates',
  'indicators.cascade',
  'indicators.trend',
  'indicators.cases',
  'factsheet.get',
  'exchange.abroadReports',
  'forms.get',
  'forms.completeness',
  'orgUnits.list',
  'jobs.progress',
  'files.saveAs',
  'exports.job',
  'exports.cancel',
  'estimates.job',
  'estimates.cancel',
  'estimates.runs',
  'estimates.current',
  'auth.lock',
  'auth.changePassword',
  'translations.get',
];
const ALWAYS = [
  'app.status',
  'app.setLanguage',
  'reference.countries',
  'auth.signIn',
  'auth.recover',
  'auth.unlock',
  'auth.restoreLatest',
  'auth.signOut',
  'auth.signInRemembered',
  'auth.forgetHere',
  'setup.close',
];
const BEFORE_A_DATABASE = [
  'setup.openDemo',
  'setup.createCentre',
  'setup.openExisting',
  'setup.encryptExisting',
  'setup.databases',
  'setup.browse',
];

const PASSWORD = 'ДругойПароль-2026-ноябрь';

/** Calls a channel with a payload no schema accepts: allowed gives invalid_input (nothing runs), refused gives the refusal. */
async function knock(s: ReturnType<typeof session>, channel: (typeof CHANNELS)[number]) {
  const r = await dispatchAsync(s, channel, { __probe: true }, silentLogger);
  return r.ok ? 'ran' : r.error.code;
}

describe('roles and permissions', () => {
  it('every channel names a permission, and every channel is in exactly one row of the table above', () => {
    const listed = [...Object.values(MAY).flat(), ...EVERYONE, ...ALWAYS, ...BEFORE_A_DATABASE];
    expect([...listed].sort()).toEqual([...CHANNELS].sort());
    for (const c of CHANNELS) expect(typeof contract[c].permission, c).toBe('string');
  });

  it('walks every channel with every role: allowed ones reach the payload check, the others are refused before it', async () => {
    const s = session(tempDir());
    await createCentre(s);
    for (const role of ['entry', 'approver', 'analyst'] as const) {
      const r = await dispatchAsync(
        s,
        'accounts.create',
        { login: `user-${role}`, password: PASSWORD, roles: [role], orgUnitId: null },
        silentLogger,
      );
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    const adminOnly = await dispatchAsync(
      s,
      'accounts.create',
      { login: 'user-admin', password: PASSWORD, roles: ['admin'], orgUnitId: null },
      silentLogger,
    );
    expect(adminOnly.ok).toBe(true);
    for (const role of ['admin', 'entry', 'approver', 'analyst'] as const) {
      expect((await dispatchAsync(s, 'auth.signOut', {}, silentLogger)).ok).toBe(true);
      const signedIn = await dispatchAsync(s, 'auth.signIn', { login: `user-${role}`, password: PASSWORD }, silentLogger);
      expect(signedIn.ok && signedIn.value.user?.roles, role).toEqual([role]);
      for (const channel of CHANNELS) {
        const expected = BEFORE_A_DATABASE.includes(channel)
          ? 'forbidden'
          : ALWAYS.includes(channel) || EVERYONE.includes(channel) || MAY[role].includes(channel)
            ? 'invalid_input'
            : 'forbidden';
        expect(await knock(s, channel), `${role} → ${channel}`).toBe(expected);
      }
      // The status tells the screen the same, so it can hide what would be refused.
      const status = await dispatchAsync(s, 'app.status', {}, silentLogger);
      expect(status.ok && status.value.user?.permissions.includes('register.write')).toBe(role === 'entry');
    }
  });

  it('signed out, only the sign-in and set-up channels answer; locked, only unlocking does', async () => {
    const s = session(tempDir());
    await createCentre(s);
    await dispatchAsync(s, 'auth.lock', {}, silentLogger);
    for (const channel of CHANNELS) {
      const expected = ALWAYS.includes(channel) ? 'invalid_input' : BEFORE_A_DATABASE.includes(channel) ? 'forbidden' : 'locked';
      expect(await knock(s, channel), `locked → ${channel}`).toBe(expected);
    }
    await dispatchAsync(s, 'auth.unlock', { password: REGIONAL_CENTRE.password }, silentLogger);
    await dispatchAsync(s, 'auth.signOut', {}, silentLogger);
    for (const channel of CHANNELS) {
      const expected = ALWAYS.includes(channel) || BEFORE_A_DATABASE.includes(channel) ? 'invalid_input' : 'signed_out';
      expect(await knock(s, channel), `signed out → ${channel}`).toBe(expected);
    }
  });
});
