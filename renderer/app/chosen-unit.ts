// The organisation the user is looking at, carried from section to section as the year is
// (chosen-year.ts): the dashboard, the forms and the estimates open on the one chosen last.
let chosen: number | null = null;

/** The organisation a section opens on: the one chosen last in this sign-in, else the section's own default. */
export const unitToShow = (fallback: number): number => chosen ?? fallback;

/** An organisation picked in any section. */
export function chooseUnit(id: number): void {
  chosen = id;
}

/** Another database or account starts afresh. */
export function forgetChosenUnit(): void {
  chosen = null;
}
