// What both imports (register and forms) share: the flow (file, checked report, its workbook,
// confirmation), the file picker with its status, and the table of refused rows with the sheet,
// row, column and reason.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportedFile } from '../../shared/exports/api';
import { MAX_IMPORT_BYTES, type ImportIssue } from '../../shared/imports/api';
import { issueColumnKey } from '../../shared/imports/columns';
import { appError, type AppError, type Result } from '../../shared/result';
import { ErrorMessage } from '../app/ErrorMessage';
import { useCall } from '../api/queries';
import { TableBox } from '../app/TableBox';
import { uiLocale } from '../app/locale';

export async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The file input, "checking…" while the file is read, and what went wrong. */
export function FilePicker({
  id,
  label,
  busy,
  error,
  onChoose,
  accept = '.xlsx,.csv',
  job = 'imports.preview',
}: {
  id: string;
  label: string;
  busy: boolean;
  error: AppError | null;
  onChoose: (file: File | undefined) => void;
  accept?: string;
  /** The channel that checks the file: its rows so far are shown while it runs. */
  job?: string;
}) {
  return (
    <>
      <label className="filter">
        <span>{label}</span>
        <input id={id} type="file" accept={accept} onChange={(e) => onChoose(e.target.files?.[0])} />
      </label>
      {busy ? <Checking job={job} /> : null}
      <ErrorMessage error={error} />
    </>
  );
}

/** While a file is checked: how many rows so far, asked of the back end twice a second (it answers between rows). */
function Checking({ job }: { job: string }) {
  const { t } = useTranslation();
  const running = useCall('jobs.progress', {}, { refetchInterval: 500 }).data;
  const rows = running?.channel === job ? running.rows : 0;
  return (
    <p role="status" className="muted" data-testid="import-progress">
      <progress aria-hidden="true" />{' '}
      {rows > 0 ? t('imports.checkingRows', { rows: rows.toLocaleString(uiLocale()) }) : t('imports.checking')}
    </p>
  );
}

export function RejectedRows({ rows, total, testId }: { rows: readonly ImportIssue[]; total: number; testId: string }) {
  const { t } = useTranslation();
  if (!rows.length) return null;
  return (
    <>
      <h4>{t('imports.rejectedTitle')}</h4>
      {total > rows.length ? <p className="muted">{t('imports.moreRejected', { shown: rows.length, total })}</p> : null}
      <TableBox label={testId}>
        <table className="cases" data-testid={testId}>
          <thead>
            <tr>
              <th>{t('imports.sheet')}</th>
              <th>{t('imports.row')}</th>
              <th>{t('imports.column')}</th>
              <th>{t('imports.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((i, k) => (
              <tr key={k}>
                <td>{t(`imports.sheetNames.${i.sheet}`)}</td>
                <td>{i.row}</td>
                <td>{i.column ? t(issueColumnKey(i.sheet, i.column)) : ''}</td>
                <td>{t(i.messageKey, i.params ?? {})}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
    </>
  );
}

type ImportSteps<R, D> = {
  preview: (file: { fileName: string; contentBase64: string }) => Promise<Result<R>>;
  reportFile: (importId: string) => Promise<Result<ExportedFile>>;
  confirm: (importId: string) => Promise<Result<D>>;
};

/**
 * The last file chosen is the one answered for: a file chosen while another is still read or
 * checked replaces it on screen, and the earlier one's answer, sooner or later, is dropped (the
 * back end checks both; their answers may come in any order). `choose` marks a new choice; `send`
 * reads the file and sends it, answering null where a later choice came meanwhile (a file replaced
 * while still being read is not sent at all).
 */
export function useLastChoice() {
  const last = useRef(0);
  const isLast = (choice: number) => choice === last.current;
  return {
    choose: () => ++last.current,
    isLast,
    send: async <T,>(choice: number, file: File, check: (contentBase64: string) => Promise<T>): Promise<T | null> => {
      const content = await fileBase64(file);
      if (!isLast(choice)) return null;
      const answer = await check(content);
      return isLast(choice) ? answer : null;
    },
  };
}

/** Pick a file, get its report (and the report as a workbook), confirm; errors and busy state. */
export function useImportFlow<R extends { importId: string }, D>(steps: ImportSteps<R, D>) {
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<R | null>(null);
  const [reportFile, setReportFile] = useState<ExportedFile | null>(null);
  const [done, setDone] = useState<D | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const reset = () => {
    setReport(null);
    setReportFile(null);
    setDone(null);
    setError(null);
  };
  const files = useLastChoice();
  const choose = async (file: File | undefined) => {
    const choice = files.choose();
    reset();
    setBusy(false);
    if (!file) return;
    // Refused before it is read into memory: the same words as the back end's refusal.
    if (file.size === 0 || file.size > MAX_IMPORT_BYTES)
      return setError({ ...appError('file_unreadable', { file: file.name, reason: 'size' }), messageKey: 'errors.unreadable.size' });
    setBusy(true);
    const r = await files.send(choice, file, (contentBase64) => steps.preview({ fileName: file.name, contentBase64 }));
    if (!r) return; // another file chosen meanwhile: its answer is the one shown
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setReport(r.value);
    const f = await steps.reportFile(r.value.importId);
    if (f.ok && files.isLast(choice)) setReportFile(f.value);
  };
  const confirm = async () => {
    if (!report) return;
    setBusy(true);
    const r = await steps.confirm(report.importId);
    setBusy(false);
    if (r.ok) {
      setDone(r.value);
      setReport(null);
    } else setError(r.error);
  };
  return { busy, report, reportFile, done, error, setError, reset, choose, confirm };
}
