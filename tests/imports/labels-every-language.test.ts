// An import reads headers and values in any of the app's languages: every header, option, data
// element and cell label of every language leads back to its own code (a word one language uses for
// one thing and another language for another would load into the wrong field silently).
import { describe, expect, it } from 'vitest';
import { DATA_ELEMENTS, TOTAL, comboCells } from '../../shared/forms/definitions.js';
import { cellLabel, cellLookup, deLabel, elementLookup, plainTranslate } from '../../shared/forms/labels.js';
import { LANGUAGES, texts } from '../../shared/i18n/languages.js';
import { lookups } from '../../shared/imports/case-rows.js';
import { CASE_COLUMNS, EVENT_COLUMNS, columnLabel, mapHeaders, normalise } from '../../shared/imports/columns.js';
import { FORM_COLUMNS, formColumnLabel } from '../../shared/imports/form-rows.js';

describe('import labels in every language', () => {
  it('every header of the register, events and form sheets, in every language, names its own column', () => {
    const wrong: string[] = [];
    for (const lang of LANGUAGES) {
      for (const [keys, label] of [
        [CASE_COLUMNS, columnLabel],
        [EVENT_COLUMNS, columnLabel],
        [FORM_COLUMNS, formColumnLabel],
      ] as const) {
        const headers = keys.map((k) => (label as (k: string, l: typeof lang) => string)(k, lang));
        const { columns } = mapHeaders(headers, keys as readonly string[], [], label as (k: string, l: typeof lang) => string);
        keys.forEach((k, i) => {
          if (columns.get(i) !== k) wrong.push(`${lang} «${headers[i]}» → ${columns.get(i) ?? 'nothing'} instead of ${k}`);
        });
      }
    }
    expect(wrong).toEqual([]);
  });

  it('every option, data element and cell label, in every language, gives back its own code', () => {
    const wrong: string[] = [];
    const { options } = lookups([], '');
    for (const lang of LANGUAGES) {
      const own = texts(lang);
      for (const [category, list] of Object.entries(options)) {
        const labels = (own.categories[category] ?? (own.enums as Record<string, Record<string, string>>)[category])!;
        expect(labels, `${lang} ${category}`).toBeDefined();
        for (const [code, label] of Object.entries(labels))
          if (code !== '_label' && list.get(normalise(label)) !== code)
            wrong.push(`${lang} ${category} «${label}» → ${list.get(normalise(label))} instead of ${code}`);
      }
      const t = plainTranslate(lang);
      const elements = elementLookup();
      for (const de of DATA_ELEMENTS) {
        if (elements.get(normalise(deLabel(t, de.code)))?.code !== de.code) wrong.push(`${lang} element «${deLabel(t, de.code)}»`);
        const cells = cellLookup(de);
        for (const coc of de.combo === 'default' ? [''] : [TOTAL, ...comboCells(de.combo)])
          if (cells.get(normalise(cellLabel(t, lang, coc))) !== coc)
            wrong.push(
              `${lang} ${de.code} cell «${cellLabel(t, lang, coc)}» → ${cells.get(normalise(cellLabel(t, lang, coc)))} instead of ${coc}`,
            );
      }
    }
    expect(wrong).toEqual([]);
  });
});
