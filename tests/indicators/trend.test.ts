// The trend in one call gives, year by year, the same cascade as asking for each year alone; a year
// no period can have keeps its row with the reason.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();

describe('the trend', () => {
  it('equals the cascade of each year asked alone, on the demo register', () => {
    const s = session(tempDir());
    s.openDemo();
    const trend = dispatch(s, 'indicators.trend', { year: 2017, years: 10 }, silentLogger);
    if (!trend.ok) throw new Error(JSON.stringify(trend.error));
    expect(trend.value.rows.map((r) => r.year)).toEqual([2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017]);
    for (const row of trend.value.rows) {
      const alone = dispatch(s, 'indicators.cascade', { period: String(row.year), dimension: 'none' }, silentLogger);
      if (!alone.ok || !row.ok) throw new Error(`year ${row.year} not counted`);
      expect(row.tally).toEqual(alone.value.total.tally);
      expect(row.cascade).toEqual(alone.value.total.cascade);
      expect(row.estimate).toBe(alone.value.estimate);
    }
    const last = trend.value.rows.at(-1)!;
    expect(last.ok && last.tally.diagnosed).toBeGreaterThan(0);
  });

  it('keeps a year before 1981 as a row with the reason', () => {
    const s = session(tempDir());
    s.openDemo();
    const trend = dispatch(s, 'indicators.trend', { year: 1982, years: 3 }, silentLogger);
    expect(trend.ok && trend.value.rows).toEqual([
      { year: 1980, ok: false, messageKey: 'validation.period' },
      expect.objectContaining({ year: 1981, ok: true }),
      expect.objectContaining({ year: 1982, ok: true }),
    ]);
  });
});
