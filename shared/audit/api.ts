// The change log as a person searches it: by who, when, what kind of thing, and which case.
import { z } from 'zod';

/** Kinds a person filters by, each the entities the log files under it. */
export const AUDIT_KINDS = {
  cases: ['case', 'case_event', 'person_link'],
  forms: ['data_value', 'form_period'],
  factSheet: ['fact_sheet_value', 'fact_sheet_text'],
  estimates: ['estimate_run'],
  files: [
    'case_register',
    'aggregate_forms',
    'workbook',
    'line_list',
    'fact_sheet',
    'printed_page',
    'ecdc_input',
    'import_report',
    'dhis2_data_value_set',
    'dhis2_adx',
    'translation_workbook',
  ],
  accounts: ['account'],
  settings: ['setting', 'org_unit', 'database', 'audit_log', 'dhis2_mapping', 'translation'],
  exchange: ['exchange_package', 'exchange_partner', 'exchange_identity'],
} as const;
export type AuditKind = keyof typeof AUDIT_KINDS;
export const AUDIT_KIND_CODES = Object.keys(AUDIT_KINDS) as [AuditKind, ...AuditKind[]];

export const AuditQuerySchema = z
  .object({
    actor: z.string().min(1).max(100).nullable().default(null),
    /** Instants (the screen turns the clerk's local days into them): from inclusive, to exclusive. */
    fromAt: z.iso.datetime().nullable().default(null),
    toAt: z.iso.datetime().nullable().default(null),
    kind: z.enum(AUDIT_KIND_CODES).nullable().default(null),
    /** A case by its number in the register, as the clerk knows it. */
    registerNo: z.string().trim().min(1).max(40).nullable().default(null),
    /** The page below this entry id (older); null: the newest. */
    before: z.number().int().positive().nullable().default(null),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AuditQuery = z.input<typeof AuditQuerySchema>;
