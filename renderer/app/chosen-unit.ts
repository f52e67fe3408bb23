// The organisation the user is looking at, carried from section to section as the year is
// (chosen-year.ts): the dashboard, the forms and the estimates open on the one chosen last.
import type { AppStatus } from '../../shared/contract';

let chosen: number | null = null;

/**
 * The organisation a section opens on: the one chosen last in this sign-in, else the account's own
 * (an account limited to a facility sees nothing above it), else the section's default.
 */
export const unitToShow = (status: AppStatus, fallback: number): number => chosen ?? status.user?.orgUnitId ?? fallback;

/** An organisation picked in any section. */
export function chooseUnit(id: number): void {
  chosen = id;
}

/** Another database or account starts afresh. */
export function forgetChosenUnit(): void {
  chosen = null;
}
