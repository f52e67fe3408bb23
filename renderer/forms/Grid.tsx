// A spreadsheet-like grid of form cells: arrows and Enter move, each cell is saved when left
// (green when saved, red with the reason when refused), a block pasted from Excel is saved as one.
import { useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { cellId, parseClipboardBlock, typedNumber, type CellRef, type CellStatus } from './grid-model';
import { TableBox } from '../app/TableBox';

export type GridColumn = { key: string; label: string; group?: string };
export type GridRow = { key: string; label: string };

type Props = {
  id: string;
  caption: string;
  rows: GridRow[];
  columns: GridColumn[];
  cell: (row: GridRow, col: GridColumn) => CellRef;
  text: (c: CellRef) => string;
  status: (c: CellRef) => CellStatus | undefined;
  flagged: (c: CellRef) => string | undefined;
  readOnly: boolean;
  onType: (c: CellRef, text: string) => void;
  onCommit: (cells: { ref: CellRef; text: string }[]) => void;
  onBlockError: (messageKey: string) => void;
  onFocusCell?: (c: CellRef) => void;
  totals?: boolean;
};

export function Grid(p: Props) {
  const { t } = useTranslation();
  const [focusText, setFocusText] = useState<Record<string, string>>({});
  // The cell being edited in place (F2 or a double click, as in Excel): there the left and right
  // arrows move within the text instead of to the next cell.
  const [editing, setEditing] = useState<string | null>(null);
  const editHere = (id: string, input: HTMLInputElement) => {
    setEditing(id);
    input.setSelectionRange(input.value.length, input.value.length);
  };

  const move = (r: number, c: number) => {
    const next = document.querySelector<HTMLInputElement>(`input[data-grid="${p.id}"][data-r="${r}"][data-c="${c}"]`);
    if (next) {
      next.focus();
      next.select();
    }
  };
  /** Saves the cell if its text changed since it took focus; remembers the text so leaving it does not save twice. */
  const commitIfChanged = (ref: CellRef, input: HTMLInputElement) => {
    const id = cellId(ref);
    const value = input.value;
    if (p.readOnly || value === focusText[id]) return;
    setFocusText((f) => ({ ...f, [id]: value }));
    p.onCommit([{ ref, text: value }]);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, ref: CellRef, r: number, c: number) => {
    if (e.key === 'F2') {
      e.preventDefault();
      return editHere(cellId(ref), e.currentTarget);
    }
    if (editing === cellId(ref) && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) return;
    const go: Record<string, [number, number]> = {
      ArrowUp: [r - 1, c],
      ArrowDown: [r + 1, c],
      Enter: [r + 1, c],
      ArrowLeft: [r, c - 1],
      ArrowRight: [r, c + 1],
    };
    const target = go[e.key];
    if (!target) return;
    e.preventDefault();
    // Enter commits the cell even where there is no cell below to move to, as in a spreadsheet.
    if (e.key === 'Enter') commitIfChanged(ref, e.currentTarget);
    move(target[0], target[1]);
  };
  const onPaste = (e: ClipboardEvent<HTMLInputElement>, r: number, c: number) => {
    const block = parseClipboardBlock(e.clipboardData.getData('text/plain'));
    if (block.length === 1 && block[0]!.length === 1) return; // one value: an ordinary paste
    e.preventDefault();
    if (p.readOnly) return;
    if (r + block.length > p.rows.length || block.some((line) => c + line.length > p.columns.length))
      return p.onBlockError('forms.blockDoesNotFit');
    p.onCommit(block.flatMap((line, i) => line.map((text, j) => ({ ref: p.cell(p.rows[r + i]!, p.columns[c + j]!), text }))));
  };

  // A refused value (or one that could not be a count) is not added in: the totals are of what is kept.
  const counted = (ref: CellRef) => {
    const n = p.status(ref)?.state === 'error' ? null : typedNumber(p.text(ref));
    return n !== null && n >= 0 ? n : 0;
  };
  const sum = (refs: CellRef[]) => refs.reduce((acc, ref) => acc + counted(ref), 0);
  const groups = [...new Set(p.columns.map((col) => col.group).filter(Boolean))] as string[];

  return (
    <TableBox label={p.caption}>
      <table className="grid" aria-label={p.caption}>
        <caption>{p.caption}</caption>
        <thead>
          {groups.length ? (
            <tr>
              <th />
              {groups.map((g) => (
                <th key={g} colSpan={p.columns.filter((c) => c.group === g).length} className="group">
                  {g}
                </th>
              ))}
              {p.totals ? <th /> : null}
            </tr>
          ) : null}
          <tr>
            <th />
            {p.columns.map((col) => (
              <th key={col.key} scope="col">
                {col.label}
              </th>
            ))}
            {p.totals ? <th scope="col">{t('forms.total')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((row, r) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {p.columns.map((col, c) => {
                const ref = p.cell(row, col);
                const id = cellId(ref);
                const st = p.status(ref);
                const flag = p.flagged(ref);
                const cls = [
                  'cell',
                  st?.state === 'saved' ? 'saved' : '',
                  st?.state === 'error' ? 'rejected' : '',
                  flag ? 'flagged' : '',
                ].join(' ');
                return (
                  <td key={col.key} className={cls}>
                    <input
                      data-grid={p.id}
                      data-r={r}
                      data-c={c}
                      data-cell={id}
                      aria-label={`${row.label}, ${col.group ? col.group + ', ' : ''}${col.label}`}
                      aria-invalid={st?.state === 'error' || undefined}
                      title={st?.state === 'error' ? t(st.messageKey) : flag}
                      inputMode="numeric"
                      autoComplete="off"
                      readOnly={p.readOnly}
                      value={p.text(ref)}
                      onFocus={(e) => {
                        const value = e.currentTarget.value; // read now: React clears currentTarget after the handler
                        setFocusText((f) => ({ ...f, [id]: value }));
                        p.onFocusCell?.(ref);
                      }}
                      onChange={(e) => p.onType(ref, e.target.value)}
                      onBlur={(e) => {
                        setEditing(null);
                        commitIfChanged(ref, e.currentTarget);
                      }}
                      onDoubleClick={(e) => editHere(id, e.currentTarget)}
                      onKeyDown={(e) => onKeyDown(e, ref, r, c)}
                      onPaste={(e) => onPaste(e, r, c)}
                    />
                    {st?.state === 'error' ? (
                      <span className="cell-error" role="alert">
                        {t(st.messageKey)}
                      </span>
                    ) : null}
                  </td>
                );
              })}
              {p.totals ? (
                <td className="total" data-total-row={row.key}>
                  {sum(p.columns.map((col) => p.cell(row, col)))}
                </td>
              ) : null}
            </tr>
          ))}
          {p.totals ? (
            <tr className="totals">
              <th scope="row">{t('forms.total')}</th>
              {p.columns.map((col) => (
                <td key={col.key} className="total" data-total-col={col.key}>
                  {sum(p.rows.map((row) => p.cell(row, col)))}
                </td>
              ))}
              <td className="total">{sum(p.rows.flatMap((row) => p.columns.map((col) => p.cell(row, col))))}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </TableBox>
  );
}
