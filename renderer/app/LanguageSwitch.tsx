import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/contract';
import { LANGUAGES, LANGUAGE_INFO } from '../../shared/i18n/languages';

/** Every language the app speaks, each by its own name (a clerk finds hers without reading another). */
export function LanguageOptions() {
  return (
    <>
      {LANGUAGES.map((l) => (
        <option key={l} value={l} lang={l}>
          {LANGUAGE_INFO[l].native}
        </option>
      ))}
    </>
  );
}

export function LanguageSwitch({ language, onChange }: { language: Language; onChange: (l: Language) => void }) {
  const { t } = useTranslation();
  return (
    <select
      className="language-switch"
      value={language}
      onChange={(e) => onChange(e.target.value as Language)}
      // The label is said in Russian and English too: whoever opened the wrong language finds the way back.
      aria-label={[...new Set([t('common.language'), t('common.language', { lng: 'ru' }), t('common.language', { lng: 'en' })])].join(
        ' / ',
      )}
      title={t('common.language')}
    >
      <LanguageOptions />
    </select>
  );
}
