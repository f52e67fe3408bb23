// Uzbek in Cyrillic is written from the Latin texts (issue 19: "Uzbek Cyrillic as a second variant
// if cheap"): the alphabets' correspondence on known words, placeholders and Latin names kept, and
// the variant complete wherever the Latin texts are.
import { describe, expect, it } from 'vitest';
import { uzLatinToCyrillic } from '../../shared/i18n/uz-cyrillic.js';
import { LANGUAGE_INFO, SHIPPED, languageOf, texts } from '../../shared/i18n/languages.js';
import { countryName } from '../../shared/i18n/country-names.js';

type Tree = { [k: string]: string | Tree };
const leaves = (t: unknown, at = ''): [string, string][] =>
  typeof t === 'string' ? [[at, t]] : Object.entries((t ?? {}) as Tree).flatMap(([k, v]) => leaves(v, at ? `${at}.${k}` : k));

describe('Uzbek in Cyrillic', () => {
  it('writes words by the correspondence of the two alphabets', () => {
    const pairs: [string, string][] = [
      ['Oʻzbekiston', 'Ўзбекистон'],
      ['O‘zbek', 'Ўзбек'], // the same letter typed with another apostrophe
      ['maʼlumot', 'маълумот'],
      ['yoʻq', 'йўқ'],
      ['shahar', 'шаҳар'],
      ['choy', 'чой'],
      ['gʻalla', 'ғалла'],
      ['eksport', 'экспорт'],
      ['Eksport', 'Экспорт'],
      ['poeziya', 'поэзия'],
      ['yetarli', 'етарли'],
      ['Yangi holat', 'Янги ҳолат'],
      ["Ro‘yxatdan o'tish", 'Рўйхатдан ўтиш'],
      ['OIV', 'ОИВ'],
      ['OIVga', 'ОИВга'],
      ['AQSH', 'АҚШ'],
      ['JSST', 'ЖССТ'],
      ['YaIM', 'ЯИМ'],
      ['YaMDning', 'ЯМДнинг'],
      ['OIV YOʻ bahosi', 'ОИВ ЙЎ баҳоси'], // oʻ ending a word
      // Russian loans: ц and ъ where Uzbek Latin writes ts, s and y.
      ['migratsiya', 'миграция'],
      ['Migratsiya', 'Миграция'],
      ['informatsion', 'информацион'],
      ['infeksiyasi', 'инфекцияси'],
      ['Konvensiyasi', 'Конвенцияси'],
      ['inyeksion', 'инъекцион'],
      ['kompyuter', 'компьютер'],
      ['Gretsiya', 'Греция'],
      ['Shveytsariya', 'Швейцария'],
      ['Bosniya va Gertsegovina', 'Босния ва Герцеговина'],
      ['Kot-d’Ivuar', 'Кот-д’Ивуар'],
      ['nusxa/ml', 'нусха/мл'],
      ['«OIV/OITS»', '«ОИВ/ОИТС»'],
      ['KK.OO.YYYY', 'КК.ОО.ЙЙЙЙ'],
    ];
    for (const [latin, cyrillic] of pairs) expect(uzLatinToCyrillic(latin), latin).toBe(cyrillic);
  });

  it('keeps placeholders, nested keys, codes and names that are Latin in every script', () => {
    expect(uzLatinToCyrillic('{{count}} ta holat, {{file}} fayli')).toBe('{{count}} та ҳолат, {{file}} файли');
    expect(uzLatinToCyrillic('$t(nav.cases) boʻlimi')).toBe('$t(nav.cases) бўлими');
    expect(uzLatinToCyrillic('DHIS2ga yuborish')).toBe('DHIS2га юбориш');
    expect(uzLatinToCyrillic('CD4ni kiriting')).toBe('CD4ни киритинг');
    expect(uzLatinToCyrillic('Excel faylini, Ctrl+Enter')).toBe('Excel файлини, Ctrl+Enter');
    expect(uzLatinToCyrillic('HIV.IND.18, UTF-8, dataValueSet')).toBe('HIV.IND.18, UTF-8, dataValueSet');
    // Paths and file names, and DHIS2's and FHIR's own words.
    expect(uzLatinToCyrillic('«{{folder}}/exports» papkasi')).toBe('«{{folder}}/exports» папкаси');
    expect(uzLatinToCyrillic('docs/i18n/glossary.md faylida')).toBe('docs/i18n/glossary.md файлида');
    expect(uzLatinToCyrillic('(default), Bundle')).toBe('(default), Bundle');
  });

  it('has every text the Latin texts have, each with the same placeholders and no Latin word left but kept names', () => {
    const latin = new Map(leaves(SHIPPED.uz));
    const cyrillic = new Map(leaves(SHIPPED['uz-Cyrl']));
    expect([...cyrillic.keys()].sort()).toEqual([...latin.keys()].sort());
    const placeholders = (s: string) => (s.match(/\{\{[^}]*\}\}/g) ?? []).sort();
    const leftLatin = new Set<string>();
    for (const [key, text] of cyrillic) {
      expect(placeholders(text), key).toEqual(placeholders(latin.get(key)!));
      // Placeholders, nestings, tags, paths and file names are kept as they are.
      const bare = text.replace(/\{\{[^}]*\}\}|\$t\([^)]*\)|<[^>]*>|\S*\/\S*\/\S*|\S*\}\}\/\S*|[\w-]+\.md\b/g, '');
      for (const w of bare.match(/[A-Za-z]{2,}/g) ?? []) leftLatin.add(w);
    }
    // Only names and codes stay Latin (each of them a program, a format, a key or an identifier).
    expect([...leftLatin].filter((w) => /^[a-z]+$/.test(w) && w !== 'default')).toEqual([]); // DHIS2's literal "default" stays
    expect(texts('uz-Cyrl').nav.cases).toBe(uzLatinToCyrillic(texts('uz').nav.cases));
  });

  it('is a language of its own: Cyrillic script, its tag recognised, country names in Cyrillic', () => {
    expect(LANGUAGE_INFO['uz-Cyrl']).toMatchObject({ script: 'Cyrl', draft: true });
    expect(languageOf('uz-Cyrl-UZ')).toBe('uz-Cyrl');
    expect(languageOf('uz-UZ')).toBe('uz');
    expect(languageOf('kk-KZ')).toBe('kk');
    expect(languageOf('de-DE')).toBe('ru');
    expect(countryName('UZB', 'uz-Cyrl')).toBe('Ўзбекистон');
    expect(countryName('KAZ', 'uz-Cyrl')).toMatch(/^[\p{Script=Cyrillic}\s-]+$/u);
  });
});
