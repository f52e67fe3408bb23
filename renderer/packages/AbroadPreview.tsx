// A citizens-abroad package before it is loaded: from which country, about which years, each
// year's newly diagnosed (or hidden by the sender) and whether it is new here or replaces a report.
import { useTranslation } from 'react-i18next';
import type { AbroadPreview as Preview } from '../../shared/exchange/abroad';
import { TableBox } from '../app/TableBox';
import { useUnitName } from '../app/countries';

export function AbroadPreview({ abroad, alreadyLoaded }: { abroad: Preview; alreadyLoaded: boolean }) {
  const { t } = useTranslation();
  const unitName = useUnitName();
  const country = (code: string) => unitName({ level: 'country', countryCode: code, name: code });
  return (
    <>
      <p data-testid="package-abroad">
        {t('packages.abroadAbout', { country: country(abroad.fromCountry), citizens: country(abroad.citizenship) })}
      </p>
      {alreadyLoaded ? null : (
        <TableBox label={t('packages.abroadYears')}>
          <table className="cases" data-testid="package-abroad-years">
            <caption>{t('packages.abroadYears')}</caption>
            <thead>
              <tr>
                <th>{t('forms.year')}</th>
                <th>{t('abroad.total')}</th>
                <th>{t('packages.abroadHere')}</th>
              </tr>
            </thead>
            <tbody>
              {abroad.years.map((y) => (
                <tr key={y.year} data-year={y.year}>
                  <th scope="row">{y.year}</th>
                  <td>{y.total === null ? t('packages.abroadHidden', { max: y.maxCount }) : y.total}</td>
                  <td>{t(`packages.abroadBefore.${y.before}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </>
  );
}
