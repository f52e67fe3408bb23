// Loads one form's values for an org unit and period, saves cells, and keeps what the clerk is
// typing and each cell's status; rules are evaluated live over saved values and drafts.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FormCode } from '../../shared/forms/definitions';
import type { FormData } from '../../shared/forms/api';
import { evaluateRules, toFormValues, type Rule } from '../../shared/forms/rules';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { queryClient, useCall } from '../api/queries';
import { cellId, typedNumber, type CellRef, type CellStatus } from './grid-model';

export function useFormData(form: FormCode, orgUnitId: number, period: string) {
  // The form's values through the query cache, keyed by form, unit and period: a slow answer for the
  // year shown first never fills the grid under the year typed since. A save's or an approval's
  // answer is the form as stored: it goes into the cache (every other answer is read again: client.ts).
  const input = useMemo(() => ({ form, orgUnitId, period }), [form, orgUnitId, period]);
  const loaded = useCall('forms.get', input);
  const data: FormData | null = loaded.data ?? null;
  const stored_ = useCallback(
    (next: FormData) => {
      queryClient.setQueryData(['forms.get', input], next);
    },
    [input],
  );
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [statuses, setStatuses] = useState<Record<string, CellStatus>>({});
  const [failure, setError] = useState<AppError | null>(null);
  const error = failure ?? loaded.error?.error ?? null;

  useEffect(() => {
    setDrafts({});
    setStatuses({});
    setError(null);
  }, [input]);

  const stored = useMemo(() => new Map((data?.values ?? []).map((v) => [cellId(v), v])), [data]);
  const text = useCallback(
    (c: CellRef) => drafts[cellId(c)] ?? (stored.has(cellId(c)) ? String(stored.get(cellId(c))!.value) : ''),
    [drafts, stored],
  );
  const type = useCallback((c: CellRef, value: string) => setDrafts((d) => ({ ...d, [cellId(c)]: value })), []);

  const commit = useCallback(
    async (cells: { ref: CellRef; text: string; comment?: string }[]) => {
      setError(null);
      const ids = cells.map((c) => cellId(c.ref));
      setStatuses((s) => ({ ...s, ...Object.fromEntries(ids.map((id) => [id, { state: 'saving' }])) }));
      const r = await call('forms.save', {
        form,
        orgUnitId,
        period,
        cells: cells.map((c) => ({
          de: c.ref.de,
          coc: c.ref.coc,
          value: c.text.trim() === '' ? null : c.text,
          ...(c.comment !== undefined ? { comment: c.comment } : {}),
        })),
      });
      if (r.ok) {
        stored_(r.value);
        // A draft typed again while the save was on its way (a fast clerk on a slow laptop) is kept:
        // only the text that was sent is now stored.
        const sent = new Map(cells.map((c) => [cellId(c.ref), c.text]));
        setDrafts((d) => Object.fromEntries(Object.entries(d).filter(([k, v]) => !sent.has(k) || sent.get(k) !== v)));
        setStatuses((s) => ({ ...s, ...Object.fromEntries(ids.map((id) => [id, { state: 'saved' }])) }));
        return;
      }
      const issues = new Map((r.error.issues ?? []).map((i) => [i.path, i.messageKey]));
      // A refused block changes nothing: cells with a reason turn red, the others go back to neutral.
      setStatuses((s) => ({
        ...s,
        ...Object.fromEntries(
          ids.map((id) => [id, issues.has(id) ? { state: 'error', messageKey: issues.get(id)! } : undefined]).filter(([, v]) => v),
        ),
      }));
      if (!issues.size) setError(r.error);
    },
    [form, orgUnitId, period, stored_],
  );

  const approve = useCallback(
    async (approved: boolean) => {
      const r = await call('forms.approve', { form, orgUnitId, period, approved });
      if (r.ok) stored_(r.value);
      else setError(r.error);
    },
    [form, orgUnitId, period, stored_],
  );

  // Live: saved values overlaid with what is typed but not yet saved.
  const violations = useMemo(() => {
    if (!data) return [];
    const rows = [...stored.values()].map((v) => ({ de: v.de, coc: v.coc, value: v.value }));
    const merged = new Map(rows.map((r) => [`${r.de}/${r.coc}`, r]));
    for (const [id, t] of Object.entries(drafts)) {
      const slash = id.indexOf('/');
      const n = typedNumber(t);
      if (n === null) merged.delete(id);
      else merged.set(id, { de: id.slice(0, slash), coc: id.slice(slash + 1), value: n });
    }
    return evaluateRules(data.rules as Rule[], toFormValues([...merged.values()]));
  }, [data, stored, drafts]);

  const comment = useCallback((c: CellRef) => stored.get(cellId(c))?.comment ?? '', [stored]);

  return { data, text, comment, type, commit, approve, violations, status: (c: CellRef) => statuses[cellId(c)], error, setError };
}
