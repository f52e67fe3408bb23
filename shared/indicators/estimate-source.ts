// One sentence saying where the first 90's denominator comes from, the same on the dashboard, in
// the workbook and on the fact sheet, so a published share can be traced to its source. It names
// no count: an outside export may hide the diagnosed, which the undiagnosed would give away.
import type { TFunction } from 'i18next';
import { formatDate } from '../dates.js';
import type { EstimateSource } from './api.js';

export function estimateSourceText(t: TFunction, source: EstimateSource | null): string {
  if (!source) return t('indicators.estimateSource.none');
  if (source.kind === 'entered') return t('indicators.estimateSource.entered');
  return t('indicators.estimateSource.ecdc', { run: source.runId, date: formatDate(source.createdAt) });
}
