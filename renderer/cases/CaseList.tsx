// The register as a filtered, sorted, paged list; 50 rows a page keeps 100,000 cases quick.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGE_BAND_FILTERS, type CaseQuery, type CaseRow } from '../../shared/cases/api';
import { KEY_POPULATIONS, LEGAL_STATUSES, MIGRANT_TYPES, OUTCOMES, SEXES } from '../../shared/cases/schema';
import { formatDate } from '../../shared/dates';
import { useCall } from '../api/queries';
import { CountrySelect } from '../app/CountrySelect';
import { ErrorMessage } from '../app/ErrorMessage';
import { TableBox } from '../app/TableBox';
import { PAGE_SIZE } from './CaseNeighbours';

type Filters = Omit<CaseQuery, 'sort' | 'direction' | 'page' | 'pageSize'>;
type Sort = { sort: NonNullable<CaseQuery['sort']>; direction: 'asc' | 'desc' };

type Props = { query: CaseQuery; onQuery: (q: CaseQuery) => void; onOpen: (id: number) => void };

export function CaseList({ query, onQuery, onOpen }: Props) {
  const { t } = useTranslation();
  // Through the query cache, keyed by the query: the page on screen stays while the next one is
  // asked (marked busy), and an answer to a query already left is never shown under the new one.
  const list = useCall('cases.list', { ...query, pageSize: PAGE_SIZE }, { keepPrevious: true });
  const data: { rows: CaseRow[]; total: number } | null = list.data ?? null;
  const error = list.error?.error ?? null;
  const [search, setSearch] = useState(query.search ?? '');
  // Enter in the search: the search runs at once, and a single hit opens (the clerk knew the code).
  const openSingle = useRef<string | null>(null);
  // Back from a case («← К списку»): the button that had the focus is gone; the search takes it.
  const searchBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (document.activeElement === document.body || !document.activeElement) searchBox.current?.focus();
  }, []);
  useEffect(() => {
    if (openSingle.current === null || list.isPlaceholderData || !data) return;
    if ((query.search ?? '') !== openSingle.current) return;
    openSingle.current = null;
    if (data.total === 1 && data.rows[0]) onOpen(data.rows[0].id);
  }, [data, query.search, list.isPlaceholderData, onOpen]);
  const searchNow = () => {
    openSingle.current = search.trim();
    if ((query.search ?? '') !== search.trim()) onQuery({ ...query, search: search.trim() || undefined, page: 0 });
    else if (data && !list.isPlaceholderData && data.total === 1 && data.rows[0]) onOpen(data.rows[0].id);
  };

  // Typing searches after a short pause, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => {
      if ((query.search ?? '') !== search.trim()) onQuery({ ...query, search: search.trim() || undefined, page: 0 });
    }, 250);
    return () => clearTimeout(timer);
  }, [search, query, onQuery]);

  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K] | '') =>
    onQuery({ ...query, [key]: value === '' ? undefined : value, page: 0 });
  const sortBy = (sort: Sort['sort']) =>
    onQuery({ ...query, sort, direction: query.sort === sort && query.direction === 'asc' ? 'desc' : 'asc', page: 0 });
  const page = query.page ?? 0;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  const select = (
    key: 'sex' | 'legalStatus' | 'migrantType' | 'keyPopulation' | 'outcome' | 'ageBand',
    codes: readonly string[],
    prefix: string | null,
    label: string,
  ) => (
    <label className="filter">
      <span>{label}</span>
      <select value={query[key] ?? ''} onChange={(e) => setFilter(key, e.target.value as never)} data-filter={key}>
        <option value="">{t('cases.any')}</option>
        {codes.map((c) => (
          <option key={c} value={c}>
            {prefix ? t(`${prefix}.${c}`) : c === 'unknown' ? t('cases.ageUnknown') : c}
          </option>
        ))}
      </select>
    </label>
  );
  const header = (key: Sort['sort'], label: string) => (
    <th aria-sort={query.sort === key ? (query.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort" onClick={() => sortBy(key)}>
        {label} {query.sort === key ? (query.direction === 'asc' ? '▲' : '▼') : ''}
      </button>
    </th>
  );

  return (
    <div className="case-list" aria-busy={list.isPlaceholderData || undefined}>
      <div className="filters" role="search">
        <label className="filter search">
          <span>{t('cases.search')}</span>
          <input
            type="search"
            ref={searchBox}
            maxLength={40}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && searchNow()}
            autoComplete="off"
            spellCheck={false}
            aria-label={t('cases.search')}
          />
        </label>
        {select('sex', SEXES, 'categories.sex', t('fields.sex'))}
        {select('ageBand', AGE_BAND_FILTERS, null, t('cases.ageBand'))}
        {select('keyPopulation', KEY_POPULATIONS, 'categories.key_population', t('fields.keyPopulations'))}
        {select('legalStatus', LEGAL_STATUSES, 'categories.legal_status', t('fields.legalStatus'))}
        {select('migrantType', MIGRANT_TYPES, 'categories.migrant_type', t('fields.migrantType'))}
        {select('outcome', OUTCOMES, 'enums.outcome', t('cases.outcome'))}
        <label className="filter">
          <span>{t('cases.diagnosisYear')}</span>
          <input
            inputMode="numeric"
            maxLength={4}
            value={query.diagnosisYear ?? ''}
            data-filter="diagnosisYear"
            onChange={(e) => setFilter('diagnosisYear', /^\d{4}$/.test(e.target.value) ? Number(e.target.value) : '')}
          />
        </label>
        <div className="filter">
          <label htmlFor="filter-citizenship">{t('fields.citizenship')}</label>
          <CountrySelect
            id="filter-citizenship"
            value={query.citizenship ?? ''}
            onChange={(v) => setFilter('citizenship', v)}
            placeholder={t('cases.any')}
          />
        </div>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setSearch('');
            onQuery({ sort: query.sort, direction: query.direction, page: 0 });
          }}
        >
          {t('cases.clearFilters')}
        </button>
      </div>
      <ErrorMessage error={error} />
      <p className="muted" data-testid="case-total">
        {data ? t('cases.total', { count: data.total }) : t('common.loading')}
      </p>
      {data && data.rows.length === 0 ? <p>{t('cases.empty')}</p> : null}
      {data && data.rows.length > 0 ? (
        <TableBox label={t('nav.cases')}>
          <table className="cases">
            <thead>
              <tr>
                {header('registerNo', t('fields.registerNo'))}
                {header('uic', t('fields.uic'))}
                <th>{t('fields.sex')}</th>
                {header('birthYear', t('fields.birthYear'))}
                <th>{t('fields.citizenship')}</th>
                <th>{t('fields.migrantType')}</th>
                <th>{t('fields.legalStatus')}</th>
                {header('diagnosisDate', t('fields.diagnosisDate'))}
                <th>{t('cases.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <button type="button" className="link" onClick={() => onOpen(r.id)}>
                      {r.registerNo}
                    </button>
                  </td>
                  <td className="uic">
                    {r.uic}{' '}
                    {r.uicMismatches.length ? (
                      <span className="flag" title={t('cases.mismatch')} aria-label={t('cases.mismatch')}>
                        ⚠
                      </span>
                    ) : null}
                  </td>
                  <td>{t(`categories.sex.${r.sex}`)}</td>
                  <td>{r.birthYear ?? '—'}</td>
                  <td>{r.citizenship ?? '—'}</td>
                  <td>{t(`categories.migrant_type.${r.migrantType}`)}</td>
                  <td>{t(`categories.legal_status.${r.legalStatus}`)}</td>
                  <td>{formatDate(r.diagnosisDate)}</td>
                  <td>{t(`enums.outcome.${r.currentOutcome}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      ) : null}
      {data && data.total > PAGE_SIZE ? (
        <div className="pager">
          <button type="button" className="secondary" disabled={page === 0} onClick={() => onQuery({ ...query, page: page - 1 })}>
            {t('cases.prev')}
          </button>
          <span>{t('cases.page', { page: page + 1, pages })}</span>
          <button type="button" className="secondary" disabled={page + 1 >= pages} onClick={() => onQuery({ ...query, page: page + 1 })}>
            {t('cases.next')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
