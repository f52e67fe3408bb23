// Fills a register quickly with varied synthetic cases (no names: codes made from numbers), for
// query-plan tests and benchmarks. Direct SQL inside one transaction: this is set-up, not the path under test.
import type { Db } from '../../db/connection.js';
import { uicKey } from '../../shared/cases/uic.js';
import { KEY_POPULATIONS } from '../../shared/cases/schema.js';

const SEX = ['male', 'female', 'unknown'] as const;
const MT = ['immigrant', 'emigrant', 'internal'] as const;
const LS = ['regular', 'irregular', 'unknown'] as const;
const KP = KEY_POPULATIONS;
const CC = ['UZB', 'TJK', 'KGZ', 'KAZ', 'RUS', 'TKM', 'AFG', 'CHN'] as const;
const LETTERS = 'АБВГДЕЖЗИКЛМНОПРСТУФХ';

export function bulkCases(db: Db, orgUnitId: number, n: number, eventsPerCase = 0): void {
  const insertCase = db.prepare(
    `INSERT INTO hiv_case (org_unit_id, register_no, uic, uic_key, sex, birth_year, citizenship, migrant_type, legal_status, transmission_route,
       infection_country, diagnosis_date, diagnosis_country, current_outcome, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'heterosexual', ?, ?, ?, 'in_care', ?, ?)`,
  );
  const insertKp = db.prepare('INSERT OR IGNORE INTO case_key_population (case_id, key_population) VALUES (?, ?)');
  const insertEvent = db.prepare(
    `INSERT INTO case_event (case_id, kind, event_date, cd4, vl_copies, vl_undetectable, outcome, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setMask = db.prepare('UPDATE hiv_case SET kp_mask = ? WHERE id = ?');
  const at = '2024-01-01T00:00:00.000Z';
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const sex = SEX[i % 3]!;
      const year = 1950 + (i % 55);
      const letters = [0, 1, 2, 3].map((k) => LETTERS[(i * (k + 7) + k) % LETTERS.length]).join('');
      const uic = `${letters}${sex === 'female' ? 2 : 1}${year}`;
      const dx = `${2005 + (i % 20)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const id = Number(
        insertCase.run(
          orgUnitId,
          `${i + 1}/${2005 + (i % 20)}`,
          uic,
          uicKey(uic),
          sex,
          year,
          CC[i % CC.length]!,
          MT[i % 3]!,
          LS[(i >> 1) % 3]!,
          CC[(i + 3) % CC.length]!,
          dx,
          'KAZ',
          at,
          at,
        ).lastInsertRowid,
      );
      const kps = [KP[i % KP.length]!];
      if (i % 5 === 0 && kps[0] !== 'none' && kps[0] !== 'unknown') kps.push(KP[(i + 1) % 5]!);
      for (const kp of kps) insertKp.run(id, kp);
      setMask.run(
        kps.reduce((m, kp) => m | (1 << KP.indexOf(kp)), 0),
        id,
      );
      for (let e = 0; e < eventsPerCase; e++) {
        const kind = (['cd4', 'art_start', 'viral_load', 'viral_load', 'cd4'] as const)[e % 5]!;
        insertEvent.run(
          id,
          kind,
          dx,
          kind === 'cd4' ? 100 + (i % 700) : null,
          kind === 'viral_load' ? i % 5000 : null,
          kind === 'viral_load' ? 0 : null,
          null,
          at,
          at,
        );
      }
    }
  })();
}
