// A country by any common name (issue 17, item 5): "Киргизия" and "Kirghizia" are Kyrgyzstan in an
// imported file as in the pickers; every other name points at a country the reference list has,
// and none takes over another country's own name.
import { describe, expect, it } from 'vitest';
import { COUNTRY_ALIASES } from '../../shared/country-aliases.js';
import { lookups } from '../../shared/imports/case-rows.js';
import { normalise } from '../../shared/imports/columns.js';
import { COUNTRIES } from '../../db/seed/countries.js';
import { countryNames } from '../../shared/i18n/country-names.js';

describe('other names of countries', () => {
  const countries = COUNTRIES.map(([code]) => ({ code }));
  const lk = lookups(countries, '.*');
  it('find the country in an import, in any of the app’s languages and old spellings', () => {
    for (const name of ['Киргизия', 'kirghizia', 'Kyrgyzstan', 'Кыргызстан', 'KGZ'])
      expect(lk.countries.get(normalise(name)), name).toBe('KGZ');
    expect(lk.countries.get(normalise('Молдавия'))).toBe('MDA');
    expect(lk.countries.get(normalise('РФ'))).toBe('RUS');
    // The region's languages' names too.
    expect(lk.countries.get(normalise('Қырғызстан'))).toBe('KGZ');
    expect(lk.countries.get(normalise('Oʻzbekiston'))).toBe('UZB');
    // Typed with whatever apostrophe the keyboard has.
    for (const name of ["O'zbekiston", 'O‘zbekiston', 'O’zbekiston', 'Oʼzbekiston'])
      expect(lk.countries.get(normalise(name)), name).toBe('UZB');
    expect(lk.countries.get(normalise("Qozog'iston"))).toBe('KAZ');
    // A name two languages give to different countries is neither: the row is refused, not filed under a guess.
    expect(countryNames('COD').map(normalise)).toContain(normalise('Конго'));
    expect(countryNames('COG').map(normalise)).toContain(normalise('Конго'));
    expect(lk.countries.get(normalise('Конго'))).toBeUndefined();
  });
  it('point only at countries of the reference list, and never over a country’s own name', () => {
    const codes = new Set(countries.map((c) => c.code));
    expect(Object.keys(COUNTRY_ALIASES).filter((c) => !codes.has(c))).toEqual([]);
    const own = new Map(countries.flatMap((c) => countryNames(c.code).map((n) => [normalise(n), c.code] as const)));
    const clashes = Object.entries(COUNTRY_ALIASES).flatMap(([code, names]) =>
      names.filter((n) => own.has(normalise(n)) && own.get(normalise(n)) !== code).map((n) => `${n} → ${code}`),
    );
    expect(clashes).toEqual([]);
  });
});
