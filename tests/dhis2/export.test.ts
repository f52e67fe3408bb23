// Export to DHIS2 through the contract: a centre's form values as a dataValueSet (checked against
// DHIS2's documented JSON shape) and as ADX (checked against the ADX schema with xmllint), first
// under the app's own codes (counted as unmapped), then through a mapping workbook a DHIS2
// administrator filled in.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DHIS2_DEFAULT_COC, INDICATOR_MEASURES, indicatorElement } from '../../shared/dhis2/api.js';
import { TOTAL, cocKey } from '../../shared/forms/definitions.js';
import { CODE_IN_WORDS, flat, words } from '../helpers/audit-words.js';
import { auditHead, bytesUpload, call, chuiAndNational, partnerId, refusedWith, upload } from '../helpers/exchange.js';
import { centreWithNine, createCentre, useSessions } from '../helpers/session.js';
import type { DeskSession } from '../../electron/service/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'dhis2');
const validateJson = new Ajv({ allErrors: true }).compile(
  JSON.parse(readFileSync(join(FIXTURES, 'dataValueSet.schema.json'), 'utf8')) as object,
);
/** xmllint's verdict on a file against the ADX schema: '' when valid, else its complaint. */
function adxProblems(file: string): string {
  try {
    execFileSync('xmllint', ['--noout', '--schema', join(FIXTURES, 'adx.xsd'), file], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr?: string }).stderr ?? e);
  }
}
const MALE_15_19 = cocKey({ sex: 'male', age_band: '15-19', legal_status: 'irregular', migrant_type: 'immigrant' });

/** A Chui centre as the wizard makes it, and its facility (where its values are kept). */
async function chuiCentre() {
  const s = session(tempDir());
  await createCentre(s, {
    countryCode: 'KGZ',
    region: 'Чуйская область',
    centre: 'Чуйский центр СПИД',
    login: 'Айгуль',
    password: 'ЧуйскаяДолина-2017',
  });
  return { s, unit: (s.database.prepare(`SELECT id FROM org_unit WHERE level = 'facility'`).get() as { id: number }).id };
}

/** The mapping workbook downloaded, its DHIS2 column filled as given (a code it lacks added as a row), and loaded back. */
async function fillMapping(
  s: DeskSession,
  fills: [sheet: string, local: string, value: ExcelJS.CellValue][],
  language: 'ru' | 'en' = 'en',
) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await call(s, 'dhis2.mappingWorkbook', { language })).path);
  for (const [sheet, local, value] of fills) {
    const ws = wb.getWorksheet(sheet)!;
    let found = false;
    ws.eachRow((row, n) => {
      if (n > 1 && String(row.getCell(1).value ?? '') === local) {
        row.getCell(3).value = value;
        found = true;
      }
    });
    if (!found) ws.addRow([local, '', value]);
  }
  const filled = join(tempDir(), 'mapping.xlsx');
  await wb.xlsx.writeFile(filled);
  return call(s, 'dhis2.loadMapping', bytesUpload(readFileSync(filled), 'mapping.xlsx'));
}

