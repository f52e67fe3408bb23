// Indicator channels: the cascade for a period and org unit (with its sub-units), disaggregated,
// and the cases behind any case-based count.
import { eachCaseStatus } from '../../../db/indicators.js';
import { groupsOf } from '../../../shared/indicators/dimensions.js';
import type { CountedStatus } from '../../../shared/indicators/case-status.js';
import type { Measure } from '../../../shared/indicators/api.js';
import { stmt } from '../../../db/connection.js';
import type { Handlers } from '../handlers.js';
import { indicatorReport, periodOf, trendReport } from './report.js';

const STATUS_OF: Record<Measure, keyof CountedStatus> = {
  diagnosed: 'diagnosed',
  inCare: 'inCare',
  onArt: 'onArt',
  suppressedOnArt: 'suppressedOnArt',
  newDiagnoses: 'newDiagnosis',
  artInitiations: 'artInitiation',
  linked: 'linked',
  vlEligible: 'vlEligible',
  vlTested: 'vlTested',
};
const DRILLDOWN_MAX = 500;

export const indicatorHandlers: Pick<Handlers, 'indicators.cascade' | 'indicators.trend' | 'indicators.cases'> = {
  'indicators.cascade': (s, q) => indicatorReport(s.database, s.unit(q.orgUnitId), q.period, q.dimension),
  'indicators.trend': (s, q) => trendReport(s.database, s.unit(q.orgUnitId), q.year, q.years),
  'indicators.cases': (s, q) => {
    const period = periodOf(q.period);
    const ids: number[] = [];
    const endYear = Number(period.end.slice(0, 4));
    eachCaseStatus(s.database, s.unit(q.orgUnitId), period, (status, facts, id) => {
      if (status[STATUS_OF[q.measure]] === true && (q.group === null || groupsOf(facts, q.dimension, endYear).includes(q.group)))
        ids.push(id);
    });
    const shown = ids.slice(0, DRILLDOWN_MAX);
    const rows = shown.length
      ? (stmt(
          s.database,
          `SELECT id, register_no AS registerNo, uic FROM hiv_case WHERE id IN (SELECT value FROM json_each(?)) ORDER BY register_no`,
        ).all(JSON.stringify(shown)) as { id: number; registerNo: string; uic: string }[])
      : [];
    return { rows, total: ids.length };
  },
};
