import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/contract';

export function LanguageSwitch({ language, onChange }: { language: Language; onChange: (l: Language) => void }) {
  const { t } = useTranslation();
  const other: Language = language === 'ru' ? 'en' : 'ru';
  return (
    <button
      type="button"
      className="language-switch"
      lang={other}
      onClick={() => onChange(other)}
      aria-label={`${t('common.language')}: ${t('common.switchTo')}`}
    >
      {t('common.switchTo')}
    </button>
  );
}
