// FHIR channel: the WHO SMART HIV measures of a period and org unit as a Bundle of MeasureReports.
import { writeFileSync } from 'node:fs';
import { recordExport } from '../../../db/audit.js';
import { getOrgUnit, orgUnitPath } from '../../../db/org-units.js';
import { FHIR_STRATIFIERS } from '../../../shared/fhir/api.js';
import { saveExport } from '../exports/files.js';
import type { Handlers } from '../handlers.js';
import { indicatorReport, periodOf } from '../indicators/report.js';
import { measureReportBundle } from './measure-reports.js';

export const fhirHandlers: Pick<Handlers, 'fhir.measureReports'> = {
  'fhir.measureReports': async (s, q) => {
    const db = s.database;
    const unit = s.unit(q.orgUnitId ?? (s.scope ? s.orgUnitId : orgUnitPath(db, s.orgUnitId)[0]!.id));
    const total = indicatorReport(db, unit, q.period, 'none');
    const byStratifier = Object.fromEntries(FHIR_STRATIFIERS.map((d) => [d, indicatorReport(db, unit, q.period, d)])) as Parameters<
      typeof measureReportBundle
    >[1];
    const bundle = measureReportBundle(total, byStratifier, periodOf(q.period), { id: unit, name: getOrgUnit(db, unit)!.name });
    const saved = await saveExport(
      s,
      `fhir-measure-reports-${q.period}`,
      async (part, fileName) => {
        writeFileSync(part, JSON.stringify(bundle, null, 1));
        recordExport(db, s.actor, 'fhir_measure_reports', fileName, { period: q.period, orgUnitId: unit });
      },
      'json',
    );
    return { ...saved, suppressed: true, hiddenCells: 0 };
  },
};
