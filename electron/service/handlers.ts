// One handler per contract channel. Inputs arrive already parsed by the channel's zod schema.
import type { z } from 'zod';
import type { Contract, Channel, ChannelOutput } from '../../shared/contract.js';
import { listCountries } from '../../db/reference.js';
import { listOrgUnits } from '../../db/org-units.js';
import { recentAudit, searchAudit } from '../../db/audit.js';
import { setSetting, SUPPRESSION_SETTING } from '../../db/settings.js';
import { COUNTRIES } from '../../db/seed/countries.js';
import type { DeskSession } from './session.js';
import { fail } from '../../shared/result.js';
import { caseHandlers } from './cases/handlers.js';
import { formHandlers } from './forms/handlers.js';
import { indicatorHandlers } from './indicators/handlers.js';
import { exportHandlers } from './exports/handlers.js';
import { importHandlers } from './imports/handlers.js';
import { factSheetHandlers } from './factsheet/handlers.js';
import { authHandlers } from './auth/handlers.js';
import { backupHandlers } from './backups/handlers.js';
import { estimateHandlers } from './estimates/handlers.js';
import { exchangeHandlers } from './exchange/handlers.js';
import { dhis2Handlers } from './dhis2/handlers.js';
import { translationHandlers } from './translations/handlers.js';
import { fhirHandlers } from './fhir/handlers.js';

export type Handlers = {
  [C in Channel]: (session: DeskSession, input: z.output<Contract[C]['input']>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

export const handlers: Handlers = {
  'app.status': (s) => s.status(),
  'app.setLanguage': (s, { language }) => s.setLanguage(language),
  'setup.openDemo': (s) => s.openDemo(),
  'setup.createCentre': (s, input) => s.createCentre(input),
  'setup.openExisting': (s, { path }) => s.openExisting(path),
  'setup.close': (s) => s.closeDatabase(),
  'setup.databases': (s) => s.databaseFiles(),
  'setup.browse': async (s) => {
    if (!s.chooseOpenPath) fail('no_dialog');
    return { path: await s.chooseOpenPath(s.dataDir) };
  },
  // Before any database exists (the first-start wizard) the list comes from the seed itself.
  'reference.countries': (s) => (s.status().database ? listCountries(s.database) : COUNTRIES.map(([code]) => ({ code }))),
  'jobs.progress': (s) => s.job,
  'orgUnits.list': (s) => {
    const scope = s.scope;
    return listOrgUnits(s.database).filter((u) => !scope || scope.has(u.id));
  },
  'settings.setSuppression': (s, { maxCount }) => {
    setSetting(s.database, s.actor, SUPPRESSION_SETTING, String(maxCount));
    return s.status();
  },
  // Folder-wide (it governs line lists of every database here): not for the demo's password-less user.
  'settings.setExportRetention': (s, retention) => (s.status().user?.demo ? fail('forbidden') : s.setExportRetention(retention)),
  'audit.recent': (s, { limit }) => recentAudit(s.database, limit),
  'audit.search': (s, q) => searchAudit(s.database, q),
  ...authHandlers,
  ...backupHandlers,
  ...caseHandlers,
  ...formHandlers,
  ...factSheetHandlers,
  ...indicatorHandlers,
  ...exportHandlers,
  ...estimateHandlers,
  ...exchangeHandlers,
  ...dhis2Handlers,
  ...translationHandlers,
  ...fhirHandlers,
  ...importHandlers,
};
