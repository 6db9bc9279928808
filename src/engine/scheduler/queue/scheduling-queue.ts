import type { Pod } from 'kubernetes-types/core/v1';
import type { Framework, Nominator } from '../framework/framework';
import type { QueuedPodInfo } from '../framework/interface';
import { newPodInfo, podKey, type PodInfo } from '../framework/pod-info';
import { isSuccess } from '../framework/status';
import { ForceActivate, matchClusterEvents, UnschedulableTimeout, type ClusterEvent } from './events';

export const DEFAULT_POD_INITIAL_BACKOFF_MS = 1_000;
export const DEFAULT_POD_MAX_BACKOFF_MS = 10_000;
/** Pods stuck in unschedulablePods this long are retried anyway (podMaxInUnschedulablePodsDuration). */
export const DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS = 5 * 60_000;

export interface SchedulingQueueOptions {
  podInitialBackoffMs?: number;
  podMaxBackoffMs?: number;
  podMaxInUnschedulablePodsDurationMs?: number;
}

/**
 * A binary heap ordered by `less`, with removal by key. Ties go to the pod added first: sim time has
 * millisecond resolution, so many pods share a timestamp that upstream's nanosecond clock would tell apart.
 */
class Heap {
  private items: QueuedPodInfo[] = [];
  private index = new Map<string, number>();
  private readonly seqOf = new WeakMap<QueuedPodInfo, number>();
  private nextSeq = 0;
  private readonly less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;

  constructor(less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean) {
    this.less = (a, b) => less(a, b) || (!less(b, a) && (this.seqOf.get(a) ?? 0) < (this.seqOf.get(b) ?? 0));
  }

  get size(): number { return this.items.length; }
  has(key: string): boolean { return this.index.has(key); }
  get(key: string): QueuedPodInfo | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.items[i];
  }
  peek(): QueuedPodInfo | undefined { return this.items[0]; }
  list(): QueuedPodInfo[] { return this.items.slice(); }

  addOrUpdate(q: QueuedPodInfo): void {
    const i = this.index.get(q.podInfo.key);
    if (i === undefined || this.items[i] !== q) this.seqOf.set(q, this.nextSeq++);
    if (i !== undefined) {
      this.items[i] = q;
      this.up(i);
      this.down(this.index.get(q.podInfo.key)!);
      return;
    }
    this.items.push(q);
    this.index.set(q.podInfo.key, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  pop(): QueuedPodInfo | undefined {
    if (this.items.length === 0) return undefined;
    const top = this.items[0];
    this.removeAt(0);
    return top;
  }

  delete(key: string): QueuedPodInfo | undefined {
    const i = this.index.get(key);
    if (i === undefined) return undefined;
    const q = this.items[i];
    this.removeAt(i);
    return q;
  }

  private removeAt(i: number): void {
    const last = this.items.length - 1;
    this.index.delete(this.items[i].podInfo.key);
    if (i !== last) {
      this.items[i] = this.items[last];
      this.index.set(this.items[i].podInfo.key, i);
    }
    this.items.pop();
    if (i < this.items.length) {
      this.up(i);
      this.down(this.index.get(this.items[Math.min(i, this.items.length - 1)].podInfo.key)!);
    }
  }

  private swap(i: number, j: number): void {
    [this.items[i], this.items[j]] = [this.items[j], this.items[i]];
    this.index.set(this.items[i].podInfo.key, i);
    this.index.set(this.items[j].podInfo.key, j);
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(this.items[i], this.items[p])) break;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(this.items[l], this.items[m])) m = l;
      if (r < n && this.less(this.items[r], this.items[m])) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}

const NO_PODS: readonly PodInfo[] = Object.freeze([]);

export type QueueName = 'activeQ' | 'backoffQ' | 'unschedulablePods';

/**
 * The scheduling queue (PriorityQueue): activeQ ordered by the profile's QueueSort plugin, backoffQ ordered by
 * backoff expiry, and unschedulablePods waiting for a cluster event one of their rejecting plugins cares about.
 * Time is sim milliseconds passed in by the caller. Also the Nominator for nominated pods.
 */
