import { m0001 } from './0001-reference.js';
import { m0002 } from './0002-org-units.js';
import { m0003 } from './0003-case-register.js';
import { m0004 } from './0004-aggregate-forms.js';
import { m0005 } from './0005-case-status-cache.js';
import { m0006 } from './0006-fact-sheets.js';
import { m0007 } from './0007-surveys-by-key-population.js';
import { m0008 } from './0008-status-cache-use.js';
import { m0009 } from './0009-fact-sheet-precision.js';
import { m0010 } from './0010-accounts.js';
import { m0011 } from './0011-audit-chain.js';
import { m0012 } from './0012-status-intervals.js';
import { m0013 } from './0013-derived-case-columns.js';
import { m0014 } from './0014-write-lean-indexes.js';
import { m0015 } from './0015-estimate-runs.js';
import { m0016 } from './0016-aids-diagnosis.js';
import { m0017 } from './0017-fact-sheet-languages.js';
import { m0018 } from './0018-exchange.js';
import { m0019 } from './0019-dhis2-mapping.js';
import { m0020 } from './0020-abroad-reports.js';
import { m0021 } from './0021-partner-keys.js';
import { m0022 } from './0022-translations.js';
import { m0023 } from './0023-names-by-language.js';
import type { Migration } from './types.js';

export type { Migration };
/** In order; the last version is the schema this build of the app writes. */
export const MIGRATIONS: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
  m0019,
  m0020,
  m0021,
  m0022,
  m0023,
];
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
