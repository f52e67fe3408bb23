// The two forms DHIS2 takes data values in: a dataValueSet (JSON, as DHIS2's /api/dataValueSets
// reads it) and an ADX message (IHE QRPH ADX, urn:ihe:qrph:adx:2015). Identifiers go through the
// mapping; a value with a part that has none is left out (DHIS2 would refuse it) and counted.
import { XMLBuilder } from 'fast-xml-parser';
import { DHIS2_DEFAULT_COC, isDhis2Uid, MAPPING_KINDS, type IdScheme, type MappingKind } from '../../../shared/dhis2/api.js';
import { refusal } from '../../../shared/result.js';
import { parsePeriod } from '../../../shared/periods.js';
import type { ExportValue, Mapping } from '../../../db/dhis2.js';

export type Dhis2Value = {
  dataSet: string;
  dataElement: string;
  /** Null for a cell without disaggregation the mapping does not name: DHIS2's default combo, which a file may leave out. */
  categoryOptionCombo: string | null;
  orgUnit: string;
  period: string;
  value: number | string;
  comment: string | null;
};

/** The default cell's combo: null where it is DHIS2's default UID or not named (it then follows the other combos' scheme). */
const defaultCombo = (mapping: Mapping) => {
  const named = mapping.categoryOptionCombo.get('');
  return named === undefined || named === DHIS2_DEFAULT_COC ? null : named;
};

export function resolve(values: readonly ExportValue[], mapping: Mapping): { rows: Dhis2Value[]; unmapped: Record<MappingKind, number> } {
  const unmapped = Object.fromEntries(MAPPING_KINDS.map((k) => [k, 0])) as Record<MappingKind, number>;
  const rows: Dhis2Value[] = [];
  for (const v of values) {
    const ids = {
      dataSet: mapping.dataSet.get(v.form),
      dataElement: mapping.dataElement.get(v.de),
      // A cell of a data element without disaggregation is DHIS2's default combo on every server
      // (null: written by UID or left out, as the other combos go); a code given for it is used.
      categoryOptionCombo: v.coc === '' ? defaultCombo(mapping) : mapping.categoryOptionCombo.get(v.coc),
      orgUnit: mapping.orgUnit.get(String(v.orgUnitId)),
    };
    const missing = MAPPING_KINDS.filter((k) => ids[k] === undefined);
    for (const k of missing) unmapped[k]++;
    if (missing.length === 0)
      rows.push({
        dataSet: ids.dataSet!,
        dataElement: ids.dataElement!,
        categoryOptionCombo: ids.categoryOptionCombo!,
        orgUnit: ids.orgUnit!,
        period: v.period,
        value: v.value,
        comment: v.comment,
      });
  }
  return { rows, unmapped };
}

export type IdSchemes = Record<MappingKind, IdScheme | null>;

/**
 * How DHIS2 is to read each kind of identifier in a file: by UID (a letter and ten letters or
 * digits) or by code. DHIS2 takes one scheme a kind for a whole file, so a kind whose identifiers
 * mix the two cannot be sent: refused, naming one of each, before anything is written. (A code
 * shaped like a UID reads as one, unless the mapping's scheme cell for the kind says CODE.)
 */
export function idSchemes(rows: readonly Dhis2Value[], format: 'json' | 'adx', declared: Record<MappingKind, IdScheme | null>): IdSchemes {
  const schemes = {} as IdSchemes;
  for (const kind of MAPPING_KINDS) {
    // A dataValueSet names no data set: its identifiers cannot be misread there.
    if (kind === 'dataSet' && format === 'json') {
      schemes[kind] = null;
      continue;
    }
    // Said in the workbook: codes may look like anything, a UID only like a UID.
    if (declared[kind] === 'CODE') {
      schemes[kind] = 'CODE';
      continue;
    }
    if (declared[kind] === 'UID') {
      const code = rows.find((r) => r[kind] !== null && !isDhis2Uid(r[kind]))?.[kind];
      if (code) throw refusal('dhis2_mixed_ids', `errors.dhis2_declared_uid_${kind}`, { code });
      schemes[kind] = 'UID';
      continue;
    }
    let uid: string | undefined;
    let code: string | undefined;
    for (const r of rows) {
      const id = r[kind];
      if (id === null) continue;
      if (isDhis2Uid(id)) uid ??= id;
      else code ??= id;
      if (uid && code) throw refusal('dhis2_mixed_ids', `errors.dhis2_mixed_ids_${kind}`, { uid, code });
    }
    schemes[kind] = code ? 'CODE' : 'UID';
  }
  return schemes;
}

