import { useTranslation } from 'react-i18next';
import type { AppError } from '../../shared/result';

/**
 * An error from the back end in the user's language, naming each field that is wrong: by the
 * screen's own label where the screen gives one (`labels`, by the path's first part), else by the
 * case form's field names.
 */
export function ErrorMessage({ error, labels }: { error: AppError | null; labels?: Readonly<Record<string, string>> }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div role="alert" className="error-box">
      <p>{t(error.messageKey, error.params ?? {})}</p>
      {error.issues?.length ? (
        <ul>
          {error.issues.map((issue) => (
            <li key={issue.path + issue.messageKey}>
              {labels?.[issue.path.split('.')[0]!] ?? t(`fields.${issue.path.split('.').pop()}`, { defaultValue: issue.path })}:{' '}
              {t(issue.messageKey, issue.params ?? {})}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
