// Fact-sheet channels: the sheet for a country and year, saving section 1's values and the
// sections' text (each audited), and the sheet as a workbook in exports/.
import { saveContextValues, saveSheetText } from '../../../db/fact-sheet.js';
import { recordExport } from '../../../db/audit.js';
import { listCountries } from '../../../db/reference.js';
import type { Handlers } from '../handlers.js';
import { saveExport } from '../exports/files.js';
import { countHidden } from '../exports/sheet-format.js';
import { translator } from '../exports/translate.js';
import { factSheet } from './sheet.js';
import { factSheetWorkbook } from './workbook.js';
import { fail } from '../../../shared/result.js';
import { countryName } from '../../../shared/i18n/country-names.js';

export const factSheetHandlers: Pick<Handlers, 'factsheet.get' | 'factsheet.saveContext' | 'factsheet.saveText' | 'factsheet.workbook'> = {
  // A country's sheet counts the whole country: for accounts not limited to a unit.
  'factsheet.get': (s, { language, ...k }) => {
    s.requireWholeScope();
    return factSheet(s.database, k, language ?? s.language);
  },
  'factsheet.saveContext': (s, { values, language, ...k }) => {
    s.requireWholeScope();
    saveContextValues(s.database, s.actor, k, values, language ?? s.language);
    return factSheet(s.database, k, language ?? s.language);
  },
  'factsheet.saveText': (s, { section, body, language, ...k }) => {
    s.requireWholeScope();
    saveSheetText(s.database, s.actor, k, section, body, language ?? s.language);
    return factSheet(s.database, k, language ?? s.language);
  },
  'factsheet.workbook': async (s, { language, ...k }) => {
    s.requireWholeScope();
    const db = s.database;
    const countries = listCountries(db);
    const country = countries.find((c) => c.code === k.country) ?? fail('not_found');
    const name = (c: { code: string }) => countryName(c.code, language);
    const wb = factSheetWorkbook({
      sheet: factSheet(db, k, language),
      t: translator(language),
      language,
      countryName: name(country),
      demo: s.status().database!.kind === 'demo',
      generatedAt: new Date(),
      countryNames: Object.fromEntries(countries.map((c) => [c.code, name(c)])),
    });
    const saved = await saveExport(s, `fact-sheet-${k.country}-${k.year}-${language}`, async (part, fileName) => {
      await wb.xlsx.writeFile(part);
      recordExport(db, s.actor, 'fact_sheet', fileName, { country: k.country, year: k.year, language });
    });
    return { ...saved, suppressed: true, hiddenCells: countHidden(wb) };
  },
};
