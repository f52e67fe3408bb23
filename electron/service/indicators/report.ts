// The indicator report for a period, org unit (with its sub-units) and breakdown: what the
// dashboard shows and what a workbook exports, built in one place.
import { caseTallies, caseTalliesForPeriods, plhivEstimate, testingTotals } from '../../../db/indicators.js';
import type { Db } from '../../../db/connection.js';
import { adoptedUndiagnosed } from '../../../db/estimate-runs.js';
import { suppressionMaxCount } from '../../../db/settings.js';
import { TESTING_SETTINGS } from '../../../shared/forms/definitions.js';
import { hiddenColumns } from '../../../shared/indicators/breakdown-suppression.js';
import { cascade, type Tally } from '../../../shared/indicators/cascade.js';
import { columnsOfCounts, countsOfColumns, hiddenCascadeCounts } from '../../../shared/indicators/cascade-suppression.js';
import type { Dimension } from '../../../shared/indicators/dimensions.js';
import type { EstimateSource, IndicatorResult, TrendResult } from '../../../shared/indicators/api.js';
import { proportion } from '../../../shared/indicators/wilson.js';
import { parsePeriod, type Period } from '../../../shared/periods.js';
import { fail } from '../../../shared/result.js';

export const periodOf = (code: string): Period =>
  parsePeriod(code) ?? fail('invalid_input', undefined, [{ path: 'period', messageKey: 'validation.period' }]);

/**
 * The first 90's denominator for a year: an entered estimate where one was typed for the year (a
 * survey's figure is a deliberate choice), else the register's living diagnosed plus the
 * undiagnosed of the unit's adopted ECDC run, with its bounds; else none.
 */
export function plhivDenominator(
  db: Db,
  orgUnitId: number,
  year: number,
  diagnosed: number,
): { estimate: number | null; estimateSource: EstimateSource | null; bounds: [number, number] | null } {
  const entered = plhivEstimate(db, orgUnitId, year);
  if (entered !== null) return { estimate: entered, estimateSource: { kind: 'entered' }, bounds: null };
  const m = adoptedUndiagnosed(db, orgUnitId, year);
  if (!m) return { estimate: null, estimateSource: null, bounds: null };
  const bounds: [number, number] | null = m.bounds ? [diagnosed + m.bounds[0], diagnosed + m.bounds[1]] : null;
  return {
    estimate: diagnosed + m.undiagnosed,
    estimateSource: { kind: 'ecdc', runId: m.runId, createdAt: m.createdAt, undiagnosed: m.undiagnosed, bounds },
    bounds,
  };
}

export function indicatorReport(db: Db, orgUnitId: number, periodCode: string, dimension: Dimension): IndicatorResult {
  const period = periodOf(periodCode);
  const year = Number(periodCode.slice(0, 4));
  const { total, groups } = caseTallies(db, orgUnitId, period, dimension);
  const { estimate, estimateSource, bounds } = plhivDenominator(db, orgUnitId, year, total.diagnosed);
  const maxCount = suppressionMaxCount(db);
  const t = testingTotals(db, orgUnitId, period);
  return {
    period: periodCode,
    orgUnitId,
    dimension,
    estimate,
    estimateSource,
    total: { tally: total, cascade: cascade(total, estimate, year, bounds) },
    // Groups have no estimate of their own: their first 90 is not computable.
    groups: groups.map((g) => ({
      key: g.key,
      tally: g.tally,
      cascade: cascade(g.tally, null, year),
      share: proportion(g.tally.diagnosed, total.diagnosed),
    })),
    testing: TESTING_SETTINGS.filter((st) => t.has(`tested_${st}`)).map((st) => {
      const tested = t.get(`tested_${st}`) ?? 0;
      const positive = t.get(`positive_${st}`) ?? 0;
      return { setting: st, tested, positive, positivity: proportion(positive, tested) };
    }),
    outside: outsideView(total, groups, dimension, maxCount),
  };
}

/**
 * What leaves the centre hidden: the breakdown's cells, and the whole population's cascade counts.
 * The total row and the cascade are the same people: what either hides, both hide (hiding more
 * never lets more be worked out).
 */
function outsideView(
  total: Tally,
  groups: { key: string; tally: Tally }[],
  dimension: Dimension,
  maxCount: number,
): IndicatorResult['outside'] {
  const breakdown = hiddenColumns(total, groups, dimension, maxCount);
  const counts = [...new Set([...hiddenCascadeCounts(total, maxCount), ...countsOfColumns(breakdown.total)])];
  return { maxCount, total: columnsOfCounts(counts), groups: breakdown.groups, counts };
}

/** The cascade of each of `years` years up to `year`, counted in one pass; a year no period can have keeps its row with the reason. */
export function trendReport(db: Db, orgUnitId: number, year: number, years: number): TrendResult {
  const asked = Array.from({ length: years }, (_, i) => year - years + 1 + i).map((y) => ({ year: y, period: parsePeriod(String(y)) }));
  const counted = asked.filter((a): a is { year: number; period: Period } => a.period !== null);
  const tallies = caseTalliesForPeriods(
    db,
    orgUnitId,
    counted.map((a) => a.period),
    [],
  );
  return {
    orgUnitId,
    rows: asked.map(({ year: y, period }) => {
      if (!period) return { year: y, ok: false as const, messageKey: 'validation.period' };
      const total = tallies[counted.findIndex((a) => a.year === y)]!.total;
      const { estimate, estimateSource, bounds } = plhivDenominator(db, orgUnitId, y, total.diagnosed);
      return { year: y, ok: true as const, estimate, estimateSource, tally: total, cascade: cascade(total, estimate, y, bounds) };
    }),
  };
}
