// The main window once a database is open: header with the centre, navigation to the areas.
import { useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../shared/contract';
import { SettingsPage } from '../settings/SettingsPage';
import { CasesPage } from '../cases/CasesPage';
import { shellLocked } from './locked';
import { FormsPage } from '../forms/FormsPage';
import { IndicatorsPage } from '../indicators/IndicatorsPage';
import { mayLeave } from '../app/unsaved';
import { EstimatesPage } from '../estimates/EstimatesPage';
import { ExchangePage } from '../exchange/ExchangePage';
import { FactSheetPage } from '../factsheet/FactSheetPage';
import { LockScreen, useIdleLock } from '../auth/LockScreen';
import { PermissionsProvider } from '../auth/permissions';
import { call } from '../api/client';
import type { Permission } from '../../shared/auth/roles';
import { routeOf, routeSegments, useAddress } from './routes';
import { useUnitName } from '../app/countries';
import { applyCorrections, loadCorrections } from '../i18n-corrections';

// Estimates last: the shortcuts clerks already know (Alt+6 settings) stay where they were.
export const AREAS = ['cases', 'forms', 'indicators', 'factsheet', 'exchange', 'settings', 'estimates'] as const;
export type Area = (typeof AREAS)[number];

/** What an account must hold to see an area (the back end refuses the calls anyway). */
const AREA_NEEDS: Record<Area, readonly Permission[]> = {
  cases: ['register.read'],
  forms: ['signedIn'],
  indicators: ['indicators.view'],
  factsheet: ['indicators.view'],
  exchange: ['register.write', 'forms.write', 'analysis'],
  settings: ['signedIn'],
  estimates: ['indicators.view'],
};

type Props = { status: AppStatus; onStatus: (s: AppStatus) => void; languageSwitch: ReactNode };

export function Shell({ status, onStatus, languageSwitch }: Props) {
  const { t } = useTranslation();
  const unitName = useUnitName();
  const user = status.user!;
  const areas = AREAS.filter((a) => AREA_NEEDS[a].some((p) => user.permissions.includes(p)));
  // The area is the address's first part (#/cases, #/indicators/…); an unknown one, or one this
  // account may not see, is replaced by the first it may.
  const { segments, go } = useAddress();
  const asked = segments[0] as Area | undefined;
  const area: Area = asked && areas.includes(asked) ? asked : (areas[0] ?? 'settings');
  useEffect(() => {
    // Read the address again: a shortcut pressed between the paint and this effect has already
    // moved it to an area this account may see, and must not be undone.
    const now = routeSegments(window.location.hash.replace(/^#/, ''))[0] as Area | undefined;
    if (now && areas.includes(now)) return;
    if (asked !== area) go(routeOf(area), { replace: true });
  }, [asked, area]); // eslint-disable-line react-hooks/exhaustive-deps
  // The centre's corrected texts, for as long as its database is open here.
  const databasePath = status.database?.path;
  useEffect(() => {
    void loadCorrections();
    return () => applyCorrections({});
  }, [databasePath, user.login]);
  // A half-filled form asks before another section replaces it.
  const [arrivals, setArrivals] = useState(0);
  const setArea = (a: Area) => {
    if (a !== area && !mayLeave()) return;
    setArrivals((n) => n + 1);
    go(routeOf(a));
  };
  // Arrived by Alt+n or a click: the keyboard starts at the section's first field (not the page
  // body, eight Tabs away), unless the section has put the focus somewhere itself.
  useEffect(() => {
    if (!arrivals) return;
    const main = document.querySelector('.shell-main');
    let tries = 0;
    const look = () => {
      if (!main || (main.contains(document.activeElement) && document.activeElement !== main)) return;
      const first = main.querySelector<HTMLElement>(
        'input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])',
      );
      if (first) first.focus();
      else if (++tries < 40) setTimeout(look, 50); // a section still loading its first field
    };
    setTimeout(look, 0);
  }, [arrivals, area]);
  const db = status.database!;
  // Alt+1..7 jumps between areas without the mouse.
  // Layout effect: the shortcut works from the first painted frame, not a moment later.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const n = Number(e.key);
      if (e.altKey && n >= 1 && n <= areas.length && !shellLocked()) {
        e.preventDefault();
        setArea(areas[n - 1]!);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [areas.join()]); // eslint-disable-line react-hooks/exhaustive-deps
  const lock = async () => {
    const r = await call('auth.lock', {});
    if (r.ok) onStatus(r.value);
  };
  const signOut = async () => {
    const r = await call('auth.signOut', {});
    if (!r.ok) return;
    go(routeOf(), { replace: true }); // the next person starts at their own first area, not at this one's last view
    onStatus(r.value);
  };
  useIdleLock(user.demo || status.locked ? null : db.idleLockMinutes, () => void lock());
  const facility = db.orgUnitPath.at(-1);
  return (
    <>
      <div className="shell" inert={status.locked || undefined} aria-hidden={status.locked || undefined}>
        <header className="shell-header">
          <h1>{t('app.title')}</h1>
          {db.kind === 'demo' ? <span className="badge">{t('app.demoBadge')}</span> : null}
          <span className="centre" data-testid="centre-name">
            {db.orgUnitPath.map(unitName).join(' › ')}
          </span>
          <span className="operator" data-testid="signed-in-as">
            {t('shell.operator')}: {user.login}
          </span>
          {user.demo ? null : (
            <>
              <button type="button" className="secondary small" onClick={() => void lock()} title={t('auth.lockHint')}>
                {t('auth.lock')}
              </button>
              <button type="button" className="secondary small" onClick={() => void signOut()}>
                {t('auth.signOut')}
              </button>
            </>
          )}
          {languageSwitch}
        </header>
        <nav className="shell-nav" aria-label={t('nav.label')}>
          {areas.map((a, i) => (
            <button key={a} type="button" aria-current={a === area ? 'page' : undefined} onClick={() => setArea(a)} title={`Alt+${i + 1}`}>
              {t(`nav.${a}`)}
            </button>
          ))}
        </nav>
        <PermissionsProvider permissions={user.permissions}>
          <main className="shell-main" aria-label={facility?.name}>
            {area === 'settings' ? (
              <SettingsPage status={status} onStatus={onStatus} />
            ) : area === 'cases' ? (
              <CasesPage uicPattern={db.uicPattern} />
            ) : area === 'forms' ? (
              <FormsPage status={status} />
            ) : area === 'indicators' ? (
              <IndicatorsPage status={status} onOpenCase={(id) => go(routeOf('cases', id))} />
            ) : area === 'exchange' ? (
              <ExchangePage status={status} />
            ) : area === 'estimates' ? (
              <EstimatesPage status={status} />
            ) : (
              <FactSheetPage status={status} />
            )}
          </main>
        </PermissionsProvider>
      </div>
      {status.locked ? <LockScreen status={status} onStatus={onStatus} /> : null}
    </>
  );
}
