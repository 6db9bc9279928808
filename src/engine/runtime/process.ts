/**
 * A simulated process tree on virtual time. Every program (the shell, its utilities, servers such as nginx) is a
 * generator that yields effects — sleep, block, wait — instead of blocking, so the kubelet can drive a container
 * from the clock: `step(now)` runs everything due up to `now` and says when to call again. Output lines carry the
 * virtual instant they were written, independent of how often `step` is called.
 */

export type Effect =
  /** Resume `ms` of virtual time later. */
  | { k: 'sleep'; ms: number; busy?: boolean }
  /** Never resume on its own (tail -f /dev/null, a server's accept loop); only a signal or exit ends it. */
  | { k: 'block' }
  /** Resume when the given background jobs (all of them when omitted) have finished. */
  | { k: 'wait'; pids?: number[] };

/** A running program: yields effects, returns its exit status. */
export type Proc = Generator<Effect, number, void>;

export type Signal = 'SIGTERM' | 'SIGKILL' | 'SIGINT' | 'SIGQUIT' | 'SIGHUP' | 'SIGUSR1' | 'SIGUSR2' | 'SIGWINCH';

export const signalNumbers: Record<Signal, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGUSR2: 12,
  SIGTERM: 15,
  SIGWINCH: 28,
};

/** Thrown by `exit` (or a server shutting down) to end the program with a status. */
export class ExitSignal {
  constructor(readonly code: number) {}
}

export interface OutputLine {
  atMs: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface ProcessExit {
  code: number;
  atMs: number;
  /** The signal that killed it, when it died of one. */
  signal?: Signal;
}

export interface ProcessStep {
  /** Lines written since the previous step, in order. */
  output: OutputLine[];
  /** When something is due next; undefined when only a signal (or nothing) can wake the process. */
  wakeAtMs?: number;
  exit?: ProcessExit;
}

export interface Sink {
  write(text: string): void;
}

/** What a process does with a signal: run a handler, take the default action, or ignore it. */
export type SignalDisposition = { handler: () => Proc } | 'default' | 'ignore';

interface Thread {
  pid: number;
  gen: Proc;
  wakeAt: number;
  /** The last effect was a CPU-budget yield, not a real sleep. */
  busy?: boolean;
  waitFor?: number[] | 'all';
  /** Main program and signal handlers end the whole process when they exit. */
  group: boolean;
}

/**
 * CPU budget: a loop that never sleeps yields `busy` sleeps; after this many in one step, the rest of the
 * interval is skipped (sampled) rather than simulated iteration by iteration.
 */
const MAX_BUSY_RESUMES_PER_STEP = 20;

export class SimProcess {
  private nowMs: number;
  private readonly threads: Thread[] = [];
  private readonly finished = new Map<number, number>();
  private pending: OutputLine[] = [];
  private partial: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
  private nextPid = 1;
  private exitInfo?: ProcessExit;
  private disposition: (sig: Signal) => SignalDisposition = () => 'ignore';
  private readonly exitHooks: (() => void)[] = [];

  readonly stdout: Sink = { write: (t) => this.emit('stdout', t) };
  readonly stderr: Sink = { write: (t) => this.emit('stderr', t) };

  /** `main` receives this process so it can read the clock, spawn jobs and install signal handlers. */
  constructor(startMs: number, main: (proc: SimProcess) => Proc) {
    this.nowMs = startMs;
    this.threads.push({ pid: this.nextPid++, gen: main(this), wakeAt: startMs, group: true });
  }

  /** The process's virtual time: the instant of the effect being resumed. */
  now(): number {
    return this.nowMs;
  }

  get exited(): ProcessExit | undefined {
    return this.exitInfo;
  }

  /** Starts a background job (`cmd &`); returns its pid for `$!` and `wait`. */
  spawn(gen: Proc): number {
    const pid = this.nextPid++;
    this.threads.push({ pid, gen, wakeAt: this.nowMs, group: false });
    return pid;
  }

  /** Terminates a background job (kill from inside the container). */
  killJob(pid: number, status: number): void {
    const t = this.threads.find((x) => x.pid === pid);
    if (!t || t.pid === 1) return;
    t.gen.return(status);
    this.threadDone(t, status, false);
  }

  isRunning(pid: number): boolean {
    return this.threads.some((t) => t.pid === pid);
  }

  /** Exit status of a finished job. */
  statusOf(pid: number): number | undefined {
    return this.finished.get(pid);
  }

  /** Installed by the program running as PID 1 (the shell's `trap`, a server's shutdown logic). */
  setSignalDisposition(fn: (sig: Signal) => SignalDisposition): void {
    this.disposition = fn;
  }

  onExit(hook: () => void): void {
    this.exitHooks.push(hook);
  }

