import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A labelled form field with its error, read out by screen readers; a required one is marked. */
export function Field({
  id,
  label,
  error,
  required,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  required?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required" title={t('common.requiredField')}>
            <span aria-hidden="true"> *</span>
            <span className="sr-only"> ({t('common.requiredField')})</span>
          </span>
        ) : null}
      </label>
      {children}
      {error ? (
        <span className="field-error" role="alert" id={`${id}-error`}>
          {t(error)}
        </span>
      ) : null}
    </div>
  );
}
