// A case's key-population mask and current outcome are kept by triggers, whatever writes the key
// populations or events (the repository, an import, raw SQL), instead of by repository code alone.
// The mask's bits are pinned (shared/cases/key-population-bits.ts); this copy of them is frozen
// with the migration, and a test holds the two equal. Existing rows are recomputed once here.
import type { Migration } from './types.js';

const BIT = (kp: string) =>
  `CASE ${kp} WHEN 'pwid' THEN 1 WHEN 'msm' THEN 2 WHEN 'sw' THEN 4 WHEN 'tg' THEN 8 WHEN 'prison' THEN 16 WHEN 'none' THEN 32 WHEN 'unknown' THEN 64 ELSE 0 END`;
const MASK = (caseId: string) =>
  `(SELECT ifnull(sum(DISTINCT ${BIT('k.key_population')}), 0) FROM case_key_population k WHERE k.case_id = ${caseId})`;
const OUTCOME = (caseId: string) =>
  `coalesce((SELECT e.outcome FROM case_event e WHERE e.case_id = ${caseId} AND e.kind = 'outcome' ORDER BY e.event_date DESC, e.id DESC LIMIT 1), 'in_care')`;

export const m0013: Migration = {
  version: 13,
  name: 'derived case columns',
  up(db) {
    db.exec(`
      CREATE TRIGGER case_kp_mask_insert AFTER INSERT ON case_key_population
      BEGIN UPDATE hiv_case SET kp_mask = ${MASK('NEW.case_id')} WHERE id = NEW.case_id; END;
      CREATE TRIGGER case_kp_mask_delete AFTER DELETE ON case_key_population
      BEGIN UPDATE hiv_case SET kp_mask = ${MASK('OLD.case_id')} WHERE id = OLD.case_id; END;
      CREATE TRIGGER case_kp_mask_update AFTER UPDATE ON case_key_population
      BEGIN
        UPDATE hiv_case SET kp_mask = ${MASK('OLD.case_id')} WHERE id = OLD.case_id;
        UPDATE hiv_case SET kp_mask = ${MASK('NEW.case_id')} WHERE id = NEW.case_id;
      END;

      CREATE TRIGGER case_outcome_insert AFTER INSERT ON case_event WHEN NEW.kind = 'outcome'
      BEGIN UPDATE hiv_case SET current_outcome = ${OUTCOME('NEW.case_id')} WHERE id = NEW.case_id; END;
      CREATE TRIGGER case_outcome_delete AFTER DELETE ON case_event WHEN OLD.kind = 'outcome'
      BEGIN UPDATE hiv_case SET current_outcome = ${OUTCOME('OLD.case_id')} WHERE id = OLD.case_id; END;
      CREATE TRIGGER case_outcome_update AFTER UPDATE ON case_event WHEN OLD.kind = 'outcome' OR NEW.kind = 'outcome'
      BEGIN
        UPDATE hiv_case SET current_outcome = ${OUTCOME('OLD.case_id')} WHERE id = OLD.case_id;
        UPDATE hiv_case SET current_outcome = ${OUTCOME('NEW.case_id')} WHERE id = NEW.case_id;
      END;

      UPDATE hiv_case SET kp_mask = ${MASK('hiv_case.id')}, current_outcome = ${OUTCOME('hiv_case.id')};
    `);
  },
};
