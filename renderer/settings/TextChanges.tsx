// Texts about to change, each as it reads now and as it would read: the translation workbook's
// preview and a package's corrected texts show them the same way.
import { useTranslation } from 'react-i18next';

type Change = { language: string; key: string; before: string; after: string };

export function TextChanges({
  changes,
  caption,
  testId,
  withLanguage,
}: {
  changes: readonly Change[];
  caption?: string;
  testId?: string;
  withLanguage?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <table className="audit" data-testid={testId}>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          <th>{t('settings.translationKey')}</th>
          <th>{t('settings.translationBefore')}</th>
          <th>{t('settings.translationAfter')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={`${c.language}:${c.key}`}>
            <td className="path">{withLanguage ? `${c.language} · ${c.key}` : c.key}</td>
            <td lang={c.language}>{c.before}</td>
            <td lang={c.language}>{c.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
