/**
 * The simulation's only source of time: a virtual clock with an event queue.
 *
 * Timers are plain data — `{at, seq, target, key, payload}` — rather than closures, so the queue can be
 * snapshotted and restored. The engine dispatches each due timer to the component registered under `target`.
 * Ordering is total: by time, then by scheduling order (seq), which keeps runs deterministic.
 */
export interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly target: string;
  readonly key: string;
  readonly payload?: unknown;
}

export interface ClockState {
  now: number;
  seq: number;
  timers: Timer[];
}

function before(x: Timer, y: Timer): boolean {
  return x.at < y.at || (x.at === y.at && x.seq < y.seq);
}

export class VirtualClock {
  private current = 0;
  private seq = 0;
  private heap: Timer[] = [];
  /** Live timer per `target\u0000key`: a rescheduled or cancelled timer stays in the heap but is skipped. */
  private live = new Map<string, number>();

  now(): number {
    return this.current;
  }

  /**
   * Schedules `target`/`key` to fire `delayMs` from now. A pending timer with the same target and key is
   * replaced, so a component can keep one alarm per purpose (e.g. one resync per object).
   */
  schedule(delayMs: number, target: string, key: string, payload?: unknown): Timer {
    const timer: Timer = { at: this.current + Math.max(0, delayMs), seq: this.seq++, target, key, payload };
    this.live.set(`${target}\u0000${key}`, timer.seq);
    this.push(timer);
    return timer;
  }

  /** Like schedule, but keeps an existing earlier timer (work-queue AddAfter semantics). */
  scheduleEarliest(delayMs: number, target: string, key: string, payload?: unknown): void {
    const existing = this.pending(target, key);
    if (existing && existing.at <= this.current + delayMs) return;
    this.schedule(delayMs, target, key, payload);
  }

  cancel(target: string, key: string): void {
    this.live.delete(`${target}\u0000${key}`);
  }

  pending(target: string, key: string): Timer | undefined {
    const seq = this.live.get(`${target}\u0000${key}`);
    if (seq === undefined) return undefined;
    return this.heap.find((t) => t.seq === seq);
  }

  /** When the next live timer fires, or undefined when the queue is empty. */
  peekTime(): number | undefined {
    this.dropStale();
    return this.heap[0]?.at;
  }

  /** Removes the next live timer if it is due at or before `limit`, moving the clock to its time. */
  popDue(limit = Infinity): Timer | undefined {
    this.dropStale();
    const top = this.heap[0];
    if (!top || top.at > limit) return undefined;
    this.pop();
    this.live.delete(`${top.target}\u0000${top.key}`);
    if (top.at > this.current) this.current = top.at;
    return top;
  }

  /** Moves time forward without firing anything (used after the due timers of an advance have run). */
  setNow(t: number): void {
    if (t > this.current) this.current = t;
  }

  size(): number {
    return this.live.size;
  }

  snapshot(): ClockState {
    const timers = this.heap.filter((t) => this.isLive(t)).sort((x, y) => (before(x, y) ? -1 : 1));
    return { now: this.current, seq: this.seq, timers: timers.map((t) => ({ ...t })) };
  }

  static restore(state: ClockState): VirtualClock {
    const clock = new VirtualClock();
    clock.current = state.now;
    clock.seq = state.seq;
    for (const t of state.timers) {
      clock.live.set(`${t.target}\u0000${t.key}`, t.seq);
      clock.push({ ...t });
    }
    return clock;
  }

  private isLive(t: Timer): boolean {
    return this.live.get(`${t.target}\u0000${t.key}`) === t.seq;
  }

  private dropStale(): void {
    while (this.heap.length > 0 && !this.isLive(this.heap[0])) this.pop();
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
