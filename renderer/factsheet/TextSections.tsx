// The text of sections 2, 3, 3.1 and 4: one box each, saved on its own (audited), a line per point.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEXT_SECTIONS, type TextSection } from '../../shared/factsheet/definitions';
import { languageOf } from '../../shared/i18n/languages';
import { keepTyped } from '../app/keep-typed';

export function TextSections({
  texts,
  languages,
  onSave,
}: {
  texts: Record<string, string>;
  /** The language each text is in: one in another language is shown beside an empty box, not put in it. */
  languages: Record<string, string>;
  onSave: (section: TextSection, body: string) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  const lang = languageOf(i18n.language);
  const own = (all: Record<string, string>) => Object.fromEntries(Object.entries(all).filter(([s]) => languages[s] === lang));
  const [drafts, setDrafts] = useState<Record<string, string>>(own(texts));
  const [saved, setSaved] = useState<TextSection | null>(null);
  // Texts read again (one saved, or section 1): a box typed in and not yet saved keeps its draft.
  const shown = useRef({ lang, texts: own(texts) });
  useEffect(() => {
    const next = own(texts);
    const sections = (all: Record<string, string>) => Object.fromEntries(TEXT_SECTIONS.map((s) => [s, all[s] ?? '']));
    setDrafts((now) => (shown.current.lang === lang ? keepTyped(sections(shown.current.texts), sections(now), sections(next)) : next));
    shown.current = { lang, texts: next };
  }, [texts, languages, lang]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="fact-texts">
      <p className="muted">{t('factsheet.textHelp')}</p>
      {TEXT_SECTIONS.map((s) => (
        <div key={s} className="fact-text-edit">
          <label htmlFor={`text-${s}`}>{t(`factsheet.sections.${s}`)}</label>
          <textarea
            id={`text-${s}`}
            rows={6}
            value={drafts[s] ?? ''}
            onChange={(e) => {
              setDrafts({ ...drafts, [s]: e.target.value });
              if (saved === s) setSaved(null);
            }}
          />
          {languages[s] && languages[s] !== lang && texts[s] ? (
            <details className="other-language">
              <summary>{t('factsheet.textInOther', { language: t('common.languageName', { lng: languages[s] }) })}</summary>
              <p className="muted">{texts[s]}</p>
            </details>
          ) : null}
          <div className="actions">
            <button
              type="button"
              className="secondary"
              onClick={() => void onSave(s, drafts[s] ?? '').then((ok) => setSaved(ok ? s : null))}
            >
              {t('factsheet.saveText')}
            </button>
            {saved === s ? (
              <span role="status" className="notice">
                {t('factsheet.saved')}
              </span>
            ) : null}
          </div>
        </div>
      ))}
    </div>
  );
}
