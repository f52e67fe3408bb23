// ISO-style period codes as DHIS2 writes them: 2017 (year), 2017Q1 (quarter), 201701 (month).
export type PeriodType = 'year' | 'quarter' | 'month';
export type Period = { code: string; type: PeriodType; start: string; end: string };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate(); // m: 1-12

export function parsePeriod(code: string): Period | null {
  let m = /^(\d{4})$/.exec(code);
  if (m) {
    const y = Number(m[1]);
    return y >= 1981 && y <= 2200 ? { code, type: 'year', start: `${y}-01-01`, end: `${y}-12-31` } : null;
  }
  m = /^(\d{4})Q([1-4])$/.exec(code);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    if (y < 1981 || y > 2200) return null;
    const first = (q - 1) * 3 + 1;
    return { code, type: 'quarter', start: `${y}-${pad(first)}-01`, end: `${y}-${pad(first + 2)}-${lastDay(y, first + 2)}` };
  }
  m = /^(\d{4})(\d{2})$/.exec(code);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (y < 1981 || y > 2200 || mo < 1 || mo > 12) return null;
    return { code, type: 'month', start: `${y}-${pad(mo)}-01`, end: `${y}-${pad(mo)}-${lastDay(y, mo)}` };
  }
  return null;
}

/** The periods of `from`'s kind (years, quarters or months) from `from` up to the end of `to`, at most 600. */
export function periodsBetween(from: string, to: string): string[] {
  const first = parsePeriod(from);
  const last = parsePeriod(to);
  if (!first || !last) return [];
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let n = first.type === 'year' ? 0 : first.type === 'quarter' ? Number(from.slice(5)) : Number(from.slice(4));
  for (let p = first; p && p.end <= last.end && out.length < 600;) {
    out.push(p.code);
    if (first.type === 'year') y++;
    else if (++n > (first.type === 'quarter' ? 4 : 12)) [y, n] = [y + 1, 1];
    p = parsePeriod(first.type === 'year' ? `${y}` : first.type === 'quarter' ? `${y}Q${n}` : `${y}${pad(n)}`)!;
  }
  return out;
}

/** The same period a year earlier: the comparison for outlier warnings. */
export function previousYear(code: string): string | null {
  const p = parsePeriod(code);
  if (!p) return null;
  const y = Number(code.slice(0, 4)) - 1;
  return parsePeriod(`${y}${code.slice(4)}`)?.code ?? null;
}
