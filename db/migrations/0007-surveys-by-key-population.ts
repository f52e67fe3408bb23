// Sentinel surveys report HIV prevalence per key population (PWID, MSM, sex workers…), which the
// fact sheet shows: the survey's sample and positives become a cell per key population plus the
// total, and a value entered before this version becomes that total.
import type { Migration } from './types.js';
import { SEEDED_RULES } from '../../shared/forms/rules.js';

export const m0007: Migration = {
  version: 7,
  name: 'surveys by key population',
  up(db) {
    db.prepare(`UPDATE data_element SET combo = 'key_population' WHERE code IN ('survey_sample', 'survey_positive')`).run();
    db.prepare(`UPDATE data_value SET coc = 'total' WHERE data_element IN ('survey_sample', 'survey_positive') AND coc = ''`).run();
    const rule = SEEDED_RULES.find((r) => r.code === 'survey_positive_le_sample')!;
    db.prepare('UPDATE validation_rule SET definition = ? WHERE code = ?').run(JSON.stringify(rule), rule.code);
  },
};
