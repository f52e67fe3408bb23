// The describer with the names it needs (countries and organisations in the screen's language).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../shared/contract';
import { useCall } from '../api/queries';
import { loadCountries, useUnitName } from '../app/countries';
import { useCan } from '../auth/permissions';
import { describeEntry, type Described } from './describe';
import { languageOf } from '../../shared/i18n/languages';
import { countryName } from '../../shared/i18n/country-names';

export function useDescribe(): (e: AuditEntry) => Described {
  const { t, i18n } = useTranslation();
  const lang = languageOf(i18n.language);
  const units = useCall('orgUnits.list', {}).data;
  const unitName = useUnitName();
  // Entries of sign-ins name the account by its id: read as its sign-in name (the log is the administrator's).
  const can = useCan();
  const accounts = useCall('accounts.list', {}, { enabled: can('admin') }).data;
  const [countries, setCountries] = useState<Record<string, string>>({});
  useEffect(() => {
    void loadCountries().then((list) => setCountries(Object.fromEntries(list.map((c) => [c.code, countryName(c.code, lang)]))));
  }, [lang]);
  return useCallback(
    (e: AuditEntry) =>
      describeEntry(e, (k, o) => t(k, o ?? {}), lang, {
        country: (code) => countries[code] ?? code,
        orgUnit: (id) => {
          const u = units?.find((x) => x.id === id);
          return u ? unitName(u) : `№ ${id}`;
        },
        account: (id) => accounts?.find((a) => a.id === id)?.login ?? null,
      }),
    [t, lang, countries, units, accounts, unitName],
  );
}
