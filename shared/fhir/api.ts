// FHIR R4 MeasureReports of the WHO SMART HIV indicators the app computes, in one Bundle.
import { z } from 'zod';

export const MeasureReportsSchema = z
  .object({
    period: z.string().regex(/^\d{4}(Q[1-4]|\d{2})?$/, { message: 'validation.period' }),
    orgUnitId: z.number().int().positive().optional(),
  })
  .strict();

/** The WHO SMART HIV implementation guide's measures this app computes, and the cascade percentage each is. */
export const SMART_MEASURES = [
  { measure: 'HIVIND18', percentage: 'first90' },
  { measure: 'HIVIND21', percentage: 'linkage' },
  { measure: 'HIVIND27', percentage: 'second90' },
  { measure: 'HIVIND29', percentage: 'vlSuppression' },
  { measure: 'HIVIND31', percentage: 'lateArt' },
  { measure: 'HIVIND32', percentage: 'vlCoverage' },
] as const;
export const SMART_HIV_CANONICAL = 'http://smart.who.int/hiv/Measure/';
/** The breakdowns each report is stratified by. */
export const FHIR_STRATIFIERS = ['sex', 'age_who', 'key_population', 'migrant_type', 'legal_status'] as const;
