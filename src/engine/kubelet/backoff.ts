/**
 * client-go's flowcontrol.Backoff as the kubelet uses it for container restarts and image pulls: per key, a delay
 * that starts at 10 s and doubles to 300 s; an entry untouched for twice the maximum is forgotten, which is the
 * "reset after 10 minutes of running" of CrashLoopBackOff.
 */
export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;

interface Entry {
  durationMs: number;
  lastUpdateMs: number;
}

export class Backoff {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly initialMs = INITIAL_BACKOFF_MS,
    private readonly maxMs = MAX_BACKOFF_MS,
  ) {}

  /** Current delay for the key (0 when it has none). */
  get(key: string): number {
    return this.entries.get(key)?.durationMs ?? 0;
  }

  /** Records one more failure at `nowMs`: the first delay, or double the previous one up to the cap. */
  next(key: string, nowMs: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(e, nowMs)) this.entries.set(key, { durationMs: this.initialMs, lastUpdateMs: nowMs });
    else this.entries.set(key, { durationMs: Math.min(e.durationMs * 2, this.maxMs), lastUpdateMs: nowMs });
  }

  /** True while less than the key's delay has passed since `eventMs` (IsInBackOffSince). */
  isInBackOffSince(key: string, eventMs: number, nowMs: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(e, nowMs)) return false;
    return nowMs - eventMs < e.durationMs;
  }

  /** True while less than the key's delay has passed since its last update (IsInBackOffSinceUpdate). */
  isInBackOffSinceUpdate(key: string, nowMs: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(e, nowMs)) return false;
    return nowMs - e.lastUpdateMs < e.durationMs;
  }

  /** When the key's current back-off ends, measured from `eventMs`. */
  endsAt(key: string, eventMs: number): number {
    return eventMs + this.get(key);
  }

  lastUpdate(key: string): number | undefined {
    return this.entries.get(key)?.lastUpdateMs;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  private expired(e: Entry, nowMs: number): boolean {
    return nowMs - e.lastUpdateMs > 2 * this.maxMs;
  }
}

/** Go's time.Duration String for whole seconds and minutes, as `back-off 1m20s restarting …` prints it. */
export function goSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return `${m}m${s % 60}s`;
}
