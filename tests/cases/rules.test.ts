import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CaseInputSchema, EventInputSchema, eventIssues, uicIssue, type CaseInput } from '../../shared/cases/schema.js';
import { uicKey, uicMismatches } from '../../shared/cases/uic.js';
import { parseDateInput, formatDate } from '../../shared/dates.js';

const valid: CaseInput = {
  registerNo: '17/2017',
  uic: 'АНМА11985',
  sex: 'male',
  birthYear: 1985,
  citizenship: 'UZB',
  migrantType: 'immigrant',
  legalStatus: 'irregular',
  keyPopulations: ['pwid'],
  transmissionRoute: 'injecting',
  infectionCountry: 'RUS',
  diagnosisDate: '2017-03-15',
  diagnosisCountry: 'KAZ',
};
const issuesOf = (input: unknown) => {
  const r = CaseInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-06-30T12:00:00'));
});
afterEach(() => vi.useRealTimers());

describe('the UIC', () => {
  it('matches across Cyrillic and Latin after upper-casing and transliteration', () => {
    expect(uicKey('АНМА11985')).toBe(uicKey('ANMA11985'));
    expect(uicKey('анма11985')).toBe('ANMA11985');
    expect(uicKey(' Ғани 21990')).toBe(uicKey('GANI21990'));
    expect(uicKey('ЖАНА11985')).toBe('ZHANA11985');
    expect(uicKey('АНМА11985')).not.toBe(uicKey('АНМО11985'));
  });

  it('is checked against the pattern setting with a clear message', () => {
    expect(uicIssue('АНМА11985')).toBeNull();
    expect(uicIssue('anma11985')).toBeNull();
    expect(uicIssue('АНМ11985')).toBe('validation.uic_format');
    expect(uicIssue('АНМА31985')).toBe('validation.uic_format');
    expect(uicIssue('АНМА1985')).toBe('validation.uic_format');
    expect(uicIssue('12345678', '^[0-9]{8}$')).toBeNull(); // a national pattern set by the centre
  });

  it('is flagged when its sex digit or year disagree with the case', () => {
    expect(uicMismatches('АНМА11985', 'male', 1985)).toEqual([]);
    expect(uicMismatches('АНМА21985', 'male', 1985)).toEqual(['sex']);
    expect(uicMismatches('АНМА11986', 'male', 1985)).toEqual(['birth_year']);
    expect(uicMismatches('АНМА21986', 'male', 1985)).toEqual(['sex', 'birth_year']);
    expect(uicMismatches('АНМА21985', 'unknown', null)).toEqual([]);
  });
});

describe('case rules', () => {
  it('accept a complete case', () => expect(issuesOf(valid)).toEqual([]));

  it('refuse dates in the future, before 1981, or not real', () => {
    expect(issuesOf({ ...valid, diagnosisDate: '2026-07-01' })).toEqual(['diagnosisDate: validation.date_in_future']);
    expect(issuesOf({ ...valid, diagnosisDate: '2026-06-30' })).toEqual([]);
    expect(issuesOf({ ...valid, birthYear: 1960, diagnosisDate: '1980-12-31' })).toEqual(['diagnosisDate: validation.date_before_1981']);
    expect(issuesOf({ ...valid, diagnosisDate: '2017-02-30' })).toEqual(['diagnosisDate: validation.date_no_such_day']);
    expect(issuesOf({ ...valid, diagnosisDate: '2017-02-29' })).toEqual(['diagnosisDate: validation.date_no_such_day']);
    expect(issuesOf({ ...valid, diagnosisDate: '2016-02-29' })).toEqual([]);
    expect(issuesOf({ ...valid, diagnosisDate: '2017-13-01' })).toEqual(['diagnosisDate: validation.date_format']);
    expect(issuesOf({ ...valid, diagnosisDate: '15.03.2017' })).toEqual(['diagnosisDate: validation.date_format']);
  });

  it('refuse a diagnosis before the year of birth and years out of range', () => {
    expect(issuesOf({ ...valid, birthYear: 2018 })).toEqual(['diagnosisDate: validation.diagnosis_before_birth']);
    expect(issuesOf({ ...valid, birthYear: 1899 })).toEqual(['birthYear: validation.birth_year_range']);
    expect(issuesOf({ ...valid, birthYear: 2027, diagnosisDate: '2026-01-01' })).toContain('birthYear: validation.birth_year_range');
    expect(issuesOf({ ...valid, birthYear: 1985.5 })).toEqual(['birthYear: validation.year_format']);
    expect(issuesOf({ ...valid, birthYear: null })).toEqual([]);
  });

  it('name each missing field', () => {
    expect(issuesOf({ ...valid, registerNo: ' ', sex: '', migrantType: undefined })).toEqual([
      'registerNo: validation.required',
      'sex: validation.required',
      'migrantType: validation.required',
    ]);
  });

  it('let a case have several key populations, but not with "none" or "unknown"', () => {
    expect(issuesOf({ ...valid, keyPopulations: ['pwid', 'sw'] })).toEqual([]);
    expect(issuesOf({ ...valid, keyPopulations: ['pwid', 'none'] })).toEqual(['keyPopulations: validation.key_population_exclusive']);
    expect(issuesOf({ ...valid, keyPopulations: ['pwid', 'pwid'] })).toEqual(['keyPopulations: validation.invalid_value']);
  });

  it('refuse fields that do not belong (no names can be smuggled in)', () => {
    expect(issuesOf({ ...valid, name: 'Иван' })).toEqual([': Unrecognized key: "name"']);
  });
});

