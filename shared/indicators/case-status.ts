// What one case counts as for a period P = [start, end] (ISO dates), by the definitions of
// DESIGN.md (WHO 2022 person-centred strategic information; SMART HIV.IND codes).
import type { CaseEvent } from '../cases/api.js';

export type CaseFacts = { diagnosisDate: string; events: readonly Pick<CaseEvent, 'kind' | 'date' | 'cd4' | 'copies' | 'undetectable' | 'outcome'>[] };

const EXITS = new Set(['died', 'left_country', 'deported', 'transferred']);
export const VL_ELIGIBLE_DAYS = 183; // on the current ART episode for at least six months
export const WINDOW_DAYS_CD4 = 91;
export const SUPPRESSED_BELOW = 1000; // copies/mL; "undetectable" counts as < 50

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
const minusMonths = (iso: string, months: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
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
  baselineCd4AtDiagnosis: number | null; // first CD4 within 91 days after diagnosis, not after ART start
  lateDiagnosis: boolean | null; // new diagnosis in P, that CD4 < 350 (null: no such CD4)
  advancedAtDiagnosis: boolean | null; // ... < 200
  lateArtStart: boolean | null; // ART initiation in P, last CD4 in the 91 days up to the start < 200 (HIV.IND.31)
};

export function caseStatus(c: CaseFacts, start: string, end: string): CaseStatus {
  const upTo = byDate(c.events.filter((e) => e.date <= end));
  const lastOutcome = [...upTo].reverse().find((e) => e.kind === 'outcome')?.outcome ?? 'in_care';
  const diagnosed = c.diagnosisDate <= end && !EXITS.has(lastOutcome);
  const inCare = diagnosed && lastOutcome !== 'ltfu';
  const artEvents = upTo.filter((e) => e.kind === 'art_start' || e.kind === 'art_stop');
  const lastArt = artEvents.at(-1);
  const onArt = inCare && lastArt?.kind === 'art_start';

  // The current episode began at the first start after the last stop.
  let episodeStart: string | null = null;
  if (onArt) {
    for (let i = artEvents.length - 1; i >= 0 && artEvents[i]!.kind === 'art_start'; i--) episodeStart = artEvents[i]!.date;
  }
  const vlEligible = onArt && episodeStart !== null && days(episodeStart, end) >= VL_ELIGIBLE_DAYS;
  const windowStart = minusMonths(end, 12);
  const lastVl = [...upTo].reverse().find((e) => e.kind === 'viral_load' && e.date > windowStart);
  const suppressedVl = !!lastVl && (lastVl.undetectable === true || (lastVl.copies ?? Infinity) < SUPPRESSED_BELOW);

  const firstStart = byDate(c.events.filter((e) => e.kind === 'art_start'))[0]?.date ?? null;
  const newDiagnosis = c.diagnosisDate >= start && c.diagnosisDate <= end;
  const artInitiation = firstStart !== null && firstStart >= start && firstStart <= end;
  const linked = newDiagnosis && artInitiation;

  const cd4s = byDate(c.events.filter((e) => e.kind === 'cd4' && e.cd4 !== null));
  const atDiagnosis = cd4s.find((e) => e.date >= c.diagnosisDate && days(c.diagnosisDate, e.date) <= WINDOW_DAYS_CD4 && (firstStart === null || e.date <= firstStart));
  const baselineCd4AtDiagnosis = atDiagnosis?.cd4 ?? null;
  const baselineAtStart = firstStart ? [...cd4s].reverse().find((e) => e.date <= firstStart && days(e.date, firstStart) <= WINDOW_DAYS_CD4)?.cd4 ?? null : null;

  return {
    diagnosed,
    inCare,
    onArt,
    newDiagnosis,
    artInitiation,
    linked,
    vlEligible,
    vlTested: vlEligible && !!lastVl,
    vlSuppressedEligible: vlEligible && suppressedVl,
    suppressedOnArt: onArt && suppressedVl,
    baselineCd4AtDiagnosis,
    lateDiagnosis: newDiagnosis && baselineCd4AtDiagnosis !== null ? baselineCd4AtDiagnosis < 350 : null,
    advancedAtDiagnosis: newDiagnosis && baselineCd4AtDiagnosis !== null ? baselineCd4AtDiagnosis < 200 : null,
    lateArtStart: artInitiation && baselineAtStart !== null ? baselineAtStart < 200 : null,
  };
}
