/**
 * Pacing: turns wall-clock time into sim time at the chosen speed, firing clock events in slices short enough that
 * the worker keeps answering messages. Wall time is injected so tests drive it explicitly.
 */
import type { Speed } from '../protocol/messages';

/** What the pacer needs of the engine (`Engine` satisfies it). */
export interface Simulation {
  now(): number;
  step(): boolean;
  advance(ms: number): void;
  /** Moves the clock without firing timers due exactly then (false if one is due earlier). */
  moveClockTo(time: number): boolean;
  readonly clock: { peekTime(): number | undefined };
  /** Clock events fired so far (how replay finds the exact point of a recorded action). */
  readonly eventsFired: number;
}

/** Where replay must stop: after `event` clock events, at sim time `at` — a recorded action is due there. */
export interface Barrier {
  event: number;
  at: number;
}

export interface PacerOptions {
  /** Wall milliseconds (performance.now in the worker). */
  wall: () => number;
  /** Longest stretch of engine work per slice before yielding to the message loop. */
  sliceMs?: number;
  /** Wall time a single tick may account for: a throttled tab doesn't come back to a huge burst. */
  maxTickMs?: number;
  /** How fast the clock runs at `max` when no event is queued (nothing to fast-forward to). */
  idleMaxSpeed?: number;
}

export class Pacer {
  paused = false;
  /** While replaying a recording: the point of the next recorded action, which the clock must not pass. */
  barrier: Barrier | undefined;
  private speedValue: Speed = 1;
  private lastWall: number | undefined;
  /** The sim time real time has earned so far; the engine catches up to it. */
  private target: number;
  private fired = 0;
  private readonly sliceMs: number;
  private readonly maxTickMs: number;
  private readonly idleMaxSpeed: number;

  constructor(
    private readonly sim: Simulation,
    private readonly options: PacerOptions,
  ) {
    this.target = sim.now();
    this.sliceMs = options.sliceMs ?? 8;
    this.maxTickMs = options.maxTickMs ?? 250;
    this.idleMaxSpeed = options.idleMaxSpeed ?? 100;
  }

  get speed(): Speed {
    return this.speedValue;
  }

  set speed(speed: Speed) {
    if (speed !== 'max' && !(speed > 0 && Number.isFinite(speed))) throw new Error(`invalid speed ${String(speed)}`);
    this.speedValue = speed;
    this.target = this.sim.now();
  }

  /** Whether clock events are due before the sim time real time has earned (the engine is catching up). */
  behind(): boolean {
    if (this.paused || this.speedValue === 'max') return false;
    const next = this.sim.clock.peekTime();
    return next !== undefined && next <= this.target;
  }

  /** Clock events fired through this pacer (ticks and steps). */
  get events(): number {
    return this.fired;
  }

  pause(): void {
    this.paused = true;
  }

  play(): void {
    this.paused = false;
    // Time spent paused is not owed to the simulation.
    this.lastWall = this.options.wall();
    this.target = this.sim.now();
  }

  /** Fires exactly one clock event (whether paused or not); false when the queue is empty. */
  step(): boolean {
    const fired = this.sim.step();
    if (fired) this.fired++;
    this.target = Math.max(this.target, this.sim.now());
    return fired;
  }

  /** After the engine was moved outside the pacer (a seek): owe nothing, start from here. */
  resync(): void {
    this.target = this.sim.now();
    this.lastWall = undefined;
  }

  /** Whether the engine stands exactly at the barrier: the recorded action is due now. */
  atBarrier(): boolean {
    const b = this.barrier;
    return b !== undefined && this.sim.eventsFired === b.event && this.sim.now() === b.at;
  }

  /**
   * True when every event before the barrier has fired: the clock then only moves up to the barrier's time (nothing
   * fires in between — that is how the run was recorded) and stops.
   */
  private stopAtBarrier(limit: number): boolean {
    const b = this.barrier;
    if (!b || this.sim.eventsFired < b.event) return false;
    const to = Math.min(Math.floor(limit), b.at);
    // Timers due at the action's own instant came after it in the recorded run: move the clock, fire nothing.
    if (to > this.sim.now()) this.sim.moveClockTo(to);
    return true;
  }

  /** One slice of work: catch the engine up with the wall clock, for at most `sliceMs`. */
  tick(): void {
    const wallNow = this.options.wall();
    const elapsed = this.lastWall === undefined ? 0 : Math.min(Math.max(0, wallNow - this.lastWall), this.maxTickMs);
    this.lastWall = wallNow;
    if (this.paused) return;
    const deadline = wallNow + this.sliceMs;
    if (this.speedValue === 'max') {
      while (this.options.wall() < deadline) {
        if (this.stopAtBarrier(Infinity)) break;
        if (!this.sim.step()) {
          this.sim.advance(Math.round(elapsed * this.idleMaxSpeed));
          break;
        }
        this.fired++;
        if (this.paused) break; // a breakpoint paused the clock during that event
      }
      this.target = this.sim.now();
      return;
    }
    this.target += elapsed * this.speedValue;
    for (;;) {
      if (this.stopAtBarrier(this.target)) return;
      const next = this.sim.clock.peekTime();
      if (next === undefined || next > this.target) {
        // Nothing else is due before the target: move the clock there without firing anything. Whole
        // milliseconds only: components keep integral times (timestamps, BigInt nanoseconds).
        this.sim.advance(Math.max(0, Math.floor(this.target) - this.sim.now()));
        return;
      }
      this.sim.step();
      this.fired++;
      if (this.paused) {
        // A breakpoint paused the clock during that event: stop exactly there.
        this.target = this.sim.now();
        return;
      }
      if (this.options.wall() >= deadline) {
        // Behind: keep at most one second of wall time's worth of debt so we never spiral.
        const maxDebt = 1000 * this.speedValue;
        if (this.target - this.sim.now() > maxDebt) this.target = this.sim.now() + maxDebt;
        return;
      }
    }
  }
}
