// Small-cell suppression for tables leaving the centre: counts from 1 to the threshold are hidden
// (primary), then more cells are hidden until no hidden count can be worked out from the totals
// shown (secondary), by the linked suppression every output uses. Zero is shown: it identifies no
// one. Only for breakdowns that partition their total (not key populations).
import { suppressLinked } from './linked-suppression.js';

export type Table = { cells: number[][]; rowTotals: number[]; colTotals: number[]; total: number };
export type Mask = { cells: boolean[][]; rowTotals: boolean[]; colTotals: boolean[]; total: boolean };

type Ref = { kind: 'cell'; i: number; j: number } | { kind: 'row'; i: number } | { kind: 'col'; j: number } | { kind: 'total' };
type Line = { members: Ref[]; total: Ref };

function lines(t: Table): Line[] {
  const rows = t.cells.length;
  const cols = t.colTotals.length;
  const out: Line[] = [];
  for (let i = 0; i < rows; i++)
    out.push({ members: Array.from({ length: cols }, (_, j): Ref => ({ kind: 'cell', i, j })), total: { kind: 'row', i } });
  for (let j = 0; j < cols; j++)
    out.push({ members: Array.from({ length: rows }, (_, i): Ref => ({ kind: 'cell', i, j })), total: { kind: 'col', j } });
  out.push({ members: Array.from({ length: rows }, (_, i): Ref => ({ kind: 'row', i })), total: { kind: 'total' } });
  out.push({ members: Array.from({ length: cols }, (_, j): Ref => ({ kind: 'col', j })), total: { kind: 'total' } });
  return out;
}

const valueOf = (t: Table, r: Ref) =>
  r.kind === 'cell' ? t.cells[r.i]![r.j]! : r.kind === 'row' ? t.rowTotals[r.i]! : r.kind === 'col' ? t.colTotals[r.j]! : t.total;
const hiddenIn = (m: Mask, r: Ref) =>
  r.kind === 'cell' ? m.cells[r.i]![r.j]! : r.kind === 'row' ? m.rowTotals[r.i]! : r.kind === 'col' ? m.colTotals[r.j]! : m.total;
function setHidden(m: Mask, r: Ref, hidden: boolean) {
  if (r.kind === 'cell') m.cells[r.i]![r.j] = hidden;
  else if (r.kind === 'row') m.rowTotals[r.i] = hidden;
  else if (r.kind === 'col') m.colTotals[r.j] = hidden;
  else m.total = hidden;
}

/** A table's cells and totals as entries of the linked suppression, each line a sum. */
export function suppress(t: Table, maxCount = 4): Mask {
  const refs: Ref[] = [
    ...t.cells.flatMap((row, i) => row.map((_, j): Ref => ({ kind: 'cell', i, j }))),
    ...t.rowTotals.map((_, i): Ref => ({ kind: 'row', i })),
    ...t.colTotals.map((_, j): Ref => ({ kind: 'col', j })),
    { kind: 'total' },
  ];
  const index = new Map(refs.map((r, k) => [JSON.stringify(r), k]));
  const at = (r: Ref) => index.get(JSON.stringify(r))!;
  const relations = lines(t).map((l) => ({ total: at(l.total), members: l.members.map(at) }));
  const hidden = suppressLinked(
    refs.map((r) => ({ value: valueOf(t, r), shown: true })),
    relations,
    maxCount,
  );
  const m: Mask = {
    cells: t.cells.map((row) => row.map(() => false)),
    rowTotals: t.rowTotals.map(() => false),
    colTotals: t.colTotals.map(() => false),
    total: false,
  };
  refs.forEach((r, k) => setHidden(m, r, hidden[k]!));
  return m;
}

/** What an outsider can work out: repeatedly solve any line with exactly one hidden entry. */
export function solveHidden(t: Table, m: Mask): Map<string, number> {
  const known = structuredClone(m); // hidden = not yet known to the outsider
  const solved = new Map<string, number>();
  const key = (r: Ref) => JSON.stringify(r);
  const all = lines(t);
  for (let changed = true; changed;) {
    changed = false;
    for (const line of all) {
      const entries = [...line.members, line.total];
      const unknown = entries.filter((r) => hiddenIn(known, r));
      if (unknown.length !== 1) continue;
      const r = unknown[0]!;
      const others = line.members.filter((x) => x !== r).reduce((s, x) => s + valueOf(t, x), 0);
      solved.set(key(r), r === line.total ? others : valueOf(t, line.total) - others);
      setHidden(known, r, false); // now known, it may unlock the next line
      changed = true;
    }
  }
  return solved;
}

/** A table from cells, with its totals. */
export function tableOf(cells: number[][]): Table {
  const rowTotals = cells.map((r) => r.reduce((a, b) => a + b, 0));
  const colTotals = (cells[0] ?? []).map((_, j) => cells.reduce((a, r) => a + r[j]!, 0));
  return { cells, rowTotals, colTotals, total: rowTotals.reduce((a, b) => a + b, 0) };
}
