// A form refilled from the back end while the user types (after a save elsewhere on the screen, or
// an answer that arrives late) must not throw away what was typed: each field the user has changed
// since the last values were put in keeps the user's value; the others take the new values.

type Fields = string | boolean | number | null | undefined | { [k: string]: Fields };

/** `next`, except where `now` differs from `shown` (the values last put in the form). */
export function keepTyped<T extends Fields>(shown: T, now: T, next: T): T {
  if (next !== null && typeof next === 'object') {
    const was = (shown ?? {}) as Record<string, Fields>;
    const is = (now ?? {}) as Record<string, Fields>;
    return Object.fromEntries(Object.entries(next).map(([k, v]) => [k, keepTyped(was[k], is[k], v)])) as T;
  }
  return now !== undefined && now !== shown ? now : next;
}
