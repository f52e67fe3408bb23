// Counts over case statuses, and the cascade's percentages (each with numerator, denominator and
// a Wilson interval). The first 90 needs an entered estimate of migrants living with HIV.
import { proportion, type Proportion } from './wilson.js';
import type { CountedStatus } from './case-status.js';

export type Tally = {
  diagnosed: number;
  inCare: number;
  onArt: number;
  vlEligible: number;
  vlTested: number;
  vlSuppressed: number;
  suppressedOnArt: number;
  vlOnArt: number;
  undetectable: number;
  newDiagnoses: number;
  artInitiations: number;
  linked: number;
  lateDiagnosis: { numerator: number; denominator: number };
  advanced: { numerator: number; denominator: number };
  lateArt: { numerator: number; denominator: number };
};

export function emptyTally(): Tally {
  return {
    diagnosed: 0,
    inCare: 0,
    onArt: 0,
    vlEligible: 0,
    vlTested: 0,
    vlSuppressed: 0,
    suppressedOnArt: 0,
    vlOnArt: 0,
    undetectable: 0,
    newDiagnoses: 0,
    artInitiations: 0,
    linked: 0,
    lateDiagnosis: { numerator: 0, denominator: 0 },
    advanced: { numerator: 0, denominator: 0 },
    lateArt: { numerator: 0, denominator: 0 },
  };
}

/** Adds a case's status (times `n` cases with the same status) to a running tally. */
export function addToTally(t: Tally, s: CountedStatus, n = 1): Tally {
  t.diagnosed += n * +s.diagnosed;
  t.inCare += n * +s.inCare;
  t.onArt += n * +s.onArt;
  t.vlEligible += n * +s.vlEligible;
  t.vlTested += n * +s.vlTested;
  t.vlSuppressed += n * +s.vlSuppressedEligible;
  t.suppressedOnArt += n * +s.suppressedOnArt;
  t.vlOnArt += n * +s.vlOnArt;
  t.undetectable += n * +s.undetectableOnArt;
  t.newDiagnoses += n * +s.newDiagnosis;
  t.artInitiations += n * +s.artInitiation;
  t.linked += n * +s.linked;
  if (s.lateDiagnosis !== null) {
    t.lateDiagnosis.denominator += n;
    t.lateDiagnosis.numerator += n * +s.lateDiagnosis;
  }
  if (s.advancedAtDiagnosis !== null) {
    t.advanced.denominator += n;
    t.advanced.numerator += n * +s.advancedAtDiagnosis;
  }
  if (s.lateArtStart !== null) {
    t.lateArt.denominator += n;
    t.lateArt.numerator += n * +s.lateArtStart;
  }
  return t;
}

export function tally(statuses: Iterable<CountedStatus>): Tally {
  const t = emptyTally();
  for (const s of statuses) addToTally(t, s);
  return t;
}

/** 90-90-90 up to 2020, 95-95-95 from 2021. */
export const targetFor = (year: number) => (year <= 2020 ? 0.9 : 0.95);

export type Cascade = {
  target: number;
  first90: Proportion;
  second90: Proportion;
  third90: Proportion;
  diagnosedOfEstimate: Proportion;
  onArtOfEstimate: Proportion;
  suppressedOfEstimate: Proportion;
  vlCoverage: Proportion;
  vlSuppression: Proportion;
  undetectable: Proportion;
  linkage: Proportion;
  lateDiagnosis: Proportion;
  advanced: Proportion;
  lateArt: Proportion;
};

/**
 * `bounds`: the estimate's own 95% bounds where it is modelled (diagnosed + the model's bounds on
 * the undiagnosed). A share of a modelled estimate takes its interval from them, not from Wilson's
 * formula, which would treat the estimate as a count of people sampled.
 */
export function cascade(t: Tally, estimate: number | null, year: number, bounds: readonly [number, number] | null = null): Cascade {
  const ofEstimate = (n: number): Proportion => {
    if (estimate === null) return proportion(n, 0, 'no_estimate');
    const p = proportion(n, estimate);
    if (!bounds || !p.computable || p.warning) return p;
    return { ...p, low: Math.min(p.value, n / bounds[1]), high: Math.min(1, Math.max(p.value, n / Math.max(bounds[0], n, 1e-9))) };
  };
  return {
    target: targetFor(year),
    first90: ofEstimate(t.diagnosed),
    second90: proportion(t.onArt, t.diagnosed),
    third90: proportion(t.suppressedOnArt, t.onArt),
    diagnosedOfEstimate: ofEstimate(t.diagnosed),
    onArtOfEstimate: ofEstimate(t.onArt),
    suppressedOfEstimate: ofEstimate(t.suppressedOnArt),
    vlCoverage: proportion(t.vlTested, t.vlEligible),
    vlSuppression: proportion(t.vlSuppressed, t.vlTested),
    undetectable: proportion(t.undetectable, t.vlOnArt),
    linkage: proportion(t.linked, t.newDiagnoses),
    lateDiagnosis: proportion(t.lateDiagnosis.numerator, t.lateDiagnosis.denominator),
    advanced: proportion(t.advanced.numerator, t.advanced.denominator),
    lateArt: proportion(t.lateArt.numerator, t.lateArt.denominator),
  };
}
