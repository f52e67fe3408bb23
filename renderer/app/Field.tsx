import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A labelled form field with its error, read out by screen readers. */
export function Field({ id, label, error, children }: { id: string; label: string; error?: string | undefined; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span className="field-error" role="alert" id={`${id}-error`}>
          {t(error)}
        </span>
      ) : null}
    </div>
  );
}
