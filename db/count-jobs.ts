// The counts the engine runs over the status intervals, by name, so that the helper thread
// (count-reader-thread.ts) runs exactly what the asking thread would.
import type { Db } from './connection.js';

/**
 * Cases holding a status at the period's end, per group of facts and kept code, with how many of
 * them were diagnosed in the period, started ART in it, and both: for quarters and months (years
 * go through yearTally below). Measured at 1,000,000 cases: 0.36-0.66 s a period.
 */
export const COUNT_SQL = `SELECT group_id, code, count(*),
    count(CASE WHEN diagnosis_day >= @start THEN 1 END),
    count(CASE WHEN first_start_day BETWEEN @start AND @end THEN 1 END),
    count(CASE WHEN diagnosis_day >= @start AND first_start_day BETWEEN @start AND @end THEN 1 END)
  FROM case_status_interval
  WHERE valid_from <= @end AND valid_to >= @end AND org_unit_id IN (SELECT value FROM json_each(@units))
  GROUP BY group_id, code`;

/** [group, kept code, cases, of them diagnosed in the period, started ART in it, both]. */
export type CountedRow = [number, number, number, number, number, number];

/** The calendar year of a day counted from 1970-01-01: exact from 1901-03-01 to 2100-02-28 (every fourth year a leap year). */
const yearOf = (day: string) => `((4 * (${day}) + 2) / 1461 + 1970)`;

/** Years a year tally can count: within the year formula's range (spans of up to 64 years, seven bits an offset). */
export const YEAR_TALLY_FIRST = 1902;
export const YEAR_TALLY_LAST = 2098;

export type YearTallyParams = {
  y0: number;
  y1: number;
  s0: number;
  e0: number;
  e1: number;
  units: string;
  fromCase: number;
  toCase: number;
};

/**
 * The SQL function each year tally adds its rows through, registered once per connection (SQLite
 * refuses to replace a function while any statement of the connection is running).
 */
const sinks = new WeakMap<Db, { add: (key: number, bits: number) => void }>();
function yearTallySink(db: Db) {
  let sink = sinks.get(db);
  if (!sink) {
    const made: { add: (key: number, bits: number) => void } = { add: () => {} };
    db.function('desk_year_tally', { deterministic: false }, (key, bits) => {
      made.add(key as number, bits as number);
      return null;
    });
    sinks.set(db, (sink = made));
  }
  return sink;
}

/**
 * Each year's counted rows (as COUNT_SQL gives for one year) for the year-ends of y0..y1 at once,
 * for the cases in an id range: a trend in one pass over the table instead of one pass a year.
 * SQLite reduces each interval to four small numbers: the first and last year whose 31 December
 * it holds for, the year of diagnosis and of the first ART start; a function it calls per row
 * adds them up by group and code, a year range as two entries of a difference array (its own
 * GROUP BY would sort every row: measured 2.2 s against 1.5 s at 1,000,000 cases and ten years).
 */
function yearTally(db: Db, p: YearTallyParams): CountedRow[][] {
  // Bounds go into the statement as integer literals: SQLite then folds them, and a bound
  // parameter would arrive as REAL (better-sqlite3 binds numbers so), making the year division inexact.
  const int = (n: number) => {
    if (!Number.isSafeInteger(n)) throw new RangeError('a year tally bound is a whole number');
    return String(n);
  };
  const [y0, s0, e0, e1] = [int(p.y0), int(p.s0), int(p.e0), int(p.e1)];
  const span = p.y1 - p.y0 + 1;
  if (span < 1 || span > 64) throw new RangeError('a year tally spans 1 to 64 years');
  // Every day the year formula sees is clamped into y0-1..y1+1 first.
  const first = yearOf(`max(valid_from, ${s0})`);
  const last = `(${yearOf(`min(valid_to, ${e1}) + 1`)} - 1)`;
  // Seven bits each, as offsets: first and last year held (from y0), diagnosis year (from y0-1),
  // first ART start year within the span (from y0-1; 0 if none).
  const packed = `((${first} - ${y0}) << 21) | ((${last} - ${y0}) << 14)
    | ((${yearOf(`min(max(diagnosis_day, ${s0} - 1), ${e1} + 1)`)} - ${y0} + 1) << 7)
    | (CASE WHEN first_start_day BETWEEN ${s0} AND ${e1} THEN ${yearOf('first_start_day')} - ${y0} + 1 ELSE 0 END)`;
  // Per group and code: cases held (difference array), diagnosed by then (difference array),
  // starting ART that year, both (counts per year).
  const width = span + 1;
  const stride = 4 * width;
  const index = new Map<number, number>();
  const keys: number[] = [];
  let store = new Float64Array(stride * 256);
  yearTallySink(db).add = (key, v) => {
    let i = index.get(key);
    if (i === undefined) {
      i = keys.length;
      index.set(key, i);
      keys.push(key);
      if ((i + 1) * stride > store.length) {
        const grown = new Float64Array(store.length * 2);
        grown.set(store);
        store = grown;
      }
    }
    const [f, l, d, s] = [(v >>> 21) & 127, (v >>> 14) & 127, ((v >>> 7) & 127) - 1, (v & 127) - 1];
    const at = i * stride;
    store[at + f]! += 1;
    store[at + l + 1]! -= 1;
    const diagnosedTo = Math.min(l, d); // held and diagnosed by the year's first day or later
    if (diagnosedTo >= f) {
      store[at + width + f]! += 1;
      store[at + width + diagnosedTo + 1]! -= 1;
    }
    if (s >= f && s <= l) {
      store[at + 2 * width + s]! += 1;
      if (s <= d) store[at + 3 * width + s]! += 1;
    }
  };
  db.prepare(
    `SELECT count(desk_year_tally(group_id * 262144 + code, ${packed})) FROM case_status_interval
     WHERE case_id BETWEEN @fromCase AND @toCase AND valid_to >= ${e0} AND valid_from <= ${e1} AND ${first} <= ${last}
       AND org_unit_id IN (SELECT value FROM json_each(@units))`,
  ).get({ units: p.units, fromCase: p.fromCase, toCase: p.toCase });
  const years: CountedRow[][] = Array.from({ length: span }, () => []);
  keys.forEach((key, i) => {
    const at = i * stride;
    const [group, code] = [Math.floor(key / 262144), key % 262144];
    let [held, diagnosed] = [0, 0];
    for (let y = 0; y < span; y++) {
      held += store[at + y]!;
      diagnosed += store[at + width + y]!;
      if (held > 0) years[y]!.push([group, code, held, diagnosed, store[at + 2 * width + y]!, store[at + 3 * width + y]!]);
    }
  });
  return years;
}

export const COUNT_JOBS = {
  periodRows: (db: Db, p: { start: number; end: number; units: string }) => db.prepare(COUNT_SQL).raw().all(p) as CountedRow[],
  yearTally,
} as const;
export type CountJob = keyof typeof COUNT_JOBS;
export type JobParams<J extends CountJob> = Parameters<(typeof COUNT_JOBS)[J]>[1];
export type JobResult<J extends CountJob> = ReturnType<(typeof COUNT_JOBS)[J]>;
