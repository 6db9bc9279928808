/**
 * wait.ExponentialBackoffManager on the virtual clock: each step waits `duration` plus up to `jitter × duration`,
 * the duration doubles (by `factor`) up to `cap`, and after `resetAfter` without a backoff it starts over.
 * Jitter draws from the engine's seeded RNG.
 */
import type { Rng } from '../util/rng';

export interface BackoffOptions {
  initialMs: number;
  capMs: number;
  resetAfterMs: number;
  factor: number;
  jitter: number;
}

/** The reflector's list/watch backoff: 800 ms doubling to 30 s, reset after 2 min quiet (so 30–60 s at worst). */
export const REFLECTOR_BACKOFF: BackoffOptions = { initialMs: 800, capMs: 30_000, resetAfterMs: 120_000, factor: 2, jitter: 1 };

export class ExponentialBackoff {
  private durationMs: number;
  private capped = false;
  private lastBackoffAt: number | undefined;

  constructor(
    private readonly rng: Rng,
    private readonly now: () => number,
    private readonly opts: BackoffOptions = REFLECTOR_BACKOFF,
  ) {
    this.durationMs = opts.initialMs;
  }

  /** How long to wait before the next attempt. */
  next(): number {
    const now = this.now();
    if (this.lastBackoffAt !== undefined && now - this.lastBackoffAt > this.opts.resetAfterMs) this.reset();
    this.lastBackoffAt = now;
    const base = this.durationMs;
    if (!this.capped) {
      this.durationMs = base * this.opts.factor;
      if (this.durationMs > this.opts.capMs) {
        this.durationMs = this.opts.capMs;
        this.capped = true;
      }
    }
    return this.opts.jitter > 0 ? base + this.rng.next() * this.opts.jitter * base : base;
  }

  reset(): void {
    this.durationMs = this.opts.initialMs;
    this.capped = false;
  }
}
