import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS, contract } from '../../shared/contract.js';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';
import { aCase } from '../helpers/cases.js';

const tempDir = useTempDirs();
const session = useSessions();

// For each channel: a value its schema accepts, to prove the rejections below are about the payload.
const VALID: Record<string, unknown> = {
  'app.status': {},
  'app.setLanguage': { language: 'en' },
  'setup.openDemo': {},
  'setup.createCentre': {
    countryCode: 'TJK',
    region: 'Согдийская область',
    centre: 'Областной центр СПИД',
    login: 'Фарход',
    password: 'СогдЛето-2017-год',
  },
  'setup.openExisting': { path: '/nowhere/x.sqlite' },
  'setup.databases': {},
  'setup.browse': {},
  'setup.encryptExisting': { login: 'Фарход', password: 'СогдЛето-2017-год' },
  'auth.signIn': { login: 'Фарход', password: 'СогдЛето-2017-год' },
  'auth.recover': { login: 'Фарход', recoveryCode: 'ABCD-EFGH', newPassword: 'СогдЛето-2017-год' },
  'auth.unlock': { password: 'СогдЛето-2017-год' },
  'auth.signInRemembered': {},
  'auth.forgetHere': {},
  'auth.restoreLatest': { login: 'Фарход', password: 'СогдЛето-2017-год' },
  'auth.lock': {},
  'auth.signOut': {},
  'auth.changePassword': { current: 'a', next: 'СогдЛето-2017-год' },
  'accounts.list': {},
  'accounts.create': { login: 'Зарина', password: 'СогдЛето-2017-год', roles: ['entry'], orgUnitId: null },
  'accounts.update': { id: 1, roles: ['entry', 'analyst'] },
  'accounts.resetPassword': { id: 1, password: 'СогдЛето-2017-год' },
  'settings.setIdleLock': { minutes: 10 },
  'audit.verify': {},
  'backups.list': {},
  'backups.create': { folder: '/media/usb' },
  'backups.inspect': { path: '/media/usb/register.sqlite' },
  'backups.restore': { path: '/media/usb/register.sqlite' },
  'setup.close': {},
  'reference.countries': {},
  'orgUnits.list': {},
  'jobs.progress': {},
  'audit.recent': { limit: 10 },
  'audit.search': { kind: 'cases', registerNo: '1', limit: 20 },
  'cases.list': { search: 'АНМА', sex: 'male', page: 0 },
  'cases.get': { id: 1 },
  'cases.create': { case: aCase(), allowDuplicate: false },
  'cases.update': { id: 1, case: aCase(), allowDuplicate: true },
  'cases.delete': { id: 1 },
  'cases.restore': { id: 1 },
  'cases.deleted': {},
  'cases.duplicates': { uic: 'АНМА11985', sex: 'male', birthYear: 1985, excludeId: null },
  'cases.audit': { id: 1 },
  'events.save': { caseId: 1, eventId: null, event: { kind: 'cd4', date: '2017-03-20', cd4: 250 } },
  'events.delete': { caseId: 1, eventId: 2 },
  'forms.get': { form: 'testing', orgUnitId: 1, period: '2017' },
  'forms.save': { form: 'testing', orgUnitId: 1, period: '2017Q1', cells: [{ de: 'tested_voluntary', coc: 'total', value: '52000' }] },
  'forms.approve': { form: 'survey', orgUnitId: 1, period: '2017', approved: true },
  'forms.completeness': { year: 2017 },
  'settings.setSuppression': { maxCount: 5 },
  'settings.setExportRetention': { days: 30, lineListDays: 7 },
  'exports.indicatorWorkbook': { period: '2017', dimensions: ['sex'], language: 'ru', outside: true },
  'imports.template': { language: 'ru' },
  'imports.preview': { fileName: 'r.csv', contentBase64: 'YSxi' },
  'imports.report': { importId: '0123456789abcdef', language: 'en' },
  'imports.confirm': { importId: '0123456789abcdef' },
  'formImports.template': { form: 'testing', period: '2025Q1', language: 'ru' },
  'formImports.preview': { fileName: 'f.xlsx', contentBase64: 'YSxi' },
  'formImports.report': { importId: '0123456789abcdef', language: 'ru' },
  'formImports.confirm': { importId: '0123456789abcdef' },
  'fhir.measureReports': { period: '2017' },
  'dhis2.export': { from: '2016', to: '2017Q2', format: 'adx' },
  'dhis2.mappingWorkbook': { language: 'ru' },
  'dhis2.loadMetadata': { fileName: 'metadata.json', contentBase64: 'e30=' },
  'dhis2.loadMapping': { fileName: 'dhis2-mapping.xlsx', contentBase64: 'UEsD' },
  'translations.workbook': { language: 'kk' },
  'translations.preview': { fileName: 'translation-kk.xlsx', contentBase64: 'UEsD', language: 'kk' },
  'translations.confirm': { previewId: 'x' },
  'translations.get': {},
  'translations.remove': { language: 'kk', key: 'nav.forms' },
  'exchange.identity': {},
  'persons.candidates': {},
  'persons.link': { caseId: 1, withCaseId: 2 },
  'persons.unlink': { caseId: 2 },
  'exchange.keyFile': {},
  'exchange.partners': {},
  'exchange.addPartner': { fileName: 'public-key-KGZ.mhdkey', contentBase64: 'e30=' },
  'exchange.makePackage': { partnerId: 1, full: false },
  'exchange.previewPackage': { fileName: 'package-KGZ-0001.mhdpkg', contentBase64: 'TUhE' },
  'exchange.confirmPackage': { packageId: '0123456789abcdef' },
  'exchange.makeAbroadPackage': { partnerId: 1, fromYear: 2016, toYear: 2017 },
  'exchange.continueNumbering': { partnerId: 1, after: 3 },
  'exchange.replaceKey': { partnerId: 1, fileName: 'public-key-KGZ-0a1b2c3d.mhdkey', contentBase64: 'e30=' },
  'exchange.removePartner': { partnerId: 1, records: 'keep' },
  'exchange.abroadReports': { fromYear: 2016, toYear: 2017 },
  'files.saveAs': { fileName: 'hiv-migrants-KAZ-2017.xlsx' },
  'files.printToPdf': { fileName: 'fact-sheet-KAZ-2017.pdf' },
  'factsheet.get': { country: 'KAZ', year: 2017 },
  'factsheet.saveContext': {
    country: 'KAZ',
    year: 2017,
    values: [{ indicator: 'population', value: 17.9, low: null, high: null, text: null, dataYear: '2017', source: null, note: null }],
  },
  'factsheet.saveText': { country: 'KAZ', year: 2017, section: 'migration', body: 'текст' },
  'factsheet.workbook': { country: 'KAZ', year: 2017, language: 'ru' },
  'exports.lineList': { language: 'ru' },
  'exports.job': { jobId: '0123456789abcdef' },
  'exports.cancel': { jobId: '0123456789abcdef' },
  'estimates.start': { firstYear: 2012, lastYear: 2017, bootstrap: 20 },
  'estimates.job': { jobId: '0123456789abcdef' },
  'estimates.cancel': { jobId: '0123456789abcdef' },
  'estimates.runs': {},
  'estimates.current': {},
  'estimates.adopt': { runId: 1, adopted: true },
  'estimates.ecdcFiles': { firstYear: 2012, lastYear: 2017 },
  'indicators.cascade': { period: '2017', dimension: 'sex' },
  'indicators.cases': { period: '2017', dimension: 'sex', group: 'male', measure: 'onArt' },
  'indicators.trend': { year: 2017, years: 5 },
};

