// The status cache stays bounded: only the most recently used periods keep their codes, and a
// register counted for period after period stops growing the file once the bound is reached.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskDatabase } from '../../db/open.js';
import { ensureFacility } from '../../db/org-units.js';
import { CACHED_PERIODS, caseTallies } from '../../db/indicators.js';
import { parsePeriod } from '../../shared/periods.js';
import { bulkCases } from '../helpers/bulk-cases.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();

describe('the status cache', () => {
  it('keeps the most recently used periods only, and the file stops growing', () => {
    const db = createDeskDatabase(join(tempDir(), 'c.sqlite'), () => {});
    const unit = ensureFacility(db, 'x', { countryCode: 'KAZ', region: 'r', facility: 'f' }).id;
    bulkCases(db, unit, 3000, 5);
    const months = Array.from({ length: 36 }, (_, i) => `${2018 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`);
    const keys = () => (db.prepare('SELECT DISTINCT cache_key FROM case_status_cache ORDER BY cache_key').all() as { cache_key: string }[]).map((r) => r.cache_key.split(':')[1]);
    const pages = () => db.pragma('page_count', { simple: true }) as number;
    const count = (code: string) => caseTallies(db, unit, parsePeriod(code)!, 'none').total;

    const first = months.slice(0, CACHED_PERIODS).map(count);
    expect(keys()).toEqual(months.slice(0, CACHED_PERIODS));
    const full = pages();
    // The month asked again is now the most recent: it stays while the next nine come, the others go.
    count(months[0]!);
    const next = months.slice(CACHED_PERIODS, 2 * CACHED_PERIODS - 1);
    for (const m of next) count(m);
    expect(keys()).toEqual([months[0]!, ...next].sort());
    for (const m of months.slice(2 * CACHED_PERIODS - 1)) count(m);
    expect(keys()).toEqual(months.slice(-CACHED_PERIODS));
    // Before, each of the 26 more periods added its rows to the file; now freed pages are reused.
    const after = pages();
    expect(after).toBeLessThan(full * 1.25);
    for (const m of months.slice(0, 12)) count(m);
    expect(pages()).toBe(after);
    // An evicted period is worked out again, the same.
    expect(count(months[1]!)).toEqual(first[1]);
    db.close();
  });
});
