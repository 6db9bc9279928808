/**
 * Work-queue rate limiters, as client-go's workqueue package defines them. `when(item)` answers how long to
 * wait before the item may be processed again; every delay is in virtual milliseconds.
 */
export interface RateLimiter<K = string> {
  when(item: K): number;
  /** Stops tracking the item (it succeeded). */
  forget(item: K): void;
  /** How many times the item has been rate limited since it was last forgotten. */
  numRequeues(item: K): number;
}

/** Per-item exponential backoff: base × 2^failures, capped (ItemExponentialFailureRateLimiter). */
export class ItemExponentialFailureRateLimiter<K = string> implements RateLimiter<K> {
  private failures = new Map<K, number>();

  constructor(
    readonly baseDelayMs: number,
    readonly maxDelayMs: number,
  ) {}

  when(item: K): number {
    const exp = this.failures.get(item) ?? 0;
    this.failures.set(item, exp + 1);
    const backoff = this.baseDelayMs * 2 ** exp;
    return backoff > this.maxDelayMs ? this.maxDelayMs : backoff;
  }

  forget(item: K): void {
    this.failures.delete(item);
  }

  numRequeues(item: K): number {
    return this.failures.get(item) ?? 0;
  }
}

/**
 * One token bucket shared by all items (BucketRateLimiter over golang.org/x/time/rate): `qps` tokens a second,
 * up to `burst`. A reservation may drive the bucket below zero; the deficit is the wait.
 */
export class BucketRateLimiter<K = string> implements RateLimiter<K> {
  private tokens: number;
  private last: number;

  constructor(
    private readonly now: () => number,
    readonly qps: number,
    readonly burst: number,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  when(_item: K): number {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.qps) * 1000;
  }

  forget(_item: K): void {}

  numRequeues(_item: K): number {
    return 0;
  }
}

/** The longest delay any of its limiters asks for (MaxOfRateLimiter). */
export class MaxOfRateLimiter<K = string> implements RateLimiter<K> {
  private readonly limiters: RateLimiter<K>[];

  constructor(...limiters: RateLimiter<K>[]) {
    this.limiters = limiters;
  }

  when(item: K): number {
    let max = 0;
    for (const l of this.limiters) max = Math.max(max, l.when(item));
    return max;
  }

  forget(item: K): void {
    for (const l of this.limiters) l.forget(item);
  }

  numRequeues(item: K): number {
    let max = 0;
    for (const l of this.limiters) max = Math.max(max, l.numRequeues(item));
    return max;
  }
}

/** DefaultControllerRateLimiter: 5 ms doubling per failure up to 1000 s, and 10 qps / burst 100 overall. */
export function defaultControllerRateLimiter<K = string>(now: () => number): RateLimiter<K> {
  return new MaxOfRateLimiter<K>(new ItemExponentialFailureRateLimiter<K>(5, 1_000_000), new BucketRateLimiter<K>(now, 10, 100));
}
