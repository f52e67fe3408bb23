// New or edited case, in the order of the paper register. Enter saves, Esc cancels; a likely
// duplicate is shown while typing, and saving it needs an explicit "different person" tick.
import { useEffect, useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  CaseInputSchema,
  KEY_POPULATIONS,
  LEGAL_STATUSES,
  MIGRANT_TYPES,
  SEXES,
  TRANSMISSION_ROUTES,
  uicIssue,
  type CaseInput,
} from '../../shared/cases/schema';
import { uicMismatches } from '../../shared/cases/uic';
import type { Duplicate } from '../../shared/cases/api';
import { formatDate, parseDateInput } from '../../shared/dates';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { CountrySelect } from '../app/CountrySelect';
import { EnumSelect } from '../app/EnumSelect';
import { ErrorMessage } from '../app/ErrorMessage';
import { Field } from '../app/Field';
import { schemaResolver } from '../app/form-resolver';
import { setUnsaved } from '../app/unsaved';
import { CASE_REQUIRED } from '../../shared/imports/columns';

type Values = {
  registerNo: string;
  uic: string;
  sex: string;
  birthYear: string;
  citizenship: string;
  migrantType: string;
  legalStatus: string;
  keyPopulations: string[];
  transmissionRoute: string;
  infectionCountry: string;
  diagnosisDate: string;
  diagnosisCountry: string;
  aidsAtDiagnosis: string;
  firstAidsDate: string;
};

const AIDS_AT_DIAGNOSIS = ['yes', 'no', 'unknown'] as const;
/** The fields a case cannot be saved without (the import's required columns: one list). */
const isRequired = (name: string) => (CASE_REQUIRED as readonly string[]).includes(name);

const EMPTY: Values = {
  registerNo: '',
  uic: '',
  sex: '',
  birthYear: '',
  citizenship: '',
  migrantType: '',
  legalStatus: '', // the clerk chooses: "unknown" is an answer, not a default
  keyPopulations: [],
  transmissionRoute: '',
  infectionCountry: '',
  diagnosisDate: '',
  diagnosisCountry: '',
  aidsAtDiagnosis: 'unknown',
  firstAidsDate: '',
};

function toInput(v: Values): unknown {
  const year = v.birthYear.trim();
  return {
    ...v,
    birthYear: year === '' ? null : /^\d{4}$/.test(year) ? Number(year) : NaN,
    citizenship: v.citizenship || null,
    infectionCountry: v.infectionCountry || null,
    diagnosisCountry: v.diagnosisCountry || null,
    diagnosisDate: parseDateInput(v.diagnosisDate),
    aidsAtDiagnosis: v.aidsAtDiagnosis === 'yes' ? true : v.aidsAtDiagnosis === 'no' ? false : null,
    firstAidsDate: v.firstAidsDate.trim() === '' ? null : parseDateInput(v.firstAidsDate),
  };
}

const fromInput = (c: CaseInput): Values => ({
  ...c,
  birthYear: c.birthYear === null ? '' : String(c.birthYear),
  citizenship: c.citizenship ?? '',
  infectionCountry: c.infectionCountry ?? '',
  diagnosisCountry: c.diagnosisCountry ?? '',
  diagnosisDate: formatDate(c.diagnosisDate),
  aidsAtDiagnosis: c.aidsAtDiagnosis === true ? 'yes' : c.aidsAtDiagnosis === false ? 'no' : 'unknown',
  firstAidsDate: formatDate(c.firstAidsDate ?? null),
});

type Props = {
  caseId: number | null;
  initial: CaseInput | null;
  uicPattern: string;
  onSaved: (id: number) => void;
  onCancel: () => void;
  onOpenCase: (id: number) => void;
};

