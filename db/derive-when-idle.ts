// Derives the status intervals of marked cases soon after a save, when the thread is idle, rather
// than inside the save: the clerk's save writes fewer pages and answers sooner (npm run bench,
// case inserts), and a burst of saves or a large import is derived afterwards in small steps
// between calls. Any count derives whatever is still marked first, so figures never lag a save.
import type { Db } from './connection.js';
import { refreshStatusIntervals } from './status-intervals.js';

/** Cases derived per step when idle: a step takes tens of milliseconds, so a call waits no longer. */
const IDLE_STEP = 500;
const IDLE_DELAY_MS = 200;
const pending = new WeakMap<Db, NodeJS.Timeout | NodeJS.Immediate>();

/** Schedules the derivation of marked cases for when the thread is idle (once, however many saves ask). */
export function deriveWhenIdle(db: Db): void {
  if (pending.has(db)) return;
  const step = () => {
    pending.delete(db);
    if (!db.open) return;
    let more: boolean;
    try {
      more = !db.inTransaction && refreshStatusIntervals(db, IDLE_STEP);
    } catch {
      return; // the file is busy or damaged: the next count derives, and says so if it cannot
    }
    if (more || db.inTransaction) pending.set(db, setImmediate(step).unref());
  };
  pending.set(db, setTimeout(step, IDLE_DELAY_MS).unref());
}
