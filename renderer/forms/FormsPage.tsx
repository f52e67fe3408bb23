// Aggregate forms for the installation's org unit: choose the form and period, type or paste
// values, see rule violations and outliers live, approve (locks) or withdraw the approval.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OrgUnitSelect } from '../app/OrgUnitSelect';
import { chooseUnit, unitToShow } from '../app/chosen-unit';
import type { AppStatus } from '../../shared/contract';
import { FORM_CODES, FORM_PERIOD_TYPES, type FormCode } from '../../shared/forms/definitions';
import { appError } from '../../shared/result';
import { ErrorMessage } from '../app/ErrorMessage';
import { cellId, type CellRef } from './grid-model';
import { useFormData } from './useFormData';
import { TestingForm } from './TestingForm';
import { SimpleForm } from './SimpleForm';
import { deLabel } from '../../shared/forms/labels';
import { CompletenessPanel } from './CompletenessPanel';
import { useCall } from '../api/queries';
import { routeOf, useAddress } from '../shell/routes';
import { chooseYear, yearToShow } from '../app/chosen-year';
import { ConfirmButton } from '../app/ConfirmButton';
import { uiLocale, monthName } from '../app/locale';

const SUB_PERIODS = {
  year: [''],
  quarter: ['Q1', 'Q2', 'Q3', 'Q4'],
  month: ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'],
} as const;