export function CaseForm({ caseId, initial, uicPattern, onSaved, onCancel, onOpenCase }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<AppError | null>(null);
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);
  const [differentPerson, setDifferentPerson] = useState(false);
  const form = useForm<Values>({
    defaultValues: initial ? fromInput(initial) : EMPTY,
    resolver: schemaResolver(CaseInputSchema, toInput, (c) => {
      const issue = uicIssue(c.uic, uicPattern);
      return issue ? [{ path: 'uic', messageKey: issue }] : [];
    }),
  });
  const { errors } = form.formState;
  const [uic, sex, birthYear] = form.watch(['uic', 'sex', 'birthYear']);
  const year = /^\d{4}$/.test(birthYear.trim()) ? Number(birthYear) : null;

  // Likely duplicates while typing: same code (Cyrillic or Latin), sex and year of birth.
  useEffect(() => {
    if (!uic.trim() || !sex) return setDuplicates([]);
    let live = true; // an answer for what was typed before is dropped
    const timer = setTimeout(() => {
      void call('cases.duplicates', { uic, sex: sex as CaseInput['sex'], birthYear: year, excludeId: caseId }).then(
        (r) => live && setDuplicates(r.ok ? r.value : []),
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      live = false;
    };
  }, [uic, sex, year, caseId]);
  useEffect(() => setDifferentPerson(false), [duplicates.length]);

  const mismatches = uic.trim() && sex ? uicMismatches(uic, sex, year) : [];

  const submit = form.handleSubmit(async () => {
    setError(null);
    const input = toInput(form.getValues()) as CaseInput;
    const allowDuplicate = duplicates.length > 0 && differentPerson;
    const r =
      caseId === null
        ? await call('cases.create', { case: input, allowDuplicate })
        : await call('cases.update', { id: caseId, case: input, allowDuplicate });
    if (r.ok) onSaved(r.value.id);
    else setError(r.error);
  });

  // Esc closes an open list first; on the form it leaves at once only when nothing was typed,
  // otherwise it asks (Enter leaves without saving, a second Esc goes back to the form).
  const dirty = form.formState.isDirty;
  const [asking, setAsking] = useState(false);
  const backTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    setUnsaved(dirty ? t('cases.discardQuestion') : null);
  }, [dirty, t]);
  useEffect(() => () => setUnsaved(null), []);
  const cancel = () => {
    if (!dirty) return onCancel();
    backTo.current = document.activeElement as HTMLElement | null;
    setAsking(true);
  };
  const keepEditing = () => {
    setAsking(false);
    setTimeout(() => backTo.current?.focus(), 0);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (e.key !== 'Escape' || target.getAttribute('aria-expanded') === 'true') return;
    e.preventDefault();
    if (asking) keepEditing();
    else cancel();
  };

  const err = (name: keyof Values) => errors[name]?.message;
  const enumField = (
    name: 'sex' | 'migrantType' | 'legalStatus' | 'transmissionRoute' | 'aidsAtDiagnosis',
    codes: readonly string[],
    prefix: string,
  ) => (
    <Field id={name} label={t(`fields.${name}`)} error={err(name)} required={isRequired(name)}>
      <Controller
        control={form.control}
        name={name}
        render={({ field, fieldState }) => (
          <EnumSelect
            id={name}
            codes={codes}
            prefix={prefix}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            invalid={fieldState.invalid}
          />
        )}
      />
    </Field>
  );
  const countryField = (name: 'citizenship' | 'infectionCountry' | 'diagnosisCountry') => (
    <Field id={name} label={t(`fields.${name}`)} error={err(name)} required={isRequired(name)}>
      <Controller
        control={form.control}
        name={name}
        render={({ field, fieldState }) => (
          <CountrySelect
            id={name}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            invalid={fieldState.invalid}
            placeholder=""
          />
        )}
      />
    </Field>
  );

  return (
    <form
      className="case-form"
      noValidate
      onSubmit={submit}
      onKeyDown={onKeyDown}
      aria-label={caseId === null ? t('cases.new') : t('cases.edit')}
    >
      <div className="grid-2">
        <Field id="registerNo" label={t('fields.registerNo')} error={err('registerNo')} required>
          <input id="registerNo" autoFocus autoComplete="off" {...form.register('registerNo')} />
        </Field>
        <Field id="uic" label={t('fields.uic')} error={err('uic')} required>
          <input id="uic" autoComplete="off" spellCheck={false} placeholder="АНМА11985" {...form.register('uic')} />
        </Field>
        {enumField('sex', SEXES, 'categories.sex')}
        <Field id="birthYear" label={t('fields.birthYear')} error={err('birthYear')}>
          <input id="birthYear" inputMode="numeric" autoComplete="off" maxLength={4} {...form.register('birthYear')} />
        </Field>
      </div>
      {mismatches.length ? (
        <p className="warning" role="status">
          {t('cases.mismatch')}
        </p>
      ) : null}
      {duplicates.length ? (
        <div className="duplicate-warning" role="alert">
          <p>{t('cases.duplicateWarning')}</p>
          {duplicates.map((d) => (
            <button key={d.id} type="button" className="link" onClick={() => onOpenCase(d.id)}>
              {t('cases.openDuplicate', { registerNo: d.registerNo })} ({d.uic}, {formatDate(d.diagnosisDate)})
            </button>
          ))}
          <label className="check">
            <input type="checkbox" checked={differentPerson} onChange={(e) => setDifferentPerson(e.target.checked)} />
            {t('cases.saveAnyway')}
          </label>
        </div>
      ) : null}
      <div className="grid-2">
        {countryField('citizenship')}
        {enumField('migrantType', MIGRANT_TYPES, 'categories.migrant_type')}
        {enumField('legalStatus', LEGAL_STATUSES, 'categories.legal_status')}
      </div>
      <fieldset className={errors.keyPopulations ? 'field field-invalid' : 'field'}>
        <legend>{t('fields.keyPopulations')}</legend>
        <div className="checks">
          {KEY_POPULATIONS.map((kp) => (
            <label key={kp} className="check">
              <input type="checkbox" value={kp} {...form.register('keyPopulations')} />
              {t(`categories.key_population.${kp}`)}
            </label>
          ))}
        </div>
        {errors.keyPopulations?.message ? (
          <span className="field-error" role="alert">
            {t(errors.keyPopulations.message)}
          </span>
        ) : null}
      </fieldset>
      <div className="grid-2">
        {enumField('transmissionRoute', TRANSMISSION_ROUTES, 'enums.transmission_route')}
        {countryField('infectionCountry')}
        <Field id="diagnosisDate" label={t('fields.diagnosisDate')} error={err('diagnosisDate')} required>
          <input id="diagnosisDate" autoComplete="off" placeholder={t('common.datePlaceholder')} {...form.register('diagnosisDate')} />
        </Field>
        {countryField('diagnosisCountry')}
        {enumField('aidsAtDiagnosis', AIDS_AT_DIAGNOSIS, 'enums.aids_at_diagnosis')}
        <Field id="firstAidsDate" label={t('fields.firstAidsDate')} error={err('firstAidsDate')}>
          <input id="firstAidsDate" autoComplete="off" placeholder={t('common.datePlaceholder')} {...form.register('firstAidsDate')} />
        </Field>
      </div>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" disabled={form.formState.isSubmitting}>
          {t('cases.save')}
        </button>
        <button type="button" className="secondary" onClick={cancel}>
          {t('cases.cancel')}
        </button>
      </div>
      {asking ? (
        <div className="confirm" role="alertdialog" aria-label={t('cases.discardQuestion')} data-testid="discard-question">
          <span>{t('cases.discardQuestion')}</span>
          <button
            type="button"
            autoFocus
            className="danger"
            onClick={() => {
              setUnsaved(null);
              onCancel();
            }}
          >
            {t('cases.discard')}
          </button>
          <button type="button" className="secondary" onClick={keepEditing}>
            {t('cases.keepEditing')}
          </button>
        </div>
      ) : null}
    </form>
  );
}
