// A file the back end saved: a download link in a browser; in Electron, where it is on disk
// already, its path and a Save As button that copies it where the user chooses.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportedFile } from '../../shared/exports/api';
import type { AppError } from '../../shared/result';
import { call, downloadUrl } from '../api/client';
import { ErrorMessage } from '../app/ErrorMessage';

export function FileLink({ file, label }: { file: ExportedFile; label: string }) {
  const { t } = useTranslation();
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const href = downloadUrl(file.fileName);
  if (href) return <a href={href} download={file.fileName}>{label}</a>;
  const saveAs = async () => {
    setError(null);
    const r = await call('files.saveAs', { fileName: file.fileName });
    if (r.ok) setSavedTo(r.value.savedTo);
    else setError(r.error);
  };
  return (
    <span className="file-link">
      <span className="path">{file.path}</span>{' '}
      <button type="button" className="secondary" onClick={() => void saveAs()}>{t('files.saveAs')}</button>
      {savedTo ? <span role="status"> {t('files.savedTo', { path: savedTo })}</span> : null}
      <ErrorMessage error={error} />
    </span>
  );
}
