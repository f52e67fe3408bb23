// One case: its data, the timeline of events (add, edit, delete), and its change history.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseEvent } from '../../shared/cases/api';
import { formatDate } from '../../shared/dates';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { useCall } from '../api/queries';
import { ConfirmButton } from '../app/ConfirmButton';
import { ErrorMessage } from '../app/ErrorMessage';
import { AuditTable } from '../app/AuditTable';
import { groupSaves } from '../audit/describe';
import { loadCountries } from '../app/countries';
import { EventForm } from './EventForm';
import { useCan } from '../auth/permissions';
import { languageOf } from '../../shared/i18n/languages';
import { countryName } from '../../shared/i18n/country-names';

function eventValue(e: CaseEvent, t: (k: string) => string): string {
  if (e.kind === 'cd4') return String(e.cd4);
  if (e.kind === 'viral_load') return e.undetectable ? t('cases.undetectable') : `${e.copies}`;
  if (e.kind === 'outcome') return t(`enums.outcome.${e.outcome}`);
  return '';
}

type Props = { id: number; onEdit: () => void; onDeleted: () => void; onBack: () => void; notice?: string | null };

export function CaseView({ id, onEdit, onDeleted, onBack, notice }: Props) {
  const { t, i18n } = useTranslation();
  // The case and its history through the query cache; a save or a deletion anywhere reads them
  // again (client.ts fires desk:data-changed after every call that writes).
  const got = useCall('cases.get', { id });
  const history = useCall('cases.audit', { id });
  const detail = got.data ?? null;
  const audit = history.data ?? [];
  const [failure, setError] = useState<AppError | null>(null);
  const error = failure ?? got.error?.error ?? null;
  const [editing, setEditing] = useState<CaseEvent | null>(null);
  // An event edited (saved or left with Esc): the keyboard goes back to its "Изменить" button.
  const doneEditing = (eventId: number) => {
    setEditing(null);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-edit-event="${eventId}"]`)?.focus());
  };
  const [countries, setCountries] = useState<Record<string, string>>({});
  // A case received from another centre is that centre's: read here, changed only by its next package.
  const canLink = useCan()('register.write');
  const canWrite = canLink && detail?.receivedFrom == null;

  useEffect(() => {
    void loadCountries().then((list) =>
      setCountries(Object.fromEntries(list.map((c) => [c.code, countryName(c.code, languageOf(i18n.language))]))),
    );
  }, [i18n.language]);

  const remove = async () => {
    const r = await call('cases.delete', { id });
    if (r.ok) onDeleted();
    else setError(r.error);
  };
  const unlink = async () => {
    const r = await call('persons.unlink', { caseId: id });
    setError(r.ok ? null : r.error);
  };
  const removeEvent = async (eventId: number) => {
    const r = await call('events.delete', { caseId: id, eventId });
    setError(r.ok ? null : r.error);
  };

  // Just saved: the keyboard goes on to the case's first event, the clerk's next entry.
  const loaded = detail !== null;
  // Opened from the list (or a link): the keyboard starts at the case's heading, not the page body,
  // unless a button that opened it keeps it (the previous / next case).
  useEffect(() => {
    if (loaded && notice && canWrite) document.getElementById('event-kind')?.focus();
    else if (loaded && (document.activeElement === document.body || !document.activeElement))
      document.getElementById('case-heading')?.focus();
  }, [loaded, notice, canWrite]);

  if (!detail) return <ErrorMessage error={error} />;
  const c = detail.case;
  const country = (code: string | null) => (code ? (countries[code] ?? code) : '—');
  return (
    <section className="case-view" aria-label={`${t('fields.registerNo')} ${c.registerNo}`}>
      <div className="toolbar">
        <button type="button" className="secondary" onClick={onBack}>
          ← {t('cases.back')}
        </button>
        <h2 id="case-heading" tabIndex={-1}>
          № {c.registerNo} · <span className="uic">{c.uic}</span>
        </h2>
        {canWrite ? (
          <>
            <button type="button" onClick={onEdit}>
              {t('cases.edit')}
            </button>
            <ConfirmButton label={t('cases.delete')} question={t('cases.confirmDelete', { registerNo: c.registerNo })} onConfirm={remove} />
          </>
        ) : null}
      </div>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorMessage error={error} />
      {detail.personRecords.length ? (
        <div className="notice" data-testid="person-records">
          <p>
            {t('persons.counted', {
              records: detail.personRecords.map((r) => `№ ${r.registerNo} (${r.receivedFrom ?? r.unit})`).join(', '),
            })}
          </p>
          {canLink ? (
            <button type="button" className="secondary small" onClick={() => void unlink()}>
              {t('persons.unlink')}
            </button>
          ) : null}
        </div>
      ) : null}
      {detail.receivedFrom ? (
        <p className="notice" data-testid="received-from">
          {t('cases.receivedFrom', { centre: detail.receivedFrom })}
        </p>
      ) : null}
      {detail.uicMismatches.length ? <p className="warning">{t('cases.mismatch')}</p> : null}
      <dl className="facts">
        <dt>{t('fields.sex')}</dt>
        <dd>{t(`categories.sex.${c.sex}`)}</dd>
        <dt>{t('fields.birthYear')}</dt>
        <dd>{c.birthYear ?? '—'}</dd>
        <dt>{t('fields.citizenship')}</dt>
        <dd>{country(c.citizenship)}</dd>
        <dt>{t('fields.migrantType')}</dt>
        <dd>{t(`categories.migrant_type.${c.migrantType}`)}</dd>
        <dt>{t('fields.legalStatus')}</dt>
        <dd>{t(`categories.legal_status.${c.legalStatus}`)}</dd>
        <dt>{t('fields.keyPopulations')}</dt>
        <dd>{c.keyPopulations.map((k) => t(`categories.key_population.${k}`)).join('; ') || '—'}</dd>
        <dt>{t('fields.transmissionRoute')}</dt>
        <dd>{t(`enums.transmission_route.${c.transmissionRoute}`)}</dd>
        <dt>{t('fields.infectionCountry')}</dt>
        <dd>{country(c.infectionCountry)}</dd>
        <dt>{t('fields.diagnosisDate')}</dt>
        <dd>{formatDate(c.diagnosisDate)}</dd>
        <dt>{t('fields.diagnosisCountry')}</dt>
        <dd>{country(c.diagnosisCountry)}</dd>
        <dt>{t('fields.aidsAtDiagnosis')}</dt>
        <dd>{t(`enums.aids_at_diagnosis.${c.aidsAtDiagnosis === true ? 'yes' : c.aidsAtDiagnosis === false ? 'no' : 'unknown'}`)}</dd>
        <dt>{t('fields.firstAidsDate')}</dt>
        <dd>{c.firstAidsDate ? formatDate(c.firstAidsDate) : '—'}</dd>
        <dt>{t('cases.outcome')}</dt>
        <dd data-testid="current-outcome">{t(`enums.outcome.${detail.currentOutcome}`)}</dd>
      </dl>

      <h3>{t('cases.timeline')}</h3>
      {detail.events.length === 0 ? <p className="muted">{t('cases.noEvents')}</p> : null}
      <ol className="timeline">
        {detail.events.map((e) =>
          editing?.id === e.id ? (
            <li key={e.id}>
              <EventForm caseId={id} event={e} onSaved={() => doneEditing(e.id)} onCancel={() => doneEditing(e.id)} />
            </li>
          ) : (
            <li key={e.id} className={`event event-${e.kind}`}>
              <time>{formatDate(e.date)}</time>
              <span className="kind">{t(`enums.event_kind.${e.kind}`)}</span>
              <span className="value">{eventValue(e, t)}</span>
              {canWrite ? (
                <>
                  <button type="button" className="secondary small" data-edit-event={e.id} onClick={() => setEditing(e)}>
                    {t('cases.edit')}
                  </button>
                  <ConfirmButton
                    label={t('cases.delete')}
                    question={t('cases.confirmDeleteEvent')}
                    onConfirm={() => void removeEvent(e.id)}
                  />
                </>
              ) : null}
            </li>
          ),
        )}
      </ol>
      {editing || !canWrite ? null : <EventForm caseId={id} event={null} onSaved={() => {}} onCancel={() => {}} />}

      <h3>{t('cases.history')}</h3>
      <AuditTable groups={groupSaves(audit)} label={t('cases.history')} />
    </section>
  );
}