  /**
   * Delivers a signal to PID 1. Without a handler, PID 1 of a PID namespace ignores every signal but SIGKILL —
   * which is why `sleep 3600` takes the whole grace period to stop.
   */
  signal(sig: Signal, atMs: number): void {
    if (this.exitInfo) return;
    this.catchUp(atMs);
    if (sig === 'SIGKILL') {
      this.finish(128 + signalNumbers[sig], sig);
      return;
    }
    const d = this.disposition(sig);
    if (d === 'ignore') return;
    if (d === 'default') {
      this.finish(128 + signalNumbers[sig], sig);
      return;
    }
    this.threads.unshift({ pid: this.nextPid++, gen: d.handler(), wakeAt: this.nowMs, group: true });
  }

  step(untilMs: number): ProcessStep {
    let busyResumes = 0;
    while (!this.exitInfo) {
      const t = this.nextRunnable(untilMs);
      if (!t) break;
      if (t.busy && ++busyResumes > MAX_BUSY_RESUMES_PER_STEP) {
        // A CPU-bound loop: skip its missed virtual time instead of simulating every iteration.
        for (const th of this.threads) if (th.wakeAt < untilMs) th.wakeAt = untilMs;
        this.nowMs = Math.max(this.nowMs, untilMs);
        break;
      }
      if (t.wakeAt > this.nowMs) this.nowMs = t.wakeAt;
      this.resume(t);
    }
    if (!this.exitInfo && untilMs > this.nowMs) this.nowMs = untilMs;
    const output = this.pending;
    this.pending = [];
    const wake = this.exitInfo ? undefined : this.nextWake();
    return { output, wakeAtMs: wake, exit: this.exitInfo };
  }

  private catchUp(atMs: number): void {
    if (atMs > this.nowMs) this.step(atMs);
    // The lines produced while catching up stay queued for the caller's next step.
  }

  private nextRunnable(untilMs: number): Thread | undefined {
    let best: Thread | undefined;
    for (const t of this.threads) {
      if (t.waitFor) continue;
      if (t.wakeAt <= untilMs && (!best || t.wakeAt < best.wakeAt)) best = t;
    }
    return best;
  }

  private nextWake(): number | undefined {
    let w: number | undefined;
    for (const t of this.threads) if (!t.waitFor && Number.isFinite(t.wakeAt)) w = w === undefined ? t.wakeAt : Math.min(w, t.wakeAt);
    return w;
  }

  private resume(t: Thread): void {
    let r: IteratorResult<Effect, number>;
    try {
      r = t.gen.next();
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      this.threadDone(t, e.code, true);
      return;
    }
    if (r.done) {
      this.threadDone(t, r.value, false);
      return;
    }
    const eff = r.value;
    t.busy = eff.k === 'sleep' && !!eff.busy;
    if (eff.k === 'sleep') t.wakeAt = this.nowMs + Math.max(0, eff.ms);
    else if (eff.k === 'block') t.wakeAt = Infinity;
    else {
      const pending = (eff.pids ?? this.jobsOf(t)).filter((p) => p !== t.pid && this.isRunning(p));
      if (pending.length === 0) t.wakeAt = this.nowMs;
      else {
        t.waitFor = eff.pids ?? 'all';
        t.wakeAt = this.nowMs;
      }
    }
  }

  private jobsOf(waiter: Thread): number[] {
    return this.threads.filter((x) => !x.group && x !== waiter).map((x) => x.pid);
  }

  private threadDone(t: Thread, code: number, viaExit: boolean): void {
    this.threads.splice(this.threads.indexOf(t), 1);
    this.finished.set(t.pid, code);
    // The main program returning ends the container; a trap handler ends it only by calling exit.
    if (t.group && (t.pid === 1 || viaExit)) {
      this.finish(code);
      return;
    }
    for (const w of this.threads) {
      if (!w.waitFor) continue;
      const list = w.waitFor === 'all' ? this.jobsOf(w) : w.waitFor;
      if (!list.some((p) => p !== w.pid && this.isRunning(p))) w.waitFor = undefined;
    }
  }

  private finish(code: number, signal?: Signal): void {
    if (this.exitInfo) return;
    for (const s of ['stdout', 'stderr'] as const) {
      if (this.partial[s]) this.pending.push({ atMs: this.nowMs, stream: s, text: this.partial[s] });
      this.partial[s] = '';
    }
    for (const t of this.threads) t.gen.return(0);
    this.threads.length = 0;
    this.exitInfo = { code, atMs: this.nowMs, ...(signal ? { signal } : {}) };
    for (const h of this.exitHooks) h();
  }

  private emit(stream: 'stdout' | 'stderr', text: string): void {
    if (this.exitInfo) return;
    const chunks = (this.partial[stream] + text).split('\n');
    this.partial[stream] = chunks.pop() ?? '';
    for (const line of chunks) this.pending.push({ atMs: this.nowMs, stream, text: line });
  }
}
