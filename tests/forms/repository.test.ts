import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection.js';
import { createDeskDatabase } from '../../db/open.js';
import { ensureFacility } from '../../db/org-units.js';
import { auditOf, recentAudit } from '../../db/audit.js';
import { approval, completeness, formValues, rules, saveCells, setApproval, type FormKey } from '../../db/forms.js';
import { cocKey, TOTAL } from '../../shared/forms/definitions.js';
import { evaluateRules, SEEDED_RULES, toFormValues } from '../../shared/forms/rules.js';
import { failureOf } from '../helpers/failure.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
let db: Db;
let k: FormKey;
const cell = cocKey({ sex: 'male', age_band: '25-29', legal_status: 'irregular', migrant_type: 'immigrant' });

beforeEach(() => {
  db = createDeskDatabase(join(tempDir(), 'f.sqlite'), () => {});
  k = {
    form: 'testing',
    orgUnitId: ensureFacility(db, 'x', { countryCode: 'KGZ', region: 'г. Бишкек', facility: 'Республиканский центр' }).id,
    period: '2016',
  };
});

describe('aggregate values', () => {
  it('save a cell, change it, clear it, each audited with old and new values', () => {
    saveCells(db, 'Айгуль', k, [{ de: 'tested_mobile_clinic', coc: TOTAL, value: '8 770' }]);
    saveCells(db, 'Айгуль', k, [{ de: 'tested_mobile_clinic', coc: TOTAL, value: '8770', comment: 'журнал 2016' }]);
    expect(formValues(db, k)).toMatchObject([
      { de: 'tested_mobile_clinic', coc: TOTAL, value: 8770, comment: 'журнал 2016', updatedBy: 'Айгуль' },
    ]);
    saveCells(db, 'Айгуль', k, [{ de: 'tested_mobile_clinic', coc: TOTAL, value: '8770' }]); // no comment given: kept
    expect(formValues(db, k)[0]!.comment).toBe('журнал 2016');
    saveCells(db, 'Ержан', k, [{ de: 'tested_mobile_clinic', coc: TOTAL, value: '' }]);
    expect(formValues(db, k)).toEqual([]);
    expect(
      auditOf(db, 'data_value', `${k.orgUnitId}/2016/tested_mobile_clinic/${TOTAL}`).map((e) => [
        e.actor,
        e.action,
        e.oldValue,
        e.newValue,
      ]),
    ).toEqual([
      ['Ержан', 'delete', { value: 8770, comment: 'журнал 2016' }, null],
      ['Айгуль', 'update', { value: 8770, comment: null }, { value: 8770, comment: 'журнал 2016' }],
      ['Айгуль', 'create', null, { value: 8770, comment: null }],
    ]);
  });

  it('refuse a pasted block with any bad cell, naming each, and save none of it', () => {
    const error = failureOf(() =>
      saveCells(db, 'x', k, [
        { de: 'tested_voluntary', coc: cell, value: '12' },
        { de: 'positive_voluntary', coc: cell, value: '1.5' },
        { de: 'tested_voluntary', coc: TOTAL, value: 'abc' },
        { de: 'tested_voluntary', coc: 'sex:male', value: '1' },
        { de: 'survey_sample', coc: 'total', value: '1' },
      ]),
    );
    expect(error.issues).toEqual([
      { path: `positive_voluntary/${cell}`, messageKey: 'validation.whole_number' },
      { path: `tested_voluntary/${TOTAL}`, messageKey: 'validation.number_format' },
      { path: 'tested_voluntary/sex:male', messageKey: 'validation.unknown_cell' },
      { path: 'survey_sample/total', messageKey: 'validation.unknown_cell' }, // another form's element
    ]);
    expect(formValues(db, k)).toEqual([]);
    expect(recentAudit(db, 50).filter((e) => e.entity === 'data_value')).toEqual([]);
  });

  it('refuse a period the form does not have', () => {
    expect(
      failureOf(() => saveCells(db, 'x', { ...k, form: 'survey', period: '2016Q1' }, [{ de: 'survey_sample', coc: 'total', value: '400' }]))
        .issues,
    ).toEqual([{ path: 'period', messageKey: 'validation.period' }]);
    expect(saveCells(db, 'x', { ...k, period: '2016Q1' }, [{ de: 'tested_outreach', coc: TOTAL, value: '5' }])).toHaveLength(1);
  });

  it('lock an approved period until the approval is withdrawn, auditing both', () => {
    saveCells(db, 'Айгуль', k, [{ de: 'tested_mobile_clinic', coc: TOTAL, value: '8770' }]);
    setApproval(db, 'Руководитель', k, true);
    expect(approval(db, k)).toMatchObject({ approvedBy: 'Руководитель' });
    expect(failureOf(() => saveCells(db, 'Айгуль', k, [{ de: 'positive_mobile_clinic', coc: TOTAL, value: '10' }]))).toMatchObject({
      code: 'period_locked',
      params: { period: '2016', by: 'Руководитель' },
    });
    // Other periods and forms stay open.
    expect(saveCells(db, 'Айгуль', { ...k, period: '2017' }, [{ de: 'positive_mobile_clinic', coc: TOTAL, value: '3' }])).toHaveLength(1);
    setApproval(db, 'Руководитель', k, false);
    expect(saveCells(db, 'Айгуль', k, [{ de: 'positive_mobile_clinic', coc: TOTAL, value: '10' }])).toHaveLength(1);
    expect(auditOf(db, 'form_period', `testing/${k.orgUnitId}/2016`).map((e) => e.action)).toEqual(['unapprove', 'approve']);
  });

  it('keep rules as data: the seeded ones, and a new row is evaluated without code', () => {
    expect(rules(db)).toEqual(SEEDED_RULES.slice().sort((a, b) => a.code.localeCompare(b.code)));
    const rule = {
      code: 'kp_tested_le_total_voluntary',
      form: 'testing',
      left: { de: 'tested_kp_voluntary', cell: 'total' },
      op: '<=',
      right: { de: 'tested_voluntary', cell: 'total' },
      messageKey: 'rules.sum_le_total',
    };
    db.prepare('INSERT INTO validation_rule (code, form_code, definition) VALUES (?, ?, ?)').run(
      rule.code,
      rule.form,
      JSON.stringify(rule),
    );
    saveCells(db, 'x', k, [
      { de: 'tested_voluntary', coc: TOTAL, value: '100' },
      { de: 'tested_kp_voluntary', coc: TOTAL, value: '120' },
    ]);
    expect(evaluateRules(rules(db, 'testing'), toFormValues(formValues(db, k))).map((v) => v.rule)).toEqual([
      'kp_tested_le_total_voluntary',
    ]);
  });

  it('report completeness per org unit, form and period', () => {
    saveCells(db, 'x', k, [
      { de: 'tested_mandatory', coc: TOTAL, value: '1' },
      { de: 'positive_mandatory', coc: TOTAL, value: '0' },
    ]);
    saveCells(db, 'x', { ...k, form: 'survey' }, [{ de: 'survey_sample', coc: 'total', value: '400' }]);
    setApproval(db, 'x', { ...k, form: 'survey' }, true);
    expect(completeness(db, 2016)).toEqual([
      { orgUnitId: k.orgUnitId, form: 'survey', period: '2016', values: 1, approved: true },
      { orgUnitId: k.orgUnitId, form: 'testing', period: '2016', values: 2, approved: false },
    ]);
    expect(completeness(db, 2015)).toEqual([]);
  });
});
