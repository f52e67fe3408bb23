// The renderer's only way to the back end: a typed call over whichever transport is present
// (Electron's preload, or the local HTTP bridge), with the answer parsed by the contract's schema.
// In a browser, the address the app printed carries a one-time launch code: the page trades it
// for a session secret, keeps that for this tab only (it survives a reload, not a closed tab),
// sends it as a header with every call, and takes the code out of the address bar at once.
import {
  contract,
  HTTP_API_PREFIX,
  HTTP_CALL_HEADER,
  HTTP_LAUNCH_HEADER,
  HTTP_SESSION_HEADER,
  HTTP_SESSION_PATH,
  permissionOf,
  type Channel,
  type ChannelInput,
  type ChannelOutput,
  type DeskBridge,
} from '../../shared/contract';
import { appError, ResultEnvelopeSchema, type AppError, type Result } from '../../shared/result';

declare global {
  interface Window {
    desk?: DeskBridge;
  }
}

const SECRET_KEY = 'desk-session';
/** Fired on window when a call finds the session locked or signed out. */
export const SESSION_CHANGED = 'desk:session-changed';
/** Fired on window after a call that may have changed data (it needed a right to write): what was read before is read again. */
export const DATA_CHANGED = 'desk:data-changed';
/** Fired on window after a change to the register: the status (its latest year of diagnosis, where year fields open) is read again. */
export const REGISTER_CHANGED = 'desk:register-changed';
const WRITES: ReadonlySet<string> = new Set(['setup', 'register.write', 'forms.write', 'forms.approve', 'admin']);

/** The session secret of this tab: traded for the address's launch code on first load. */
const session: Promise<string | null> = (async () => {
  if (typeof window === 'undefined' || window.desk) return null;
  const code = /(?:^#|&)launch=([0-9a-f]{64})(?:&|$)/.exec(window.location.hash)?.[1];
  if (!code) return sessionStorage.getItem(SECRET_KEY);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  try {
    const r = await fetch(HTTP_SESSION_PATH, {
      method: 'POST',
      headers: { [HTTP_CALL_HEADER]: '1', [HTTP_LAUNCH_HEADER]: code },
      credentials: 'omit',
    });
    const secret = r.ok ? ((await r.json()) as { secret?: unknown }).secret : null;
    if (typeof secret !== 'string') return sessionStorage.getItem(SECRET_KEY); // a used code: keep this tab's own, if any
    sessionStorage.setItem(SECRET_KEY, secret);
    return secret;
  } catch {
    return sessionStorage.getItem(SECRET_KEY);
  }
})();

// A new link pasted into a tab already showing the app changes only the fragment: no page load, so
// start again with it.
if (typeof window !== 'undefined' && !window.desk) {
  window.addEventListener('hashchange', () => {
    if (/(?:^#|&)launch=/.test(window.location.hash)) window.location.reload();
  });
}

async function viaHttp(channel: string, input: unknown): Promise<unknown> {
  const response = await fetch(HTTP_API_PREFIX + encodeURIComponent(channel), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [HTTP_CALL_HEADER]: '1', [HTTP_SESSION_HEADER]: (await session) ?? '' },
    body: JSON.stringify(input),
    credentials: 'omit',
  });
  return response.json();
}

/** Whether exported files are downloaded by the browser; in Electron the file is on disk already. */
export const canDownload = (): boolean => !window.desk;

/** Downloads an exported file with this tab's secret (a plain link would carry none), as the browser saves files. */
export async function downloadExport(fileName: string): Promise<AppError | null> {
  let response: Response;
  try {
    response = await fetch(`/exports/${encodeURIComponent(fileName)}`, {
      headers: { [HTTP_CALL_HEADER]: '1', [HTTP_SESSION_HEADER]: (await session) ?? '' },
      credentials: 'omit',
    });
  } catch {
    return { ...appError('internal'), messageKey: 'errors.network' };
  }
  if (!response.ok) {
    const envelope = ResultEnvelopeSchema.safeParse(await response.json().catch(() => null));
    return envelope.success && !envelope.data.ok ? envelope.data.error : appError('file_not_readable', { file: fileName });
  }
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return null;
}

/**
 * One call. After one that needed a right to write, desk:data-changed is fired, unless `read`
 * (the query cache's own reads: an administrator's list must not set off another read of itself).
 */
export async function call<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
  opts: { read?: boolean } = {},
): Promise<Result<ChannelOutput<C>>> {
  let raw: unknown;
  try {
    raw = window.desk ? await window.desk.call(channel, input) : await viaHttp(channel, input);
  } catch {
    return { ok: false, error: { ...appError('internal'), messageKey: 'errors.network' } };
  }
  const envelope = ResultEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, error: appError('internal') };
  if (!envelope.data.ok) {
    // The session changed under this screen (locked, or signed out): the app shell asks for the status again.
    if (envelope.data.error.code === 'locked' || envelope.data.error.code === 'signed_out')
      window.dispatchEvent(new Event(SESSION_CHANGED));
    return envelope.data;
  }
  const value = contract[channel].output.safeParse(envelope.data.value);
  if (!value.success) return { ok: false, error: appError('internal') };
  if (!opts.read && WRITES.has(permissionOf(channel))) window.dispatchEvent(new Event(DATA_CHANGED));
  // A package loaded changes the register as much as a case saved.
  if (permissionOf(channel) === 'register.write' || channel === 'exchange.confirmPackage')
    window.dispatchEvent(new Event(REGISTER_CHANGED));
  return { ok: true, value: value.data as ChannelOutput<C> };
}