describe('event rules', () => {
  const ev = (e: unknown) => {
    const r = EventInputSchema.safeParse(e);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('keep CD4 between 0 and 5000, whole', () => {
    expect(ev({ kind: 'cd4', date: '2017-04-01', cd4: 0 })).toEqual([]);
    expect(ev({ kind: 'cd4', date: '2017-04-01', cd4: 5000 })).toEqual([]);
    expect(ev({ kind: 'cd4', date: '2017-04-01', cd4: 5001 })).toEqual(['cd4: validation.cd4_range']);
    expect(ev({ kind: 'cd4', date: '2017-04-01', cd4: -1 })).toEqual(['cd4: validation.cd4_range']);
    expect(ev({ kind: 'cd4', date: '2017-04-01', cd4: 12.5 })).toEqual(['cd4: validation.whole_number']);
  });
  it('accept a viral load in copies or "undetectable", never negative', () => {
    expect(ev({ kind: 'viral_load', date: '2017-04-01', undetectable: false, copies: 0 })).toEqual([]);
    expect(ev({ kind: 'viral_load', date: '2017-04-01', undetectable: true, copies: null })).toEqual([]);
    expect(ev({ kind: 'viral_load', date: '2017-04-01', undetectable: false, copies: -5 })).toEqual(['copies: validation.not_negative']);
    expect(ev({ kind: 'viral_load', date: '2017-04-01', undetectable: false, copies: null })).toEqual(['copies: validation.required']);
  });
  it('require the outcome of an outcome change and a real date', () => {
    expect(ev({ kind: 'outcome', date: '2017-04-01', outcome: 'deported' })).toEqual([]);
    expect(ev({ kind: 'outcome', date: '2017-04-01' })).toEqual(['outcome: validation.required']);
    expect(ev({ kind: 'art_start', date: '2030-01-01' })).toEqual(['date: validation.date_in_future']);
  });
  it('refuse an ART start before the diagnosis', () => {
    expect(eventIssues({ kind: 'art_start', date: '2017-03-14' }, '2017-03-15')).toEqual([
      { path: 'date', messageKey: 'validation.art_before_diagnosis' },
    ]);
    expect(eventIssues({ kind: 'art_start', date: '2017-03-15' }, '2017-03-15')).toEqual([]);
    expect(eventIssues({ kind: 'cd4', date: '2017-03-01', cd4: 300 }, '2017-03-15')).toEqual([]);
  });
});

describe('dates as clerks type them', () => {
  it('read ДД.ММ.ГГГГ and ISO, and show ДД.ММ.ГГГГ', () => {
    expect(parseDateInput('15.03.2017')).toBe('2017-03-15');
    expect(parseDateInput('5.3.2017')).toBe('2017-03-05');
    expect(parseDateInput('2017-03-15')).toBe('2017-03-15');
    expect(parseDateInput('15 марта')).toBe('15 марта');
    expect(formatDate('2017-03-15')).toBe('15.03.2017');
  });
});
