import type { TFunction } from 'i18next';

/** A data element's name: testing ones are built from measure, setting and "by key population". */
export function deLabel(t: TFunction, code: string): string {
  const m = /^(tested|positive)(_kp)?_(.+)$/.exec(code);
  if (!m) return t(`forms.de.${code}`, { defaultValue: code });
  return `${t(`forms.measure.${m[1]}`)} (${t(`forms.settings.${m[3]}`)}${m[2] ? `, ${t('forms.kpShort')}` : ''})`;
}