export class SchedulingQueue implements Nominator {
  private readonly activeQ: Heap;
  private readonly backoffQ: Heap;
  private readonly unschedulablePods = new Map<string, QueuedPodInfo>();
  /** Pods popped and being scheduled now, with the move-request cycle they started in. */
  private readonly inFlight = new Map<string, number>();
  private schedulingCycle = 0;
  private moveRequestCycle = -1;
  private readonly nominated = new Map<string, Map<string, PodInfo>>();
  private readonly nominatedNodeOf = new Map<string, string>();
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxInUnschedulable: number;

  constructor(private readonly framework: Framework, opts: SchedulingQueueOptions = {}) {
    this.initialBackoff = opts.podInitialBackoffMs ?? DEFAULT_POD_INITIAL_BACKOFF_MS;
    this.maxBackoff = opts.podMaxBackoffMs ?? DEFAULT_POD_MAX_BACKOFF_MS;
    this.maxInUnschedulable = opts.podMaxInUnschedulablePodsDurationMs ?? DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS;
    const sort = framework.queueSortPlugin;
    this.activeQ = new Heap(sort ? (a, b) => sort.less(a, b) : (a, b) => a.timestamp < b.timestamp);
    this.backoffQ = new Heap((a, b) => this.backoffExpiry(a) < this.backoffExpiry(b));
  }

  /** Backoff doubles per attempt from the initial duration, capped at the maximum. */
  backoffDuration(q: QueuedPodInfo): number {
    let d = this.initialBackoff;
    for (let i = 1; i < q.attempts; i++) {
      if (d > this.maxBackoff - d) return this.maxBackoff;
      d += d;
    }
    return Math.min(d, this.maxBackoff);
  }

  backoffExpiry(q: QueuedPodInfo): number {
    return q.timestamp + this.backoffDuration(q);
  }

  private isBackingOff(q: QueuedPodInfo, now: number): boolean {
    return q.attempts > 0 && this.backoffExpiry(q) > now;
  }

  private newQueuedPodInfo(pod: Pod, now: number): QueuedPodInfo {
    return { podInfo: newPodInfo(pod), timestamp: now, attempts: 0, initialAttemptTimestamp: undefined, unschedulablePlugins: new Set(), pendingPlugins: new Set(), gated: false };
  }

  /** Runs PreEnqueue plugins; a gated pod waits in unschedulablePods. */
  private moveToActiveQ(q: QueuedPodInfo): QueueName {
    q.gated = false;
    for (const pl of this.framework.preEnqueuePlugins) {
      const s = pl.preEnqueue(q.podInfo.pod);
      if (!isSuccess(s)) {
        q.gated = true;
        q.unschedulablePlugins = new Set([pl.name]);
        this.unschedulablePods.set(q.podInfo.key, q);
        return 'unschedulablePods';
      }
    }
    this.unschedulablePods.delete(q.podInfo.key);
    this.backoffQ.delete(q.podInfo.key);
    this.activeQ.addOrUpdate(q);
    return 'activeQ';
  }

  /** A new unscheduled pod. */
  add(pod: Pod, now: number): QueueName {
    this.addNominatedPod(pod);
    return this.moveToActiveQ(this.newQueuedPodInfo(pod, now));
  }

  /** The next pod to schedule, or undefined when activeQ is empty (upstream blocks instead). */
  pop(): QueuedPodInfo | undefined {
    const q = this.activeQ.pop();
    if (!q) return undefined;
    q.attempts++;
    if (q.initialAttemptTimestamp === undefined) q.initialAttemptTimestamp = q.timestamp;
    this.schedulingCycle++;
    this.inFlight.set(q.podInfo.key, this.schedulingCycle);
    return q;
  }

  /** The cycle number of the latest pop, to pass back to addUnschedulableIfNotPresent. */
  get currentSchedulingCycle(): number {
    return this.schedulingCycle;
  }

  /** Scheduling finished (bound or failed) for a popped pod. */
  done(pod: Pod): void {
    this.inFlight.delete(podKey(pod));
  }

