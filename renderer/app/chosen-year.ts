// The year the user is looking at, carried from section to section: the dashboard, the forms, the
// fact sheet and the estimates open on the year chosen last, or on the latest year the register
// has data for (the demo's 2017), not on the calendar's last year.
import type { AppStatus } from '../../shared/contract';

let chosen: string | null = null;

/** The year a year field opens on. */
export function yearToShow(status: AppStatus): string {
  return chosen ?? String(status.database?.latestYear ?? new Date().getFullYear() - 1);
}

/** Whether the user has chosen a year in this sign-in (a section then opens on it, not on its own default). */
export const yearChosen = () => chosen !== null;

/** A whole year typed or picked in any section. */
export function chooseYear(year: string): void {
  if (/^\d{4}$/.test(year)) chosen = year;
}

/** Another database or account starts afresh. */
export function forgetChosenYear(): void {
  chosen = null;
}
