// Search figures for `npm run bench`: finding a case in a register of N cases (1,000,000 by
// default) by the start of its number or code and by a part inside its code, each against the
// list's first page (no search) timed in the same run, and the change log's search by case.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { figure } from './bench-figures.mjs';

const LETTERS = 'АБВГДЕЖЗИКЛМНОПРСТУФХ';

export async function benchSearch(load, { cases = 1_000_000 } = {}) {
  const { createDeskDatabase, openDeskDatabase } = await load('db/open.js');
  const { ensureFacility } = await load('db/org-units.js');
  const { listCases } = await load('db/cases.js');
  const { uicKey } = await load('shared/cases/uic.js');
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-search-'));
  try {
    const file = join(dir, 'big.sqlite');
    const db = createDeskDatabase(file, () => {});
    const unit = ensureFacility(db, 'b', { countryCode: 'KAZ', region: 'r', facility: 'f' });
    const insert = db.prepare(
      `INSERT INTO hiv_case (org_unit_id, register_no, uic, uic_key, sex, birth_year, migrant_type, legal_status, transmission_route, diagnosis_date, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'immigrant', 'unknown', 'heterosexual', ?, '2024-01-01', '2024-01-01')`,
    );
    db.transaction(() => {
      for (let i = 0; i < cases; i++) {
        const year = 1950 + (i % 55);
        const letters = [0, 1, 2, 3].map((k) => LETTERS[(i * (k + 7) + k + Math.floor(i / 97)) % LETTERS.length]).join('');
        const uic = `${letters}${i % 2 ? 2 : 1}${year}`;
        insert.run(unit.id, `${i + 1}/${2005 + (i % 20)}`, uic, uicKey(uic), i % 2 ? 'female' : 'male', year, `${2005 + (i % 20)}-03-15`);
      }
    })();
    db.close();
    const big = openDeskDatabase(file);
    const median = (q) => {
      const times = [];
      for (let i = 0; i < 15; i++) {
        const s = performance.now();
        listCases(big, q);
        times.push(performance.now() - s);
      }
      return times.sort((a, b) => a - b)[7];
    };
    const base = median({});
    const rows = {
      'start of a number (4242/)': { search: '4242/' },
      'start of a code (бвгд)': { search: 'бвгд' },
      'part inside a code (вгд1)': { search: 'вгд1' },
      'part inside a code (1985)': { search: '1985' },
    };
    console.log(`\nsearch: ${cases.toLocaleString('en')} cases, list page (50 rows + total), median of 15`);
    console.log(`  baseline, first page without search  ${base.toFixed(1)} ms`);
    for (const [name, q] of Object.entries(rows)) {
      const t = median(q);
      console.log(
        `  ${name.padEnd(36)} ${t.toFixed(1)} ms  (${(t / base).toFixed(1)}x the first page; ${listCases(big, q).total.toLocaleString('en')} found)`,
      );
    }
    figure('search.partOfCodeMs', median({ search: 'вгд1' }), 'ms', base, 'a clerk waits < 0.5 s');
    big.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
