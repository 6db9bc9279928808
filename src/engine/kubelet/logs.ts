/**
 * Container logs as the kubelet keeps them under /var/log/pods: one file per container instance, of which the
 * current and the previous one are what `kubectl logs` and `kubectl logs --previous` read.
 */
import type { OutputLine } from '../runtime/process';
import { isoSeconds as isoBase } from '../engine';

/** Lines kept per container instance; older lines rotate away as containerLogMaxSize would. */
const MAX_LINES = 10_000;

export interface LogOptions {
  previous?: boolean;
  tailLines?: number;
  timestamps?: boolean;
  /** Only lines written at or after this sim time (sinceSeconds / sinceTime). */
  sinceMs?: number;
  limitBytes?: number;
}

export class ContainerLog {
  current: OutputLine[] = [];
  previous: OutputLine[] | undefined;

  append(lines: OutputLine[]): void {
    if (lines.length === 0) return;
    this.current.push(...lines);
    if (this.current.length > MAX_LINES) this.current.splice(0, this.current.length - MAX_LINES);
  }

  /** A new instance starts: the current file becomes the previous one. */
  rotate(): void {
    this.previous = this.current;
    this.current = [];
  }
}

/** Formats log lines as the CRI log reader returns them (`--timestamps` prefixes RFC 3339 with nanoseconds). */
export function renderLog(lines: OutputLine[], epochMs: number, opts: LogOptions): string {
  let selected = opts.sinceMs !== undefined ? lines.filter((l) => l.atMs >= (opts.sinceMs as number)) : lines;
  if (opts.tailLines !== undefined && opts.tailLines >= 0) selected = opts.tailLines === 0 ? [] : selected.slice(-opts.tailLines);
  let text = selected.map((l) => (opts.timestamps ? `${rfc3339Nano(epochMs + l.atMs)} ${l.text}\n` : `${l.text}\n`)).join('');
  if (opts.limitBytes !== undefined && opts.limitBytes > 0 && text.length > opts.limitBytes) text = text.slice(0, opts.limitBytes);
  return text;
}

/** `2025-01-01T00:00:05.123000000Z` (metav1 RFC3339Nano as the kubelet writes log timestamps). */
export function rfc3339Nano(epochMs: number): string {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const ms = epochMs - whole;
  return isoBase(whole).replace('Z', `.${String(ms).padStart(3, '0')}000000Z`);
}

/** metav1.MicroTime as it serialises: six fractional digits. */
export function microTime(epochMs: number): string {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const ms = epochMs - whole;
  return isoBase(whole).replace('Z', `.${String(ms).padStart(3, '0')}000Z`);
}
