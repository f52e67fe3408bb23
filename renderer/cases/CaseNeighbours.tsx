// "Случай 12 из 360" with the previous and next case of the list the clerk came from (its filters,
// sort and search), across its pages; shown only when the case is in that list.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseQuery } from '../../shared/cases/api';
import { call } from '../api/client';
import { useCall } from '../api/queries';

export const PAGE_SIZE = 50;

type Props = { query: CaseQuery; id: number; onOpen: (id: number, page: number) => void };

/** The button last pressed (-1 previous, 1 next): it has the focus again once the next case shows. */
let stepped: -1 | 1 | null = null;

export function CaseNeighbours({ query, id, onOpen }: Props) {
  const { t } = useTranslation();
  const prev = useRef<HTMLButtonElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const page = query.page ?? 0;
  const list = useCall('cases.list', { ...query, pageSize: PAGE_SIZE }).data;
  const at = list?.rows.findIndex((r) => r.id === id) ?? -1;
  const shown = !!list && at >= 0;
  useEffect(() => {
    if (!shown || stepped === null) return;
    // The pressed button, or (at the list's end, where it is disabled) the other one.
    const [own, other] = stepped === 1 ? [next.current, prev.current] : [prev.current, next.current];
    (own && !own.disabled ? own : other)?.focus();
    stepped = null;
  }, [shown, id]);
  if (!list || at < 0) return null;
  const position = page * PAGE_SIZE + at + 1;
  // The neighbour on this page, or the first / last of the next / previous page.
  const go = async (step: 1 | -1) => {
    stepped = step;
    const here = list.rows[at + step];
    if (here) return onOpen(here.id, page);
    const r = await call('cases.list', { ...query, page: page + step, pageSize: PAGE_SIZE }, { read: true });
    const rows = r.ok ? r.value.rows : [];
    const there = step === 1 ? rows[0] : rows[rows.length - 1];
    if (there) onOpen(there.id, page + step);
  };
  return (
    <nav className="case-neighbours" aria-label={t('cases.neighbours')}>
      <button ref={prev} type="button" className="secondary small" disabled={position <= 1} onClick={() => void go(-1)}>
        ← {t('cases.previousCase')}
      </button>
      <span data-testid="case-position">{t('cases.position', { n: position, total: list.total })}</span>
      <button ref={next} type="button" className="secondary small" disabled={position >= list.total} onClick={() => void go(1)}>
        {t('cases.nextCase')} →
      </button>
    </nav>
  );
}
