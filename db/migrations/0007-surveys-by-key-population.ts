// Sentinel surveys report HIV prevalence per key population (PWID, MSM, sex workers…), which the
// fact sheet shows: the survey's sample and positives become a cell per key population plus the
// total, and a value entered before this version becomes that total.
import type { Migration } from './types.js';

/** The survey rule as this version stores it. Frozen. */
const SURVEY_RULE_V7 =
  '{"code":"survey_positive_le_sample","form":"survey","left":{"de":"survey_positive","cell":"each"},"op":"<=","right":{"de":"survey_sample","cell":"each"},"messageKey":"rules.survey_positive_le_sample"}';

export const m0007: Migration = {
  version: 7,
  name: 'surveys by key population',
  up(db) {
    db.prepare(`UPDATE data_element SET combo = 'key_population' WHERE code IN ('survey_sample', 'survey_positive')`).run();
    db.prepare(`UPDATE data_value SET coc = 'total' WHERE data_element IN ('survey_sample', 'survey_positive') AND coc = ''`).run();
    db.prepare('UPDATE validation_rule SET definition = ? WHERE code = ?').run(SURVEY_RULE_V7, 'survey_positive_le_sample');
  },
};
