// Server state through TanStack Query around the contract's `call`: each answer is kept under its
// channel and input, so a view never shows one period's figures under another's title, says when
// it is loading, and drops answers to choices the user has already left. Saves invalidate.
import { keepPreviousData, QueryClient, QueryClientProvider, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { call, DATA_CHANGED } from './client';

export const queryClient = new QueryClient({
  defaultOptions: {
    // An offline desktop app: a failed call is answered with its reason, never retried behind the user's back.
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 0 },
  },
});

/**
 * The cache, read again after every call that may have changed data (client.ts says which): what
 * is on screen is read again in place; what is not is dropped, so a view opened next (the case
 * just edited) loads afresh instead of showing its state from before the change for a moment.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  useEffect(() => {
    const changed = () => {
      queryClient.removeQueries({ type: 'inactive' });
      void queryClient.invalidateQueries();
    };
    window.addEventListener(DATA_CHANGED, changed);
    return () => window.removeEventListener(DATA_CHANGED, changed);
  }, []);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}

/** Another account or another database: nothing read for the one before may be shown, even for a moment. */
export const forgetAll = () => queryClient.clear();

/** A failed call as the error TanStack Query carries: the contract's AppError, whole. */
export class CallFailed extends Error {
  constructor(readonly error: AppError) {
    super(error.code);
  }
}

/**
 * A contract call as a query, keyed by channel and input; `enabled: false` until the input is whole.
 * `keepPrevious`: while a new input is asked, the last answer stays on screen (`isPlaceholderData`
 * says so) — for a list paged or filtered, not for figures under a title that names the input.
 */
export function useCall<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
  options: { enabled?: boolean; refetchInterval?: number; keepPrevious?: boolean } = {},
): UseQueryResult<ChannelOutput<C>, CallFailed> {
  return useQuery({
    queryKey: [channel, input],
    queryFn: async () => {
      const r = await call(channel, input, { read: true });
      if (!r.ok) throw new CallFailed(r.error);
      return r.value;
    },
    enabled: options.enabled ?? true,
    ...(options.refetchInterval ? { refetchInterval: options.refetchInterval } : {}),
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
}
