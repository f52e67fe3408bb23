// A synthetic case register for the demo database, so the cascade has something to show. Every
// value is generated from a fixed seed: no real person is behind any of it.
import type { Db } from '../../db/connection.js';
import { createCaseWithEvents } from '../../db/cases.js';
import type { CaseInput, EventInput } from '../../shared/cases/schema.js';

/** Small deterministic PRNG (mulberry32): the demo is the same on every machine. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'АБВГДЕЗИКЛМНОПРСТУФ';
const pad = (n: number) => String(n).padStart(2, '0');

export function fillDemoRegister(db: Db, actor: string, orgUnitIds: number[], perUnit = 60): number {
  const r = rng(20181107);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const date = (year: number) => `${year}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
  const plusDays = (iso: string, d: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
  const today = new Date().toISOString().slice(0, 10);
  let n = 0;
  for (const unit of orgUnitIds) {
    for (let i = 0; i < perUnit; i++) {
      const sex = r() < 0.68 ? 'male' : 'female';
      const birthYear = 1965 + Math.floor(r() * 35);
      const dx = date(2012 + Math.floor(r() * 6));
      const kp = r() < 0.3 ? ['pwid'] : r() < 0.15 ? ['sw'] : r() < 0.1 ? ['pwid', 'sw'] : ['none'];
      const c: CaseInput = {
        registerNo: `Д-${unit}-${i + 1}`,
        uic: `${pick([...LETTERS])}${pick([...LETTERS])}${pick([...LETTERS])}${pick([...LETTERS])}${sex === 'male' ? 1 : 2}${birthYear}`,
        sex,
        birthYear,
        citizenship: pick(['UZB', 'TJK', 'KGZ', 'KAZ', 'RUS', 'AFG', 'TKM']),
        migrantType: pick(['immigrant', 'emigrant', 'emigrant', 'internal']),
        legalStatus: pick(['regular', 'irregular', 'irregular', 'unknown']),
        keyPopulations: kp as CaseInput['keyPopulations'],
        transmissionRoute: kp.includes('pwid') ? 'injecting' : pick(['heterosexual', 'heterosexual', 'msm', 'unknown']),
        infectionCountry: pick(['RUS', 'RUS', 'KAZ', null]),
        diagnosisDate: dx,
        diagnosisCountry: pick(['RUS', 'KAZ', null]),
      };
      const events: EventInput[] = [];
      const cd4Date = plusDays(dx, Math.floor(r() * 60));
      if (r() < 0.8 && cd4Date <= today) events.push({ kind: 'cd4', date: cd4Date, cd4: Math.floor(50 + r() * 700) });
      if (r() < 0.7) {
        const start = plusDays(dx, 30 + Math.floor(r() * 400));
        if (start <= today) {
          events.push({ kind: 'art_start', date: start });
          for (let y = 1; y <= 15; y++) {
            const vl = plusDays(start, 200 + 365 * (y - 1) + Math.floor(r() * 100));
            if (vl > today) break;
            if (r() < 0.15) continue; // a missed yearly test
            const suppressed = r() < 0.75;
            const undetectable = suppressed && r() < 0.6;
            events.push({
              kind: 'viral_load',
              date: vl,
              undetectable,
              copies: undetectable ? null : suppressed ? 20 + Math.floor(r() * 880) : Math.floor(1000 + r() * 90000),
            });
          }
        }
      }
      if (r() < 0.15) {
        const when = plusDays(dx, 200 + Math.floor(r() * 1500));
        if (when <= today)
          events.push({ kind: 'outcome', date: when, outcome: pick(['ltfu', 'ltfu', 'died', 'left_country', 'deported', 'transferred']) });
      }
      createCaseWithEvents(db, actor, unit, c, events, { allowDuplicate: true });
      n++;
    }
  }
  return n;
}
