// The case-register area: list, new case, one case, edit, deleted cases. Alt+N starts a new case.
import { useCallback, useEffect, useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseQuery } from '../../shared/cases/api';
import type { CaseInput } from '../../shared/cases/schema';
import { call } from '../api/client';
import { CaseForm } from './CaseForm';
import { CaseList } from './CaseList';
import { CaseNeighbours } from './CaseNeighbours';
import { CaseView } from './CaseView';
import { DeletedCases } from './DeletedCases';
import { useCan } from '../auth/permissions';
import { shellLocked } from '../shell/locked';
import { idSegment, routeOf, useAddress } from '../shell/routes';

type View =
  | { mode: 'list' }
  | { mode: 'new' }
  | { mode: 'case'; id: number; notice?: string }
  | { mode: 'edit'; id: number; initial: CaseInput }
  | { mode: 'deleted' };

export function CasesPage({ uicPattern }: { uicPattern: string }) {
  const { t } = useTranslation();
  // #/cases/123 shows case 123 (a link from the dashboard, a pasted address, the back button);
  // opening a case or going back to the list changes the address in turn.
  const { segments, go } = useAddress();
  const routeId = idSegment(segments[1]);
  const [view, setView] = useState<View>(routeId ? { mode: 'case', id: routeId } : { mode: 'list' });
  useEffect(() => {
    setView((v) =>
      routeId ? (v.mode === 'case' && v.id === routeId ? v : { mode: 'case', id: routeId }) : v.mode === 'case' ? { mode: 'list' } : v,
    );
  }, [routeId]);
  const toList = () => {
    setView({ mode: 'list' });
    if (routeId) go(routeOf('cases'));
  };
  const canWrite = useCan()('register.write');
  const [query, setQuery] = useState<CaseQuery>({ sort: 'diagnosisDate', direction: 'desc', page: 0 });
  const onQuery = useCallback((q: CaseQuery) => setQuery(q), []);

  // Layout effect: the shortcut works from the first painted frame, not a moment later.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (canWrite && e.altKey && (e.key === 'n' || e.key === 'N' || e.code === 'KeyN') && !shellLocked()) {
        e.preventDefault();
        setView({ mode: 'new' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canWrite]);

  const edit = async (id: number) => {
    const r = await call('cases.get', { id });
    if (r.ok) setView({ mode: 'edit', id, initial: r.value.case });
  };
  const open = (id: number, notice?: string) => {
    setView({ mode: 'case', id, ...(notice ? { notice } : {}) });
    if (id !== routeId) go(routeOf('cases', id));
  };

  return (
    <section className="cases-page">
      <div className="toolbar">
        <h2>{t('cases.title')}</h2>
        {view.mode === 'list' ? (
          <>
            {canWrite ? (
              <button type="button" onClick={() => setView({ mode: 'new' })} title={t('cases.newShortcut')}>
                + {t('cases.new')}
              </button>
            ) : null}
            <button type="button" className="secondary" onClick={() => setView({ mode: 'deleted' })}>
              {t('cases.showDeleted')}
            </button>
          </>
        ) : view.mode === 'deleted' ? (
          <button type="button" className="secondary" onClick={() => setView({ mode: 'list' })}>
            {t('cases.hideDeleted')}
          </button>
        ) : null}
      </div>
      {view.mode === 'list' ? <CaseList query={query} onQuery={onQuery} onOpen={(id) => open(id)} /> : null}
      {view.mode === 'new' ? (
        <CaseForm
          key="new"
          caseId={null}
          initial={null}
          uicPattern={uicPattern}
          onSaved={(id) => open(id, t('cases.saved'))}
          onCancel={toList}
          onOpenCase={(id) => open(id)}
        />
      ) : null}
      {view.mode === 'edit' ? (
        <CaseForm
          key={`edit-${view.id}`}
          caseId={view.id}
          initial={view.initial}
          uicPattern={uicPattern}
          onSaved={(id) => open(id, t('cases.saved'))}
          onCancel={() => open(view.id)}
          onOpenCase={(id) => open(id)}
        />
      ) : null}
      {view.mode === 'case' ? (
        <CaseNeighbours
          query={query}
          id={view.id}
          onOpen={(id, page) => {
            setQuery({ ...query, page });
            open(id);
          }}
        />
      ) : null}
      {view.mode === 'case' ? (
        <CaseView
          key={view.id}
          id={view.id}
          notice={view.notice ?? null}
          onEdit={() => void edit(view.id)}
          onDeleted={toList}
          onBack={toList}
        />
      ) : null}
      {view.mode === 'deleted' ? <DeletedCases onRestored={(id) => open(id, t('cases.restored'))} /> : null}
    </section>
  );
}
