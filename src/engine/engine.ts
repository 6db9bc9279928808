import { VirtualClock, type Timer } from './clock/virtual-clock';
import { Rng } from './util/rng';
import { TrafficLog } from './traffic/traffic-record';

/** A component that owns timers on the clock. */
export interface ClockTarget {
  onTimer(timer: Timer): void;
}

/** The control-plane and node components the engine hosts, as the UI draws them. */
export interface ComponentInfo {
  id: string;
  kind: 'kube-apiserver' | 'etcd' | 'kube-scheduler' | 'kube-controller-manager' | 'cloud-controller-manager';
  node: string;
  healthy: boolean;
}

export interface EngineOptions {
  seed?: number;
  /** Wall-clock instant that sim time 0 stands for (ms since the Unix epoch); timestamps are derived from it. */
  epochMs?: number;
}

/** 2025-01-01T00:00:00Z: a fixed epoch keeps timestamps identical across runs. */
export const DEFAULT_EPOCH_MS = 1_735_689_600_000;

/**
 * The simulation: one virtual clock, one seeded RNG, one traffic log, and the components that run on them.
 * Everything that happens is a timer firing on the clock, so `advance`, `step` and `runUntilIdle` are the only
 * ways time moves.
 */
export class Engine {
  readonly clock = new VirtualClock();
  readonly rng: Rng;
  readonly traffic = new TrafficLog();
  readonly epochMs: number;
  private targets = new Map<string, ClockTarget>();
  private fired = 0;

  constructor(options: EngineOptions = {}) {
    this.rng = new Rng(options.seed ?? 1);
    this.epochMs = options.epochMs ?? DEFAULT_EPOCH_MS;
  }

  register(name: string, target: ClockTarget): void {
    this.targets.set(name, target);
  }

  now(): number {
    return this.clock.now();
  }

  /** RFC 3339 timestamp (seconds precision, as metav1.Time serialises) for the current sim time. */
  timestamp(simMs = this.clock.now()): string {
    return isoSeconds(this.epochMs + simMs);
  }

  /** Fires the next due timer; false when nothing is queued. */
  step(): boolean {
    const timer = this.clock.popDue();
    if (!timer) return false;
    this.dispatch(timer);
    return true;
  }

  /** Runs every timer due within `ms`, then moves the clock to now + ms. */
  advance(ms: number): void {
    const until = this.clock.now() + ms;
    for (let t = this.clock.popDue(until); t; t = this.clock.popDue(until)) this.dispatch(t);
    this.clock.setNow(until);
  }

  /**
   * Moves the clock to `time` without firing the timers due exactly then — replay needs it when a recorded action
   * came before them. Refuses (false) to skip a timer due earlier, which would run time backwards.
   */
  moveClockTo(time: number): boolean {
    const next = this.clock.peekTime();
    if (time < this.clock.now() || (next !== undefined && next < time)) return false;
    this.clock.setNow(time);
    return true;
  }

  /** Runs until the queue is empty or `maxEvents` fired; returns how many fired. */
  runUntilIdle(maxEvents = 1_000_000): number {
    let n = 0;
    while (n < maxEvents && this.step()) n++;
    return n;
  }

  /**
   * Clock events fired since the engine was made. With the sim time it pins a point of a run exactly (several
   * events can share one instant), which is how recorded user actions are replayed at the same point.
   */
  get eventsFired(): number {
    return this.fired;
  }

  private dispatch(timer: Timer): void {
    this.fired++;
    const target = this.targets.get(timer.target);
    target?.onTimer(timer);
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Formats epoch milliseconds as `YYYY-MM-DDTHH:MM:SSZ` with integer arithmetic (no Date in the engine). */
export function isoSeconds(epochMs: number): string {
  const totalSec = Math.floor(epochMs / 1000);
  const days = Math.floor(totalSec / 86400);
  const secOfDay = totalSec - days * 86400;
  // Civil-from-days (Howard Hinnant's algorithm).
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const hh = Math.floor(secOfDay / 3600);
  const mm = Math.floor((secOfDay % 3600) / 60);
  const ss = secOfDay % 60;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(hh)}:${pad(mm)}:${pad(ss)}Z`;
}
