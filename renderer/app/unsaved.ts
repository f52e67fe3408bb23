// Work typed but not saved: a form says so while it holds changes, and leaving it (another
// section, closing or reloading the window) asks first instead of throwing the work away.
let question: string | null = null;

const onBeforeUnload = (e: BeforeUnloadEvent) => {
  e.preventDefault();
  e.returnValue = ''; // the browser (or Electron) asks in its own words
};

/** A form with changes sets its question; with none (or unmounted), null. */
export function setUnsaved(q: string | null): void {
  if (q && !question) window.addEventListener('beforeunload', onBeforeUnload);
  if (!q && question) window.removeEventListener('beforeunload', onBeforeUnload);
  question = q;
}

/** Whether the user may leave: nothing unsaved, or they said so. */
export function mayLeave(): boolean {
  if (!question) return true;
  if (!window.confirm(question)) return false;
  setUnsaved(null);
  return true;
}
