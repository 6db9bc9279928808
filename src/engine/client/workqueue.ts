/**
 * client-go's rate-limiting work queue, on the virtual clock.
 *
 * - A key queued several times before it is processed is processed once (the `dirty` set).
 * - A key being processed is never handed out again until `done`; if it was re-added meanwhile it goes back on
 *   the queue at `done` (the `processing` set), so no key is ever worked on twice at once.
 * - `addAfter` parks a key on the clock (the earliest of several requests wins); `addRateLimited` waits what the
 *   rate limiter says — by default per-key exponential backoff from 5 ms to 1000 s, and 10 qps / burst 100
 *   overall; `forget` resets a key's backoff after a success.
 */
import type { Engine } from '../engine';
import { registerTarget } from './clock-target';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiter';

export interface WorkQueueOptions {
  rateLimiter?: RateLimiter<string>;
}

export class WorkQueue {
  readonly target: string;
  private readonly rateLimiter: RateLimiter<string>;
  private queue: string[] = [];
  private head = 0;
  private dirty = new Set<string>();
  private processing = new Set<string>();
  private shuttingDown = false;
  private readyListeners: Array<() => void> = [];

  constructor(
    private readonly engine: Engine,
    readonly name: string,
    opts: WorkQueueOptions = {},
  ) {
    this.rateLimiter = opts.rateLimiter ?? defaultControllerRateLimiter(() => engine.now());
    this.target = registerTarget(engine, `workqueue/${name}`, (t) => this.add(t.key));
  }

  /** Called whenever a key becomes available to `get` (a worker should be woken). */
  onReady(fn: () => void): void {
    this.readyListeners.push(fn);
  }

  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.queue.push(key);
    this.notifyReady();
  }

  /** Adds the key once `delayMs` of virtual time has passed; an earlier pending request for it wins. */
  addAfter(key: string, delayMs: number): void {
    if (this.shuttingDown) return;
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    this.engine.clock.scheduleEarliest(delayMs, this.target, key);
  }

  /** Adds the key after the rate limiter's delay (its backoff grows each time until `forget`). */
  addRateLimited(key: string): void {
    this.addAfter(key, this.rateLimiter.when(key));
  }

  forget(key: string): void {
    this.rateLimiter.forget(key);
  }

  numRequeues(key: string): number {
    return this.rateLimiter.numRequeues(key);
  }

  /** The next key to process (now marked as processing), or undefined when none is ready. */
  get(): string | undefined {
    if (this.head >= this.queue.length) return undefined;
    const key = this.queue[this.head++];
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.processing.add(key);
    this.dirty.delete(key);
    return key;
  }

  /** Marks the key's processing finished; a key re-added meanwhile is queued again now. */
  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) {
      this.queue.push(key);
      this.notifyReady();
    }
  }

  /** Keys waiting to be processed (not counting those parked on the clock or being processed). */
  len(): number {
    return this.queue.length - this.head;
  }

  /** Keys waiting, in order. */
  keys(): string[] {
    return this.queue.slice(this.head);
  }

  isProcessing(key: string): boolean {
    return this.processing.has(key);
  }

  /** When the key is parked by addAfter / addRateLimited, the sim time it comes back. */
  readyAt(key: string): number | undefined {
    return this.engine.clock.pending(this.target, key)?.at;
  }

  shutDown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  private notifyReady(): void {
    for (const fn of this.readyListeners) fn();
  }
}
