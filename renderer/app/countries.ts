import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Country, OrgUnit } from '../../shared/contract';
import { call } from '../api/client';
import { languageOf } from '../../shared/i18n/languages';
import { countryName } from '../../shared/i18n/country-names';

// The list never changes while the app runs: fetch it once for every picker.
let cached: Promise<Country[]> | null = null;
export function loadCountries(): Promise<Country[]> {
  cached ??= call('reference.countries', {}).then((r) => {
    if (!r.ok) {
      cached = null;
      return [];
    }
    return r.value;
  });
  return cached;
}

/**
 * An organisation's name as the screen shows it: a country (the tree's root) by its name in the
 * screen's language, the others as their centre named them.
 */
export function useUnitName(): (u: Pick<OrgUnit, 'level' | 'countryCode' | 'name'>) => string {
  const { i18n } = useTranslation();
  const lang = languageOf(i18n.language);
  // Names are looked up by code and language: nothing to fetch.
  return useCallback((u) => (u.level === 'country' ? countryName(u.countryCode, lang) : u.name), [lang]);
}