describe('export to DHIS2', () => {
  it('writes a dataValueSet and an ADX message DHIS2 reads, through the mapping workbook an administrator fills', async () => {
    const { s, unit } = await chuiCentre();
    const cell = (de: string, coc: string, value: string) => ({ de, coc, value });
    await call(s, 'forms.save', {
      form: 'testing',
      orgUnitId: unit,
      period: '2017',
      cells: [
        cell('tested_voluntary', TOTAL, '1250'),
        cell('positive_voluntary', TOTAL, '12'),
        cell('tested_voluntary', MALE_15_19, '40'),
        cell('tested_mandatory', TOTAL, '5'), // left unmapped below
      ],
    });
    await call(s, 'forms.save', { form: 'testing', orgUnitId: unit, period: '2016Q3', cells: [cell('tested_voluntary', TOTAL, '300')] });
    await call(s, 'forms.save', { form: 'testing', orgUnitId: unit, period: '2018', cells: [cell('tested_voluntary', TOTAL, '999')] });
    // A text value with characters XML must escape.
    await call(s, 'forms.save', {
      form: 'survey',
      orgUnitId: unit,
      period: '2017',
      cells: [cell('survey_name', '', 'IBBS "Мигранты" & <2017>')],
    });

    // Nothing mapped yet: nothing a DHIS2 server would take, said with the counts (the cell without
    // disaggregation is DHIS2's default combo on every server, mapped by itself).
    expect(await refusedWith(s, 'dhis2.export', { from: '2016', to: '2017', format: 'json' })).toMatchObject({
      code: 'dhis2_unmapped',
      params: { dataSet: 6, dataElement: 6, categoryOptionCombo: 5, orgUnit: 6 },
    });

    // The administrator fills the workbook's DHIS2 column (one row wrong on purpose, one unknown code) and loads it back.
    const loaded = await fillMapping(
      s,
      [
        ['dataSets', 'testing', 'MgTstDS0001'],
        ['dataSets', 'survey', 'MIG_SURVEY'],
        ['dataElements', 'tested_voluntary', 'MgTstVol001'],
        ['dataElements', 'positive_voluntary', 'MgPosVol001'],
        ['dataElements', 'survey_name', 'MIG_SURVEY_NAME'],
        ['categoryOptionCombos', TOTAL, 'TotalCoc001'],
        ['categoryOptionCombos', MALE_15_19, 'M1519IrrImm'],
        ['orgUnits', String(unit), 'KG_CHUI_AIDS'],
        ['dataElements', 'positive_kp_voluntary', 'bad<id>'],
        ['dataElements', 'no_such_element', 'Abcdefghijk'],
      ],
      'ru',
    );
    expect(loaded.mapped).toEqual({ dataSet: 2, dataElement: 3, categoryOptionCombo: 2, orgUnit: 1 });
    expect(loaded.refused.map((r) => [r.sheet, r.messageKey])).toEqual([
      ['dataElements', 'dhis2.badId'],
      ['dataElements', 'dhis2.unknownCode'],
    ]);

    // Data sets and data elements mapped partly by UID, partly by code: DHIS2 reads one scheme a kind
    // in a file, so the export is refused, naming one of each, and nothing is written.
    expect(await refusedWith(s, 'dhis2.export', { from: '2016', to: '2017', format: 'adx' })).toMatchObject({
      code: 'dhis2_mixed_ids',
      messageKey: 'errors.dhis2_mixed_ids_dataSet',
      params: { uid: 'MgTstDS0001', code: 'MIG_SURVEY' },
    });
    await fillMapping(s, [
      ['dataSets', 'testing', 'MgTstDS0001'],
      ['dataSets', 'survey', 'MigSurvey01'],
      ['dataElements', 'tested_voluntary', 'MgTstVol001'],
      ['dataElements', 'positive_voluntary', 'MgPosVol001'],
      ['dataElements', 'survey_name', 'MigSurvNam1'],
      ['categoryOptionCombos', TOTAL, 'TotalCoc001'],
      ['categoryOptionCombos', MALE_15_19, 'M1519IrrImm'],
      ['orgUnits', String(unit), 'KG_CHUI_AIDS'],
    ]);

    // ADX through the mapping: valid against the schema, DHIS2's identifiers, ISO periods, the text in an annotation.
    const adx = await call(s, 'dhis2.export', { from: '2016', to: '2017', format: 'adx' });
    expect(adx.values).toBe(5); // 2018 is outside the range; tested_mandatory is not mapped
    expect(adx.unmapped).toEqual({ dataSet: 0, dataElement: 1, categoryOptionCombo: 0, orgUnit: 0 });
    // DHIS2 reads ADX by code unless told: the parameters its import needs for these UIDs (the org unit goes by code).
    expect(adx.idSchemes).toEqual({ dataSet: 'UID', dataElement: 'UID', categoryOptionCombo: 'UID', orgUnit: 'CODE' });
    expect(adx.importParameters).toBe('dataSetIdScheme=UID&dataElementIdScheme=UID&categoryOptionComboIdScheme=UID&orgUnitIdScheme=CODE');
    expect(adxProblems(adx.file.path)).toBe('');
    const xml = readFileSync(adx.file.path, 'utf8');
    expect(xml).toContain('<group dataSet="MgTstDS0001" orgUnit="KG_CHUI_AIDS" period="2017-01-01/P1Y">');
    expect(xml).toContain('period="2016-07-01/P3M"');
    expect(xml).toContain('<dataValue dataElement="MgTstVol001" categoryOptionCombo="M1519IrrImm" value="40"');
    // The text without disaggregation: no combo (DHIS2's default), its text in an annotation.
    expect(xml).toMatch(
      /<dataValue dataElement="MigSurvNam1" value="0">\s*<annotation>IBBS &quot;Мигранты&quot; &amp; &lt;2017&gt;<\/annotation>/,
    );
    // A hand-broken copy fails the schema: the check can fail.
    const broken = join(tempDir(), 'broken.xml');
    writeFileSync(broken, xml.replace('period="2017-01-01/P1Y"', 'period="2017"'));
    expect(adxProblems(broken)).toMatch(/period/);
    const json = await call(s, 'dhis2.export', { from: '2016', to: '2017', format: 'json' });
    expect(json.importParameters).toBeNull(); // the file says its schemes itself
    const set = JSON.parse(readFileSync(json.file.path, 'utf8')) as { dataValues: Record<string, string>[] } & Record<string, unknown>;
    expect(validateJson(set), JSON.stringify(validateJson.errors)).toBe(true);
    expect(set).toMatchObject({ dataElementIdScheme: 'UID', orgUnitIdScheme: 'CODE', categoryOptionComboIdScheme: 'UID' });
    expect(set.dataValues.map((v) => v.period).sort()).toEqual(['2016Q3', '2017', '2017', '2017', '2017']);
    expect(set.dataValues.find((v) => v.dataElement === 'MigSurvNam1')).toMatchObject({
      categoryOptionCombo: DHIS2_DEFAULT_COC,
      orgUnit: 'KG_CHUI_AIDS',
      value: 'IBBS "Мигранты" & <2017>',
    });
    expect(
      set.dataValues.find((v) => v.categoryOptionCombo === 'TotalCoc001' && v.period === '2017' && v.dataElement === 'MgTstVol001')?.value,
    ).toBe('1250');

    // Each export and the mapping's load are in the change log, in words.
    const say = await words('ru');
    const log = (await call(s, 'audit.search', { limit: 20 })).entries;
    for (const e of log) expect(flat(say(e))).not.toMatch(CODE_IN_WORDS);
    expect(log.filter((e) => e.entity.startsWith('dhis2_')).map((e) => e.entity)).toEqual([
      'dhis2_data_value_set',
      'dhis2_adx',
      'dhis2_mapping',
      'dhis2_mapping',
    ]);
  });

  it('says how DHIS2 must read each kind of identifier, and refuses a kind that mixes UIDs and codes before writing anything', async () => {
    const { s, unit } = await chuiCentre();
    await call(s, 'forms.save', {
      form: 'testing',
      orgUnitId: unit,
      period: '2017',
      cells: [
        { de: 'tested_voluntary', coc: TOTAL, value: '1250' },
        { de: 'positive_voluntary', coc: TOTAL, value: '12' },
      ],
    });
    await call(s, 'forms.save', {
      form: 'survey',
      orgUnitId: unit,
      period: '2017',
      cells: [{ de: 'survey_name', coc: '', value: 'IBBS' }],
    });
    // Everything by code, as a DHIS2 fed by outside systems often is.
    await fillMapping(s, [
      ['dataSets', 'testing', 'MIG_TESTING'],
      ['dataSets', 'survey', 'MIG_SURVEY'],
      ['dataElements', 'tested_voluntary', 'MIG_TESTED_VOL'],
      ['dataElements', 'positive_voluntary', 'MIG_POSITIVE_VOL'],
      ['dataElements', 'survey_name', 'MIG_SURVEY_NAME'],
      ['categoryOptionCombos', TOTAL, 'MIG_TOTAL'],
      ['orgUnits', String(unit), 'KG_CHUI_AIDS'],
    ]);
    const json = await call(s, 'dhis2.export', { from: '2017', to: '2017', format: 'json' });
    const set = JSON.parse(readFileSync(json.file.path, 'utf8')) as { dataValues: Record<string, string>[] } & Record<string, unknown>;
    expect(validateJson(set), JSON.stringify(validateJson.errors)).toBe(true);
    expect(set).toMatchObject({ dataElementIdScheme: 'CODE', orgUnitIdScheme: 'CODE', categoryOptionComboIdScheme: 'CODE' });
    // Combos go by code: the default one (a UID on every server) is left out, which DHIS2 reads as the default.
    expect(set.dataValues.find((v) => v.dataElement === 'MIG_SURVEY_NAME')).not.toHaveProperty('categoryOptionCombo');
    expect(set.dataValues.find((v) => v.dataElement === 'MIG_TESTED_VOL')).toMatchObject({
      categoryOptionCombo: 'MIG_TOTAL',
      value: '1250',
    });
    const adx = await call(s, 'dhis2.export', { from: '2017', to: '2017', format: 'adx' });
    expect(adx.importParameters).toBe(
      'dataSetIdScheme=CODE&dataElementIdScheme=CODE&categoryOptionComboIdScheme=CODE&orgUnitIdScheme=CODE',
    );
    expect(adxProblems(adx.file.path)).toBe('');
    expect(readFileSync(adx.file.path, 'utf8')).not.toContain(DHIS2_DEFAULT_COC);

    // A metadata package of org units alone names no combo for the default cell, and DHIS2's default
    // UID given for it by hand is the default, not a UID among codes: neither stops the export.
    await call(
      s,
      'dhis2.loadMetadata',
      bytesUpload(Buffer.from(JSON.stringify({ organisationUnits: [{ id: 'KgChuiAids1', name: 'Чуйский центр СПИД' }] })), 'ou.json'),
    );
    await fillMapping(s, [
      ['categoryOptionCombos', '', DHIS2_DEFAULT_COC],
      ['orgUnits', String(unit), 'KG_CHUI_AIDS'],
    ]);
    const again = await call(s, 'dhis2.export', { from: '2017', to: '2017', format: 'json' });
    const set2 = JSON.parse(readFileSync(again.file.path, 'utf8')) as { dataValues: Record<string, string>[] };
    expect(set2.dataValues.find((v) => v.dataElement === 'MIG_SURVEY_NAME')).not.toHaveProperty('categoryOptionCombo');
    // Data sets by UID and by code: a dataValueSet names no data set, so it goes; ADX names them, so it does not.
    await fillMapping(s, [['dataSets', 'testing', 'MgTstDS0001']]);
    expect((await call(s, 'dhis2.export', { from: '2017', to: '2017', format: 'json' })).idSchemes.dataSet).toBeNull();
    expect(await refusedWith(s, 'dhis2.export', { from: '2017', to: '2017', format: 'adx' })).toMatchObject({
      messageKey: 'errors.dhis2_mixed_ids_dataSet',
    });
    await fillMapping(s, [['dataSets', 'testing', 'MIG_TESTING']]);

    // Codes that look like UIDs: the administrator says so in the sheet's scheme cell (D2), and
    // DHIS2 is told to read them as codes; a sheet said to hold UIDs may hold nothing else.
    const schemeCells = async (said: Record<string, string>) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile((await call(s, 'dhis2.mappingWorkbook', { language: 'en' })).path);
      for (const [sheet, value] of Object.entries(said)) wb.getWorksheet(sheet)!.getCell('D2').value = value;
      const file = join(tempDir(), 'schemes.xlsx');
      await wb.xlsx.writeFile(file);
      return call(s, 'dhis2.loadMapping', bytesUpload(readFileSync(file), 'schemes.xlsx'));
    };
    await fillMapping(s, [['dataElements', 'positive_voluntary', 'MIGPOSVOL01']]); // a code shaped like a UID
    expect(await refusedWith(s, 'dhis2.export', { from: '2017', to: '2017', format: 'json' })).toMatchObject({ code: 'dhis2_mixed_ids' });
    expect((await schemeCells({ dataElements: 'code', orgUnits: 'UID', dataSets: 'maybe' })).refused).toEqual([
      { sheet: 'dataSets', row: 2, messageKey: 'dhis2.badScheme' },
    ]);
    expect(await refusedWith(s, 'dhis2.export', { from: '2017', to: '2017', format: 'json' })).toMatchObject({
      code: 'dhis2_mixed_ids',
      messageKey: 'errors.dhis2_declared_uid_orgUnit',
      params: { code: 'KG_CHUI_AIDS' },
    });
    expect((await schemeCells({ orgUnits: '' })).refused).toEqual([]);
    const declared = await call(s, 'dhis2.export', { from: '2017', to: '2017', format: 'adx' });
    expect(declared.idSchemes).toMatchObject({ dataElement: 'CODE', orgUnit: 'CODE' });
    const declaredWb = new ExcelJS.Workbook();
    await declaredWb.xlsx.readFile((await call(s, 'dhis2.mappingWorkbook', { language: 'ru' })).path);
    expect(declaredWb.getWorksheet('dataElements')!.getCell('D2').value).toBe('CODE'); // kept, and shown again
    await schemeCells({ dataElements: '' });
    await fillMapping(s, [['dataElements', 'positive_voluntary', 'MIG_POSITIVE_VOL']]);

    // One data element by UID among codes: refused for both formats, the log and the exports folder unchanged.
    await fillMapping(s, [['dataElements', 'positive_voluntary', 'MgPosVol001']]);
    const exported = () => readdirSync(join(s.dataDir, 'exports')).sort();
    const before = { files: exported(), log: (await call(s, 'audit.search', { limit: 5 })).entries[0]!.id };
    for (const format of ['json', 'adx'] as const)
      expect(await refusedWith(s, 'dhis2.export', { from: '2017', to: '2017', format })).toMatchObject({
        code: 'dhis2_mixed_ids',
        messageKey: 'errors.dhis2_mixed_ids_dataElement',
        params: { uid: 'MgPosVol001', code: 'MIG_SURVEY_NAME' },
      });
    expect(exported()).toEqual(before.files);
    expect((await call(s, 'audit.search', { limit: 5 })).entries[0]!.id).toBe(before.log);
  });

  it('loads a DHIS2 dataValueSet back into a centre’s forms through its mapping, refusing other units’ and unmapped values by row', async () => {
    const { s, unit } = await chuiCentre();
    await fillMapping(s, [
      ['dataElements', 'tested_voluntary', 'MgTstVol001'],
      ['categoryOptionCombos', TOTAL, 'TotalCoc001'],
      ['categoryOptionCombos', MALE_15_19, 'M1519IrrImm'],
      ['orgUnits', String(unit), 'KG_CHUI_AIDS'],
      ['dataSets', 'testing', 'MgTstDS0001'],
    ]);

    const set = {
      dataValues: [
        { dataElement: 'MgTstVol001', period: '2017', orgUnit: 'KG_CHUI_AIDS', categoryOptionCombo: 'TotalCoc001', value: '1250' },
        {
          dataElement: 'MgTstVol001',
          period: '2017',
          orgUnit: 'KG_CHUI_AIDS',
          categoryOptionCombo: 'M1519IrrImm',
          value: '40',
          comment: 'из DHIS2',
        },
        { dataElement: 'MgTstVol001', period: '2017', orgUnit: 'OTHER_UNIT', categoryOptionCombo: 'TotalCoc001', value: '7' },
        { dataElement: 'UnknownDE01', period: '2017', orgUnit: 'KG_CHUI_AIDS', categoryOptionCombo: 'TotalCoc001', value: '8' },
        { dataElement: 'MgTstVol001', period: '2017', orgUnit: 'KG_CHUI_AIDS', categoryOptionCombo: 'TotalCoc001', value: 'many' },
      ],
    };
    const report = await call(s, 'formImports.preview', bytesUpload(Buffer.from(JSON.stringify(set)), 'from-dhis2.json'));
    expect(report.source).toEqual({ format: 'dhis2' });
    expect(report.rowsRead).toBe(5);
    expect(report.rejected.map((r) => [r.row, r.messageKey])).toEqual([
      [4, 'dhis2.notMapped'],
      [5, 'dhis2.notMapped'],
      [6, 'validation.number_format'],
    ]);
    await call(s, 'formImports.confirm', { importId: report.importId });
    const form = await call(s, 'forms.get', { form: 'testing', orgUnitId: unit, period: '2017' });
    expect(form.values.map((v) => [v.de, v.coc, v.value, v.comment]).sort()).toEqual([
      ['tested_voluntary', MALE_15_19, 40, 'из DHIS2'],
      ['tested_voluntary', TOTAL, 1250, null],
    ]);
    // Not a dataValueSet at all: refused in words, nothing written.
    expect((await refusedWith(s, 'formImports.preview', bytesUpload(Buffer.from('{"dataValues": 5}'), 'x.json'))).messageKey).toBe(
      'errors.dhis2_not_data_value_set',
    );
    // One value of a shape DHIS2 never writes, after good ones: the whole file, checked value by value, is refused.
    const odd = { dataValues: [...set.dataValues, { dataElement: 5, value: '1' }] };
    expect((await refusedWith(s, 'formImports.preview', bytesUpload(Buffer.from(JSON.stringify(odd)), 'odd.json'))).messageKey).toBe(
      'errors.dhis2_not_data_value_set',
    );
  });

  it('loads a dataValueSet into every unit it names that the account may enter; received cells, approved periods and units outside an account refused by row', async () => {
    const { chui, national } = await chuiAndNational(() => session(tempDir()), tempDir);
    const unitOf = (s: DeskSession, name: string) =>
      (s.database.prepare('SELECT id FROM org_unit WHERE name = ?').get(name) as { id: number }).id;
    const cell = (de: string, value: string) => ({ de, coc: TOTAL, value });
    // The region sends its 2016 and (approved) 2017 values: at the national centre they are the region's.
    const chuiHome = unitOf(chui, 'Чуйская область: центр СПИД');
    await call(chui, 'forms.save', { form: 'testing', orgUnitId: chuiHome, period: '2016', cells: [cell('tested_voluntary', '900')] });
    await call(chui, 'forms.save', { form: 'testing', orgUnitId: chuiHome, period: '2017', cells: [cell('tested_voluntary', '1250')] });
    await call(chui, 'forms.approve', { form: 'testing', orgUnitId: chuiHome, period: '2017', approved: true });
    const sent = await call(chui, 'exchange.makePackage', { partnerId: await partnerId(chui, 'г. Бишкек: центр СПИД'), full: true });
    const p = await call(national, 'exchange.previewPackage', upload(sent.file.path));
    await call(national, 'exchange.confirmPackage', { packageId: p.packageId });

    const own = national.orgUnitId;
    const chuiThere = unitOf(national, 'Чуйская область: центр СПИД');
    const chuiRegion = unitOf(national, 'Чуйская область');
    await fillMapping(national, [
      ['dataElements', 'tested_voluntary', 'MgTstVol001'],
      ['dataElements', 'positive_voluntary', 'MgPosVol001'],
      ['categoryOptionCombos', TOTAL, 'TotalCoc001'],
      ['orgUnits', String(own), 'KG_BISHKEK'],
      ['orgUnits', String(chuiThere), 'KG_CHUI_AIDS'],
      ['orgUnits', String(chuiRegion), 'KG_CHUI'],
    ]);
    const value = (orgUnit: string, period: string, dataElement: string, v: string) => ({
      dataElement,
      period,
      orgUnit,
      categoryOptionCombo: 'TotalCoc001',
      value: v,
    });
    /** A dataValueSet file of these values, as DHIS2 exports one. */
    const valueSet = (fileName: string, ...dataValues: object[]) => bytesUpload(Buffer.from(JSON.stringify({ dataValues })), fileName);
    const file = valueSet(
      'from-dhis2.json',
      value('KG_BISHKEK', '2017', 'MgTstVol001', '500'),
      value('KG_CHUI_AIDS', '2016', 'MgTstVol001', '901'), // the region's cell
      value('KG_CHUI_AIDS', '2016', 'MgPosVol001', '7'), // a cell of its unit the region left empty
      value('KG_CHUI', '2017', 'MgTstVol001', '300'),
      value('KG_CHUI_AIDS', '2017', 'MgPosVol001', '12'), // the region approved 2017
      value('KG_CHUI_AIDS', '2016', 'MgTstVol001', '902'), // a repeat of a refused row: refused alike, not "a repeat"
      { ...value('KG_BISHKEK', '2016', 'MgTstVol001', '5'), deleted: true }, // deleted in DHIS2
    );
    const report = await call(national, 'formImports.preview', file);
    expect(report.rejected.map((r) => [r.row, r.messageKey, r.params])).toEqual([
      [3, 'imports.forms.received', { centre: 'Чуйская область: центр СПИД' }],
      [6, 'imports.forms.receivedApproval', { period: '2017', centre: 'Чуйская область: центр СПИД' }],
      [7, 'imports.forms.received', { centre: 'Чуйская область: центр СПИД' }],
      [8, 'dhis2.deletedValue', undefined],
    ]);
    expect(report.repeats).toEqual([]);
    expect(report.periods.map((x) => [x.orgUnit, x.period, x.values]).sort()).toEqual([
      ['Чуйская область', '2017', 1],
      ['Чуйская область: центр СПИД', '2016', 1],
      ['г. Бишкек: центр СПИД', '2017', 1],
    ]);
    expect(await call(national, 'formImports.confirm', { importId: report.importId })).toEqual({ values: 3 });
    const values = async (orgUnitId: number, period: string) =>
      (await call(national, 'forms.get', { form: 'testing', orgUnitId, period })).values.map((v) => [v.de, v.value]).sort();
    expect(await values(own, '2017')).toEqual([['tested_voluntary', 500]]);
    expect(await values(chuiRegion, '2017')).toEqual([['tested_voluntary', 300]]);
    expect(await values(chuiThere, '2016')).toEqual([
      ['positive_voluntary', 7],
      ['tested_voluntary', 900],
    ]);
    expect(await values(chuiThere, '2017')).toEqual([['tested_voluntary', 1250]]);
    const audit = await call(national, 'audit.recent', { limit: 1 });
    expect(audit[0]).toMatchObject({ entity: 'aggregate_forms', newValue: { values: 3, rejected: 4 } });
    expect(new Set((audit[0]!.newValue as { orgUnitIds: number[] }).orgUnitIds)).toEqual(new Set([own, chuiRegion, chuiThere]));
    // The change log says where the values went, in words.
    const inWords = flat((await words('ru'))(audit[0]!));
    expect(inWords).toContain('Загружено в');
    for (const id of [own, chuiRegion, chuiThere]) expect(inWords).toContain(`Unit ${id}`);
    expect(inWords).not.toMatch(CODE_IN_WORDS);

    // The set may give the period and unit its values leave out (DHIS2 does); its attribute combo counts for each value.
    const setLevel = (extra: object) =>
      bytesUpload(
        Buffer.from(
          JSON.stringify({
            period: '2018',
            orgUnit: 'KG_BISHKEK',
            ...extra,
            dataValues: [{ dataElement: 'MgTstVol001', categoryOptionCombo: 'TotalCoc001', value: '40' }],
          }),
        ),
        'set.json',
      );
    const funded = await call(national, 'formImports.preview', setLevel({ attributeOptionCombo: 'FundingXYZ1' }));
    expect(funded.rejected.map((r) => [r.row, r.messageKey])).toEqual([[2, 'dhis2.attributeCombo']]);
    const byTheSet = await call(national, 'formImports.preview', setLevel({}));
    expect(byTheSet.periods.map((x) => [x.orgUnitId, x.period, x.values])).toEqual([[own, '2018', 1]]);
    expect(await call(national, 'formImports.confirm', { importId: byTheSet.importId })).toEqual({ values: 1 });

    // A package that brings the region's value into a cell between the preview and the confirmation: nothing written, and said why.
    const both = valueSet(
      'both.json',
      value('KG_BISHKEK', '2015', 'MgTstVol001', '10'),
      value('KG_CHUI_AIDS', '2015', 'MgTstVol001', '77'),
    );
    const before = await call(national, 'formImports.preview', both);
    expect(before.rejected).toEqual([]);
    await call(chui, 'forms.save', { form: 'testing', orgUnitId: chuiHome, period: '2015', cells: [cell('tested_voluntary', '60')] });
    const next = await call(chui, 'exchange.makePackage', { partnerId: await partnerId(chui, 'г. Бишкек: центр СПИД'), full: false });
    const p2 = await call(national, 'exchange.previewPackage', upload(next.file.path));
    await call(national, 'exchange.confirmPackage', { packageId: p2.packageId });
    const head = auditHead(national);
    const late = await refusedWith(national, 'formImports.confirm', { importId: before.importId });
    expect([late.code, late.messageKey, late.params]).toEqual([
      'received_read_only',
      'errors.received_value_read_only',
      { centre: 'Чуйская область: центр СПИД' },
    ]);
    expect(auditHead(national)).toBe(head);
    expect(await values(own, '2015')).toEqual([]);

    // A period approved between the preview and the confirmation: nothing written, the unit named.
    const twoUnits = await call(
      national,
      'formImports.preview',
      valueSet('two.json', value('KG_CHUI', '2013', 'MgTstVol001', '4'), value('KG_BISHKEK', '2013', 'MgTstVol001', '2')),
    );
    await call(national, 'forms.approve', { form: 'testing', orgUnitId: own, period: '2013', approved: true });
    const approvedMeanwhile = await refusedWith(national, 'formImports.confirm', { importId: twoUnits.importId });
    expect([approvedMeanwhile.code, approvedMeanwhile.messageKey, approvedMeanwhile.params?.unit]).toEqual([
      'period_locked',
      'errors.period_locked_in',
      'г. Бишкек: центр СПИД',
    ]);
    expect(await values(chuiRegion, '2013')).toEqual([]);

    // An administrator who narrows their own account between the preview and the confirmation: nothing outside it is written.
    const wide = await call(
      national,
      'formImports.preview',
      valueSet('wide.json', value('KG_BISHKEK', '2014', 'MgTstVol001', '1'), value('KG_CHUI', '2014', 'MgTstVol001', '3')),
    );
    expect(wide.periods).toHaveLength(2);
    const me = (await call(national, 'accounts.list', {})).find((a) => a.login === national.actor)!;
    await call(national, 'accounts.update', { id: me.id, orgUnitId: own });
    expect((await refusedWith(national, 'formImports.confirm', { importId: wide.importId })).code).toBe('import_expired');
    expect(auditHead(national)).toBe(head + 2); // the approval and the account's change only
    await call(national, 'accounts.update', { id: me.id, orgUnitId: null });

    // An account limited to the national centre's own unit: the region's rows are not its to load.
    await call(national, 'accounts.create', { login: 'Оператор', password: 'ДолгийПарольСотрудника', roles: ['entry'], orgUnitId: own });
    await call(national, 'auth.signOut', {});
    await call(national, 'auth.signIn', { login: 'Оператор', password: 'ДолгийПарольСотрудника' });
    const limited = await call(national, 'formImports.preview', file);
    expect(limited.rejected.map((r) => [r.row, r.messageKey])).toEqual([
      [3, 'dhis2.otherOrgUnit'],
      [4, 'dhis2.otherOrgUnit'],
      [5, 'dhis2.otherOrgUnit'],
      [6, 'dhis2.otherOrgUnit'],
      [7, 'dhis2.otherOrgUnit'],
      [8, 'dhis2.deletedValue'],
    ]);
    expect(limited.periods.map((x) => [x.orgUnitId, x.period])).toEqual([[own, '2017']]);
  }, 240_000);

  it('fills the mapping from a DHIS2 metadata package by code and name, says what stays unmapped, and keeps what was mapped', async () => {
    const { s, unit } = await chuiCentre();
    await call(s, 'forms.save', {
      form: 'testing',
      orgUnitId: unit,
      period: '2017',
      cells: [{ de: 'tested_voluntary', coc: TOTAL, value: '1250' }],
    });
    const metadata = {
      system: { version: '2.40' },
      dataSets: [{ id: 'MgTstDS0001', code: 'TESTING', name: 'Тестирование' }],
      dataElements: [
        { id: 'MgTstVol001', code: 'tested_voluntary', name: 'Tested, voluntary' },
        { id: 'not-a-uid', code: 'positive_voluntary', name: 'Refused: not a UID' },
      ],
      categoryOptionCombos: [
        { id: 'HllvX50cXC0', name: 'default' },
        { id: 'TotalCoc001', code: 'total', name: 'Total' },
      ],
      organisationUnits: [{ id: 'KgChuiAids1', code: 'KG_CHUI', name: 'Чуйский центр СПИД' }],
    };
    const r = await call(s, 'dhis2.loadMetadata', bytesUpload(Buffer.from(JSON.stringify(metadata)), 'metadata.json'));
    expect(r.mapped).toEqual({ dataSet: 1, dataElement: 1, categoryOptionCombo: 2, orgUnit: 1 });
    expect(r.unmapped.dataElement).toBe(68); // 33 form elements, 6 cascade counts and each by 5 breakdowns, one matched
    expect(r.unmapped.orgUnit).toBe(2); // the country and the region
    const out = await call(s, 'dhis2.export', { from: '2017', to: '2017', format: 'json' });
    const set = JSON.parse(readFileSync(out.file.path, 'utf8')) as { dataValues: Record<string, string>[] };
    expect(set.dataValues).toEqual([
      { dataElement: 'MgTstVol001', period: '2017', orgUnit: 'KgChuiAids1', categoryOptionCombo: 'TotalCoc001', value: '1250' },
    ]);
    expect(validateJson(set)).toBe(true);
    expect((await refusedWith(s, 'dhis2.loadMetadata', bytesUpload(Buffer.from('[1,2]'), 'm.json'))).messageKey).toBe(
      'errors.dhis2_not_metadata',
    );
  });

  it('refuses what a careless workbook or export request holds, keeps the mapping it does not replace, and never writes XML DHIS2 cannot read', async () => {
    const { s, unit } = await chuiCentre();
    const mappingRows = () => (s.database.prepare('SELECT count(*) AS n FROM dhis2_mapping').get() as { n: number }).n;
    const loaded = await fillMapping(s, [
      ['dataSets', 'testing', 'MgTstDS0001'],
      ['orgUnits', String(unit), 'KG_CHUI_AIDS'],
      ['categoryOptionCombos', TOTAL, 'TotalCoc001'],
      ['dataElements', 'tested_voluntary', 'MgTstVol001'],
      ['dataElements', 'tested_antenatal', 'MgTstVol001'], // the same DHIS2 element twice
      ['dataElements', 'positive_voluntary', { formula: 'CONCATENATE("a","b")', result: undefined }], // never calculated
      ['dataElements', 'positive_mandatory', true],
      ['dataElements', 'tested_outreach', 'Mg\u200bTstOut01'], // a zero-width space inside
    ]);
    expect(loaded.refused.map((r) => r.messageKey).sort()).toEqual(['dhis2.badId', 'dhis2.badId', 'dhis2.badId', 'dhis2.repeatedRemote']);
    expect(loaded.refusedTotal).toBe(4);
    expect(mappingRows()).toBe(4);
    // A file that is no mapping workbook leaves the mapping as it was.
    const stray = join(tempDir(), 'stray.xlsx');
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Лист1').addRow(['a', 'b', 'c']);
    await other.xlsx.writeFile(stray);
    expect((await refusedWith(s, 'dhis2.loadMapping', bytesUpload(readFileSync(stray), 'stray.xlsx'))).messageKey).toBe(
      'errors.dhis2_not_mapping_workbook',
    );
    expect(mappingRows()).toBe(4);

    // A text no XML may hold is refused at entry; a comment goes into ADX as into JSON.
    expect(
      (
        await refusedWith(s, 'forms.save', {
          form: 'survey',
          orgUnitId: unit,
          period: '2017',
          cells: [{ de: 'survey_name', coc: '', value: 'a\ufffeb' }],
        })
      ).issues?.[0]?.messageKey,
    ).toBe('validation.control_characters');
    await call(s, 'forms.save', {
      form: 'testing',
      orgUnitId: unit,
      period: '2017',
      cells: [{ de: 'tested_voluntary', coc: TOTAL, value: '12', comment: 'по журналу & "акту"' }],
    });
    const adx = await call(s, 'dhis2.export', { from: '2017', to: '2017', format: 'adx' });
    expect(adxProblems(adx.file.path)).toBe('');
    expect(readFileSync(adx.file.path, 'utf8')).toContain('comment="по журналу &amp; &quot;акту&quot;"');
    // Periods that are none, or end before they start: said so.
    expect((await refusedWith(s, 'dhis2.export', { from: '2018', to: '2017', format: 'json' })).issues).toEqual([
      { path: 'to', messageKey: 'validation.period_order' },
    ]);
    expect((await refusedWith(s, 'dhis2.export', { from: '201713', to: '2017', format: 'json' })).issues).toEqual([
      { path: 'from', messageKey: 'validation.period' },
    ]);
  });

  it('sends the cascade’s counts of each period beside the forms, totals and breakdowns, small counts left out and counted', async () => {
    const s = await centreWithNine(session(tempDir()), (i) => (i < 3 ? { kind: 'art_start', date: '2017-03-01' } : null));
    const unit = s.orgUnitId;
    await fillMapping(s, [
      ['dataSets', 'indicators', 'MigCascade1'],
      ['orgUnits', String(unit), 'KG_CHUI_AIDS'],
      ...INDICATOR_MEASURES.map((m, i): [string, string, string] => ['dataElements', indicatorElement(m), `MigIndicat${i}`]),
      // The count of people diagnosed by sex and by age band, each a data element of its own, its cells one category's options.
      ['dataElements', indicatorElement('diagnosed', 'sex'), 'MigDiagSex1'],
      ['dataElements', indicatorElement('onArt', 'sex'), 'MigArtSex01'],
      ['dataElements', indicatorElement('diagnosed', 'age_who'), 'MigDiagAge1'],
      ['categoryOptionCombos', cocKey({ sex: 'male' }), 'SexMale0001'],
      ['categoryOptionCombos', cocKey({ sex: 'female' }), 'SexFemale01'],
      ...['25-29', '30-34', '35-39'].map((band, i): [string, string, string] => [
        'categoryOptionCombos',
        cocKey({ age_band: band }),
        `AgeBand000${i}`,
      ]),
    ]);
    const out = await call(s, 'dhis2.export', { from: '2016', to: '2017', orgUnitId: unit, format: 'json', indicators: true });
    const set = JSON.parse(readFileSync(out.file.path, 'utf8')) as { dataValues: Record<string, string>[] };
    expect(validateJson(set), JSON.stringify(validateJson.errors)).toBe(true);
    const cascade = (await call(s, 'indicators.cascade', { period: '2017', dimension: 'none' })).total.tally;
    const of2017 = set.dataValues.filter((v) => v.period === '2017');
    const totals = Object.fromEntries(
      of2017.filter((v) => v.categoryOptionCombo === DHIS2_DEFAULT_COC).map((v) => [v.dataElement, Number(v.value)]),
    );
    expect(totals.MigIndicat0).toBe(cascade.diagnosed); // 9 people diagnosed in 2017
    expect(cascade.onArt).toBe(3);
    expect(totals.MigIndicat2).toBeUndefined(); // 3 on ART: a small count, left out
    // All nine are men: the breakdown by sex goes whole (men 9, women 0; "unknown" is not mapped)...
    expect(of2017.filter((v) => v.dataElement === 'MigDiagSex1').map((v) => [v.categoryOptionCombo, v.value])).toEqual([
      ['SexMale0001', '9'],
      ['SexFemale01', '0'],
    ]);
    // ...but not that of the three on ART, nor the age bands (1, 5 and 3 people): each left out whole, not one cell of it.
    expect(of2017.filter((v) => ['MigArtSex01', 'MigDiagAge1'].includes(v.dataElement ?? ''))).toEqual([]);
    const breakdowns = await call(s, 'indicators.cascade', { period: '2017', dimension: 'age_who' });
    expect(breakdowns.groups.map((g) => g.tally.diagnosed).filter((n) => n > 0)).toEqual([1, 5, 3]);
    expect(out.hidden).toBeGreaterThanOrEqual(3 + 1); // the age breakdown's three cells, the total on ART
    expect(set.dataValues.every((v) => v.orgUnit === 'KG_CHUI_AIDS')).toBe(true);
    // No count from 1 to the threshold leaves.
    expect(set.dataValues.map((v) => Number(v.value)).filter((n) => n >= 1 && n <= 4)).toEqual([]);
    const adx = await call(s, 'dhis2.export', { from: '2016', to: '2017', orgUnitId: unit, format: 'adx', indicators: true });
    expect(adxProblems(adx.file.path)).toBe('');
    expect(readFileSync(adx.file.path, 'utf8')).toContain(
      '<dataValue dataElement="MigDiagSex1" categoryOptionCombo="SexMale0001" value="9"',
    );
  });
});
