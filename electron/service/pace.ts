// Long work in the back end's thread (a file's rows checked one by one) gives way to other calls
// every few milliseconds, so the status, a case opened or a sign-out is answered meanwhile. Only
// work outside a transaction and between statements may give way: one connection serves every call.
import { performance } from 'node:perf_hooks';

/** Long enough that giving way costs little; short enough that a waiting call is not noticed. */
const SLICE_MS = 8;

/**
 * A function to await between steps: it returns at once until a slice has passed, then lets other
 * calls run and checks, with `still`, that the work is still wanted (the same sign-in, the same file).
 */
export function pacer(still: () => boolean, ended: () => never, step: () => void = () => {}): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    step();
    if (performance.now() - sliceStart < SLICE_MS) return undefined;
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      sliceStart = performance.now();
      if (!still()) ended();
    });
  };
}
