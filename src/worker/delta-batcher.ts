/**
 * Collects what changed between two frames and hands it out in batches of bounded size: upserts and deletes of
 * the same object coalesce (the last one wins), traffic is capped per batch and the overflow counted.
 */
import type { ComponentView, Delta, NarrationView, ObjectSummary, TrafficView } from '../protocol/messages';

export interface BatchLimits {
  /** Rough upper bound on a batch's serialised deltas, in bytes (JSON length). */
  maxDeltaBytes: number;
  /** Traffic records forwarded per batch; the rest are counted as dropped. */
  maxTraffic: number;
  /** Decision lines forwarded per batch; older ones beyond it are dropped (the newest matter). */
  maxDecisions?: number;
}

export interface BatchContent {
  deltas: Delta[];
  traffic: TrafficView[];
  droppedTraffic: number;
  decisions: NarrationView[];
}

export class DeltaBatcher {
  private pending = new Map<string, Delta>();
  private traffic: TrafficView[] = [];
  private dropped = 0;
  private decisions: NarrationView[] = [];

  constructor(private readonly limits: BatchLimits = { maxDeltaBytes: 100_000, maxTraffic: 200 }) {}

  upsert(object: ObjectSummary): void {
    this.pending.delete(object.key); // re-insert so the object moves to the back of the queue
    this.pending.set(object.key, { op: 'upsert', object });
  }

  delete(key: string): void {
    this.pending.delete(key);
    this.pending.set(key, { op: 'delete', key });
  }

  component(component: ComponentView): void {
    this.pending.set(`component:${component.id}`, { op: 'component', component });
  }

  addTraffic(record: TrafficView): void {
    if (this.traffic.length < this.limits.maxTraffic) this.traffic.push(record);
    else this.dropped++;
  }

  addDecision(line: NarrationView): void {
    this.decisions.push(line);
    const max = this.limits.maxDecisions ?? 100;
    if (this.decisions.length > max * 2) this.decisions = this.decisions.slice(-max);
  }

  hasWork(): boolean {
    return this.pending.size > 0 || this.traffic.length > 0 || this.dropped > 0 || this.decisions.length > 0;
  }

  /** Deltas still waiting (more than one batch's worth when the cluster changes fast). */
  backlog(): number {
    return this.pending.size;
  }

  /** Takes the next batch: as many deltas as fit the byte budget (at least one), all capped traffic. */
  take(): BatchContent {
    const deltas: Delta[] = [];
    let bytes = 0;
    for (const [key, delta] of this.pending) {
      const size = JSON.stringify(delta).length;
      if (deltas.length > 0 && bytes + size > this.limits.maxDeltaBytes) break;
      bytes += size;
      deltas.push(delta);
      this.pending.delete(key);
    }
    const content = { deltas, traffic: this.traffic, droppedTraffic: this.dropped, decisions: this.decisions.slice(-(this.limits.maxDecisions ?? 100)) };
    this.traffic = [];
    this.dropped = 0;
    this.decisions = [];
    return content;
  }

  clear(): void {
    this.pending.clear();
    this.traffic = [];
    this.dropped = 0;
    this.decisions = [];
  }
}