export function FormsPage({ status }: { status: AppStatus }) {
  const { t } = useTranslation();
  // The centre's own organisation, or (a regional or national centre) any below it, as DHIS2's data
  // entry lets one pick; the choice carries over from other sections, and the back end checks the account's scope.
  const [unitId, setUnitId] = useState(() => unitToShow(status, status.database!.orgUnitPath.at(-1)!.id));
  const pickUnit = (id: number) => {
    chooseUnit(id);
    setUnitId(id);
  };
  // The form and period are in the address, #/forms/testing/2017/Q1, so a period can be linked to;
  // the year as typed stays on screen and goes into the address once it is a year.
  const { segments, go } = useAddress();
  const form: FormCode = (FORM_CODES as readonly string[]).includes(segments[1] ?? '') ? (segments[1] as FormCode) : 'testing';
  const routeYear = /^\d{4}$/.test(segments[2] ?? '') ? segments[2]! : yearToShow(status);
  const subs: readonly string[] = FORM_PERIOD_TYPES[form].flatMap((type) => SUB_PERIODS[type]);
  const sub = subs.find((s) => s === segments[3]) ?? '';
  const [year, setTyped] = useState(routeYear);
  useEffect(() => setTyped(routeYear), [routeYear]);
  const show = (next: { form?: FormCode; year?: string; sub?: string }, replace = false) =>
    go(routeOf('forms', next.form ?? form, next.year ?? routeYear, next.sub ?? sub), { replace });
  const setForm = (code: FormCode) => show({ form: code, sub: '' });
  const setYear = (typed: string) => {
    setTyped(typed);
    chooseYear(typed);
    if (/^\d{4}$/.test(typed)) show({ year: typed }, true);
  };
  const setSub = (s: string) => show({ sub: s });
  /** The period before or after of the same kind (year, quarter or month), across years. */
  const step = (by: -1 | 1) => {
    const own = sub === '' ? [''] : subs.filter((s) => s !== '' && s.startsWith('Q') === sub.startsWith('Q'));
    const at = own.indexOf(sub) + by;
    const y = Number(year) + (at < 0 ? -1 : at >= own.length ? 1 : 0);
    const s = own[(at + own.length) % own.length]!;
    chooseYear(String(y));
    show({ year: String(y), sub: s });
  };
  const period = /^\d{4}$/.test(year) ? `${year}${FORM_PERIOD_TYPES[form].length > 1 ? sub : ''}` : '';
  const f = useFormData(form, unitId, period || yearToShow(status));
  const locked = !!f.data?.approval;
  // Each form's values for this organisation and period, beside its tab (the year's completeness, shared with its panel).
  const completeness = useCall('forms.completeness', { year: Number(year) }, { enabled: /^\d{4}$/.test(year) }).data ?? [];
  const heldIn = (code: FormCode) =>
    completeness.find((c) => c.form === code && c.orgUnitId === unitId && c.period === (code === form ? period : year))?.values ?? 0;
  const [active, setActive] = useState<CellRef | null>(null);
  const [commentText, setCommentText] = useState('');

  const flagged = (c: CellRef): string | undefined => {
    const v = f.violations.find((x) =>
      x.cell !== null ? x.cell === c.coc && (x.leftDe === c.de || x.rightDe === c.de) : x.leftDe === c.de || x.rightDe === c.de,
    );
    if (v) return t(v.messageKey);
    const o = f.data?.outliers.find((x) => x.de === c.de && x.cell === c.coc);
    return o ? t('rules.outlier', { previous: o.previous }) : undefined;
  };
  const gridProps = {
    held: f.data?.values ?? [],
    text: f.text,
    status: f.status,
    flagged,
    readOnly: locked,
    onType: f.type,
    onCommit: (cells: { ref: CellRef; text: string }[]) => void f.commit(cells),
    onBlockError: (key: string) => f.setError({ ...appError('invalid_input'), messageKey: key }),
    onFocusCell: (c: CellRef) => {
      setActive(c);
      setCommentText(f.comment(c));
    },
  };
  // A comment belongs to a value: it is saved with the cell's current value, and needs one.
  const saveComment = () => {
    if (!active || locked || commentText === f.comment(active) || f.text(active).trim() === '') return;
    void f.commit([{ ref: active, text: f.text(active), comment: commentText }]);
  };

  return (
    <section className="forms-page">
      <div className="toolbar">
        <h2>{t('forms.title')}</h2>
      </div>
      <div className="form-tabs" role="tablist">
        {FORM_CODES.map((code) => (
          <button
            key={code}
            type="button"
            role="tab"
            aria-selected={form === code}
            className={form === code ? '' : 'secondary'}
            onClick={() => setForm(code)}
          >
            {t(`forms.names.${code}`)}
            {heldIn(code) ? ` · ${heldIn(code)}` : ''}
          </button>
        ))}
      </div>
      <div className="period-bar">
        <label className="filter">
          <span>{t('forms.year')}</span>
          <input id="form-year" inputMode="numeric" maxLength={4} value={year} onChange={(e) => setYear(e.target.value)} />
        </label>
        {FORM_PERIOD_TYPES[form].length > 1 ? (
          <label className="filter">
            <span>{t('forms.period')}</span>
            <select id="form-subperiod" value={sub} onChange={(e) => setSub(e.target.value)}>
              {FORM_PERIOD_TYPES[form]
                .flatMap((type) => SUB_PERIODS[type])
                .map((s) => (
                  <option key={s} value={s}>
                    {s === '' ? t('forms.wholeYear') : s.startsWith('Q') ? t('forms.quarter', { q: s.slice(1) }) : monthName(Number(s))}
                  </option>
                ))}
            </select>
          </label>
        ) : null}
        <span className="period-steps">
          <button
            type="button"
            className="secondary"
            onClick={() => step(-1)}
            disabled={!/^\d{4}$/.test(year)}
            aria-label={t('forms.previousPeriod')}
            title={t('forms.previousPeriod')}
          >
            ‹
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => step(1)}
            disabled={!/^\d{4}$/.test(year)}
            aria-label={t('forms.nextPeriod')}
            title={t('forms.nextPeriod')}
          >
            ›
          </button>
        </span>
        <span className="period-code" data-testid="period-code">
          {period}
        </span>
        <label className="filter">
          <span>{t('settings.orgUnit')}</span>
          <OrgUnitSelect id="form-org-unit" value={unitId} onChange={pickUnit} />
        </label>
        {period && f.data ? (
          locked ? (
            <>
              <span className="badge approved" role="status">
                {t('forms.approvedBy', {
                  by: f.data.approval!.approvedBy,
                  at: new Date(f.data.approval!.approvedAt).toLocaleString(uiLocale()),
                })}
              </span>
              <button type="button" className="secondary" onClick={() => void f.approve(false)}>
                {t('forms.unapprove')}
              </button>
            </>
          ) : (
            <ConfirmButton
              label={t('forms.approve')}
              question={t('forms.approveQuestion', { period })}
              onConfirm={() => void f.approve(true)}
              danger={false}
            />
          )
        ) : null}
      </div>
      <ErrorMessage error={f.error} />
      {period && (f.violations.length || f.data?.outliers.length) ? (
        <div className="rule-panel" role="status" aria-label={t('forms.checks')}>
          {f.violations.map((v) => (
            <p key={v.rule + (v.cell ?? '')} className="violation">
              {t(v.messageKey)}: {deLabel(t, v.leftDe)} {v.left} &gt; {deLabel(t, v.rightDe)} {v.right}
            </p>
          ))}
          {f.data?.outliers.map((o) => (
            <p key={cellId({ de: o.de, coc: o.cell })} className="outlier">
              {t('rules.outlier', { previous: o.previous })}: {deLabel(t, o.de)} {o.value}
            </p>
          ))}
        </div>
      ) : null}
      {/* A year being typed ("201") is no period: said, rather than another year's values shown under it. */}
      {!period ? (
        <p className="muted" role="status" data-testid="form-no-period">
          {t('forms.yearNeeded')}
        </p>
      ) : !f.data ? (
        <p>{t('common.loading')}</p>
      ) : form === 'testing' ? (
        <TestingForm {...gridProps} />
      ) : (
        <SimpleForm form={form} {...gridProps} />
      )}
      {active && form === 'testing' ? (
        <div className="comment-bar">
          <label className="filter">
            <span>{t('forms.comment', { cell: deLabel(t, active.de) })}</span>
            <input
              id="cell-comment"
              value={commentText}
              readOnly={locked}
              disabled={f.text(active).trim() === ''}
              onChange={(e) => setCommentText(e.target.value)}
              onBlur={saveComment}
              onKeyDown={(e) => e.key === 'Enter' && saveComment()}
            />
          </label>
        </div>
      ) : null}
      {/^\d{4}$/.test(year) ? <CompletenessPanel year={Number(year)} /> : null}
    </section>
  );
}
