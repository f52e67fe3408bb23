// What one case counts as for a period P = [start, end] (ISO dates), by the definitions of
// docs/indicators.md (WHO 2022 person-centred strategic information; SMART HIV.IND codes).
import type { CaseEvent } from '../cases/api.js';

export type CaseFacts = {
  diagnosisDate: string;
  events: readonly Pick<CaseEvent, 'kind' | 'date' | 'cd4' | 'copies' | 'undetectable' | 'outcome'>[];
};

const EXITS = new Set(['died', 'left_country', 'deported', 'transferred']);
export const VL_ELIGIBLE_DAYS = 183; // on the current ART episode for at least six months
export const WINDOW_DAYS_CD4 = 91;
export const SUPPRESSED_BELOW = 1000; // copies/mL; "undetectable" counts as < 50
export const UNDETECTABLE_BELOW = 50; // copies/mL, as the lower limit of the common assays

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
/** The same day `months` earlier, or the month's last day where it has no such day (29.02.2016 - 12 months = 28.02.2015). */
export const minusMonths = (iso: string, months: number) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};
const byDate = <T extends { date: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.date.localeCompare(b.date));

export type CaseStatus = {
  diagnosed: boolean; // HIV.IND.18 numerator as UNAIDS counts it: knows their status, still here
  inCare: boolean; // diagnosed and not lost to follow-up
  onArt: boolean; // HIV.IND.27
  newDiagnosis: boolean; // diagnosed within P
  artInitiation: boolean; // first ART start ever, within P (HIV.IND.30)
  linked: boolean; // new diagnosis in P who started ART within P (HIV.IND.21)
  vlEligible: boolean; // on ART, current episode began >= 183 days before the end of P
  vlTested: boolean; // eligible, with a result in the 12 months up to the end of P (HIV.IND.32)
  vlSuppressedEligible: boolean; // eligible and the last result in that window < 1000 (HIV.IND.29)
  suppressedOnArt: boolean; // on ART with the last result in the window < 1000 (UNAIDS third 90)
  vlOnArt: boolean; // on ART with a result in the 12 months up to the end of P
  undetectableOnArt: boolean; // ... that last result undetectable or < 50 copies/mL
  baselineCd4AtDiagnosis: number | null; // first CD4 within 91 days after diagnosis, not after ART start
  lateDiagnosis: boolean | null; // new diagnosis in P, that CD4 < 350 (null: no such CD4)
  advancedAtDiagnosis: boolean | null; // ... < 200
  lateArtStart: boolean | null; // ART initiation in P, last CD4 in the 91 days up to the start < 200 (HIV.IND.31)
};

/**
 * What the definitions need to know about a case at the end of a period: the database computes
 * this per case in SQL (db/indicators.ts); `summarize` computes the same from a list of events.
 */
export type CaseSummary = {
  diagnosisDate: string;
  lastOutcome: string | null; // up to the end
  lastArtKind: 'art_start' | 'art_stop' | null; // up to the end
  episodeStart: string | null; // first start after the last stop, up to the end
  lastVl: { date: string; copies: number | null; undetectable: boolean } | null; // up to the end
  firstStart: string | null; // ever
  cd4AtDiagnosis: number | null; // first CD4 within 91 days after diagnosis, not after the first start
  cd4AtStart: number | null; // last CD4 in the 91 days up to the first start
};

export function summarize(c: CaseFacts, end: string): CaseSummary {
  // Events in date order (the database gives them so; sort only when they are not).
  let events = c.events;
  for (let i = 1; i < events.length; i++)
    if (events[i - 1]!.date > events[i]!.date) {
      events = byDate(events);
      break;
    }
  const s: CaseSummary = {
    diagnosisDate: c.diagnosisDate,
    lastOutcome: null,
    lastArtKind: null,
    episodeStart: null,
    lastVl: null,
    firstStart: null,
    cd4AtDiagnosis: null,
    cd4AtStart: null,
  };
  for (const e of events) {
    if (e.kind === 'art_start' && s.firstStart === null) s.firstStart = e.date;
    if (e.date > end) continue;
    if (e.kind === 'outcome') s.lastOutcome = e.outcome ?? s.lastOutcome;
    else if (e.kind === 'art_start') {
      if (s.lastArtKind !== 'art_start') s.episodeStart = e.date;
      s.lastArtKind = 'art_start';
    } else if (e.kind === 'art_stop') s.lastArtKind = 'art_stop';
    else if (e.kind === 'viral_load') s.lastVl = { date: e.date, copies: e.copies, undetectable: e.undetectable === true };
  }
  for (const e of events) {
    if (e.kind !== 'cd4' || e.cd4 === null) continue;
    if (
      s.cd4AtDiagnosis === null &&
      e.date >= c.diagnosisDate &&
      days(c.diagnosisDate, e.date) <= WINDOW_DAYS_CD4 &&
      (s.firstStart === null || e.date <= s.firstStart)
    )
      s.cd4AtDiagnosis = e.cd4;
    if (s.firstStart !== null && e.date <= s.firstStart && days(e.date, s.firstStart) <= WINDOW_DAYS_CD4) s.cd4AtStart = e.cd4;
  }
  return s;
}

