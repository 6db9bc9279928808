/**
 * A long-running kubectl command (`get -w`, `rollout status`, `logs -f`): output keeps arriving on the virtual
 * clock after runKubectl returned. The console subscribes, shows chunks as they come, and calls stop() on Ctrl-C.
 */
export interface WatchChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface KubectlWatch {
  /** Receives every chunk written so far and all later ones; returns an unsubscribe function. */
  subscribe(listener: (chunk: WatchChunk) => void, onEnd?: (exitCode: number) => void): () => void;
  /** Ends the command as Ctrl-C would. */
  stop(): void;
  readonly finished: boolean;
  /** Set once finished. */
  readonly exitCode: number | undefined;
  /** Everything written so far, per stream. */
  readonly stdout: string;
  readonly stderr: string;
}

export class WatchStream implements KubectlWatch {
  private chunks: WatchChunk[] = [];
  private listeners = new Set<{ chunk: (c: WatchChunk) => void; end?: (code: number) => void }>();
  private cleanups: Array<() => void> = [];
  finished = false;
  exitCode: number | undefined;

  write(stream: WatchChunk['stream'], text: string): void {
    if (this.finished || !text) return;
    const chunk = { stream, text };
    this.chunks.push(chunk);
    for (const l of this.listeners) l.chunk(chunk);
  }

  /** Registers what stop() must close (watch handles). */
  onStop(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  finish(exitCode: number): void {
    if (this.finished) return;
    this.finished = true;
    this.exitCode = exitCode;
    for (const c of this.cleanups.splice(0)) c();
    for (const l of this.listeners) l.end?.(exitCode);
  }

  stop(): void {
    this.finish(this.exitCode ?? 0);
  }

  subscribe(listener: (chunk: WatchChunk) => void, onEnd?: (exitCode: number) => void): () => void {
    for (const c of this.chunks) listener(c);
    const entry = { chunk: listener, end: onEnd };
    if (this.finished) {
      onEnd?.(this.exitCode ?? 0);
      return () => undefined;
    }
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  get stdout(): string {
    return this.chunks.filter((c) => c.stream === 'stdout').map((c) => c.text).join('');
  }

  get stderr(): string {
    return this.chunks.filter((c) => c.stream === 'stderr').map((c) => c.text).join('');
  }
}
