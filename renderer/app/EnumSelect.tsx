import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchableSelect } from './SearchableSelect';

/** A searchable select over fixed codes, labelled from the translations under `prefix`. */
export function EnumSelect({
  id,
  codes,
  prefix,
  value,
  onChange,
  onBlur,
  invalid,
}: {
  id: string;
  codes: readonly string[];
  prefix: string;
  value: string;
  onChange: (v: string) => void;
  onBlur?: () => void;
  invalid?: boolean;
}) {
  const { t } = useTranslation();
  const options = useMemo(() => codes.map((c) => ({ value: c, label: t(`${prefix}.${c}`) })), [codes, prefix, t]);
  return <SearchableSelect id={id} value={value} onChange={onChange} onBlur={onBlur} invalid={invalid} options={options} />;
}
