// Settings → Languages → correct a translation: the workbook out, the corrected one checked (the
// changes and refused rows shown, nothing saved), then saved on confirmation; the screens take the
// corrected texts at once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportedFile } from '../../shared/exports/api';
import type { Language } from '../../shared/i18n/languages';
import { languageOf } from '../../shared/i18n/languages';
import type { TranslationPreview } from '../../shared/translations/api';
import type { AppError } from '../../shared/result';
import { call } from '../api/client';
import { useCall } from '../api/queries';
import { ErrorMessage } from '../app/ErrorMessage';
import { LanguageOptions } from '../app/LanguageSwitch';
import { FileLink } from '../exchange/FileLink';
import { FilePicker, useLastChoice } from '../exchange/import-parts';
import { loadCorrections } from '../i18n-corrections';
import { TextChanges } from './TextChanges';
import { ConfirmButton } from '../app/ConfirmButton';
import { shippedText } from '../../shared/translations/check';

export function CorrectTranslation() {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState<Language>(languageOf(i18n.language));
  const [workbook, setWorkbook] = useState<ExportedFile | null>(null);
  const [preview, setPreview] = useState<TranslationPreview | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const corrected = useCall('translations.get', {});
  const mine = Object.entries(corrected.data?.[language] ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const whereShown = (key: string) => {
    const section = key.split('.')[0]!;
    // The menu's own texts are the menu's; others under the menu item of their part of the app.
    return section === 'nav' ? t('settings.translationMenu') : i18n.exists(`nav.${section}`) ? t(`nav.${section}`) : '';
  };

  const download = async () => {
    setError(null);
    const r = await call('translations.workbook', { language });
    if (r.ok) setWorkbook(r.value);
    else setError(r.error);
  };
  const files = useLastChoice();
  const check = async (file: File | undefined) => {
    const choice = files.choose();
    setPreview(null);
    setSaved(null);
    setError(null);
    setBusy(false);
    if (!file) return;
    setBusy(true);
    const r = await files.send(choice, file, (contentBase64) =>
      call('translations.preview', { fileName: file.name, contentBase64, language }),
    );
    if (!r) return; // another workbook chosen meanwhile: its answer is the one shown
    setBusy(false);
    if (r.ok) setPreview(r.value);
    else setError(r.error);
  };
  const confirm = async () => {
    if (!preview) return;
    const r = await call('translations.confirm', { previewId: preview.previewId });
    if (!r.ok) return setError(r.error);
    setPreview(null);
    setSaved(r.value.saved);
    await loadCorrections();
    void corrected.refetch();
  };
  // Undoes a correction: the shipped text shows again (audited like the correction was).
  const restore = async (key: string) => {
    setError(null);
    const r = await call('translations.remove', { language, key });
    if (!r.ok) return setError(r.error);
    setRestored(key);
    await loadCorrections();
    void corrected.refetch();
  };

  return (
    <div className="correct-translation" data-testid="correct-translation">
      <h4>{t('settings.translationTitle')}</h4>
      <p className="muted">{t('settings.translationHelp')}</p>
      <div className="actions">
        <label className="filter">
          <span>{t('settings.translationLanguage')}</span>
          <select
            id="translation-language"
            value={language}
            onChange={(e) => {
              setLanguage(e.target.value as Language);
              setWorkbook(null);
              setPreview(null);
            }}
          >
            <LanguageOptions />
          </select>
        </label>
        <button type="button" className="secondary" onClick={() => void download()}>
          {t('settings.translationDownload')}
        </button>
        {workbook ? <FileLink file={workbook} label={workbook.fileName} /> : null}
      </div>
      <FilePicker
        id="translation-file"
        label={t('settings.translationLoad')}
        busy={busy}
        error={null}
        onChoose={(f) => void check(f)}
        accept=".xlsx"
      />
      <ErrorMessage error={error} />
      {preview ? (
        <div data-testid="translation-preview">
          <p>
            {preview.changesTotal ? t('settings.translationChanges', { count: preview.changesTotal }) : t('settings.translationNoChanges')}
          </p>
          {preview.changes.length ? <TextChanges changes={preview.changes.map((c) => ({ ...c, language: preview.language }))} /> : null}
          {preview.refusedTotal ? (
            <>
              <p className="warning">{t('settings.translationRefused', { count: preview.refusedTotal })}</p>
              <table className="audit" data-testid="translation-refused">
                <thead>
                  <tr>
                    <th>{t('settings.translationRow')}</th>
                    <th>{t('settings.translationKey')}</th>
                    <th>{t('settings.translationReason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.refused.map((r) => (
                    <tr key={r.row}>
                      <td>{r.row}</td>
                      <td className="path">{r.key}</td>
                      <td>{t(r.messageKey)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          {preview.changesTotal ? (
            <button type="button" onClick={() => void confirm()}>
              {t('settings.translationConfirm')}
            </button>
          ) : null}
        </div>
      ) : null}
      {mine.length ? (
        <details className="corrected-texts" data-testid="corrected-texts">
          <summary>{t('settings.translationCorrected', { count: mine.length })}</summary>
          <table className="audit">
            <thead>
              <tr>
                <th>{t('settings.translationWhere')}</th>
                <th>{t('settings.translationCurrent')}</th>
                <th>{t('settings.translationShipped')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {mine.map(([key, text]) => (
                <tr key={key}>
                  {/* Where it shows (the menu's word for its part), with the key below for whoever edits the workbook. */}
                  <td>
                    {whereShown(key)}
                    <div className="path muted">{key}</div>
                  </td>
                  <td lang={language}>{text}</td>
                  <td lang={language}>{shippedText(language, key)}</td>
                  <td>
                    <ConfirmButton
                      label={t('settings.translationRestore')}
                      question={t('settings.translationRestoreQuestion')}
                      danger={false}
                      onConfirm={() => void restore(key)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
      {restored ? (
        <p role="status" className="notice" data-testid="translation-restored">
          {t('settings.translationRestored', { key: restored })}
        </p>
      ) : null}
      {saved !== null ? (
        <p role="status" className="notice">
          {t('settings.translationSaved', { count: saved })}
        </p>
      ) : null}
    </div>
  );
}
