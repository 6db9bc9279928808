/**
 * The reconciler contract (controller-runtime's, level-based): given a key, compare the desired state with the
 * actual one — read from informer caches — and act to converge them. The key says *what* to look at, never
 * *what changed*; a reconcile must be correct however many events were folded into it.
 */
export interface ReconcileResult {
  /** Reconcile this key again after this many ms (e.g. to check a deadline); resets its backoff. */
  requeueAfter?: number;
  /** Reconcile again soon, with the rate limiter's backoff. */
  requeue?: boolean;
  /** The reconcile failed: it is retried with per-key exponential backoff. */
  error?: string;
  /** What the reconcile did, for the decision log ("created pod web-x7k2p"). */
  note?: string;
}

export interface Reconciler {
  reconcile(key: string): ReconcileResult;
}

/** Wraps a function as a Reconciler. */
export function reconcilerFunc(fn: (key: string) => ReconcileResult): Reconciler {
  return { reconcile: fn };
}
