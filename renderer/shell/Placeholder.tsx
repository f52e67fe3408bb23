import { useTranslation } from 'react-i18next';
import type { Area } from './Shell';

/** An area that later issues fill; says plainly what will be there. */
export function Placeholder({ area }: { area: Exclude<Area, 'settings' | 'cases' | 'forms' | 'indicators' | 'exchange'> }) {
  const { t } = useTranslation();
  return (
    <section>
      <h2>{t(`nav.${area}`)}</h2>
      <p className="muted">{t('shell.notYet')}</p>
      <p>{t(`shell.plans.${area}`)}</p>
    </section>
  );
}
