/**
 * The node lifecycle controller (pkg/controller/nodelifecycle, 1.32): watches each node's health signals — its
 * Lease renewals in kube-node-lease and its NodeStatus — and when neither has moved for the node monitor grace
 * period (50 s) sets every kubelet-owned condition to Unknown (`NodeStatusUnknown`, `Kubelet stopped posting node
 * status.`), marks the node's pods not ready and records `NodeNotReady`. It keeps the condition taints in step:
 * NoSchedule `not-ready` / `unreachable` / `unschedulable` (TaintNodesByCondition) straight away, and the NoExecute
 * `not-ready` / `unreachable` taints through a per-zone rate-limited queue (0.1 node/s; slower or stopped when a
 * zone is partially or fully disrupted) — the taint eviction controller then evicts the pods.
 *
 * Upstream runs several loops (monitorNodeHealth every 5 s, the NoExecute tainting pass every 100 ms, node and
 * pod workers); here they are keys of one controller: `monitor`, `noexecute`, `node/<name>` and `pod/<ns>/<name>`.
 */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, NodeCondition, Pod, Taint } from 'kubernetes-types/core/v1';
import { Controller } from '../../client/controller';
import type { SharedIndexInformer } from '../../client/informer';
import { NODE_NAME_INDEX, nodeNameIndexFunc } from '../../client/indexer';
import { unwrapTombstone } from '../../client/object-keys';
import type { ReconcileResult } from '../../client/reconciler';
import type { ResourceClient } from '../../client/rest-client';
import type { EventRecorder } from '../../record/event-recorder';
import type { ControllerContext } from '../controller-context';
import { nowMs, parseTime } from '../history/time';
import { isNotFound } from '../../client/api-result';
import {
  nodeCondition,
  swapNodeTaints,
  taintExists,
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
  updatePodCondition,
} from './node-util';
import { RateLimitedTimedQueue } from './rate-limited-queue';

export const CONTROLLER_NAME = 'node-lifecycle-controller';
/** The event source upstream's node controller records under. */
export const EVENT_COMPONENT = 'node-controller';

/** kube-controller-manager defaults (1.32). */
export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;
export const EVICTION_LIMITER_QPS = 0.1;
export const SECONDARY_EVICTION_LIMITER_QPS = 0.01;
export const LARGE_CLUSTER_THRESHOLD = 50;
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;
/** scheduler.NodeEvictionPeriod: how often the NoExecute tainting pass runs while nodes wait. */
const NODE_EVICTION_PERIOD_MS = 100;

export const UNREACHABLE_TAINT: Taint = { key: TAINT_UNREACHABLE, effect: 'NoExecute' };
export const NOT_READY_TAINT: Taint = { key: TAINT_NOT_READY, effect: 'NoExecute' };

/** Which condition status maps to which NoSchedule taint (nodeConditionToTaintKeyStatusMap). */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};
const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));

/** The conditions the controller turns Unknown when the kubelet goes quiet (NetworkUnavailable is not its). */
const KUBELET_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

export type ZoneState = 'Initial' | 'Normal' | 'FullDisruption' | 'PartialDisruption';

interface NodeHealth {
  probeTimestamp: number;
  readyTransitionTimestamp: number;
  status: Node['status'];
  lease?: Lease;
}

const LABEL_EXCLUDE_DISRUPTION = 'node.kubernetes.io/exclude-disruption';

