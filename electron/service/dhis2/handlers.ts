// DHIS2 channels: the data values out as a dataValueSet or ADX file, and the identifier mapping
// as a workbook out and back.
import { writeFileSync } from 'node:fs';
import { recordExport } from '../../../db/audit.js';
import { declaredSchemes, dhis2Mapping, mergeDhis2Mapping, replaceDhis2Mapping, valuesForExport } from '../../../db/dhis2.js';
import { mappingFromMetadata } from './metadata.js';
import { subtree } from '../../../db/indicators.js';
import { listOrgUnits, orgUnitPath } from '../../../db/org-units.js';
import {
  countByKind,
  INDICATOR_BREAKDOWNS,
  INDICATOR_DATA_SET,
  INDICATOR_MEASURES,
  indicatorElement,
  type IndicatorBreakdown,
} from '../../../shared/dhis2/api.js';
import type { CategoryCode } from '../../../shared/categories.js';
import { cocKey } from '../../../shared/forms/definitions.js';
import { fail, refusal } from '../../../shared/result.js';
import { parsePeriod, periodsBetween } from '../../../shared/periods.js';
import { indicatorReport } from '../indicators/report.js';
import { saveExport } from '../exports/files.js';
import { translator } from '../exports/translate.js';
import type { Handlers } from '../handlers.js';
import { adxImportParameters, adxMessage, dataValueSet, idSchemes, resolve } from './dhis2-files.js';
import { uploadedBytes } from '../imports/read-file.js';
import { localCodes, mappingWorkbook, readMapping } from './mapping-workbook.js';

type Dhis2Channels = 'dhis2.export' | 'dhis2.mappingWorkbook' | 'dhis2.loadMapping' | 'dhis2.loadMetadata';

export const dhis2Handlers: Pick<Handlers, Dhis2Channels> = {
  'dhis2.export': async (s, q) => {
    const db = s.database;
    const from = parsePeriod(q.from);
    const to = parsePeriod(q.to);
    if (!from || !to) fail('invalid_input', undefined, [{ path: from ? 'to' : 'from', messageKey: 'validation.period' }]);
    if (from.start > to.end) fail('invalid_input', undefined, [{ path: 'to', messageKey: 'validation.period_order' }]);
    // By default the whole country for an account that may see it, else the account's own unit.
    const unit = s.unit(q.orgUnitId ?? (s.scope ? s.orgUnitId : orgUnitPath(db, s.orgUnitId)[0]!.id));
    const values = valuesForExport(db, subtree(db, unit), q.from, q.to);
    // The cascade's counts of each period beside the forms' values; a count the suppression hides stays out.
    let hidden = 0;
    if (q.indicators)
      for (const period of periodsBetween(q.from, q.to)) {
        const r = indicatorReport(db, unit, period, 'none');
        const put = (de: string, coc: string, value: number) =>
          values.push({ form: INDICATOR_DATA_SET, de, coc, orgUnitId: unit, period, value, comment: null });
        for (const m of INDICATOR_MEASURES) {
          if (r.outside.counts.includes(m)) hidden++;
          else put(indicatorElement(m), '', r.total.tally[m]);
        }
        // Each breakdown of a count goes whole or not at all (as FHIR's stratifiers): one group's
        // small count hidden among the others shown would be the total less their sum.
        for (const [by, category] of Object.entries(INDICATOR_BREAKDOWNS) as [IndicatorBreakdown, CategoryCode][]) {
          const b = indicatorReport(db, unit, period, by);
          for (const m of INDICATOR_MEASURES) {
            if (r.outside.counts.includes(m) || b.outside.counts.includes(m) || b.groups.some((g) => b.outside.groups[g.key]?.includes(m)))
              hidden += b.groups.length;
            else for (const g of b.groups) put(indicatorElement(m, by), cocKey({ [category]: g.key }), g.tally[m]);
          }
        }
      }
    if (values.length === 0) throw refusal('dhis2_unmapped', 'errors.dhis2_no_values', { from: q.from, to: q.to });
    const { rows, unmapped } = resolve(values, dhis2Mapping(db));
    if (rows.length === 0) throw refusal('dhis2_unmapped', 'errors.dhis2_unmapped', { ...unmapped });
    const schemes = idSchemes(rows, q.format, declaredSchemes(db));
    const ext = q.format === 'json' ? 'json' : 'xml';
    const base = `dhis2-${q.format === 'json' ? 'dataValueSet' : 'adx'}-${q.from}-${q.to}`;
    const saved = await saveExport(
      s,
      base,
      async (part, fileName) => {
        writeFileSync(part, q.format === 'json' ? JSON.stringify(dataValueSet(rows, schemes), null, 1) : adxMessage(rows, new Date()));
        recordExport(db, s.actor, q.format === 'json' ? 'dhis2_data_value_set' : 'dhis2_adx', fileName, {
          values: rows.length,
          orgUnitId: unit,
        });
      },
      ext,
    );
    return {
      file: { ...saved, suppressed: q.indicators, hiddenCells: hidden },
      values: rows.length,
      hidden,
      unmapped,
      idSchemes: schemes,
      importParameters: q.format === 'adx' ? adxImportParameters(schemes) : null,
    };
  },

  'dhis2.mappingWorkbook': async (s, { language }) => {
    const wb = mappingWorkbook(
      translator(language),
      language,
      listOrgUnits(s.database),
      dhis2Mapping(s.database),
      declaredSchemes(s.database),
    );
    const saved = await saveExport(s, `dhis2-mapping-${language}`, async (part) => void (await wb.xlsx.writeFile(part)));
    return { ...saved, suppressed: false, hiddenCells: 0 };
  },

  'dhis2.loadMetadata': (s, file) => {
    const { fileName } = file;
    const bytes = uploadedBytes(file);
    const known = localCodes(translator('en'), 'en', listOrgUnits(s.database));
    const { rows, unmapped } = mappingFromMetadata(fileName, bytes, known, dhis2Mapping(s.database));
    mergeDhis2Mapping(s.database, s.actor, fileName, rows);
    return { mapped: countByKind(rows), unmapped };
  },

  'dhis2.loadMapping': async (s, file) => {
    const { fileName } = file;
    const bytes = uploadedBytes(file);
    const known = localCodes(translator('en'), 'en', listOrgUnits(s.database));
    const { rows, refused, kinds, schemes } = await readMapping(fileName, bytes, known);
    replaceDhis2Mapping(s.database, s.actor, rows, kinds, schemes);
    return { mapped: countByKind(rows), refused: refused.slice(0, 200), refusedTotal: refused.length };
  },
};
