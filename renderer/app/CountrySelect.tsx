import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Country } from '../../shared/contract';
import { COUNTRY_ALIASES } from '../../shared/country-aliases';
import { loadCountries } from './countries';
import { SearchableSelect, type Option } from './SearchableSelect';
import { languageOf } from '../../shared/i18n/languages';
import { countryName, countryNames } from '../../shared/i18n/country-names';

/** The six countries of the report first, then all others by name in the user's language. */
const REPORT_COUNTRIES = ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB', 'RUS'];

type Props = { id: string; value: string; onChange: (code: string) => void; onBlur?: () => void; invalid?: boolean; placeholder?: string };

export function CountrySelect(props: Props) {
  const { t, i18n } = useTranslation();
  const [countries, setCountries] = useState<Country[]>([]);
  useEffect(() => {
    void loadCountries().then(setCountries);
  }, []);
  const options = useMemo<Option[]>(() => {
    const label = (c: Country) => countryName(c.code, languageOf(i18n.language));
    const sorted = [...countries].sort((a, b) => label(a).localeCompare(label(b), i18n.language));
    const main = REPORT_COUNTRIES.flatMap((code) => sorted.filter((c) => c.code === code));
    const rest = sorted.filter((c) => !REPORT_COUNTRIES.includes(c.code));
    // Found by its name in any of the app's languages and by the names people still use ("Киргизия", "Kirghizia").
    const keywords = (c: Country) => [...countryNames(c.code), ...(COUNTRY_ALIASES[c.code] ?? [])].join(' | ');
    return [
      ...main.map((c) => ({ value: c.code, label: label(c), group: 'report', keywords: keywords(c) })),
      ...rest.map((c) => ({ value: c.code, label: label(c), group: 'all', keywords: keywords(c) })),
    ];
  }, [countries, i18n.language]);
  return <SearchableSelect {...props} options={options} placeholder={props.placeholder ?? t('setup.countryPlaceholder')} />;
}
