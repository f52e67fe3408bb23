// A small register whose counts are worked out by hand below, one boundary per case.
import { describe, expect, it } from 'vitest';
import { caseStatus, minusMonths, type CaseFacts } from '../../shared/indicators/case-status.js';
import { cascade, tally } from '../../shared/indicators/cascade.js';
import { proportion } from '../../shared/indicators/wilson.js';

type E = CaseFacts['events'][number];
const ev = (kind: E['kind'], date: string, more: Partial<E> = {}): E => ({
  kind,
  date,
  cd4: null,
  copies: null,
  undetectable: null,
  outcome: null,
  ...more,
});

const REGISTER: Record<string, CaseFacts> = {
  // Diagnosed on the last day of the period: counts as diagnosed and new.
  A: { diagnosisDate: '2017-12-31', events: [] },
  // On ART since 2015, died before the end of 2017: not counted at the end of 2017.
  B: { diagnosisDate: '2015-05-01', events: [ev('art_start', '2015-06-01'), ev('outcome', '2017-11-30', { outcome: 'died' })] },
  // Deported after the period end: still counted; VL in the window, suppressed.
  C: {
    diagnosisDate: '2016-03-01',
    events: [
      ev('art_start', '2016-04-01'),
      ev('viral_load', '2017-06-01', { copies: 40, undetectable: false }),
      ev('outcome', '2018-01-05', { outcome: 'deported' }),
    ],
  },
  // ART stopped then restarted 152 days before the end: on ART, not yet eligible for VL; undetectable.
  D: {
    diagnosisDate: '2016-01-10',
    events: [
      ev('art_start', '2016-02-01'),
      ev('art_stop', '2017-03-01'),
      ev('art_start', '2017-08-01'),
      ev('viral_load', '2017-12-01', { undetectable: true }),
    ],
  },
  // New in 2017, CD4 280 before ART: late, not advanced; ART start with baseline CD4 280: not late.
  E: { diagnosisDate: '2017-02-01', events: [ev('cd4', '2017-02-10', { cd4: 280 }), ev('art_start', '2017-02-15')] },
  // The only VL is 13 months old: eligible, not tested, not suppressed.
  F: {
    diagnosisDate: '2015-01-01',
    events: [ev('art_start', '2015-02-01'), ev('viral_load', '2016-11-30', { copies: 200, undetectable: false })],
  },
  // CD4 taken after the ART start: no baseline, so out of both late-diagnosis denominators.
  G: { diagnosisDate: '2017-05-01', events: [ev('art_start', '2017-05-10'), ev('cd4', '2017-05-20', { cd4: 150 })] },
  // Two key populations, CD4 120 then ART, then lost to follow-up: diagnosed, not in care.
  H: {
    diagnosisDate: '2017-06-01',
    events: [ev('cd4', '2017-06-05', { cd4: 120 }), ev('art_start', '2017-06-20'), ev('outcome', '2017-10-01', { outcome: 'ltfu' })],
  },
};

const statuses = (start: string, end: string) =>
  Object.fromEntries(Object.entries(REGISTER).map(([k, c]) => [k, caseStatus(c, start, end)]));
const who = (s: Record<string, ReturnType<typeof caseStatus>>, key: keyof ReturnType<typeof caseStatus>) =>
  Object.keys(s).filter((k) => s[k]![key] === true);

