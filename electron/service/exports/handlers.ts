// Export channels: the indicator workbook, written to the data folder's exports/ and audited.
import { changeWithAudit, recordExport } from '../../../db/audit.js';
import { completeness } from '../../../db/forms.js';
import { subtree } from '../../../db/indicators.js';
import { getOrgUnit, orgUnitPath } from '../../../db/org-units.js';
import { listCountries } from '../../../db/reference.js';
import { suppressionMaxCount } from '../../../db/settings.js';
import { fail } from '../../../shared/result.js';
import type { Handlers } from '../handlers.js';
import { formData } from '../forms/handlers.js';
import { indicatorReport, periodOf } from '../indicators/report.js';
import { saveCopyAs, saveExport } from './files.js';
import { indicatorWorkbook } from './indicator-workbook.js';
import { translator } from './translate.js';
import { cancelJob, jobStatus, startLineList } from './line-list.js';
import { countryName } from '../../../shared/i18n/country-names.js';

export const exportHandlers: Pick<
  Handlers,
  'exports.indicatorWorkbook' | 'exports.lineList' | 'exports.job' | 'exports.cancel' | 'files.saveAs' | 'files.printToPdf'
> = {
  'files.printToPdf': async (s, { fileName }) => {
    const savedTo = s.printToPdf ? await s.printToPdf(fileName) : null;
    if (savedTo)
      changeWithAudit(s.database, s.actor, (record) =>
        record({ action: 'export', entity: 'printed_page', entityId: fileName, newValue: { format: 'pdf' } }),
      );
    return { savedTo };
  },
  'files.saveAs': async (s, { fileName }) => {
    if (!s.mayFetchExport(fileName)) fail('file_not_found', { file: fileName }); // only this account's own exports
    return { savedTo: await saveCopyAs(s.dataDir, fileName, s.chooseSavePath) };
  },
  'exports.lineList': (s, q) => startLineList(s, q),
  'exports.job': (s, { jobId }) => jobStatus(s, jobId),
  'exports.cancel': (s, { jobId }) => cancelJob(s, jobId),
  'exports.indicatorWorkbook': async (s, q) => {
    const db = s.database;
    const unitId = s.unit(q.orgUnitId);
    const path = orgUnitPath(db, unitId);
    if (!path.length) fail('not_found');
    periodOf(q.period);
    const t = translator(q.language);
    const countries = listCountries(db);
    const countryNames = Object.fromEntries(countries.map((c) => [c.code, countryName(c.code, q.language)]));
    const units = new Set(subtree(db, unitId));
    const year = Number(q.period.slice(0, 4));
    const multiYear = q.years > 1 && /^\d{4}$/.test(q.period); // a quarter has no multi-year variant
    const forms = completeness(db, year).filter((c) => units.has(c.orgUnitId));
    const unitName = (id: number) => getOrgUnit(db, id)?.name ?? String(id);
    const status = s.status();
    const maxCount = suppressionMaxCount(db);
    const { workbook, hiddenCells } = indicatorWorkbook({
      language: q.language,
      t,
      outside: q.outside,
      maxCount,
      country: countryNames[path[0]!.countryCode] ?? path[0]!.name,
      orgUnitPath: path.map((u) => (u.level === 'country' ? (countryNames[u.countryCode] ?? u.name) : u.name)).join(' › '),
      period: multiYear ? `${year - q.years + 1}–${q.period}` : q.period,
      generatedAt: new Date(),
      appVersion: status.appVersion,
      demo: status.database?.kind === 'demo',
      total: indicatorReport(db, unitId, q.period, 'none'),
      byYear: multiYear
        ? Array.from({ length: q.years }, (_, i) => indicatorReport(db, unitId, String(year - q.years + 1 + i), 'none'))
        : [],
      breakdowns: q.dimensions.map((d) => indicatorReport(db, unitId, q.period, d)),
      countryNames,
      completeness: forms.map((c) => ({
        orgUnit: unitName(c.orgUnitId),
        form: t(`forms.names.${c.form}`),
        period: c.period,
        values: c.values,
        approved: c.approved,
      })),
      violations: forms.flatMap((c) =>
        formData(db, { form: c.form, orgUnitId: c.orgUnitId, period: c.period }).violations.map((v) => ({
          orgUnit: unitName(c.orgUnitId),
          form: t(`forms.names.${c.form}`),
          period: c.period,
          rule: t(v.messageKey),
          left: v.left,
          right: v.right,
        })),
      ),
    });
    const saved = await saveExport(
      s,
      `hiv-migrants-${path[0]!.countryCode}-${q.period}${multiYear ? `-${q.years}y` : ''}-${unitId}${q.outside ? '' : '-internal'}`,
      async (part, fileName) => {
        await workbook.xlsx.writeFile(part);
        // Recorded before the file takes its name: no finished export without its audit entry.
        recordExport(db, s.actor, 'workbook', fileName, {
          period: q.period,
          years: q.years,
          orgUnitId: unitId,
          dimensions: q.dimensions,
          language: q.language,
          suppression: q.outside,
          maxCount: q.outside ? maxCount : null,
          hiddenCells,
        });
      },
    );
    return { ...saved, suppressed: q.outside, hiddenCells };
  },
};