/** nodetopology.GetZoneKey: region and zone, "" when the node has neither. */
export function zoneKey(node: Node): string {
  const l = node.metadata?.labels ?? {};
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`;
}

export class NodeLifecycleController {
  readonly controller: Controller;
  private readonly nodes: SharedIndexInformer<Node>;
  private readonly pods: SharedIndexInformer<Pod>;
  private readonly leases: SharedIndexInformer<Lease>;
  private readonly nodeApi: ResourceClient<Node>;
  private readonly podApi: ResourceClient<Pod>;
  private readonly recorder: EventRecorder;
  private knownNodes = new Map<string, Node>();
  private health = new Map<string, NodeHealth>();
  private zoneStates = new Map<string, ZoneState>();
  private zoneTainters = new Map<string, RateLimitedTimedQueue>();
  private nodesToRetry = new Set<string>();

  constructor(private readonly ctx: ControllerContext) {
    const client = ctx.client.as(CONTROLLER_NAME);
    this.nodeApi = client.resource<Node>({ group: '', version: 'v1', resource: 'nodes' });
    this.podApi = client.resource<Pod>({ group: '', version: 'v1', resource: 'pods' });
    this.nodes = ctx.informers.informerFor<Node>({ group: '', version: 'v1', resource: 'nodes' });
    this.pods = ctx.informers.informerFor<Pod>({ group: '', version: 'v1', resource: 'pods' }, { indexers: { [NODE_NAME_INDEX]: nodeNameIndexFunc } });
    this.leases = ctx.informers.informerFor<Lease>({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases' }, { namespace: 'kube-node-lease' });
    this.recorder = ctx.recorder(EVENT_COMPONENT);
    this.controller = new Controller(ctx.engine, CONTROLLER_NAME, { reconcile: (key) => this.reconcile(key) }, { decisionLog: ctx.decisions })
      .watches(this.nodes, (n) => [`node/${unwrapTombstone(n).metadata?.name}`], {
        // Only what the NoSchedule pass reads: conditions and spec.unschedulable.
        update: (o, n) => JSON.stringify([o.status?.conditions?.map((c) => [c.type, c.status]), o.spec?.unschedulable, o.spec?.taints]) !== JSON.stringify([n.status?.conditions?.map((c) => [c.type, c.status]), n.spec?.unschedulable, n.spec?.taints]),
        delete: () => false,
      })
      .watches(this.pods, (p) => [`pod/${p.metadata?.namespace}/${p.metadata?.name}`], {
        create: (p) => !!p.spec?.nodeName,
        update: (o, n) => !!n.spec?.nodeName && n.spec.nodeName !== o.spec?.nodeName,
        delete: () => false,
      })
      .watches(this.leases, () => [], { create: () => false, update: () => false, delete: () => false });
    this.controller.enqueue('monitor');
  }

  private now(): number {
    return nowMs(this.ctx.engine);
  }

  private stamp(): string {
    return this.ctx.engine.timestamp();
  }

  private reconcile(key: string): ReconcileResult {
    if (key === 'monitor') {
      this.monitorNodeHealth();
      this.scheduleTaintingPass();
      return { requeueAfter: NODE_MONITOR_PERIOD_MS, note: `monitored ${this.knownNodes.size} nodes` };
    }
    if (key === 'noexecute') return this.noExecuteTaintingPass();
    if (key.startsWith('node/')) return this.noScheduleTaintingPass(key.slice(5));
    if (key.startsWith('pod/')) return this.processPod(key.slice(4));
    return { note: 'unknown key' };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Node health

  private monitorNodeHealth(): void {
    const nodes = this.nodes.lister.list().slice().sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    const names = new Set(nodes.map((n) => n.metadata!.name!));
    for (const node of nodes) {
      const name = node.metadata!.name!;
      if (!this.zoneStates.has(zoneKey(node))) this.addZone(zoneKey(node));
      if (this.knownNodes.has(name)) continue;
      this.recordNodeEvent(node, 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
      this.knownNodes.set(name, node);
      this.markNodeAsReachable(node);
    }
    for (const [name, node] of [...this.knownNodes]) {
      if (names.has(name)) continue;
      this.recordNodeEvent(node, 'Normal', 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
      this.knownNodes.delete(name);
      this.health.delete(name);
      this.nodesToRetry.delete(name);
    }

    const zoneConditions = new Map<string, (NodeCondition | undefined)[]>();
    for (const cached of nodes) {
      const node = structuredClone(cached);
      const name = node.metadata!.name!;
      const result = this.tryUpdateNodeHealth(node);
      if (!result) continue;
      const { observed, current } = result;
      if (!(LABEL_EXCLUDE_DISRUPTION in (node.metadata?.labels ?? {}))) {
        const z = zoneKey(node);
        zoneConditions.set(z, [...(zoneConditions.get(z) ?? []), current]);
      }
      if (!current) continue;
      this.processTaintBasedEviction(node, observed);
      const pods = this.pods.indexer.byIndex(NODE_NAME_INDEX, name);
      const becameNotReady = current.status !== 'True' && observed.status === 'True';
      if (becameNotReady) this.recordStatusChange(node, 'NodeNotReady');
      if (becameNotReady || (this.nodesToRetry.has(name) && observed.status !== 'True')) {
        if (!this.markPodsNotReady(pods, name)) {
          this.nodesToRetry.add(name);
          continue;
        }
      }
      this.nodesToRetry.delete(name);
    }
    this.handleDisruption(zoneConditions, nodes);
  }

  /**
   * tryUpdateNodeHealth: refreshes the probe timestamp from a changed heartbeat or a renewed Lease, and once the
   * grace period has passed without either, writes the kubelet's conditions as Unknown.
   */
  private tryUpdateNodeHealth(node: Node): { observed: NodeCondition; current: NodeCondition | undefined } | undefined {
    const name = node.metadata!.name!;
    const now = this.now();
    const created = parseTime(node.metadata?.creationTimestamp);
    let health = this.health.get(name);
    let current = nodeCondition(node, 'Ready');
    let observed: NodeCondition;
    let grace: number;
    if (!current) {
      observed = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: node.metadata?.creationTimestamp, lastTransitionTime: node.metadata?.creationTimestamp };
      grace = NODE_STARTUP_GRACE_PERIOD_MS;
      if (health) health.status = node.status;
      else health = { status: node.status, probeTimestamp: created, readyTransitionTimestamp: created };
    } else {
      observed = { ...current };
      grace = NODE_MONITOR_GRACE_PERIOD_MS;
    }
    const saved = health ? nodeCondition({ status: health.status } as Node, 'Ready') : undefined;
    const savedLease = health?.lease;
    if (!health) {
      health = { status: node.status, probeTimestamp: now, readyTransitionTimestamp: now };
    } else if ((!saved && current) || (saved && !current)) {
      health = { status: node.status, probeTimestamp: now, readyTransitionTimestamp: now };
    } else if (saved && current && saved.lastHeartbeatTime !== current.lastHeartbeatTime) {
      const transition = saved.lastTransitionTime !== current.lastTransitionTime ? now : health.readyTransitionTimestamp;
      health = { status: node.status, probeTimestamp: now, readyTransitionTimestamp: transition, lease: health.lease };
    }
    // A renewed Lease is a heartbeat too: the kubelet renews it every 10 s and posts status far less often.
    const lease = this.leases.lister.namespace('kube-node-lease').get(name);
    if (lease && (!savedLease || parseTime(savedLease.spec?.renewTime) < parseTime(lease.spec?.renewTime))) {
      health.lease = lease;
      health.probeTimestamp = now;
    }
    this.health.set(name, health);
    if (now <= health.probeTimestamp + grace) return { observed, current };

    const stamp = this.stamp();
    const conditions = [...(node.status?.conditions ?? [])];
    for (const type of KUBELET_CONDITIONS) {
      const i = conditions.findIndex((c) => c.type === type);
      if (i < 0) {
        conditions.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: node.metadata?.creationTimestamp, lastTransitionTime: stamp });
      } else if (conditions[i].status !== 'Unknown') {
        conditions[i] = { ...conditions[i], status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: stamp };
      }
    }
    const updated: Node = { ...node, status: { ...node.status, conditions } };
    current = nodeCondition(updated, 'Ready');
    if (JSON.stringify(current) === JSON.stringify(observed)) return { observed, current };
    const res = this.nodeApi.updateStatus('', updated);
    if (!res.ok) return isNotFound(res.status) ? undefined : { observed, current: observed };
    this.health.set(name, { status: updated.status, probeTimestamp: health.probeTimestamp, readyTransitionTimestamp: now, lease });
    return { observed, current };
  }

  private processTaintBasedEviction(node: Node, observed: NodeCondition): void {
    const taints = node.spec?.taints;
    const name = node.metadata!.name!;
    switch (observed.status) {
      case 'False':
        if (taintExists(taints, UNREACHABLE_TAINT)) swapNodeTaints(this.nodeApi, name, [NOT_READY_TAINT], [UNREACHABLE_TAINT], this.stamp());
        else this.markNodeForTainting(node, 'False');
        break;
      case 'Unknown':
        if (taintExists(taints, NOT_READY_TAINT)) swapNodeTaints(this.nodeApi, name, [UNREACHABLE_TAINT], [NOT_READY_TAINT], this.stamp());
        else this.markNodeForTainting(node, 'Unknown');
        break;
      case 'True':
        this.markNodeAsReachable(node);
        break;
    }
  }

  private markNodeForTainting(node: Node, status: 'False' | 'Unknown'): boolean {
    const q = this.tainter(node);
    const name = node.metadata!.name!;
    if (status === 'False' && !taintExists(node.spec?.taints, NOT_READY_TAINT)) q.remove(name);
    if (status === 'Unknown' && !taintExists(node.spec?.taints, UNREACHABLE_TAINT)) q.remove(name);
    return q.add(name, node.metadata?.uid ?? '', this.ctx.engine.now());
  }

  private markNodeAsReachable(node: Node): boolean {
    const name = node.metadata!.name!;
    const taints = node.spec?.taints;
    if (taintExists(taints, UNREACHABLE_TAINT) || taintExists(taints, NOT_READY_TAINT)) {
      swapNodeTaints(this.nodeApi, name, [], [UNREACHABLE_TAINT, NOT_READY_TAINT], this.stamp());
    }
    return this.tainter(node).remove(name);
  }

  private tainter(node: Node): RateLimitedTimedQueue {
    const z = zoneKey(node);
    if (!this.zoneTainters.has(z)) this.addZone(z);
    return this.zoneTainters.get(z)!;
  }

  private addZone(zone: string): void {
    if (this.zoneStates.has(zone)) return;
    this.zoneStates.set(zone, 'Initial');
    this.zoneTainters.set(zone, new RateLimitedTimedQueue(EVICTION_LIMITER_QPS, this.ctx.engine.now()));
  }

  // ---------------------------------------------------------------------------------------------------------
  // NoExecute tainting (doNoExecuteTaintingPass), rate limited per zone

  private scheduleTaintingPass(): void {
    const now = this.ctx.engine.now();
    const next = Math.min(...[...this.zoneTainters.values()].map((q) => q.nextIn(now)));
    if (Number.isFinite(next)) this.controller.queue.addAfter('noexecute', Math.max(NODE_EVICTION_PERIOD_MS, next));
  }

  private noExecuteTaintingPass(): ReconcileResult {
    const now = this.ctx.engine.now();
    const tainted: string[] = [];
    for (const zone of [...this.zoneTainters.keys()].sort()) {
      this.zoneTainters.get(zone)!.try(now, (v) => {
        const node = this.nodes.lister.get(v.value);
        if (!node) return { done: true };
        const ready = nodeCondition(node, 'Ready');
        if (!ready) return { done: false, retryAfterMs: 50 };
        let add: Taint;
        let opposite: Taint;
        if (ready.status === 'False') [add, opposite] = [NOT_READY_TAINT, UNREACHABLE_TAINT];
        else if (ready.status === 'Unknown') [add, opposite] = [UNREACHABLE_TAINT, NOT_READY_TAINT];
        else return { done: true };
        const ok = swapNodeTaints(this.nodeApi, v.value, [add], [opposite], this.stamp());
        if (ok) tainted.push(`${v.value} ${add.key}:NoExecute`);
        return { done: ok };
      });
    }
    this.scheduleTaintingPass();
    return { note: tainted.length ? `tainted ${tainted.join(', ')}` : 'no node due' };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Zone disruption (handleDisruption)

  private handleDisruption(zoneConditions: Map<string, (NodeCondition | undefined)[]>, nodes: Node[]): void {
    const newStates = new Map<string, ZoneState>();
    let allAreFullyDisrupted = true;
    for (const [zone, conds] of zoneConditions) {
      const state = computeZoneState(conds);
      if (state !== 'FullDisruption') allAreFullyDisrupted = false;
      newStates.set(zone, state);
      if (!this.zoneStates.has(zone)) this.addZone(zone);
    }
    let allWasFullyDisrupted = true;
    for (const [zone, state] of [...this.zoneStates]) {
      if (!zoneConditions.has(zone)) {
        this.zoneStates.delete(zone);
        continue;
      }
      if (state !== 'FullDisruption') {
        allWasFullyDisrupted = false;
        break;
      }
    }
    if (allAreFullyDisrupted && allWasFullyDisrupted) return;
    const now = this.ctx.engine.now();
    if (allAreFullyDisrupted) {
      // Every node NotReady: more likely the control plane lost them than they all died — stop evicting.
      for (const n of nodes) this.markNodeAsReachable(n);
      for (const zone of this.zoneStates.keys()) {
        this.zoneTainters.get(zone)?.swapLimiter(0, now);
        this.zoneStates.set(zone, 'FullDisruption');
      }
      return;
    }
    if (allWasFullyDisrupted) {
      for (const n of nodes) {
        const h = this.health.get(n.metadata!.name!);
        if (h) {
          h.probeTimestamp = this.now();
          h.readyTransitionTimestamp = this.now();
        }
      }
      for (const zone of this.zoneStates.keys()) {
        const state = newStates.get(zone) ?? 'Normal';
        this.setLimiterInZone(zone, zoneConditions.get(zone)?.length ?? 0, state);
        this.zoneStates.set(zone, state);
      }
      return;
    }
    for (const [zone, state] of [...this.zoneStates]) {
      const next = newStates.get(zone) ?? state;
      if (next === state) continue;
      this.setLimiterInZone(zone, zoneConditions.get(zone)?.length ?? 0, next);
      this.zoneStates.set(zone, next);
    }
  }

  private setLimiterInZone(zone: string, size: number, state: ZoneState): void {
    const q = this.zoneTainters.get(zone);
    if (!q) return;
    const now = this.ctx.engine.now();
    if (state === 'Normal') q.swapLimiter(EVICTION_LIMITER_QPS, now);
    else if (state === 'PartialDisruption') q.swapLimiter(size > LARGE_CLUSTER_THRESHOLD ? SECONDARY_EVICTION_LIMITER_QPS : 0, now);
    else if (state === 'FullDisruption') q.swapLimiter(EVICTION_LIMITER_QPS, now);
  }

  /** The zone states, for the UI and tests. */
  zones(): ReadonlyMap<string, ZoneState> {
    return this.zoneStates;
  }

  // ---------------------------------------------------------------------------------------------------------
  // NoSchedule taints (TaintNodesByCondition) and pods

  private noScheduleTaintingPass(name: string): ReconcileResult {
    const node = this.nodes.lister.get(name);
    if (!node) return { note: 'node gone' };
    const want: Taint[] = [];
    for (const c of node.status?.conditions ?? []) {
      const key = CONDITION_TAINTS[c.type]?.[c.status];
      if (key) want.push({ key, effect: 'NoSchedule' });
    }
    if (node.spec?.unschedulable) want.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
    const have = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && (t.key === TAINT_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key)));
    const add = want.filter((w) => !have.some((h) => h.key === w.key));
    const remove = have.filter((h) => !want.some((w) => w.key === h.key));
    if (add.length === 0 && remove.length === 0) return { note: 'taints in step' };
    if (!swapNodeTaints(this.nodeApi, name, add, remove, this.stamp())) return { error: `failed to swap taints of node ${name}` };
    return { note: [...add.map((t) => `+${t.key}:NoSchedule`), ...remove.map((t) => `-${t.key}:NoSchedule`)].join(' ') };
  }

  private processPod(key: string): ReconcileResult {
    const [namespace, name] = key.split('/');
    const pod = this.pods.lister.namespace(namespace).get(name);
    if (!pod?.spec?.nodeName) return { note: 'pod gone' };
    const health = this.health.get(pod.spec.nodeName);
    if (!health || !this.nodes.lister.get(pod.spec.nodeName)) return { note: 'node not observed yet' };
    const ready = nodeCondition({ status: health.status } as Node, 'Ready');
    if (!ready || ready.status === 'True') return { note: 'node ready' };
    return this.markPodsNotReady([pod], pod.spec.nodeName) ? { note: 'marked not ready' } : { error: 'failed to mark pod not ready' };
  }

  /** MarkPodsNotReady: the Ready condition of each pod on the node goes False, with a NodeNotReady event. */
  private markPodsNotReady(pods: Pod[], nodeName: string): boolean {
    let ok = true;
    for (const cached of pods) {
      if (cached.spec?.nodeName !== nodeName) continue;
      const pod = structuredClone(cached);
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || !pod.status) continue;
      if (!updatePodCondition(pod.status, { ...ready, status: 'False' }, this.stamp())) continue;
      const res = this.podApi.updateStatus(pod.metadata!.namespace!, pod);
      if (!res.ok) {
        if (isNotFound(res.status)) continue;
        ok = false;
        continue;
      }
      this.recorder.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
    return ok;
  }

  private recordNodeEvent(node: Node, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.recorder.event({ apiVersion: 'v1', kind: 'Node', metadata: { name: node.metadata?.name, uid: node.metadata?.uid } }, type, reason, message);
  }

  /** RecordNodeStatusChange: `Node worker-2 status is now: NodeNotReady`. */
  private recordStatusChange(node: Node, status: string): void {
    this.recordNodeEvent(node, 'Normal', status, `Node ${node.metadata?.name} status is now: ${status}`);
  }
}

/** ComputeZoneState: no ready node ⇒ full disruption; more than 2 and ≥ 55 % not ready ⇒ partial. */
export function computeZoneState(conditions: readonly (NodeCondition | undefined)[]): ZoneState {
  const ready = conditions.filter((c) => c?.status === 'True').length;
  const notReady = conditions.length - ready;
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / conditions.length >= UNHEALTHY_ZONE_THRESHOLD) return 'PartialDisruption';
  return 'Normal';
}

export function newNodeLifecycleController(ctx: ControllerContext): Controller {
  return new NodeLifecycleController(ctx).controller;
}