describe('indicator definitions, case by case, for 2017', () => {
  const s = statuses('2017-01-01', '2017-12-31');
  it('diagnosed, in care, on ART', () => {
    expect(who(s, 'diagnosed')).toEqual(['A', 'C', 'D', 'E', 'F', 'G', 'H']);
    expect(who(s, 'inCare')).toEqual(['A', 'C', 'D', 'E', 'F', 'G']);
    expect(who(s, 'onArt')).toEqual(['C', 'D', 'E', 'F', 'G']);
  });
  it('new diagnoses, first ART starts and linkage within the period', () => {
    expect(who(s, 'newDiagnosis')).toEqual(['A', 'E', 'G', 'H']);
    expect(who(s, 'artInitiation')).toEqual(['E', 'G', 'H']); // D restarted: not a first start
    expect(who(s, 'linked')).toEqual(['E', 'G', 'H']);
  });
  it('viral load: eligibility from the current episode, a 12-month window, < 1000 or undetectable', () => {
    expect(who(s, 'vlEligible')).toEqual(['C', 'E', 'F', 'G']);
    expect(who(s, 'vlTested')).toEqual(['C']);
    expect(who(s, 'vlSuppressedEligible')).toEqual(['C']);
    expect(who(s, 'suppressedOnArt')).toEqual(['C', 'D']);
    // Undetectable: on ART with a result in the window, that result "undetectable" (D) or below 50 (C: 40).
    expect(who(s, 'vlOnArt')).toEqual(['C', 'D']);
    expect(who(s, 'undetectableOnArt')).toEqual(['C', 'D']);
  });
  it('undetectable is below 50 copies/mL; suppressed below 1000', () => {
    const at = (copies: number) =>
      caseStatus(
        {
          diagnosisDate: '2015-01-01',
          events: [ev('art_start', '2015-02-01'), ev('viral_load', '2017-06-01', { copies, undetectable: false })],
        },
        '2017-01-01',
        '2017-12-31',
      );
    expect([49, 50, 999, 1000].map((n) => [at(n).undetectableOnArt, at(n).suppressedOnArt, at(n).vlOnArt])).toEqual([
      [true, true, true],
      [false, true, true],
      [false, true, true],
      [false, false, true],
    ]);
  });
  it('late diagnosis and late ART start from the right CD4', () => {
    expect(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, [v.lateDiagnosis, v.advancedAtDiagnosis, v.lateArtStart]]))).toEqual({
      A: [null, null, null],
      B: [null, null, null],
      C: [null, null, null],
      D: [null, null, null],
      E: [true, false, false],
      F: [null, null, null],
      G: [null, null, null],
      H: [true, true, true],
    });
  });
  it('moves with the period end: B counts until the day before the death', () => {
    expect(caseStatus(REGISTER.B!, '2017-11-01', '2017-11-29').diagnosed).toBe(true);
    expect(caseStatus(REGISTER.B!, '2017-11-01', '2017-11-30').diagnosed).toBe(false);
    expect(caseStatus(REGISTER.A!, '2017-01-01', '2017-12-30').diagnosed).toBe(false);
  });
});

describe('leap days at the edges of the windows', () => {
  const onArt = (events: E[]) => ({ diagnosisDate: '2014-01-01', events: [ev('art_start', '2014-02-01'), ...events] });
  it('the 12 months up to 29 February 2016 begin after 28 February 2015', () => {
    expect(minusMonths('2016-02-29', 12)).toBe('2015-02-28');
    expect(minusMonths('2017-03-31', 1)).toBe('2017-02-28');
    expect(minusMonths('2016-03-31', 1)).toBe('2016-02-29');
    expect(minusMonths('2017-01-15', 12)).toBe('2016-01-15');
    const vl = (date: string) =>
      caseStatus(onArt([ev('viral_load', date, { copies: 20, undetectable: false })]), '2016-02-01', '2016-02-29');
    expect(vl('2015-03-01').vlTested).toBe(true); // within the 12 months (the old arithmetic said 1 March was outside)
    expect(vl('2015-02-28').vlTested).toBe(false); // exactly 12 months before: outside
    // And from 28 February 2017 back: 28 February 2016 is outside, 29 February 2016 inside.
    const vl17 = (date: string) =>
      caseStatus(onArt([ev('viral_load', date, { copies: 20, undetectable: false })]), '2017-02-01', '2017-02-28');
    expect([vl17('2016-02-28').vlTested, vl17('2016-02-29').vlTested]).toEqual([false, true]);
  });
  it('91 days after a diagnosis on 30 December 2015 reach 30 March 2016 across 29 February', () => {
    const cd4 = (date: string) =>
      caseStatus({ diagnosisDate: '2015-12-30', events: [ev('cd4', date, { cd4: 300 })] }, '2015-01-01', '2015-12-31').lateDiagnosis;
    expect([cd4('2016-03-30'), cd4('2016-03-31')]).toEqual([true, null]);
  });
  it('183 days on ART before 31 July 2016 began on 30 January 2016, counted across 29 February', () => {
    const eligible = (start: string) =>
      caseStatus({ diagnosisDate: '2015-06-01', events: [ev('art_start', start)] }, '2016-07-01', '2016-07-31').vlEligible;
    expect([eligible('2016-01-30'), eligible('2016-01-31')]).toEqual([true, false]);
  });
});

