// The dashboard's citizens diagnosed abroad: what other countries' national centres reported of
// this country's citizens newly diagnosed there in the year, one column per reporting centre, a
// row per group of each breakdown; counts the sender hid stay hidden, the source under the table.
import { useTranslation } from 'react-i18next';
import { ABROAD_DIMENSIONS, ABROAD_GROUPS, type AbroadDimension } from '../../shared/exchange/abroad';
import { formatDate } from '../../shared/dates';
import { useCall } from '../api/queries';
import { TableBox } from '../app/TableBox';
import { useUnitName } from '../app/countries';
import { uiLocale } from '../app/locale';

/** Each breakdown's heading and its groups' words, as the dashboard's own breakdowns say them. */
const HEADING: Record<AbroadDimension, string> = {
  sex: 'indicators.dimensions.sex',
  age: 'indicators.dimensions.age_unaids',
  keyPopulation: 'indicators.dimensions.key_population',
  migrantType: 'indicators.dimensions.migrant_type',
  art: 'abroad.art.title',
};
const CATEGORY: Partial<Record<AbroadDimension, string>> = {
  sex: 'categories.sex',
  keyPopulation: 'categories.key_population',
  migrantType: 'categories.migrant_type',
  art: 'abroad.art',
};

export function AbroadReports({ year }: { year: number }) {
  const { t } = useTranslation();
  const unitName = useUnitName();
  const reports = useCall('exchange.abroadReports', { fromYear: year, toYear: year });
  const list = reports.data ?? [];
  const country = (code: string) => unitName({ level: 'country', countryCode: code, name: code });
  const label = (d: AbroadDimension, key: string) =>
    CATEGORY[d] ? t(`${CATEGORY[d]}.${key}`) : key === 'unknown' ? t('categories.sex.unknown') : key;
  const hidden = (
    <span className="hidden-count" title={t('indicators.hidden')} aria-label={t('indicators.hidden')}>
      •
    </span>
  );
  const cell = (n: number | null) => (n === null ? hidden : n.toLocaleString(uiLocale()));

  return (
    <>
      <h3>{t('abroad.title', { year })}</h3>
      {!reports.data ? null : list.length === 0 ? (
        <p className="muted" data-testid="abroad-none">
          {t('abroad.none', { year })}
        </p>
      ) : (
        <>
          <TableBox label={t('abroad.title', { year })}>
            <table className="cases disaggregation" data-testid="abroad-reports">
              <thead>
                <tr>
                  <th />
                  {list.map((r) => (
                    <th key={r.partnerId} data-country={r.fromCountry}>
                      {country(r.fromCountry)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr className="totals" data-group="total">
                  <th scope="row">{t('abroad.total')}</th>
                  {list.map((r) => (
                    <td key={r.partnerId}>{cell(r.total)}</td>
                  ))}
                </tr>
                {ABROAD_DIMENSIONS.flatMap((d) => [
                  <tr key={d} className="subhead">
                    <th scope="rowgroup" colSpan={list.length + 1}>
                      {t(HEADING[d])}
                    </th>
                  </tr>,
                  ...(ABROAD_GROUPS[d] as readonly string[]).map((key) => (
                    <tr key={`${d}.${key}`} data-group={`${d}.${key}`}>
                      <th scope="row">{label(d, key)}</th>
                      {list.map((r) => (
                        <td key={r.partnerId}>{cell(r.by[d].find((g) => g.key === key)?.n ?? null)}</td>
                      ))}
                    </tr>
                  )),
                ])}
              </tbody>
            </table>
          </TableBox>
          <p className="muted" data-testid="abroad-source">
            {t('abroad.source', {
              list: list.map((r) => `${country(r.fromCountry)}: ${r.centre}, ${formatDate(r.madeAt)}`).join('; '),
              max: Math.max(...list.map((r) => r.maxCount)),
            })}
          </p>
        </>
      )}
    </>
  );
}
