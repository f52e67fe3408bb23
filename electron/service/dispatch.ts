// The single entry both transports call: check the channel, parse the payload, run the handler,
// check the answer, and turn every failure into a Result. Nothing thrown crosses this line.
// Most handlers answer at once (SQLite is synchronous); a few write files and answer with a
// promise: the transports call dispatchAsync, which waits for either.
import { contract, isChannel, permissionOf, type Channel, type ChannelOutput } from '../../shared/contract.js';
import { AppFailure, appError, zodIssues, type Result } from '../../shared/result.js';
import { handlers, type Handlers } from './handlers.js';
import type { DeskSession } from './session.js';
import { consoleLogger, type Logger } from './log.js';
import { basename } from 'node:path';
import { isDamage } from '../../db/connection.js';

export function dispatch<C extends Channel>(session: DeskSession, channel: C, payload: unknown, log?: Logger): Result<ChannelOutput<C>>;
export function dispatch(session: DeskSession, channel: unknown, payload: unknown, log?: Logger): Result<unknown>;
export function dispatch(session: DeskSession, channel: unknown, payload: unknown, log: Logger = consoleLogger): Result<unknown> {
  const r = run(session, channel, payload, log);
  if (r instanceof Promise) {
    void r.catch(() => {}); // its own failure is reported through dispatchAsync only
    log('error', 'call.async_in_sync', { channel: String(channel) });
    return { ok: false, error: appError('internal') };
  }
  return r;
}

export function dispatchAsync<C extends Channel>(
  session: DeskSession,
  channel: C,
  payload: unknown,
  log?: Logger,
): Promise<Result<ChannelOutput<C>>>;
export function dispatchAsync(session: DeskSession, channel: unknown, payload: unknown, log?: Logger): Promise<Result<unknown>>;
export async function dispatchAsync(
  session: DeskSession,
  channel: unknown,
  payload: unknown,
  log: Logger = consoleLogger,
): Promise<Result<unknown>> {
  return run(session, channel, payload, log);
}

function run(session: DeskSession, channel: unknown, payload: unknown, log: Logger): Result<unknown> | Promise<Result<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: appError('unknown_channel') };
  // Who may call is checked before the payload is even read: the same check for both transports.
  const allowed = session.allows(permissionOf(channel));
  if (allowed !== 'yes') {
    log('info', 'call.refused', { channel, code: allowed });
    return { ok: false, error: appError(allowed) };
  }
  const spec = contract[channel];
  const input = spec.input.safeParse(payload ?? {});
  if (!input.success) {
    log('warn', 'call.invalid_input', { channel });
    return { ok: false, error: appError('invalid_input', undefined, zodIssues(input.error)) };
  }
  const answer = (value: unknown): Result<unknown> => {
    const output = spec.output.safeParse(value);
    if (!output.success) {
      log('error', 'call.bad_output', { channel });
      return { ok: false, error: appError('internal') };
    }
    return { ok: true, value: output.data };
  };
  const failed = (e: unknown): Result<unknown> => {
    if (e instanceof AppFailure) {
      log('info', 'call.refused', { channel, code: e.error.code });
      return { ok: false, error: e.error };
    }
    if (isDamage(e)) {
      log('error', 'call.database_damaged', { channel });
      return { ok: false, error: appError('db_damaged', { file: basename(session.status().database?.path ?? '') }) };
    }
    // The message may hold SQL or values: log the kind of error only.
    log('error', 'call.failed', {
      channel,
      error: e instanceof Error ? e.name : typeof e,
      code: String((e as { code?: unknown })?.code ?? ''),
    });
    return { ok: false, error: appError('internal') };
  };
  // A long job is told as running while it runs (jobs.progress), whatever way it ends.
  let ended = () => {};
  try {
    const handler = handlers[channel] as (s: DeskSession, i: unknown) => unknown;
    let value: unknown;
    if ('job' in spec) ({ value, end: ended } = session.startJob(channel, () => handler(session, input.data)));
    else value = handler(session, input.data);
    if (!(value instanceof Promise)) {
      ended();
      return answer(value);
    }
    return value.then(answer, failed).finally(ended);
  } catch (e) {
    ended();
    return failed(e);
  }
}

export type { Channel, Handlers };