describe('the cascade', () => {
  const t = tally(Object.values(statuses('2017-01-01', '2017-12-31')));
  it('adds up the statuses', () => {
    expect(t).toEqual({
      diagnosed: 7,
      inCare: 6,
      onArt: 5,
      vlEligible: 4,
      vlTested: 1,
      vlSuppressed: 1,
      suppressedOnArt: 2,
      vlOnArt: 2,
      undetectable: 2,
      newDiagnoses: 4,
      artInitiations: 3,
      linked: 3,
      lateDiagnosis: { numerator: 2, denominator: 2 },
      advanced: { numerator: 1, denominator: 2 },
      lateArt: { numerator: 1, denominator: 2 },
    });
  });
  it('gives each percentage its numerator and denominator, and no first 90 without an estimate', () => {
    const c = cascade(t, null, 2017);
    expect(c.target).toBe(0.9);
    expect(c.first90).toEqual({ computable: false, numerator: 7, denominator: 0, reason: 'no_estimate' });
    expect(c.second90).toMatchObject({ computable: true, numerator: 5, denominator: 7 });
    expect(c.third90).toMatchObject({ numerator: 2, denominator: 5, value: 0.4 });
    const withEstimate = cascade(t, 20, 2021);
    expect(withEstimate.target).toBe(0.95);
    expect(withEstimate.first90).toMatchObject({ numerator: 7, denominator: 20, value: 0.35 });
    expect(withEstimate.suppressedOfEstimate).toMatchObject({ numerator: 2, denominator: 20 });
  });
});

describe('the Wilson interval', () => {
  it('matches known values', () => {
    const half = proportion(5, 10);
    expect(half.computable && [half.low?.toFixed(4), half.high?.toFixed(4)]).toEqual(['0.2366', '0.7634']);
    const none = proportion(0, 10);
    expect(none.computable && [none.low, none.high?.toFixed(4)]).toEqual([0, '0.2775']);
    expect(proportion(1300, 1200)).toMatchObject({ computable: true, value: 1300 / 1200, low: null, high: null, warning: 'over_100' });
    const all = proportion(10, 10); // 100% is a share, with its interval
    expect(all.computable && [all.value, all.high?.toFixed(4), all.low?.toFixed(4)]).toEqual([1, '1.0000', '0.7225']);
    expect(proportion(3, 0)).toEqual({ computable: false, numerator: 3, denominator: 0, reason: 'no_denominator' });
  });
  it("recomputes the report's own percentages from its counts", () => {
    // Kazakhstan 2017: about 52,000 foreigners tested, 153 positive, reported as 0.3%.
    const kz = proportion(153, 52_000);
    expect(kz.computable && (kz.value * 100).toFixed(1)).toBe('0.3');
    // Kyrgyz mobile clinics 2016: 8,770 tested, 10 positive, reported as 0.1%.
    const kg = proportion(10, 8770);
    expect(kg.computable && (kg.value * 100).toFixed(1)).toBe('0.1');
    expect(kg.computable && kg.low! < kg.value && kg.value < kg.high!).toBe(true);
  });
});
