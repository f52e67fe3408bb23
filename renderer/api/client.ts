// The renderer's only way to the back end: a typed call over whichever transport is present
// (Electron's preload, or the local HTTP bridge), with the answer parsed by the contract's schema.
import { contract, HTTP_API_PREFIX, HTTP_CALL_HEADER, type Channel, type ChannelInput, type ChannelOutput, type DeskBridge } from '../../shared/contract';
import { appError, ResultEnvelopeSchema, type Result } from '../../shared/result';

declare global {
  interface Window {
    desk?: DeskBridge;
  }
}

async function viaHttp(channel: string, input: unknown): Promise<unknown> {
  const response = await fetch(HTTP_API_PREFIX + encodeURIComponent(channel), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [HTTP_CALL_HEADER]: '1' },
    body: JSON.stringify(input),
    credentials: 'same-origin',
  });
  return response.json();
}

/** Where the browser downloads an exported file; null in Electron, where the file is on disk already. */
export const downloadUrl = (fileName: string): string | null => (window.desk ? null : `/exports/${encodeURIComponent(fileName)}`);

export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  let raw: unknown;
  try {
    raw = window.desk ? await window.desk.call(channel, input) : await viaHttp(channel, input);
  } catch {
    return { ok: false, error: { ...appError('internal'), messageKey: 'errors.network' } };
  }
  const envelope = ResultEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, error: appError('internal') };
  if (!envelope.data.ok) return envelope.data;
  const value = contract[channel].output.safeParse(envelope.data.value);
  if (!value.success) return { ok: false, error: appError('internal') };
  return { ok: true, value: value.data as ChannelOutput<C> };
}
