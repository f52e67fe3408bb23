// The whole change log for an administrator: filtered by person, days, kind of thing and case,
// a page at a time, each entry in words (AuditTable).
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_KIND_CODES, type AuditKind } from '../../shared/audit/api';
import { isRealDate, parseDateInput } from '../../shared/dates';
import { useCall } from '../api/queries';
import { AuditTable } from '../app/AuditTable';
import { ErrorMessage } from '../app/ErrorMessage';

const PAGE = 50;
type Draft = { actor: string; from: string; to: string; kind: '' | AuditKind; registerNo: string };
const NO_FILTER: Draft = { actor: '', from: '', to: '', kind: '', registerNo: '' };

/** A typed day (ДД.ММ.ГГГГ) as the instant its local midnight starts; `next`: the following day's. */
function dayStart(text: string, next = false): string | null | 'invalid' {
  if (text.trim() === '') return null;
  const iso = parseDateInput(text);
  if (!isRealDate(iso)) return 'invalid';
  const [y, mo, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, mo - 1, d + (next ? 1 : 0)).toISOString();
}

export function ChangeLog() {
  const { t } = useTranslation();
  const logins = (useCall('accounts.list', {}).data ?? []).map((a) => a.login);
  const [draft, setDraft] = useState<Draft>(NO_FILTER);
  const [filter, setFilter] = useState<Draft>(NO_FILTER);
  // A refused filter, as its message key and the field's label key (shown in the screen's language).
  const [problem, setProblem] = useState<{ key: string; field: string } | null>(null);
  const box = useRef<HTMLDivElement>(null);
  // The pages seen so far, by the id each starts below (null: the newest), to go back.
  const [cursors, setCursors] = useState<(number | null)[]>([null]);
  const before = cursors[cursors.length - 1]!;

  const fromAt = dayStart(filter.from);
  const toAt = dayStart(filter.to, true);
  const page = useCall(
    'audit.search',
    {
      actor: filter.actor || null,
      fromAt: fromAt === 'invalid' ? null : fromAt,
      toAt: toAt === 'invalid' ? null : toAt,
      kind: filter.kind || null,
      registerNo: filter.registerNo.trim() || null,
      before,
      limit: PAGE,
    },
    { keepPrevious: true },
  );
  const entries = page.data?.entries ?? [];

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const from = dayStart(draft.from);
    const to = dayStart(draft.to, true);
    if (from === 'invalid') return setProblem({ key: 'audit.log.dateInvalid', field: 'audit.log.from' });
    if (to === 'invalid') return setProblem({ key: 'audit.log.dateInvalid', field: 'audit.log.to' });
    if (from && to && to <= from) return setProblem({ key: 'audit.log.toBeforeFrom', field: 'audit.log.to' });
    setProblem(null);
    setFilter(draft);
    setCursors([null]);
  };
  const reset = () => {
    setDraft(NO_FILTER);
    setFilter(NO_FILTER);
    setProblem(null);
    setCursors([null]);
  };
  // A new page starts at its top, the list's scroll box too.
  const turn = (go: () => void) => {
    go();
    box.current?.querySelector('.table-box')?.scrollTo({ top: 0 });
    box.current?.scrollIntoView({ block: 'nearest' });
  };
  const field = (k: keyof Draft) => ({
    value: draft[k],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value }),
  });

  return (
    <section className="change-log" aria-labelledby="change-log-title">
      <h3 id="change-log-title">{t('audit.log.title')}</h3>
      <form className="log-filters" onSubmit={apply} aria-label={t('audit.log.filters')}>
        <span className="log-filter">
          <label htmlFor="log-actor">{t('audit.log.who')}</label>
          <select id="log-actor" {...field('actor')}>
            <option value="">{t('audit.log.anyone')}</option>
            {logins.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </span>
        <span className="log-filter">
          <label htmlFor="log-kind">{t('audit.log.kind')}</label>
          <select id="log-kind" {...field('kind')}>
            <option value="">{t('audit.log.anyKind')}</option>
            {AUDIT_KIND_CODES.map((k) => (
              <option key={k} value={k}>
                {t(`audit.kinds.${k}`)}
              </option>
            ))}
          </select>
        </span>
        <span className="log-filter">
          <label htmlFor="log-from">{t('audit.log.from')}</label>
          <input size={10} placeholder={t('common.datePlaceholder')} autoComplete="off" id="log-from" {...field('from')} />
        </span>
        <span className="log-filter">
          <label htmlFor="log-to">{t('audit.log.to')}</label>
          <input size={10} placeholder={t('common.datePlaceholder')} autoComplete="off" id="log-to" {...field('to')} />
        </span>
        <span className="log-filter">
          <label htmlFor="log-case">{t('audit.log.registerNo')}</label>
          <input size={8} autoComplete="off" id="log-case" {...field('registerNo')} />
        </span>
        <button type="submit">{t('audit.log.apply')}</button>
        <button type="button" className="secondary" onClick={reset}>
          {t('audit.log.reset')}
        </button>
      </form>
      {problem ? (
        <p className="field-error" role="alert">
          {t(problem.key, { field: t(problem.field) })}
        </p>
      ) : null}
      <ErrorMessage error={page.error?.error ?? null} />
      {page.data && entries.length === 0 && !problem ? <p>{t('audit.log.nothing')}</p> : null}
      {/* Rows of a filter the clerk has just been told is wrong are not left standing as if they answered it. */}
      <div ref={box}>
        {entries.length && !problem ? <AuditTable groups={entries.map((e) => [e])} showItem label={t('audit.log.title')} /> : null}
      </div>
      <div className="pager">
        {cursors.length > 2 ? (
          <button type="button" className="secondary" onClick={() => turn(() => setCursors([null]))}>
            {t('audit.log.newest')}
          </button>
        ) : null}
        {cursors.length > 1 ? (
          <button type="button" className="secondary" onClick={() => turn(() => setCursors(cursors.slice(0, -1)))}>
            {t('audit.log.newer')}
          </button>
        ) : null}
        <span className="muted">{t('audit.log.page', { page: cursors.length })}</span>
        {page.data?.more ? (
          <button type="button" className="secondary" onClick={() => turn(() => setCursors([...cursors, entries[entries.length - 1]!.id]))}>
            {t('audit.log.older')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
