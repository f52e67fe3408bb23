// Aggregate-form channels: values with their rule violations and outlier warnings, saves, approval.
import { approval, completeness, formValues, rules, saveCells, setApproval, type FormKey } from '../../../db/forms.js';
import type { Db } from '../../../db/connection.js';
import { evaluateRules, outliers, toFormValues } from '../../../shared/forms/rules.js';
import { previousYear } from '../../../shared/periods.js';
import type { FormData } from '../../../shared/forms/api.js';
import type { Handlers } from '../handlers.js';

export function formData(db: Db, k: FormKey): FormData {
  const values = formValues(db, k);
  const current = toFormValues(values);
  const formRules = rules(db, k.form);
  const last = previousYear(k.period);
  return {
    values,
    approval: approval(db, k),
    violations: evaluateRules(formRules, current),
    outliers: last ? outliers(current, toFormValues(formValues(db, { ...k, period: last }))) : [],
    rules: formRules,
  };
}

export const formHandlers: Pick<Handlers, 'forms.get' | 'forms.save' | 'forms.approve' | 'forms.completeness'> = {
  'forms.get': (s, k) => formData(s.database, { ...k, orgUnitId: s.unit(k.orgUnitId) }),
  'forms.save': (s, { cells, ...k }) => {
    s.unit(k.orgUnitId);
    saveCells(s.database, s.actor, k, cells);
    return formData(s.database, k);
  },
  'forms.approve': (s, { approved, ...k }) => {
    s.unit(k.orgUnitId);
    setApproval(s.database, s.actor, k, approved);
    return formData(s.database, k);
  },
  'forms.completeness': (s, { year }) => {
    const scope = s.scope;
    return completeness(s.database, year).filter((c) => !scope || scope.has(c.orgUnitId));
  },
};
