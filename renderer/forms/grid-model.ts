// The state the grids share: saved values, what is being typed, and each cell's save status.
import { TOTAL } from '../../shared/forms/definitions';

export type CellRef = { de: string; coc: string };
export const cellId = (c: CellRef) => `${c.de}/${c.coc}`;
export type CellStatus = { state: 'saved' } | { state: 'error'; messageKey: string } | { state: 'saving' };

/** Parses a typed count for live totals; anything not a plain whole number counts as nothing. */
export function typedNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  const plain = text.replace(/[\s\u00a0]/g, '');
  return /^\d+$/.test(plain) ? Number(plain) : null;
}

/** Tab-separated rows as Excel and LibreOffice put them on the clipboard. */
export function parseClipboardBlock(text: string): string[][] {
  const rows = text.replace(/\r\n?/g, '\n').split('\n');
  if (rows.length > 1 && rows[rows.length - 1] === '') rows.pop();
  return rows.map((r) => r.split('\t'));
}

export { TOTAL };
