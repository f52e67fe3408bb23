import { forwardRef, useEffect, useMemo, useState, type SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Country } from '../../shared/contract';
import { call } from '../api/client';

/** The six countries of the report first, then all others by name in the user's language. */
const REPORT_COUNTRIES = ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB', 'RUS'];

// A native select: type-ahead by the first letters works from the keyboard in every browser.
export const CountrySelect = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(function CountrySelect(props, ref) {
  const { t, i18n } = useTranslation();
  const [countries, setCountries] = useState<Country[]>([]);
  useEffect(() => {
    void call('reference.countries', {}).then((r) => r.ok && setCountries(r.value));
  }, []);
  const name = (c: Country) => (i18n.language === 'en' ? c.nameEn : c.nameRu);
  const [main, rest] = useMemo(() => {
    const sorted = [...countries].sort((a, b) => name(a).localeCompare(name(b), i18n.language));
    return [REPORT_COUNTRIES.map((code) => sorted.find((c) => c.code === code)).filter((c): c is Country => !!c), sorted.filter((c) => !REPORT_COUNTRIES.includes(c.code))];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [countries, i18n.language]);
  return (
    <select ref={ref} {...props}>
      <option value="">{t('setup.countryPlaceholder')}</option>
      <optgroup label="—">
        {main.map((c) => (
          <option key={c.code} value={c.code}>{name(c)}</option>
        ))}
      </optgroup>
      <optgroup label="—">
        {rest.map((c) => (
          <option key={c.code} value={c.code}>{name(c)}</option>
        ))}
      </optgroup>
    </select>
  );
});