/** The import parameters that tell DHIS2 the schemes of an ADX file (which cannot carry them; DHIS2 reads ADX by code unless told). */
export const adxImportParameters = (s: Record<MappingKind, IdScheme | null>) =>
  `dataSetIdScheme=${s.dataSet}&dataElementIdScheme=${s.dataElement}&categoryOptionComboIdScheme=${s.categoryOptionCombo}&orgUnitIdScheme=${s.orgUnit}`;

/**
 * DHIS2's dataValueSet JSON: values as strings, periods in DHIS2's ISO forms (2017, 2017Q1, 201701),
 * and the identifier schemes in the payload (where DHIS2 takes them over the request's).
 */
export function dataValueSet(rows: readonly Dhis2Value[], schemes: IdSchemes): object {
  return {
    dataElementIdScheme: schemes.dataElement,
    orgUnitIdScheme: schemes.orgUnit,
    categoryOptionComboIdScheme: schemes.categoryOptionCombo,
    dataValues: rows.map((r) => ({
      dataElement: r.dataElement,
      period: r.period,
      orgUnit: r.orgUnit,
      categoryOptionCombo: r.categoryOptionCombo ?? (schemes.categoryOptionCombo === 'UID' ? DHIS2_DEFAULT_COC : undefined),
      value: String(r.value),
      ...(r.comment ? { comment: r.comment } : {}),
    })),
  };
}

/** A period as ADX writes it: its first day and its length (2017-01-01/P1Y, 2017-04-01/P3M, 2017-05-01/P1M). */
export function adxPeriod(code: string): string {
  const p = parsePeriod(code);
  if (!p) throw new Error(`not a period: ${code}`);
  return `${p.start}/${{ year: 'P1Y', quarter: 'P3M', month: 'P1M' }[p.type]}`;
}

/** Text as XML 1.0 may hold it: a character it cannot (kept from before the entry refused them) becomes U+FFFD. */
const xmlText = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');

/** An ADX message: one group per data set, org unit and period; a text value as DHIS2 writes it, in an annotation. */
export function adxMessage(rows: readonly Dhis2Value[], exported: Date): string {
  const groups = new Map<string, Dhis2Value[]>();
  for (const r of rows) {
    const key = JSON.stringify([r.dataSet, r.orgUnit, r.period]);
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    adx: {
      '@_xmlns': 'urn:ihe:qrph:adx:2015',
      '@_exported': exported.toISOString(),
      group: [...groups.values()].map((list) => ({
        '@_dataSet': list[0]!.dataSet,
        '@_orgUnit': list[0]!.orgUnit,
        '@_period': adxPeriod(list[0]!.period),
        dataValue: list.map((r) => ({
          '@_dataElement': r.dataElement,
          // Without a combo DHIS2 files the value under its default one, whatever the scheme.
          ...(r.categoryOptionCombo !== null ? { '@_categoryOptionCombo': r.categoryOptionCombo } : {}),
          '@_value': typeof r.value === 'number' ? String(r.value) : '0',
          // DHIS2's ADX reader takes a value's comment from its attribute, as the JSON carries it.
          ...(r.comment ? { '@_comment': xmlText(r.comment) } : {}),
          ...(typeof r.value === 'string' ? { annotation: xmlText(r.value) } : {}),
        })),
      })),
    },
  };
  return new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, processEntities: true }).build(doc);
}
