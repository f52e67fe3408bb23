// Indicator channels: the cascade for a period and org unit (with its sub-units), disaggregated,
// and the cases behind any case-based count.
import { caseTallies, eachCaseStatus, plhivEstimate, testingTotals } from '../../../db/indicators.js';
import { TESTING_SETTINGS } from '../../../shared/forms/definitions.js';
import { proportion } from '../../../shared/indicators/wilson.js';
import { cascade } from '../../../shared/indicators/cascade.js';
import { groupsOf } from '../../../shared/indicators/dimensions.js';
import type { CountedStatus } from '../../../shared/indicators/case-status.js';
import type { Measure } from '../../../shared/indicators/api.js';
import { parsePeriod } from '../../../shared/periods.js';
import { fail } from '../../../shared/result.js';
import { stmt } from '../../../db/connection.js';
import { suppressionMaxCount } from '../../../db/settings.js';
import { hiddenColumns } from '../../../shared/indicators/breakdown-suppression.js';
import type { Handlers } from '../handlers.js';

const STATUS_OF: Record<Measure, keyof CountedStatus> = {
  diagnosed: 'diagnosed', inCare: 'inCare', onArt: 'onArt', suppressedOnArt: 'suppressedOnArt', newDiagnoses: 'newDiagnosis',
  artInitiations: 'artInitiation', linked: 'linked', vlEligible: 'vlEligible', vlTested: 'vlTested',
};
const DRILLDOWN_MAX = 500;

const periodOf = (code: string) => parsePeriod(code) ?? fail('invalid_input', undefined, [{ path: 'period', messageKey: 'validation.period' }]);

export const indicatorHandlers: Pick<Handlers, 'indicators.cascade' | 'indicators.cases'> = {
  'indicators.cascade': (s, q) => {
    const period = periodOf(q.period);
    const orgUnitId = q.orgUnitId ?? s.orgUnitId;
    const year = Number(q.period.slice(0, 4));
    const estimate = plhivEstimate(s.database, orgUnitId, year);
    const { total, groups } = caseTallies(s.database, orgUnitId, period, q.dimension);
    return {
      period: q.period, orgUnitId, dimension: q.dimension, estimate,
      total: { tally: total, cascade: cascade(total, estimate, year) },
      // Groups have no estimate of their own: their first 90 is not computable.
      groups: groups.map((g) => ({ key: g.key, tally: g.tally, cascade: cascade(g.tally, null, year), share: proportion(g.tally.diagnosed, total.diagnosed) })),
      outside: (() => {
        const maxCount = suppressionMaxCount(s.database);
        return { maxCount, ...hiddenColumns(total, groups, q.dimension, maxCount) };
      })(),
      testing: (() => {
        const t = testingTotals(s.database, orgUnitId, period);
        return TESTING_SETTINGS.filter((st) => t.has(`tested_${st}`)).map((st) => {
          const tested = t.get(`tested_${st}`) ?? 0;
          const positive = t.get(`positive_${st}`) ?? 0;
          return { setting: st, tested, positive, positivity: proportion(positive, tested) };
        });
      })(),
    };
  },
  'indicators.cases': (s, q) => {
    const period = periodOf(q.period);
    const ids: number[] = [];
    const endYear = Number(period.end.slice(0, 4));
    eachCaseStatus(s.database, q.orgUnitId ?? s.orgUnitId, period, (status, facts, id) => {
      if (status[STATUS_OF[q.measure]] === true && (q.group === null || groupsOf(facts, q.dimension, endYear).includes(q.group))) ids.push(id);
    });
    const shown = ids.slice(0, DRILLDOWN_MAX);
    const rows = shown.length
      ? (stmt(s.database, `SELECT id, register_no AS registerNo, uic FROM hiv_case WHERE id IN (SELECT value FROM json_each(?)) ORDER BY register_no`).all(JSON.stringify(shown)) as { id: number; registerNo: string; uic: string }[])
      : [];
    return { rows, total: ids.length };
  },
};
