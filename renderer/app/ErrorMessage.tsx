import { useTranslation } from 'react-i18next';
import type { AppError } from '../../shared/result';

/** An error from the back end in the user's language, naming each field that is wrong. */
export function ErrorMessage({ error }: { error: AppError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div role="alert" className="error-box">
      <p>{t(error.messageKey, error.params ?? {})}</p>
      {error.issues?.length ? (
        <ul>
          {error.issues.map((issue) => (
            <li key={issue.path + issue.messageKey}>
              {t(`fields.${issue.path.split('.').pop()}`, { defaultValue: issue.path })}: {t(issue.messageKey, issue.params ?? {})}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
