// Export to DHIS2 end to end in chromium, on the demo: without a mapping the screen says why
// nothing can go; the administrator downloads the mapping workbook, fills the DHIS2 column (here
// by a script, as a DHIS2 administrator would by hand), loads it, and the ADX file downloaded
// passes the ADX schema.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { screenshot, watchErrors } from '../helpers/browser.js';
import { download } from '../helpers/downloads.js';
import { openDemo, useE2e } from '../helpers/e2e.js';
import { typeSurvey2017 } from '../helpers/case-entry.js';

const e2e = useE2e();

describe('export to DHIS2 and FHIR, end to end in chromium', () => {
  it('says what is unmapped, takes the filled mapping workbook, and saves an ADX file that passes the schema', async () => {
    const app = await e2e.start();
    const page = await e2e.browser().newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const errors = watchErrors(page);
    await openDemo(page, app.url);
    // Nothing in the demo's forms yet (the cascade's counts left out for now): said so.
    await page.keyboard.press('Alt+5');
    await page.locator('#dhis2-indicators').uncheck();
    await page.locator('#dhis2-from').fill('2016');
    await page.locator('#dhis2-to').fill('2017');
    await page.getByRole('button', { name: 'Сохранить для DHIS2' }).click();
    await expect.poll(() => page.getByTestId('dhis2').getByRole('alert').textContent()).toContain('нет значений');
    // A sentinel survey's sample and positives typed into the 2017 form, as a clerk does.
    await typeSurvey2017(page);
    // Not mapped yet: said why nothing can go.
    await page.keyboard.press('Alt+5');
    await page.locator('#dhis2-from').fill('2016');
    await page.locator('#dhis2-to').fill('2017');
    await page.getByRole('button', { name: 'Сохранить для DHIS2' }).click();
    await expect.poll(() => page.getByTestId('dhis2').getByRole('alert').textContent()).toContain('Нечего выгрузить в DHIS2');

    // The mapping workbook, every row given a DHIS2 code, loaded back.
    await page.getByRole('button', { name: 'Скачать таблицу соответствия' }).click();
    const wbPath = await download(page, e2e.tempDir(), () =>
      page
        .locator('.dhis2-mapping')
        .getByRole('link', { name: /\.xlsx$/ })
        .click(),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(wbPath);
    let n = 0;
    for (const sheet of ['dataSets', 'dataElements', 'categoryOptionCombos', 'orgUnits'])
      wb.getWorksheet(sheet)!.eachRow((row, i) => {
        if (i > 1) row.getCell(3).value = `MIG_${sheet.slice(0, 3).toUpperCase()}_${++n}`;
      });
    const filled = join(e2e.tempDir(), 'dhis2-mapping-filled.xlsx');
    await wb.xlsx.writeFile(filled);
    await page.locator('#dhis2-mapping-file').setInputFiles(filled);
    await expect
      .poll(() => page.getByTestId('dhis2-mapping-loaded').textContent(), { timeout: 60_000 })
      .toMatch(/Соответствие загружено: наборов данных 4/);

    await page.locator('#dhis2-format').selectOption('adx');
    await page.locator('#dhis2-indicators').check();
    await page.getByRole('button', { name: 'Сохранить для DHIS2' }).click();
    await expect.poll(() => page.getByTestId('dhis2-done').textContent(), { timeout: 60_000 }).toMatch(/^Файл сохранён: значений \d+\./);
    // ADX cannot say how its identifiers are to be read: the screen gives the import parameters (all codes here).
    expect(await page.getByTestId('dhis2-import-parameters').textContent()).toContain(
      'dataSetIdScheme=CODE&dataElementIdScheme=CODE&categoryOptionComboIdScheme=CODE&orgUnitIdScheme=CODE',
    );
    await screenshot(page, 'dhis2-export-ru');
    const adx = await download(page, e2e.tempDir(), () => page.getByTestId('dhis2-done').getByRole('link').click());
    expect(adx).toMatch(/dhis2-adx-2016-2017\.xml$/);
    const xml = readFileSync(adx, 'utf8');
    expect(xml).toContain('period="2017-01-01/P1Y"');
    // The survey's two values, and the cascade's counts of each year beside them (small ones hidden).
    expect(xml).toContain('value="100"');
    expect(xml).toContain('value="9"');
    expect([...xml.matchAll(/<group /g)].length).toBeGreaterThanOrEqual(3);
    execFileSync('xmllint', ['--noout', '--schema', join(import.meta.dirname, '..', 'fixtures', 'dhis2', 'adx.xsd'), adx], {
      stdio: 'pipe',
    });

    // Back from DHIS2: a dataValueSet naming two of the demo's units, loaded through the form import into each.
    const codeOf = (sheet: string, match: (local: string, label: string) => boolean) => {
      let code = '';
      wb.getWorksheet(sheet)!.eachRow((row, i) => {
        if (i > 1 && match(String(row.getCell(1).value ?? ''), String(row.getCell(2).value ?? ''))) code = String(row.getCell(3).value);
      });
      return code;
    };
    const value = (unit: string, v: string) => ({
      dataElement: codeOf('dataElements', (local) => local === 'tested_voluntary'),
      period: '2018',
      orgUnit: codeOf('orgUnits', (_, label) => label.endsWith(unit)),
      categoryOptionCombo: codeOf('categoryOptionCombos', (local) => local === 'total'),
      value: v,
    });
    const fromDhis2 = join(e2e.tempDir(), 'from-dhis2.json');
    writeFileSync(
      fromDhis2,
      JSON.stringify({
        dataValues: [
          value('Казахский научный центр дерматологии и инфекционных заболеваний (демо)', '410'),
          value('Республиканский центр «СПИД» (демо)', '275'),
        ],
      }),
    );
    await page.locator('#form-import-file').setInputFiles(fromDhis2);
    await expect.poll(() => page.getByTestId('form-import-report').textContent(), { timeout: 60_000 }).toContain('Строк со значениями: 2');
    expect(await page.locator('[data-testid="form-import-periods"] tbody tr').allTextContents()).toEqual([
      'Тестирование мигрантов на ВИЧКазахский научный центр дерматологии и инфекционных заболеваний (демо)20181',
      'Тестирование мигрантов на ВИЧРеспубликанский центр «СПИД» (демо)20181',
    ]);
    await screenshot(page, 'dhis2-import-two-units-ru');
    await page.getByRole('button', { name: 'Загрузить в базу (значений: 2)' }).click();
    await expect.poll(() => page.getByTestId('form-import-done').textContent()).toBe('Загружено значений: 2.');

    // The WHO SMART measures as FHIR, downloaded and checked against the FHIR R4 schema.
    await page.locator('#fhir-period').fill('2017');
    await page.getByRole('button', { name: 'Сохранить в FHIR' }).click();
    const fhir = await download(page, e2e.tempDir(), () => page.getByTestId('fhir-done').getByRole('link').click());
    const schema = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', 'fixtures', 'fhir', 'fhir-r4-measure-report.schema.json'), 'utf8'),
    ) as object;
    const validate = new Ajv().compile(schema);
    const bundle = JSON.parse(readFileSync(fhir, 'utf8')) as { entry: unknown[] };
    expect(validate(bundle)).toBe(true);
    expect(bundle.entry).toHaveLength(6);
    expect(errors).toEqual([]);
  }, 180_000);
});
