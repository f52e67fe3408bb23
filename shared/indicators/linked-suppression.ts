// Small-cell suppression over any set of counts tied by sums: a table's rows and columns add up
// to their totals, and the steps of the cascade shown side by side differ by counts of people
// that are never printed but can be worked out (know their status 9, in care 8: one lost to
// follow-up). Those differences are entries too, "implicit": never shown, and to be protected
// when small. Counts from 1 to the threshold are hidden (primary); then, while an outsider could
// work out a hidden count or a small implicit one from what is shown (any sum with a single
// unknown term, repeatedly), one more shown count of that sum is hidden (secondary). Zero is
// shown: it identifies no one.

/** value[total] = the sum of value[members]. */
export type Relation = { total: number; members: readonly number[] };
export type Entry = { value: number; shown: boolean };

/** Which entries to hide (true), for entries and the sums that tie them. */
export function suppressLinked(entries: readonly Entry[], relations: readonly Relation[], maxCount: number): boolean[] {
  const small = (v: number) => v >= 1 && v <= maxCount;
  const hidden = entries.map((e) => e.shown && small(e.value));
  // What must never be worked out: every hidden count, and every small difference.
  const isProtected = (i: number) => hidden[i]! || (!entries[i]!.shown && small(entries[i]!.value));
  const byEntry = entries.map(() => [] as number[]);
  relations.forEach((r, k) => [r.total, ...r.members].forEach((i) => byEntry[i]!.push(k)));

  for (let guard = 0; guard <= entries.length; guard++) {
    const leak = firstLeak(entries, relations, byEntry, hidden, isProtected);
    if (!leak) return hidden;
    const pick = complement(entries, relations, hidden, leak.derivedBy, leak.entry);
    if (pick === null) return hidden; // nothing shown left to hide: every term is implicit
    hidden[pick] = true;
  }
  return hidden;
}

/**
 * Plays the outsider: starts from what is shown and solves every sum with one unknown term, in
 * order, until nothing more comes; the first protected entry solved is a leak, with the relations
 * that solved each entry (to find what to hide).
 */
function firstLeak(
  entries: readonly Entry[],
  relations: readonly Relation[],
  byEntry: number[][],
  hidden: boolean[],
  isProtected: (i: number) => boolean,
) {
  const known = entries.map((e, i) => e.shown && !hidden[i]);
  const derivedBy = new Map<number, number>();
  const queue = relations.map((_, k) => k);
  const queued = new Set(queue);
  while (queue.length) {
    const k = queue.shift()!;
    queued.delete(k);
    const r = relations[k]!;
    const unknown = [r.total, ...r.members].filter((i) => !known[i]);
    if (unknown.length !== 1) continue;
    const entry = unknown[0]!;
    known[entry] = true;
    derivedBy.set(entry, k);
    if (isProtected(entry)) return { entry, derivedBy };
    for (const next of byEntry[entry]!) {
      if (!queued.has(next)) {
        queue.push(next);
        queued.add(next);
      }
    }
  }
  return null;
}

/**
 * The shown count to hide so that `entry` can no longer be solved: in the sum that solved it, the
 * smallest visible non-zero member, else a visible zero member, else its visible total; where that
 * sum has nothing visible left (its other terms were solved themselves), the sums that solved them.
 */
function complement(
  entries: readonly Entry[],
  relations: readonly Relation[],
  hidden: boolean[],
  derivedBy: Map<number, number>,
  entry: number,
): number | null {
  const visible = (i: number) => entries[i]!.shown && !hidden[i];
  const seen = new Set<number>();
  const todo = [derivedBy.get(entry)!];
  while (todo.length) {
    const k = todo.shift()!;
    if (seen.has(k)) continue;
    seen.add(k);
    const r = relations[k]!;
    const members = r.members.filter((i) => i !== entry && visible(i));
    const pick =
      members.filter((i) => entries[i]!.value > 0).sort((a, b) => entries[a]!.value - entries[b]!.value)[0] ??
      members[0] ??
      (r.total !== entry && visible(r.total) ? r.total : undefined);
    if (pick !== undefined) return pick;
    for (const i of [r.total, ...r.members]) if (i !== entry && derivedBy.has(i)) todo.push(derivedBy.get(i)!);
  }
  return null;
}
