// A file the back end saved: a download link in a browser, its path in Electron (already on disk).
import type { ExportedFile } from '../../shared/exports/api';
import { downloadUrl } from '../api/client';

export function FileLink({ file, label }: { file: ExportedFile; label: string }) {
  const href = downloadUrl(file.fileName);
  return href ? <a href={href} download={file.fileName}>{label}</a> : <span className="path">{file.path}</span>;
}
