// A wide table's own scrolling box: the page never scrolls sideways on a laptop; the table does,
// with its header and first column kept in view (styles.css). Focusable, so the keyboard scrolls it.
import type { ReactNode } from 'react';

export function TableBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-box" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
