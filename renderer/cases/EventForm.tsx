// Adds or edits one dated event of a case. Fields follow the kind: CD4 count, viral load
// (copies or "undetectable"), or the new outcome.
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { EVENT_KINDS, EventInputSchema, OUTCOMES } from '../../shared/cases/schema';
import type { CaseEvent } from '../../shared/cases/api';
import { formatDate, parseDateInput } from '../../shared/dates';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { EnumSelect } from '../app/EnumSelect';
import { ErrorMessage } from '../app/ErrorMessage';
import { Field } from '../app/Field';
import { schemaResolver } from '../app/form-resolver';

type Values = { kind: string; date: string; cd4: string; copies: string; undetectable: boolean; outcome: string };

const num = (s: string) => (s.trim() === '' ? null : /^-?\d+([.,]\d+)?$/.test(s.trim()) ? Number(s.trim().replace(',', '.')) : NaN);

function toInput(v: Values): unknown {
  const base = { kind: v.kind, date: parseDateInput(v.date) };
  switch (v.kind) {
    case 'cd4':
      return { ...base, cd4: num(v.cd4) ?? undefined };
    case 'viral_load':
      return { ...base, undetectable: v.undetectable, copies: v.undetectable ? null : num(v.copies) };
    case 'outcome':
      return { ...base, outcome: v.outcome || undefined };
    default:
      return base;
  }
}

/** The kind of the last event added: the next new one starts with it (a clinic's results come in runs). */
let lastKind = 'cd4';

const fromEvent = (e: CaseEvent | null): Values => ({
  kind: e?.kind ?? lastKind,
  date: formatDate(e?.date),
  cd4: e?.cd4 == null ? '' : String(e.cd4),
  copies: e?.copies == null ? '' : String(e.copies),
  undetectable: e?.undetectable ?? false,
  outcome: e?.outcome ?? '',
});

type Props = { caseId: number; event: CaseEvent | null; onSaved: () => void; onCancel: () => void };

export function EventForm({ caseId, event, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<AppError | null>(null);
  const form = useForm<Values>({ defaultValues: fromEvent(event), resolver: schemaResolver(EventInputSchema, toInput) });
  const kind = form.watch('kind');
  const undetectable = form.watch('undetectable');
  const err = (n: keyof Values) => form.formState.errors[n]?.message;

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    const r = await call('events.save', { caseId, eventId: event?.id ?? null, event: toInput(values) as never });
    if (r.ok) {
      if (!event) lastKind = values.kind;
      form.reset(fromEvent(null));
      onSaved();
      // The next result of the same case is the likely next entry: the keyboard stays on the form.
      if (!event) requestAnimationFrame(() => document.getElementById('event-kind')?.focus());
    } else setError(r.error);
  });

  return (
    <form
      className="event-form"
      noValidate
      onSubmit={submit}
      aria-label={t('cases.addEvent')}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && (e.target as HTMLElement).getAttribute('aria-expanded') !== 'true') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <div className="grid-4">
        <Field id="event-kind" label={t('cases.eventKind')} error={err('kind')}>
          <Controller
            control={form.control}
            name="kind"
            render={({ field }) => (
              <EnumSelect
                id="event-kind"
                codes={EVENT_KINDS}
                prefix="enums.event_kind"
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
              />
            )}
          />
        </Field>
        <Field id="event-date" label={t('cases.eventDate')} error={err('date')}>
          <input id="event-date" autoComplete="off" placeholder={t('common.datePlaceholder')} {...form.register('date')} />
        </Field>
        {kind === 'cd4' ? (
          <Field id="event-cd4" label={t('cases.cd4')} error={err('cd4')}>
            <input id="event-cd4" inputMode="numeric" autoComplete="off" {...form.register('cd4')} />
          </Field>
        ) : null}
        {kind === 'viral_load' ? (
          <>
            <Field id="event-copies" label={t('cases.copies')} error={err('copies')}>
              <input id="event-copies" inputMode="numeric" autoComplete="off" disabled={undetectable} {...form.register('copies')} />
            </Field>
            <label className="check">
              <input type="checkbox" {...form.register('undetectable')} />
              {t('cases.undetectable')}
            </label>
          </>
        ) : null}
        {kind === 'outcome' ? (
          <Field id="event-outcome" label={t('cases.outcome')} error={err('outcome')}>
            <Controller
              control={form.control}
              name="outcome"
              render={({ field }) => (
                <EnumSelect
                  id="event-outcome"
                  codes={OUTCOMES}
                  prefix="enums.outcome"
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                />
              )}
            />
          </Field>
        ) : null}
      </div>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit">{event ? t('cases.save') : t('cases.addEvent')}</button>
        {event ? (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('cases.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
