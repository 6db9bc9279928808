/**
 * What every controller decided, one entry per reconcile, in a bounded log the UI reads to explain why the
 * cluster is changing ("deployment-controller reconciled default/web: scaled up replica set web-7d9f to 3").
 */
import type { ReconcileResult } from './reconciler';

export type DecisionOutcome = 'done' | 'requeue' | 'requeue-after' | 'error';

export interface Decision {
  /** Increasing id, unique within the log. */
  seq: number;
  controller: string;
  key: string;
  /** Sim time in ms. */
  t: number;
  result: ReconcileResult;
  outcome: DecisionOutcome;
  /** The reconciler's own account of what it did (result.note), or the error. */
  note?: string;
  /** How many times the key had been retried when this reconcile ran. */
  requeues: number;
}

export type DecisionListener = (d: Decision) => void;

export class DecisionLog {
  private entries: Decision[] = [];
  private nextSeq = 1;
  private listeners = new Set<DecisionListener>();

  constructor(readonly capacity = 5_000) {}

  record(d: Omit<Decision, 'seq'>): Decision {
    const entry: Decision = { seq: this.nextSeq++, ...d };
    this.entries.push(entry);
    // Trim in batches so recording stays O(1) amortised.
    if (this.entries.length > this.capacity * 1.25) this.entries = this.entries.slice(-this.capacity);
    for (const l of this.listeners) l(entry);
    return entry;
  }

  /** The newest `limit` decisions (at most `capacity`), oldest first. */
  recent(limit = this.capacity): readonly Decision[] {
    return this.entries.slice(-Math.min(limit, this.capacity));
  }

  forController(controller: string, limit = this.capacity): Decision[] {
    return this.recent().filter((d) => d.controller === controller).slice(-limit);
  }

  subscribe(listener: DecisionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
