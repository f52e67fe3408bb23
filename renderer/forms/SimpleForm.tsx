// The survey and estimates forms: the survey's sample and positives by key population, a few texts,
// and the migrant estimate by type and status.
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { cocKey, TOTAL, type FormCode } from '../../shared/forms/definitions';
import { KEY_POPULATIONS, LEGAL_STATUSES, MIGRANT_TYPES } from '../../shared/cases/schema';
import { Grid } from './Grid';
import type { GridCommon } from './TestingForm';
import type { CellRef } from './grid-model';

function TextField({ de, props }: { de: string; props: GridCommon }) {
  const { t } = useTranslation();
  const ref: CellRef = { de, coc: '' };
  const st = props.status(ref);
  const input = useRef<HTMLInputElement>(null);
  const commit = useRef(props.onCommit);
  commit.current = props.onCommit;
  // Left while still in the field (Alt+6 to another section removes it without a blur): saved as a blur would.
  useLayoutEffect(() => {
    const el = input.current;
    return () => {
      if (el && !props.readOnly && document.activeElement === el) commit.current([{ ref: { de, coc: '' }, text: el.value }]);
    };
  }, [de, props.readOnly]);
  return (
    <div className={`field ${st?.state === 'saved' ? 'saved' : ''} ${st?.state === 'error' ? 'field-invalid' : ''}`}>
      <label htmlFor={`field-${de}`}>{t(`forms.de.${de}`)}</label>
      <input
        id={`field-${de}`}
        data-cell={`${de}/`}
        readOnly={props.readOnly}
        value={props.text(ref)}
        onChange={(e) => props.onType(ref, e.target.value)}
        ref={input}
        onBlur={(e) => !props.readOnly && props.onCommit([{ ref, text: e.currentTarget.value }])}
        // Enter saves, as in the grids.
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !props.readOnly) {
            e.preventDefault();
            props.onCommit([{ ref, text: e.currentTarget.value }]);
          }
        }}
      />
      {st?.state === 'error' ? (
        <span className="field-error" role="alert">
          {t(st.messageKey)}
        </span>
      ) : null}
    </div>
  );
}

export function SimpleForm({ form, ...props }: { form: Exclude<FormCode, 'testing'> } & GridCommon) {
  const { t } = useTranslation();
  const counts = (des: string[]) => (
    <Grid
      id={`${form}-counts`}
      caption={t(`forms.names.${form}`)}
      rows={des.map((d) => ({ key: d, label: t(`forms.de.${d}`) }))}
      columns={[{ key: 'value', label: t('forms.value') }]}
      cell={(r) => ({ de: r.key, coc: '' })}
      {...props}
    />
  );
  if (form === 'survey') {
    return (
      <div className="simple-form">
        <TextField de="survey_name" props={props} />
        <Grid
          id="survey-kp"
          caption={t('forms.surveyByKp')}
          rows={[
            { key: TOTAL, label: t('forms.wholeSample') },
            ...KEY_POPULATIONS.map((k) => ({ key: k, label: t(`categories.key_population.${k}`) })),
          ]}
          columns={[
            { key: 'survey_sample', label: t('forms.de.survey_sample') },
            { key: 'survey_positive', label: t('forms.de.survey_positive') },
          ]}
          cell={(r, c) => ({ de: c.key, coc: r.key === TOTAL ? TOTAL : cocKey({ key_population: r.key }) })}
          {...props}
        />
      </div>
    );
  }
  return (
    <div className="simple-form">
      <Grid
        id="est-migrants"
        caption={t('forms.de.est_migrants')}
        rows={MIGRANT_TYPES.map((m) => ({ key: m, label: t(`categories.migrant_type.${m}`) }))}
        columns={LEGAL_STATUSES.map((l) => ({ key: l, label: t(`categories.legal_status.${l}`) }))}
        totals
        cell={(r, c) => ({ de: 'est_migrants', coc: cocKey({ migrant_type: r.key, legal_status: c.key }) })}
        {...props}
      />
      <TextField de="est_migrants_source" props={props} />
      <TextField de="est_migrants_method" props={props} />
      {counts(['est_plhiv'])}
      <TextField de="est_plhiv_source" props={props} />
      <TextField de="est_plhiv_method" props={props} />
    </div>
  );
}
