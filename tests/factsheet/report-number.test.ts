// Figures as the report's text prints them: footnote numbers run into the values, and the decimal
// mark changes from row to row.
import { describe, expect, it } from 'vitest';
import { readReportFigure } from '../../shared/factsheet/report-number.js';

const v = (value: number | null, decimals: number | null, low: number | null = null, high: number | null = null) => ({
  value,
  low,
  high,
  noData: false,
  decimals,
});

describe('readReportFigure', () => {
  it('takes the footnote off the end and reads the value with the stated mark', () => {
    expect(readReportFigure('17,9181', 1, ',')).toEqual(v(17.918, 3));
    expect(readReportFigure('25,2867', 7, '.')).toEqual(v(25286, 0));
    expect(readReportFigure('2,724.95', 5)).toEqual(v(2724.9, 1));
    expect(readReportFigure('6.6789', 9, ',')).toEqual(v(6678, 0));
    expect(readReportFigure('533', 3)).toEqual(v(53, 0));
    expect(readReportFigure('Rank 5612', 12)).toEqual(v(56, 0));
    expect(readReportFigure('0.794', null)).toEqual(v(0.794, 3));
    // The precision as printed: 12.0 and 0.0 keep their decimal.
    expect(readReportFigure('12.013', 13)).toEqual(v(12, 1));
    expect(readReportFigure('0.011', 11)).toEqual(v(0, 1));
  });

  it('reads an estimate with its interval, and "No data"', () => {
    expect(readReportFigure('67 (43-95)14', 14)).toEqual(v(67, 0, 43, 95));
    expect(readReportFigure('3.2 (2.1-4.6)15', 15)).toEqual(v(3.2, 1, 2.1, 4.6));
    expect(readReportFigure('1.8 (2.8-4.0)15', 15)).toEqual(v(1.8, 1, 2.8, 4)); // printed 2.8–4.0
    expect(readReportFigure('No data10', 10)).toEqual({ value: null, low: null, high: null, noData: true, decimals: null });
    expect(readReportFigure('13', 13)).toEqual({ value: null, low: null, high: null, noData: false, decimals: null }); // only the footnote is printed
  });

  it('refuses what it cannot read instead of guessing', () => {
    expect(() => readReportFigure('17,9181', 2, ',')).toThrow(/footnote/);
    expect(() => readReportFigure('95,561,026', 6, ',')).toThrow(/not a number/);
    expect(() => readReportFigure('4.8 (4.2-5.4.0)15', 15)).toThrow(/not a number/);
  });
});
