// Server state through TanStack Query around the contract's `call`: each answer is kept under its
// channel and input, so a view never shows one period's figures under another's title, says when
// it is loading, and drops answers to choices the user has already left. Saves invalidate.
import { QueryClient, QueryClientProvider, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { call } from './client';

export const queryClient = new QueryClient({
  defaultOptions: {
    // An offline desktop app: a failed call is answered with its reason, never retried behind the user's back.
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 0 },
  },
});

export function QueryProvider({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}

/** A failed call as the error TanStack Query carries: the contract's AppError, whole. */
export class CallFailed extends Error {
  constructor(readonly error: AppError) {
    super(error.code);
  }
}

/** A contract call as a query, keyed by channel and input; `enabled: false` until the input is whole. */
export function useCall<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
  options: { enabled?: boolean; refetchInterval?: number } = {},
): UseQueryResult<ChannelOutput<C>, CallFailed> {
  return useQuery({
    queryKey: [channel, input],
    queryFn: async () => {
      const r = await call(channel, input);
      if (!r.ok) throw new CallFailed(r.error);
      return r.value;
    },
    enabled: options.enabled ?? true,
    ...(options.refetchInterval ? { refetchInterval: options.refetchInterval } : {}),
  });
}

/**
 * After a save: every figure read before it is read again (those on screen at once, any in flight
 * started over). `except` a channel whose answer the save itself returned.
 */
export const invalidateAll = (opts: { except?: Channel } = {}) =>
  queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== opts.except });