  /**
   * A popped pod failed to schedule: into backoffQ if a relevant move request came in while it was being
   * scheduled (or it failed with no plugin to blame), else into unschedulablePods to wait for an event.
   */
  addUnschedulableIfNotPresent(q: QueuedPodInfo, podSchedulingCycle: number, now: number): QueueName {
    const key = q.podInfo.key;
    this.inFlight.delete(key);
    if (this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulablePods.has(key)) {
      throw new Error(`Pod ${key} is already present in the scheduling queue`);
    }
    q.timestamp = now;
    this.addNominatedPod(q.podInfo.pod);
    const noBlame = q.unschedulablePlugins.size === 0 && q.pendingPlugins.size === 0;
    if (noBlame || this.moveRequestCycle >= podSchedulingCycle) {
      this.backoffQ.addOrUpdate(q);
      return 'backoffQ';
    }
    this.unschedulablePods.set(key, q);
    return 'unschedulablePods';
  }

  /** Moves pods whose backoff expired to activeQ (flushBackoffQCompleted, every second upstream). */
  flushBackoffQCompleted(now: number): number {
    let n = 0;
    for (let q = this.backoffQ.peek(); q && this.backoffExpiry(q) <= now; q = this.backoffQ.peek()) {
      this.backoffQ.pop();
      this.moveToActiveQ(q);
      n++;
    }
    return n;
  }

  /** Retries pods that waited longer than podMaxInUnschedulablePodsDuration (every 30 s upstream). */
  flushUnschedulablePodsLeftover(now: number): number {
    const stale = [...this.unschedulablePods.values()].filter((q) => !q.gated && now - q.timestamp > this.maxInUnschedulable);
    for (const q of stale) this.requeue(q, now, UnschedulableTimeout);
    return stale.length;
  }

  /** When the next backoff expires, so the caller can set a timer; undefined if backoffQ is empty. */
  nextBackoffExpiry(): number | undefined {
    const q = this.backoffQ.peek();
    return q ? this.backoffExpiry(q) : undefined;
  }

  private requeue(q: QueuedPodInfo, now: number, _event: ClusterEvent): QueueName {
    this.unschedulablePods.delete(q.podInfo.key);
    if (this.isBackingOff(q, now)) {
      this.backoffQ.addOrUpdate(q);
      return 'backoffQ';
    }
    return this.moveToActiveQ(q);
  }

  /**
   * Whether `event` may make `q` schedulable: some plugin that rejected it registered a matching event and its
   * queueing hint (if any) says Queue. Wildcard events move everything.
   */
  private isWorthRequeuing(q: QueuedPodInfo, event: ClusterEvent, oldObj: unknown, newObj: unknown): boolean {
    const rejectors = new Set([...q.unschedulablePlugins, ...q.pendingPlugins]);
    if (rejectors.size === 0) return true;
    if (event.resource === '*') return true;
    for (const pl of this.framework.enqueueExtensions) {
      if (!rejectors.has(pl.name)) continue;
      for (const reg of pl.eventsToRegister()) {
        if (!matchClusterEvents(reg.event, event)) continue;
        if (!reg.queueingHintFn) return true;
        try {
          if (reg.queueingHintFn(q.podInfo.pod, oldObj, newObj) === 'Queue') return true;
        } catch {
          return true; // an erroring hint requeues, as upstream does
        }
      }
    }
    return false;
  }

  /** A cluster event: requeue the unschedulable pods it may help (MoveAllToActiveOrBackoffQueue). */
  moveAllToActiveOrBackoffQueue(event: ClusterEvent, oldObj: unknown, newObj: unknown, now: number, preCheck?: (pod: Pod) => boolean): number {
    let moved = 0;
    if (this.unschedulablePods.size === 0) {
      if (this.inFlight.size > 0) this.moveRequestCycle = this.schedulingCycle;
      return 0;
    }
    for (const q of [...this.unschedulablePods.values()]) {
      if (preCheck && !preCheck(q.podInfo.pod)) continue;
      if (q.gated && event !== ForceActivate && !this.isWorthRequeuing(q, event, oldObj, newObj)) continue;
      if (!q.gated && !this.isWorthRequeuing(q, event, oldObj, newObj)) continue;
      this.requeue(q, now, event);
      moved++;
    }
    // Pods being scheduled right now may have missed this event: send them to backoffQ if they fail.
    if (this.inFlight.size > 0) this.moveRequestCycle = this.schedulingCycle;
    return moved;
  }

