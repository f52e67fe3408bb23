// Exchange packages between centres (administrators): this centre's key and its partners, a
// package to send, a package to load. What one part changes, the others read again (DATA_CHANGED).
import { useTranslation } from 'react-i18next';
import { KeysAndPartners } from './KeysAndPartners';
import { LoadPackage } from './LoadPackage';
import { SendPackage } from './SendPackage';
import { SamePerson } from './SamePerson';

export function PackagesSection() {
  const { t } = useTranslation();
  return (
    <section className="packages" data-testid="packages">
      <h3>{t('packages.title')}</h3>
      <p className="muted">{t('packages.help')}</p>
      <KeysAndPartners />
      <SendPackage />
      <LoadPackage />
      <SamePerson />
    </section>
  );
}
