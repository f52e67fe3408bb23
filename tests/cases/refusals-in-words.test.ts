// Errors in the clerk's language (issue 17, item 3): every refusal the case and event forms can
// meet names a field the screen labels and says what is wrong in Russian and in English — no code
// name ("period", "maxCount"), no zod wording ("too_small"), no key left untranslated.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CaseInputSchema, EventInputSchema } from '../../shared/cases/schema.js';
import { contract, CreateCentreInputSchema } from '../../shared/contract.js';
import { IdleLockSchema, NewAccountSchema } from '../../shared/auth/api.js';
import { ExportRetentionSchema, IndicatorWorkbookSchema } from '../../shared/exports/api.js';
import { EstimateStartSchema } from '../../shared/estimates/api.js';
import { REGIONAL_CENTRE } from '../helpers/session.js';
import { fieldLabels } from '../../renderer/estimates/field-labels.js';
import { en, ru } from '../../shared/i18n/index.js';
import { keyed } from '../../renderer/app/form-resolver.js';
import { aCase } from '../helpers/cases.js';

/** The value a dotted key names in a translation tree, if it is text. */
const text = (tree: unknown, key: string): string | undefined => {
  const v = key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), tree);
  return typeof v === 'string' ? v : undefined;
};

const WRONG: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x',
  -1,
  0,
  1e9,
  Number.NaN,
  1.5,
  [],
  {},
  '31.02.2017',
  '15.03.17',
  '2017-02-29',
  '2999-01-01',
  '1900-01-01',
];

/** Every issue the schema raises when each field in turn holds each wrong value. */
function refusals(schema: z.ZodType, valid: Record<string, unknown>): { path: string; messageKey: string }[] {
  const out: { path: string; messageKey: string }[] = [];
  for (const field of Object.keys(valid))
    for (const wrong of WRONG) {
      const r = schema.safeParse({ ...valid, [field]: wrong }, keyed);
      if (!r.success) for (const i of r.error.issues) out.push({ path: String(i.path[0] ?? ''), messageKey: i.message });
    }
  return out;
}

const SuppressionSchema = contract['settings.setSuppression'].input;

describe('refusals in words', () => {
  // A screen with labels of its own (the estimates') names its fields by them.
  const cases: [string, z.ZodType, Record<string, unknown>, ((t: (k: string) => string) => Record<string, string>)?][] = [
    ['case', CaseInputSchema, { ...aCase(), aidsAtDiagnosis: true, firstAidsDate: '2017-04-01' }],
    ['CD4 event', EventInputSchema, { kind: 'cd4', date: '2017-04-01', cd4: 300 }],
    ['viral load event', EventInputSchema, { kind: 'viral_load', date: '2017-04-01', copies: 40, undetectable: false }],
    ['outcome event', EventInputSchema, { kind: 'outcome', date: '2017-04-01', outcome: 'ltfu' }],
    ['new centre', CreateCentreInputSchema, { ...REGIONAL_CENTRE, folder: '/tmp/desk' }],
    ['new account', NewAccountSchema, { login: 'Гульнара', password: 'ТуркестанВесна-2017', roles: ['entry'], orgUnitId: null }],
    ['idle lock', IdleLockSchema, { minutes: 10 }],
    ['small-count threshold', SuppressionSchema, { maxCount: 4 }],
    ['export retention', ExportRetentionSchema, { days: 30, lineListDays: 7 }],
    ['indicator workbook', IndicatorWorkbookSchema, { period: '2017', dimensions: ['sex'], language: 'ru', outside: true }],
    ['estimate', EstimateStartSchema, { firstYear: 2005, lastYear: 2017, bootstrap: 20, knots: 4 }, fieldLabels],
  ];
  it.each(cases)('the %s form: each refusal names a labelled field and a message in both languages', (_, schema, valid, labels) => {
    const labelled = (tree: unknown, path: string) => {
      const own = labels?.((k) => text(tree, k) ?? '')[path];
      return own !== undefined ? own !== '' : !!text((tree as { fields: unknown }).fields, path);
    };
    const found = refusals(schema, valid);
    expect(found.length).toBeGreaterThan(Object.keys(valid).length);
    const bad = new Set<string>();
    for (const { path, messageKey } of found) {
      if (!messageKey.startsWith('validation.') || !text(ru, messageKey) || !text(en, messageKey)) bad.add(`message ${messageKey}`);
      // A refusal of the whole form (no field) is shown above it; a field's names the field as labelled.
      if (path && (!labelled(ru, path) || !labelled(en, path))) bad.add(`field ${path}`);
    }
    expect([...bad]).toEqual([]);
  });

  it('dates are asked for as the field shows them, and an impossible day is called that', () => {
    const issue = (date: string) =>
      CaseInputSchema.safeParse({ ...aCase(), diagnosisDate: date }, keyed).error?.issues.find((i) => i.path[0] === 'diagnosisDate')
        ?.message;
    expect(issue('15.03.17')).toBe('validation.date_format');
    expect(ru.validation.date_format).toContain('ДД.ММ.ГГГГ');
    expect(en.validation.date_format).toContain('DD.MM.YYYY');
    expect(issue('2017-02-29')).toBe('validation.date_no_such_day');
    expect(issue('2017-02-31')).toBe('validation.date_no_such_day');
    expect(issue('2016-02-29')).toBeUndefined();
  });
});
