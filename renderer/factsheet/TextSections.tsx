// The text of sections 2, 3, 3.1 and 4: one box each, saved on its own (audited), a line per point.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEXT_SECTIONS, type TextSection } from '../../shared/factsheet/definitions';

export function TextSections({
  texts,
  onSave,
}: {
  texts: Record<string, string>;
  onSave: (section: TextSection, body: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<Record<string, string>>(texts);
  const [saved, setSaved] = useState<TextSection | null>(null);
  useEffect(() => setDrafts(texts), [texts]);
  return (
    <div className="fact-texts">
      <p className="muted">{t('factsheet.textHelp')}</p>
      {TEXT_SECTIONS.map((s) => (
        <div key={s} className="fact-text-edit">
          <label htmlFor={`text-${s}`}>{t(`factsheet.sections.${s}`)}</label>
          <textarea id={`text-${s}`} rows={6} value={drafts[s] ?? ''} onChange={(e) => setDrafts({ ...drafts, [s]: e.target.value })} />
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
