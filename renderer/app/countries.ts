import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Country, OrgUnit } from '../../shared/contract';
import { call } from '../api/client';

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
  const [names, setNames] = useState<Record<string, { ru: string; en: string }>>({});
  useEffect(() => {
    void loadCountries().then((list) => setNames(Object.fromEntries(list.map((c) => [c.code, { ru: c.nameRu, en: c.nameEn }]))));
  }, []);
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  return useCallback((u) => (u.level === 'country' ? (names[u.countryCode]?.[lang] ?? u.name) : u.name), [names, lang]);
}
