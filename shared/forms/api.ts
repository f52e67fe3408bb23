// Contract schemas of the aggregate forms.
import { z } from 'zod';
import { FORM_CODES } from './definitions.js';

export const FormKeySchema = z.object({
  form: z.enum(FORM_CODES),
  orgUnitId: z.number().int().positive(),
  period: z.string().regex(/^\d{4}(Q[1-4]|\d{2})?$/, { message: 'validation.period' }),
});

export const CellSchema = z
  .object({
    de: z.string().max(60),
    coc: z.string().max(200),
    value: z.string().max(600).nullable(),
    comment: z.string().max(600).nullable().optional(),
  })
  .strict();

export const SaveCellsSchema = FormKeySchema.extend({ cells: z.array(CellSchema).min(1).max(5000) }).strict();
export const ApproveSchema = FormKeySchema.extend({ approved: z.boolean() }).strict();

export const StoredValueSchema = z.object({
  de: z.string(),
  coc: z.string(),
  value: z.union([z.number(), z.string()]),
  comment: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export const ViolationSchema = z.object({
  rule: z.string(),
  messageKey: z.string(),
  cell: z.string().nullable(),
  left: z.number(),
  right: z.number(),
  leftDe: z.string(),
  rightDe: z.string(),
});
export const OutlierSchema = z.object({ de: z.string(), cell: z.string(), value: z.number(), previous: z.number() });

export const FormDataSchema = z.object({
  values: z.array(StoredValueSchema),
  approval: z.object({ approvedAt: z.string(), approvedBy: z.string() }).nullable(),
  violations: z.array(ViolationSchema),
  outliers: z.array(OutlierSchema),
  /** The rules themselves, so the grid evaluates them live with the same function. */
  rules: z.array(z.unknown()),
});
export type FormData = z.infer<typeof FormDataSchema>;

export const CompletenessSchema = z.array(
  z.object({ orgUnitId: z.number().int(), form: z.enum(FORM_CODES), period: z.string(), values: z.number().int(), approved: z.boolean() }),
);
