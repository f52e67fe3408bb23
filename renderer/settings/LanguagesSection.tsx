// Settings → Languages: every language the app speaks, how much of it is its own, and the honest
// word that the five drafted ones were written without native reviewers.
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_INFO, coverage } from '../../shared/i18n/languages';
import { pct } from '../indicators/format';
import { useCan } from '../auth/permissions';
import { CorrectTranslation } from './CorrectTranslation';

export function LanguagesSection() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <>
      <h3>{t('settings.languages')}</h3>
      <p className="notice" data-testid="translations-draft">
        {t('settings.languagesDraft')}
      </p>
      <dl className="facts" data-testid="language-coverage">
        {LANGUAGES.map((l) => (
          <Fragment key={l}>
            <dt lang={l}>{LANGUAGE_INFO[l].native}</dt>
            <dd>{LANGUAGE_INFO[l].draft ? t('settings.languageShare', { percent: pct(coverage(l)) }) : t('settings.languageComplete')}</dd>
          </Fragment>
        ))}
      </dl>
      {can('admin') ? <CorrectTranslation /> : null}
    </>
  );
}
