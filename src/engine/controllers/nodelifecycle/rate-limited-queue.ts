/**
 * scheduler.RateLimitedTimedQueue: the per-zone queue of nodes waiting for their NoExecute taint, drained no
 * faster than a token bucket allows (flowcontrol.NewTokenBucketRateLimiter(qps, burst 1)). Swapping the limiter
 * (qps 0 stops the zone; partial disruption slows it) is how the node lifecycle controller throttles evictions.
 */

export interface TimedValue {
  value: string;
  uid: string;
  addedAt: number;
  /** When this value may next be processed (ms, virtual time). */
  processAt: number;
}

/** flowcontrol's token bucket with TryAccept; qps 0 accepts nothing. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly qps: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = qps > 0 ? burst : 0;
    this.last = now;
  }

  tryAccept(now: number): boolean {
    if (this.qps <= 0) return false;
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Ms until the next token (Infinity when the bucket never refills). */
  nextTokenIn(now: number): number {
    if (this.qps <= 0) return Infinity;
    const tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / this.qps) * 1000);
  }
}

/** The eviction rate limiter's burst (scheduler.EvictionRateLimiterBurst). */
export const EVICTION_RATE_LIMITER_BURST = 1;

export class RateLimitedTimedQueue {
  private queue: TimedValue[] = [];
  private limiter: TokenBucket;

  constructor(qps: number, now: number) {
    this.limiter = new TokenBucket(qps, EVICTION_RATE_LIMITER_BURST, now);
  }

  get qps(): number {
    return this.limiter.qps;
  }

  /** Adds a node unless it is queued already; true when added. */
  add(value: string, uid: string, now: number): boolean {
    if (this.queue.some((v) => v.value === value)) return false;
    this.queue.push({ value, uid, addedAt: now, processAt: now });
    return true;
  }

  remove(value: string): boolean {
    const before = this.queue.length;
    this.queue = this.queue.filter((v) => v.value !== value);
    return this.queue.length !== before;
  }

  get size(): number {
    return this.queue.length;
  }

  /**
   * Processes due values in order while the limiter lets them through; `fn` answers whether it is done with a
   * value, or the delay before it should be tried again.
   */
  try(now: number, fn: (v: TimedValue) => { done: boolean; retryAfterMs?: number }): void {
    const sorted = [...this.queue].sort((a, b) => a.processAt - b.processAt || (a.value < b.value ? -1 : 1));
    for (const v of sorted) {
      if (v.processAt > now) break;
      if (!this.limiter.tryAccept(now)) break;
      const r = fn(v);
      if (r.done) this.remove(v.value);
      else v.processAt = now + (r.retryAfterMs ?? 0);
    }
  }

  /** Ms until `try` could do something (Infinity when empty or stopped). */
  nextIn(now: number): number {
    if (this.queue.length === 0) return Infinity;
    const due = Math.max(0, Math.min(...this.queue.map((v) => v.processAt)) - now);
    return Math.max(due, this.limiter.nextTokenIn(now));
  }

  /** Replaces the limiter (SwapLimiter); the new bucket starts full unless qps is 0. */
  swapLimiter(qps: number, now: number): void {
    if (qps === this.limiter.qps) return;
    this.limiter = new TokenBucket(qps, EVICTION_RATE_LIMITER_BURST, now);
  }
}
