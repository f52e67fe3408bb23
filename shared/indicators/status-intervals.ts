// A case's status as a function of the period, worked out once per change to the case instead of
// once per period asked. What a case counts as splits in two:
// - its state at the end E of the period (diagnosed, in care, on ART, the viral-load flags) changes
//   only on a handful of dates (its diagnosis, its events, 183 days after an ART start, 12 months
//   after a viral load), so it is kept as dated intervals of constant state;
// - what it counts as *within* the period (new diagnosis, ART initiation, linkage, late diagnosis,
//   late ART start) depends only on whether its diagnosis and its first ART start fall in [start, E],
//   so it is kept as those two dates and the CD4 classes the definitions give them.
// Both come from the definitions in case-status.ts, evaluated at the change dates; nothing here
// restates a threshold. A period's code is then `endCode | periodBits(...)`.
import { minusMonths, statusCode, statusFromSummary, summarize, VL_ELIGIBLE_DAYS, type CaseFacts, type CaseStatus } from './case-status.js';

/** The end of time for an interval still open: later than any date a period can end on. */
export const OPEN_END = '9999-12-31';

const DAY = 86_400_000;
const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** The flags that depend on the period's start as well as its end: kept apart from the intervals. */
type PeriodFlag = 'newDiagnosis' | 'artInitiation' | 'linked' | 'lateDiagnosis' | 'advancedAtDiagnosis' | 'lateArtStart';
const NO_PERIOD_FLAGS: Pick<CaseStatus, PeriodFlag> = {
  newDiagnosis: false,
  artInitiation: false,
  linked: false,
  lateDiagnosis: null,
  advancedAtDiagnosis: null,
  lateArtStart: null,
};

/** The code of a status with everything that depends on the period's start cleared. */
const endStateCode = (s: CaseStatus) => statusCode({ ...s, ...NO_PERIOD_FLAGS });

/** The first end date E on which a viral load of `date` has left the 12 months up to E. */
function vlExpiry(date: string): string {
  let e = plusDays(date, 365); // then to the exact day, whatever the leap years and month ends do
  while (minusMonths(e, 12) < date) e = plusDays(e, 1);
  while (minusMonths(plusDays(e, -1), 12) >= date) e = plusDays(e, -1);
  return e;
}

export type StatusInterval = { from: string; to: string; endCode: number };

/** The dated intervals, from the diagnosis on, over which the case's end-of-period state stays the same. */
export function statusIntervals(c: CaseFacts): StatusInterval[] {
  const points = new Set<string>([c.diagnosisDate]);
  for (const e of c.events) {
    points.add(e.date);
    if (e.kind === 'art_start') points.add(plusDays(e.date, VL_ELIGIBLE_DAYS));
    if (e.kind === 'viral_load') points.add(vlExpiry(e.date));
  }
  const sorted = [...points].filter((p) => p >= c.diagnosisDate).sort();
  const out: StatusInterval[] = [];
  for (const at of sorted) {
    const endCode = endStateCode(statusFromSummary(summarize(c, at), at, at));
    const last = out[out.length - 1];
    if (last && last.endCode === endCode) continue;
    if (last) last.to = plusDays(at, -1);
    out.push({ from: at, to: OPEN_END, endCode });
  }
  return out;
}

/** What counts within a period, as the case's constants: its first ART start, and the yes/no/unknown classes of its CD4s. */
export type PeriodFacts = { firstStart: string | null; triCode: number };

export function periodFacts(c: CaseFacts): PeriodFacts {
  const summary = summarize(c, OPEN_END);
  // A period containing both the diagnosis and the first start gives every class the definitions can give.
  const all = statusFromSummary(summary, '0000-01-01', OPEN_END);
  const triCode = statusCode({
    ...allFalse(),
    lateDiagnosis: all.lateDiagnosis,
    advancedAtDiagnosis: all.advancedAtDiagnosis,
    lateArtStart: all.lateArtStart,
  });
  return { firstStart: summary.firstStart, triCode };
}

/** Bits of the yes/no/unknown pairs, by what gates them: the diagnosis in the period, or the first start in it. */
const DIAGNOSIS_TRI =
  statusCode({ ...allFalse(), lateDiagnosis: true, advancedAtDiagnosis: true }) |
  statusCode({ ...allFalse(), lateDiagnosis: false, advancedAtDiagnosis: false });
const START_TRI = statusCode({ ...allFalse(), lateArtStart: true }) | statusCode({ ...allFalse(), lateArtStart: false });

function allFalse(): CaseStatus {
  return {
    diagnosed: false,
    inCare: false,
    onArt: false,
    newDiagnosis: false,
    artInitiation: false,
    linked: false,
    vlEligible: false,
    vlTested: false,
    vlSuppressedEligible: false,
    suppressedOnArt: false,
    vlOnArt: false,
    undetectableOnArt: false,
    baselineCd4AtDiagnosis: null,
    lateDiagnosis: null,
    advancedAtDiagnosis: null,
    lateArtStart: null,
  };
}

/**
 * The status code of a case for a period, from what its interval keeps (the end code with the
 * case's CD4 classes: `endCode | triCode`) and whether its diagnosis and first start fall in the period.
 */
export function periodCode(kept: number, newDiagnosis: boolean, artInitiation: boolean): number {
  const flags = statusCode({ ...allFalse(), newDiagnosis, artInitiation, linked: newDiagnosis && artInitiation });
  return (kept & ~(DIAGNOSIS_TRI | START_TRI)) | flags | (newDiagnosis ? kept & DIAGNOSIS_TRI : 0) | (artInitiation ? kept & START_TRI : 0);
}

/** Bits a kept code may use: the status codes of case-status.ts fit in 18. */
export const CODE_BITS = 18;
