// The main window once a database is open: header with the centre, navigation to the areas.
import { useLayoutEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../shared/contract';
import { SettingsPage } from '../settings/SettingsPage';
import { CasesPage } from '../cases/CasesPage';
import { FormsPage } from '../forms/FormsPage';
import { IndicatorsPage } from '../indicators/IndicatorsPage';
import { ExchangePage } from '../exchange/ExchangePage';
import { FactSheetPage } from '../factsheet/FactSheetPage';

export const AREAS = ['cases', 'forms', 'indicators', 'factsheet', 'exchange', 'settings'] as const;
export type Area = (typeof AREAS)[number];

type Props = { status: AppStatus; onStatus: (s: AppStatus) => void; languageSwitch: ReactNode };

export function Shell({ status, onStatus, languageSwitch }: Props) {
  const { t } = useTranslation();
  const [area, setArea] = useState<Area>('cases');
  const [openCaseId, setOpenCaseId] = useState<number | null>(null);
  const db = status.database!;
  // Alt+1..6 jumps between areas without the mouse.
  // Layout effect: the shortcut works from the first painted frame, not a moment later.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const n = Number(e.key);
      if (e.altKey && n >= 1 && n <= AREAS.length) {
        e.preventDefault();
        setArea(AREAS[n - 1]!);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const facility = db.orgUnitPath.at(-1);
  return (
    <div className="shell">
      <header className="shell-header">
        <h1>{t('app.title')}</h1>
        {db.kind === 'demo' ? <span className="badge">{t('app.demoBadge')}</span> : null}
        <span className="centre" data-testid="centre-name">
          {db.orgUnitPath.map((u) => u.name).join(' › ')}
        </span>
        <span className="operator">
          {t('shell.operator')}: {status.operator}
        </span>
        {languageSwitch}
      </header>
      <nav className="shell-nav" aria-label={t('nav.label')}>
        {AREAS.map((a, i) => (
          <button key={a} type="button" aria-current={a === area ? 'page' : undefined} onClick={() => (setOpenCaseId(null), setArea(a))} title={`Alt+${i + 1}`}>
            {t(`nav.${a}`)}
          </button>
        ))}
      </nav>
      <main className="shell-main" aria-label={facility?.name}>
        {area === 'settings' ? <SettingsPage status={status} onStatus={onStatus} /> : area === 'cases' ? (
          <CasesPage key={openCaseId ?? 'list'} uicPattern={db.uicPattern} initialCaseId={openCaseId} />
        ) : area === 'forms' ? (
          <FormsPage status={status} />
        ) : area === 'indicators' ? (
          <IndicatorsPage status={status} onOpenCase={(id) => (setOpenCaseId(id), setArea('cases'))} />
        ) : area === 'exchange' ? (
          <ExchangePage status={status} />
        ) : (
          <FactSheetPage status={status} />
        )}
      </main>
    </div>
  );
}