export function statusFromSummary(c: CaseSummary, start: string, end: string): CaseStatus {
  const lastOutcome = c.lastOutcome ?? 'in_care';
  const diagnosed = c.diagnosisDate <= end && !EXITS.has(lastOutcome);
  const inCare = diagnosed && lastOutcome !== 'ltfu';
  const onArt = inCare && c.lastArtKind === 'art_start';
  const vlEligible = onArt && c.episodeStart !== null && days(c.episodeStart, end) >= VL_ELIGIBLE_DAYS;
  const lastVl = c.lastVl && c.lastVl.date > minusMonths(end, 12) ? c.lastVl : null; // the 12 months up to the end
  const suppressedVl = !!lastVl && (lastVl.undetectable || (lastVl.copies ?? Infinity) < SUPPRESSED_BELOW);
  const undetectableVl = !!lastVl && (lastVl.undetectable || (lastVl.copies ?? Infinity) < UNDETECTABLE_BELOW);
  const newDiagnosis = c.diagnosisDate >= start && c.diagnosisDate <= end;
  const artInitiation = c.firstStart !== null && c.firstStart >= start && c.firstStart <= end;
  return {
    diagnosed,
    inCare,
    onArt,
    newDiagnosis,
    artInitiation,
    linked: newDiagnosis && artInitiation,
    vlEligible,
    vlTested: vlEligible && !!lastVl,
    vlSuppressedEligible: vlEligible && suppressedVl,
    suppressedOnArt: onArt && suppressedVl,
    vlOnArt: onArt && !!lastVl,
    undetectableOnArt: onArt && undetectableVl,
    baselineCd4AtDiagnosis: c.cd4AtDiagnosis,
    lateDiagnosis: newDiagnosis && c.cd4AtDiagnosis !== null ? c.cd4AtDiagnosis < 350 : null,
    advancedAtDiagnosis: newDiagnosis && c.cd4AtDiagnosis !== null ? c.cd4AtDiagnosis < 200 : null,
    lateArtStart: artInitiation && c.cd4AtStart !== null ? c.cd4AtStart < 200 : null,
  };
}

export function caseStatus(c: CaseFacts, start: string, end: string): CaseStatus {
  return statusFromSummary(summarize(c, end), start, end);
}

const FLAGS = [
  'diagnosed',
  'inCare',
  'onArt',
  'newDiagnosis',
  'artInitiation',
  'linked',
  'vlEligible',
  'vlTested',
  'vlSuppressedEligible',
  'suppressedOnArt',
  'vlOnArt',
  'undetectableOnArt',
] as const;
const TRI = ['lateDiagnosis', 'advancedAtDiagnosis', 'lateArtStart'] as const;

/**
 * Raise when a definition above or the code layout below changes: codes cached by the database
 * under another version are then never read, and are dropped.
 */
// 2: the undetectable count; the 12-month window from a 29 February. 3: kept as dated intervals.
export const STATUS_DEFINITIONS_VERSION = 3;

const TRI_AT = FLAGS.length; // the yes/no/unknown pairs follow the flags

/** A status as one small integer (12 flags, 3 yes/no/unknown), so many cases can be counted by code. */
export function statusCode(s: CaseStatus): number {
  let code = 0;
  FLAGS.forEach((f, i) => {
    if (s[f]) code |= 1 << i;
  });
  TRI.forEach((f, i) => {
    code |= (s[f] === null ? 0 : s[f] ? 1 : 2) << (TRI_AT + 2 * i);
  });
  return code;
}

/** What a status code keeps: everything but the baseline CD4 value itself. */
export type CountedStatus = Omit<CaseStatus, 'baselineCd4AtDiagnosis'>;

export function decodeStatus(code: number): CountedStatus {
  const out: Record<string, boolean | null> = {};
  FLAGS.forEach((f, i) => (out[f] = (code & (1 << i)) !== 0));
  TRI.forEach((f, i) => {
    const v = (code >> (TRI_AT + 2 * i)) & 3;
    out[f] = v === 0 ? null : v === 1;
  });
  return out as CountedStatus;
}
