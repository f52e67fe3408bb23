import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection.js';
import { createDeskDatabase, openDeskDatabase } from '../../db/open.js';
import { ensureFacility } from '../../db/org-units.js';
import { caseListSql, listCases } from '../../db/cases.js';
import type { CaseQuery } from '../../shared/cases/api.js';
import { bulkCases } from '../helpers/bulk-cases.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

// 100,000 cases, reopened as the app would open them; then the plan of every kind of list query.
let db: Db;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-plan-'));
  const file = join(dir, 'big.sqlite');
  const created = createDeskDatabase(file, () => {});
  bulkCases(created, ensureFacility(created, 'x', { countryCode: 'KAZ', region: 'г. Алматы', facility: 'Центр' }).id, 100_000);
  created.close();
  db = openDeskDatabase(file);
}, 120_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

function plan(q: CaseQuery): string {
  const s = caseListSql(q);
  return (
    db
      .prepare(`EXPLAIN QUERY PLAN SELECT c.* FROM hiv_case c WHERE ${s.where} ORDER BY ${s.order} LIMIT ? OFFSET ?`)
      .all(...s.params, s.limit, s.offset) as { detail: string }[]
  )
    .map((r) => r.detail)
    .join(' | ');
}
const countPlan = (q: CaseQuery) => {
  const s = caseListSql(q);
  return (db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM ${s.countFrom} WHERE ${s.where}`).all(...s.params) as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');
};

describe('the case list at 100,000 cases', () => {
  it('has them all', () => expect(listCases(db, {}).total).toBe(100_000));

  it('pages in diagnosis order straight from its index, with no sort', () => {
    expect(plan({})).toBe('SCAN c USING INDEX hiv_case_list');
    expect(plan({ page: 1500 })).toBe('SCAN c USING INDEX hiv_case_list');
    expect(plan({ sort: 'registerNo', direction: 'asc' })).toBe('SCAN c USING INDEX hiv_case_register_no');
  });

  it('searches by register number and by code through their indexes', () => {
    const p = plan({ search: '1234' });
    expect(p).toContain('SEARCH hiv_case USING INDEX hiv_case_register_no (register_no>? AND register_no<?)');
    expect(p).toContain('SEARCH hiv_case USING INDEX hiv_case_uic_key (uic_key>? AND uic_key<?)');
    expect(p).not.toMatch(/SCAN c\b/);
    expect(listCases(db, { search: '1234/' }).rows.map((r) => r.registerNo)).toEqual(['1234/2018']);
  });

  it("finds a code by a part inside it (three characters or more) by walking the codes' narrow index, never the table", () => {
    const p = plan({ search: '1985' });
    expect(p).toContain('SCAN hiv_case USING INDEX hiv_case_uic_key');
    expect(p).not.toMatch(/SCAN (c|hiv_case)( |$)(?!USING)/);
    // The cases whose code holds "1985" anywhere (here: born in 1985), counted straight from the table.
    const holding = (
      db.prepare(`SELECT count(*) AS n FROM hiv_case WHERE deleted_at IS NULL AND instr(uic_key, '1985') > 0`).get() as { n: number }
    ).n;
    expect(holding).toBeGreaterThan(100);
    const found = listCases(db, { search: '1985', pageSize: 200 });
    expect(found.total).toBeGreaterThanOrEqual(holding);
    expect(found.rows.every((r) => r.uic.includes('1985') || r.registerNo.startsWith('1985'))).toBe(true);
    // In either script: the Cyrillic part finds the same codes as its Latin key.
    const middle = found.rows[0]!.uic.slice(1, 4); // three Cyrillic letters from inside a code
    const withMiddle = db.prepare(`SELECT count(*) AS n FROM hiv_case WHERE deleted_at IS NULL AND instr(uic, ?) > 0`).get(middle) as {
      n: number;
    };
    expect(listCases(db, { search: middle.toLowerCase() }).total).toBe(withMiddle.n);
    // Two characters: by the start only.
    expect(plan({ search: '19' })).not.toContain('SCAN hiv_case');
  });

  it('filters through the covering filter index, also without its leading columns', () => {
    for (const q of [
      { sex: 'female' },
      { legalStatus: 'irregular', migrantType: 'immigrant' },
      { citizenship: 'AFG', diagnosisYear: 2017 },
      { outcome: 'died' },
      { ageBand: '25-29' },
    ] as CaseQuery[]) {
      // A page: the filter index, or (for broad filters) the list index read in order until 50 match; never a full sort.
      expect(plan(q), JSON.stringify(q)).toMatch(/^SEARCH c USING (COVERING )?INDEX hiv_case_filter|^SCAN c USING INDEX hiv_case_list$/);
      expect(countPlan(q), JSON.stringify(q)).toMatch(/^(SEARCH|SCAN) c USING (COVERING )?INDEX hiv_case_filter/);
    }
    expect(countPlan({})).toBe('SCAN c USING COVERING INDEX hiv_case_filter');
    expect(plan({ keyPopulation: 'msm' })).toMatch(/^SEARCH c USING (COVERING )?INDEX hiv_case_filter|^SCAN c USING INDEX hiv_case_list$/);
    expect(countPlan({ keyPopulation: 'msm' })).toBe('SCAN c USING COVERING INDEX hiv_case_filter');
    const msm = listCases(db, { keyPopulation: 'msm', pageSize: 200 });
    expect(msm.total).toBe(
      (db.prepare(`SELECT count(*) AS n FROM case_key_population WHERE key_population = 'msm'`).get() as { n: number }).n,
    );
    expect(msm.rows.every((r) => r.keyPopulations.includes('msm'))).toBe(true);
  });
});
