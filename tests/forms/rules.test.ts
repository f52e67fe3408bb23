import { describe, expect, it } from 'vitest';
import { comboCells, cocKey, dataElement, isValidCell, TOTAL } from '../../shared/forms/definitions.js';
import { evaluateRules, outliers, SEEDED_RULES, toFormValues } from '../../shared/forms/rules.js';
import { parsePeriod, previousYear } from '../../shared/periods.js';
import { parseCell } from '../../shared/forms/cell-value.js';

describe('periods', () => {
  it('read year, quarter and month codes with their dates', () => {
    expect(parsePeriod('2017')).toEqual({ code: '2017', type: 'year', start: '2017-01-01', end: '2017-12-31' });
    expect(parsePeriod('2016Q1')).toEqual({ code: '2016Q1', type: 'quarter', start: '2016-01-01', end: '2016-03-31' });
    expect(parsePeriod('201602')).toEqual({ code: '201602', type: 'month', start: '2016-02-01', end: '2016-02-29' });
    for (const bad of ['2017Q5', '201713', '17', '2017-01', '1970']) expect(parsePeriod(bad), bad).toBeNull();
    expect(previousYear('2017Q3')).toBe('2016Q3');
  });
});

describe('cells', () => {
  it('cover every option combination of a combo', () => {
    expect(comboCells('demographic')).toHaveLength(3 * 12 * 3 * 3);
    expect(comboCells('default')).toEqual(['']);
    const de = dataElement('tested_mobile_clinic')!;
    expect(isValidCell(de, cocKey({ sex: 'male', age_band: '20-24', legal_status: 'irregular', migrant_type: 'immigrant' }))).toBe(true);
    expect(isValidCell(de, TOTAL)).toBe(true);
    expect(isValidCell(de, cocKey({ sex: 'male', age_band: '20-24' }))).toBe(false);
    expect(isValidCell(de, 'sex:male|age_band:20-24|legal_status:irregular|migrant_type:immigrant')).toBe(false); // not canonical
    expect(isValidCell(dataElement('survey_sample')!, 'key_population:pwid')).toBe(true);
    expect(isValidCell(dataElement('survey_sample')!, TOTAL)).toBe(true);
    expect(isValidCell(dataElement('survey_sample')!, '')).toBe(false);
  });

  it('accept whole counts as typed and refuse the rest with a reason', () => {
    expect(parseCell('count', '52 000')).toEqual({ ok: true, value: 52000 });
    expect(parseCell('count', ' 153 ')).toEqual({ ok: true, value: 153 });
    expect(parseCell('count', '')).toEqual({ ok: true, value: null });
    expect(parseCell('count', '-3')).toEqual({ ok: false, messageKey: 'validation.not_negative' });
    expect(parseCell('count', '2,5')).toEqual({ ok: false, messageKey: 'validation.whole_number' });
    expect(parseCell('count', 'сто')).toEqual({ ok: false, messageKey: 'validation.number_format' });
    expect(parseCell('count', '10000001')).toEqual({ ok: false, messageKey: 'validation.count_too_big' });
    expect(parseCell('count', '10000000')).toEqual({ ok: true, value: 10_000_000 });
    expect(parseCell('text', 'IBBS 2016')).toEqual({ ok: true, value: 'IBBS 2016' });
  });
});

describe('validation rules', () => {
  const cell = cocKey({ sex: 'male', age_band: '25-29', legal_status: 'irregular', migrant_type: 'immigrant' });
  const other = cocKey({ sex: 'female', age_band: '25-29', legal_status: 'irregular', migrant_type: 'immigrant' });
  it('find more positive than tested, cell by cell and in totals', () => {
    const v = toFormValues([
      { de: 'tested_voluntary', coc: TOTAL, value: 52000 },
      { de: 'positive_voluntary', coc: TOTAL, value: 153 },
      { de: 'tested_voluntary', coc: cell, value: 10 },
      { de: 'positive_voluntary', coc: cell, value: 12 },
    ]);
    expect(evaluateRules(SEEDED_RULES, v)).toEqual([
      {
        rule: 'positive_le_tested_voluntary',
        messageKey: 'rules.positive_le_tested',
        cell,
        left: 12,
        right: 10,
        leftDe: 'positive_voluntary',
        rightDe: 'tested_voluntary',
      },
    ]);
  });
  it('find a breakdown adding up to more than its total, and ignore a missing side', () => {
    const v = toFormValues([
      { de: 'tested_mobile_clinic', coc: TOTAL, value: 15 },
      { de: 'tested_mobile_clinic', coc: cell, value: 10 },
      { de: 'tested_mobile_clinic', coc: other, value: 6 },
      { de: 'positive_mobile_clinic', coc: cell, value: 1 },
    ]);
    expect(evaluateRules(SEEDED_RULES, v).map((x) => [x.rule, x.left, x.right])).toEqual([['tested_sum_le_total_mobile_clinic', 16, 15]]);
  });
  it('check a survey: positives within the sample', () => {
    const v = toFormValues([
      { de: 'survey_sample', coc: TOTAL, value: 400 },
      { de: 'survey_positive', coc: TOTAL, value: 12 },
      { de: 'survey_sample', coc: 'key_population:pwid', value: 100 },
      { de: 'survey_positive', coc: 'key_population:pwid', value: 101 },
    ]);
    expect(evaluateRules(SEEDED_RULES, v, 'survey').map((x) => [x.rule, x.cell])).toEqual([
      ['survey_positive_le_sample', 'key_population:pwid'],
    ]);
    expect(evaluateRules(SEEDED_RULES, v, 'testing')).toEqual([]);
  });
  it('warn of values beyond three times, or under a third of, last year', () => {
    const last = toFormValues([
      { de: 'tested_mandatory', coc: TOTAL, value: 1000 },
      { de: 'positive_mandatory', coc: TOTAL, value: 30 },
      { de: 'tested_voluntary', coc: TOTAL, value: 0 },
    ]);
    const now = toFormValues([
      { de: 'tested_mandatory', coc: TOTAL, value: 3001 },
      { de: 'positive_mandatory', coc: TOTAL, value: 10 },
      { de: 'tested_voluntary', coc: TOTAL, value: 50 },
    ]);
    expect(outliers(now, last)).toEqual([{ de: 'tested_mandatory', cell: TOTAL, value: 3001, previous: 1000 }]);
    expect(outliers(toFormValues([{ de: 'positive_mandatory', coc: TOTAL, value: 9 }]), last)).toEqual([
      { de: 'positive_mandatory', cell: TOTAL, value: 9, previous: 30 },
    ]);
  });
});
