// A file the back end saved: a download link in a browser; in Electron, where it is on disk
// already, its path and a Save As button that copies it where the user chooses.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportedFile } from '../../shared/exports/api';
import type { AppError } from '../../shared/result';
import { call, canDownload, downloadExport } from '../api/client';
import { ErrorMessage } from '../app/ErrorMessage';

export function FileLink({ file, label }: { file: ExportedFile; label: string }) {
  const { t } = useTranslation();
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  if (canDownload()) {
    // A link as users know it; the click fetches the file with this tab's secret.
    const download = async (e: { preventDefault(): void }) => {
      e.preventDefault();
      setError(await downloadExport(file.fileName));
    };
    return (
      <>
        <a href={`/exports/${encodeURIComponent(file.fileName)}`} download={file.fileName} onClick={(e) => void download(e)}>
          {label}
        </a>
        <ErrorMessage error={error} />
      </>
    );
  }
  const saveAs = async () => {
    setError(null);
    const r = await call('files.saveAs', { fileName: file.fileName });
    if (r.ok) setSavedTo(r.value.savedTo);
    else setError(r.error);
  };
  return (
    <span className="file-link">
      <span className="path">{file.path}</span>{' '}
      <button type="button" className="secondary" onClick={() => void saveAs()}>
        {t('files.saveAs')}
      </button>
      {savedTo ? <span role="status"> {t('files.savedTo', { path: savedTo })}</span> : null}
      <ErrorMessage error={error} />
    </span>
  );
}
