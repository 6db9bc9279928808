/// <reference types="node" />
/**
 * Runs the engine in (scaled) real time under Node. Each tick advances sim time by the wall time elapsed since the
 * last tick × speed, in slices, and yields to the event loop between slices so HTTP requests are served promptly.
 * Requests themselves are handled synchronously at the current sim time; `settle()` then runs what they made due
 * now (watch deliveries) without moving the clock.
 */
import type { Engine } from '../engine/engine';
import type { Speed } from './args';

export interface PacerOptions {
  speed: Speed;
  /** Wall ms per tick when idle (between ticks Node serves I/O). */
  tickMs?: number;
  /** Wall-time budget of engine work per tick before yielding to I/O. */
  budgetMs?: number;
  /** Sim ms per slice within a tick. */
  sliceMs?: number;
  /** When the engine falls this far behind (sim ms), the debt is dropped rather than replayed in a burst. */
  maxLagMs?: number;
  /** Wall clock in ms (injectable for tests). */
  wallNow?: () => number;
}

export class Pacer {
  readonly speed: Speed;
  private readonly tickMs: number;
  private readonly budgetMs: number;
  private readonly sliceMs: number;
  private readonly maxLagMs: number;
  private readonly wallNow: () => number;
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private running = false;
  private lastWall = 0;
  /** Sim ms owed to the engine (wall elapsed × speed not yet advanced). */
  private owed = 0;

  constructor(
    private readonly engine: Engine,
    options: PacerOptions,
  ) {
    this.speed = options.speed;
    this.tickMs = options.tickMs ?? 10;
    this.budgetMs = options.budgetMs ?? 15;
    this.sliceMs = options.sliceMs ?? 100;
    this.maxLagMs = options.maxLagMs ?? 10_000;
    this.wallNow = options.wallNow ?? (() => performance.now());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lastWall = this.wallNow();
    this.schedule(this.tickMs);
  }

  stop(): void {
    this.running = false;
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
    }
    this.timer = undefined;
  }

  /** Fires timers already due at the current sim time (zero-delay work a request caused); never moves the clock. */
  settle(): void {
    this.engine.advance(0);
  }

  /** One tick: advance the engine within the wall budget. Public so tests can drive it. */
  tick(): void {
    const started = this.wallNow();
    const busy = this.speed === 'max' ? this.runMax(started) : this.runScaled(started);
    this.lastWall = this.wallNow();
    if (this.running) this.schedule(busy ? 0 : this.tickMs);
  }

  private runScaled(started: number): boolean {
    const speed = this.speed as number;
    this.owed += (started - this.lastWall) * speed;
    if (this.owed > this.maxLagMs) this.owed = this.maxLagMs;
    while (this.owed >= 1) {
      const slice = Math.min(this.sliceMs, Math.floor(this.owed));
      this.engine.advance(slice);
      this.owed -= slice;
      if (this.wallNow() - started >= this.budgetMs) return true;
    }
    return false;
  }

  /**
   * As fast as possible: jump from timer to timer back to back. With nothing queued the clock moves one slice per
   * tick, so an idle cluster doesn't age years in a second.
   */
  private runMax(started: number): boolean {
    do {
      const next = this.engine.clock.peekTime();
      if (next === undefined) {
        this.engine.advance(this.sliceMs);
        return false;
      }
      this.engine.advance(Math.max(0, next - this.engine.now()));
    } while (this.wallNow() - started < this.budgetMs);
    return true;
  }

  private schedule(delayMs: number): void {
    this.timer = delayMs <= 0 ? setImmediate(() => this.tick()) : setTimeout(() => this.tick(), delayMs);
  }
}
