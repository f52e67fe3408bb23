// The periods an export to DHIS2 counts the cascade for: of the first period's kind, up to the last one's end.
import { describe, expect, it } from 'vitest';
import { periodsBetween } from '../../shared/periods.js';

describe('periodsBetween', () => {
  it('steps by years, quarters across a year end, and months; stops at the end; refuses what is no period', () => {
    expect(periodsBetween('2015', '2017')).toEqual(['2015', '2016', '2017']);
    expect(periodsBetween('2016Q3', '2017Q2')).toEqual(['2016Q3', '2016Q4', '2017Q1', '2017Q2']);
    expect(periodsBetween('201611', '201702')).toEqual(['201611', '201612', '201701', '201702']);
    expect(periodsBetween('2017Q1', '2017')).toEqual(['2017Q1', '2017Q2', '2017Q3', '2017Q4']);
    expect(periodsBetween('2018', '2017')).toEqual([]);
    expect(periodsBetween('201713', '2017')).toEqual([]);
    expect(periodsBetween('1981', '2200')).toHaveLength(220);
  });
});