  /** An unscheduled pod changed (spec/labels); re-evaluate where it belongs. */
  update(oldPod: Pod, newPod: Pod, now: number): void {
    const key = podKey(newPod);
    this.addNominatedPod(newPod);
    for (const heap of [this.activeQ, this.backoffQ]) {
      const q = heap.get(key);
      if (q) {
        q.podInfo = newPodInfo(newPod);
        heap.addOrUpdate(q);
        return;
      }
    }
    const q = this.unschedulablePods.get(key);
    if (q) {
      q.podInfo = newPodInfo(newPod);
      // An update that could make it schedulable (e.g. gates removed, tolerations added) retries it.
      if (q.gated || JSON.stringify(oldPod.spec) !== JSON.stringify(newPod.spec) || JSON.stringify(oldPod.metadata?.labels) !== JSON.stringify(newPod.metadata?.labels)) {
        this.requeue(q, now, UnschedulableTimeout);
      }
      return;
    }
    if (!this.inFlight.has(key)) this.add(newPod, now);
  }

  delete(pod: Pod): void {
    const key = podKey(pod);
    this.deleteNominatedPod(pod);
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulablePods.delete(key);
    this.inFlight.delete(key);
  }

  /** Moves specific pods to activeQ right away (framework.Activate). */
  activate(pods: Pod[], now: number): void {
    for (const pod of pods) {
      const key = podKey(pod);
      const q = this.unschedulablePods.get(key) ?? this.backoffQ.get(key);
      if (!q) continue;
      this.backoffQ.delete(key);
      this.unschedulablePods.delete(key);
      q.timestamp = Math.min(q.timestamp, now);
      this.moveToActiveQ(q);
    }
  }

  where(pod: Pod): QueueName | 'inFlight' | undefined {
    const key = podKey(pod);
    if (this.activeQ.has(key)) return 'activeQ';
    if (this.backoffQ.has(key)) return 'backoffQ';
    if (this.unschedulablePods.has(key)) return 'unschedulablePods';
    if (this.inFlight.has(key)) return 'inFlight';
    return undefined;
  }

  /** Sizes of the three queues, without copying them. */
  counts(): { activeQ: number; backoffQ: number; unschedulablePods: number } {
    return { activeQ: this.activeQ.size, backoffQ: this.backoffQ.size, unschedulablePods: this.unschedulablePods.size };
  }

  /** Pending pods per queue, for the UI. */
  pendingPods(): { activeQ: QueuedPodInfo[]; backoffQ: QueuedPodInfo[]; unschedulablePods: QueuedPodInfo[] } {
    return { activeQ: this.activeQ.list(), backoffQ: this.backoffQ.list(), unschedulablePods: [...this.unschedulablePods.values()] };
  }

  // ---- nominator ----

  /** Records pod.status.nominatedNodeName (or clears it when empty). */
  addNominatedPod(pod: Pod, nodeName = pod.status?.nominatedNodeName ?? ''): void {
    this.deleteNominatedPod(pod);
    if (!nodeName) return;
    const key = podKey(pod);
    let m = this.nominated.get(nodeName);
    if (!m) this.nominated.set(nodeName, (m = new Map()));
    m.set(key, newPodInfo(pod));
    this.nominatedNodeOf.set(key, nodeName);
  }

  deleteNominatedPod(pod: Pod): void {
    const key = podKey(pod);
    const node = this.nominatedNodeOf.get(key);
    if (node === undefined) return;
    this.nominated.get(node)?.delete(key);
    this.nominatedNodeOf.delete(key);
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    const m = this.nominated.get(nodeName);
    return m && m.size > 0 ? [...m.values()] : NO_PODS;
  }
}
