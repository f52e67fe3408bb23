// Validation rules as data: left side, operator, right side over data elements, so a ministry's
// new rule is a row, not code. Evaluated live in the grid and in the report with this one function.
import { z } from 'zod';
import { TESTING_SETTINGS, TOTAL, type FormCode } from './definitions.js';

/** 'each': cell by cell with the same key (totals included); 'total': the total (or the only value); 'sum': all disaggregated cells. */
export const OperandSchema = z.object({ de: z.string(), cell: z.enum(['each', 'total', 'sum']) });
export const RuleSchema = z.object({
  code: z.string(),
  form: z.enum(['testing', 'survey', 'estimates']),
  left: OperandSchema,
  op: z.enum(['<=', '<', '>=', '>', '=']),
  right: OperandSchema,
  messageKey: z.string(),
});
export type Rule = z.infer<typeof RuleSchema>;

export const SEEDED_RULES: Rule[] = [
  ...TESTING_SETTINGS.flatMap((s): Rule[] => [
    {
      code: `positive_le_tested_${s}`,
      form: 'testing',
      left: { de: `positive_${s}`, cell: 'each' },
      op: '<=',
      right: { de: `tested_${s}`, cell: 'each' },
      messageKey: 'rules.positive_le_tested',
    },
    {
      code: `positive_kp_le_tested_kp_${s}`,
      form: 'testing',
      left: { de: `positive_kp_${s}`, cell: 'each' },
      op: '<=',
      right: { de: `tested_kp_${s}`, cell: 'each' },
      messageKey: 'rules.positive_le_tested',
    },
    {
      code: `tested_sum_le_total_${s}`,
      form: 'testing',
      left: { de: `tested_${s}`, cell: 'sum' },
      op: '<=',
      right: { de: `tested_${s}`, cell: 'total' },
      messageKey: 'rules.sum_le_total',
    },
    {
      code: `positive_sum_le_total_${s}`,
      form: 'testing',
      left: { de: `positive_${s}`, cell: 'sum' },
      op: '<=',
      right: { de: `positive_${s}`, cell: 'total' },
      messageKey: 'rules.sum_le_total',
    },
    // Key populations are not summed: one person can belong to several.
  ]),
  {
    code: 'survey_positive_le_sample',
    form: 'survey',
    left: { de: 'survey_positive', cell: 'each' },
    op: '<=',
    right: { de: 'survey_sample', cell: 'each' },
    messageKey: 'rules.survey_positive_le_sample',
  },
];

/** Values of one form, org unit and period: data element -> cell key -> number. */
export type FormValues = Map<string, Map<string, number>>;
export type Violation = {
  rule: string;
  messageKey: string;
  cell: string | null;
  left: number;
  right: number;
  leftDe: string;
  rightDe: string;
};

const compare = (a: number, op: Rule['op'], b: number) =>
  op === '<=' ? a <= b : op === '<' ? a < b : op === '>=' ? a >= b : op === '>' ? a > b : a === b;

function side(values: FormValues, o: Rule['left'], cell?: string): number | undefined {
  const cells = values.get(o.de);
  if (!cells) return undefined;
  if (o.cell === 'each') return cells.get(cell!);
  // A data element without categories has its one value under '' and no separate total.
  if (o.cell === 'total') return cells.get(TOTAL) ?? cells.get('');
  let sum = 0;
  let any = false;
  for (const [k, v] of cells) {
    if (k !== TOTAL && k !== '') {
      sum += v;
      any = true;
    }
  }
  return any ? sum : undefined;
}

/** Rules whose both sides have values and whose comparison fails; a missing side is not a violation. */
export function evaluateRules(rules: readonly Rule[], values: FormValues, form?: FormCode): Violation[] {
  const out: Violation[] = [];
  for (const r of rules) {
    if (form && r.form !== form) continue;
    const cells = r.left.cell === 'each' ? [...(values.get(r.left.de)?.keys() ?? [])] : [null];
    for (const cell of cells) {
      const left = side(values, r.left, cell ?? undefined);
      const right = side(values, r.right, cell ?? undefined);
      if (left === undefined || right === undefined || compare(left, r.op, right)) continue;
      out.push({ rule: r.code, messageKey: r.messageKey, cell, left, right, leftDe: r.left.de, rightDe: r.right.de });
    }
  }
  return out;
}

export type Outlier = { de: string; cell: string; value: number; previous: number };

/** Values more than three times, or less than a third of, the same cell a year earlier. */
export function outliers(current: FormValues, lastYear: FormValues): Outlier[] {
  const out: Outlier[] = [];
  for (const [de, cells] of current) {
    for (const [cell, value] of cells) {
      const previous = lastYear.get(de)?.get(cell);
      if (previous === undefined || previous === 0) continue;
      if (value > previous * 3 || value < previous / 3) out.push({ de, cell, value, previous });
    }
  }
  return out;
}

export function toFormValues(rows: ReadonlyArray<{ de: string; coc: string; value: number | string }>): FormValues {
  const m: FormValues = new Map();
  for (const r of rows) {
    if (typeof r.value !== 'number') continue;
    if (!m.has(r.de)) m.set(r.de, new Map());
    m.get(r.de)!.set(r.coc, r.value);
  }
  return m;
}