describe('the contract', () => {
  it('has a valid example for every channel', async () => {
    expect(Object.keys(VALID).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) expect(contract[channel].input.safeParse(VALID[channel]).success, channel).toBe(true);
  });

  it('refuses malformed payloads on every channel with invalid_input, changing nothing', async () => {
    // Each channel asked where its caller may use it: set-up channels before a database is open,
    // the others signed in (the demo's user holds every role).
    const fresh = session(tempDir());
    const demo = session(tempDir());
    dispatch(demo, 'setup.openDemo', {}, silentLogger);
    const notAnObject = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.array(fc.anything()),
      fc.constant(null).map(() => 'null'),
    );
    for (const channel of CHANNELS) {
      const s = contract[channel].permission === 'setup' ? fresh : demo;
      fc.assert(
        fc.property(notAnObject, (payload) => {
          const r = dispatch(s, channel, payload, silentLogger);
          return !r.ok && r.error.code === 'invalid_input';
        }),
        { numRuns: 40 },
      );
      // An unexpected field is refused too (strict objects): nothing smuggled through.
      const r = dispatch(s, channel, { ...(VALID[channel] as object), extra: fc.sample(fc.string(), 1)[0] }, silentLogger);
      expect(r.ok, channel).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('invalid_input');
    }
    expect(fresh.status().database).toBeNull();
  });

  it('names each wrong field of a payload', async () => {
    const s = session(tempDir());
    fc.assert(
      fc.property(
        fc.record({
          countryCode: fc.string(),
          region: fc.string({ maxLength: 3 }),
          centre: fc.constant(''),
          login: fc.string({ maxLength: 20 }).map((s) => 'Ж'.repeat(81) + s),
          password: fc.constant('СогдЛето-2017-год'),
        }),
        (payload) => {
          const r = dispatch(s, 'setup.createCentre', payload, silentLogger);
          if (r.ok) return false;
          const paths = r.error.issues?.map((i) => i.path) ?? [];
          return (
            paths.includes('centre') && paths.includes('login') && r.error.issues!.every((i) => i.messageKey.startsWith('validation.'))
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it('answers an unknown channel with unknown_channel', async () => {
    const s = session(tempDir());
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.integer(), fc.constant(undefined), fc.constant('__proto__'), fc.constant('constructor')),
        (name) => {
          fc.pre(!CHANNELS.includes(name as never));
          const r = dispatch(s, name, {}, silentLogger);
          return !r.ok && r.error.code === 'unknown_channel';
        },
      ),
    );
  });

  it('says signed_out for data channels before a database is open and signed in to', async () => {
    const s = session(tempDir());
    for (const channel of ['orgUnits.list', 'audit.recent', 'cases.list', 'cases.create', 'events.save'] as const) {
      const r = dispatch(s, channel, VALID[channel], silentLogger);
      expect(r).toMatchObject({ ok: false, error: { code: 'signed_out', messageKey: 'errors.signed_out' } });
    }
  });

  it('refuses control characters in names typed by staff', async () => {
    const s = session(tempDir());
    const r = await dispatchAsync(
      s,
      'setup.createCentre',
      { ...(VALID['setup.createCentre'] as object), centre: 'Центр\u0000' },
      silentLogger,
    );
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'centre', messageKey: 'validation.control_characters' }] },
    });
  });
});
