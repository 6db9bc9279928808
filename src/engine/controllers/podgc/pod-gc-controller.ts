/**
 * The pod garbage collector (pkg/controller/podgc): every 20 s it force-deletes pods nobody else will finish —
 * terminated pods beyond the threshold (12,500, oldest and evicted first), pods bound to a node that has been
 * gone for the 40 s quarantine (marked Failed with DisruptionTarget `DeletionByPodGC` first), terminating pods on
 * a NotReady node tainted `node.kubernetes.io/out-of-service`, and terminating pods never scheduled.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { Controller } from '../../client/controller';
import type { SharedIndexInformer } from '../../client/informer';
import type { ReconcileResult } from '../../client/reconciler';
import type { ResourceClient } from '../../client/rest-client';
import { isNotFound } from '../../client/api-result';
import type { ControllerContext } from '../controller-context';
import { isNodeReady, TAINT_OUT_OF_SERVICE, updatePodCondition } from '../nodelifecycle/node-util';

export const CONTROLLER_NAME = 'pod-garbage-collector';
export const GC_CHECK_PERIOD_MS = 20_000;
export const QUARANTINE_MS = 40_000;
/** kube-controller-manager's --terminated-pod-gc-threshold default. */
export const TERMINATED_POD_THRESHOLD = 12_500;

const isTerminated = (p: Pod) => !['Pending', 'Running', 'Unknown'].includes(p.status?.phase ?? 'Pending');
const isEvicted = (p: Pod) => p.status?.phase === 'Failed' && p.status?.reason === 'Evicted';

export class PodGCController {
  readonly controller: Controller;
  private readonly pods: SharedIndexInformer<Pod>;
  private readonly nodes: SharedIndexInformer<Node>;
  private readonly podApi: ResourceClient<Pod>;
  private readonly nodeApi: ResourceClient<Node>;
  /** Nodes pods are bound to but the cache does not know, and since when (the delaying node queue). */
  private quarantine = new Map<string, number>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly terminatedPodThreshold = TERMINATED_POD_THRESHOLD,
  ) {
    const client = ctx.client.as(CONTROLLER_NAME);
    this.podApi = client.resource<Pod>({ group: '', version: 'v1', resource: 'pods' });
    this.nodeApi = client.resource<Node>({ group: '', version: 'v1', resource: 'nodes' });
    this.pods = ctx.informers.informerFor<Pod>({ group: '', version: 'v1', resource: 'pods' });
    this.nodes = ctx.informers.informerFor<Node>({ group: '', version: 'v1', resource: 'nodes' });
    const none = { create: () => false, update: () => false, delete: () => false };
    this.controller = new Controller(ctx.engine, CONTROLLER_NAME, { reconcile: () => this.gc() }, { decisionLog: ctx.decisions })
      .watches(this.pods, () => [], none)
      .watches(this.nodes, () => [], none);
    this.controller.enqueue('gc');
  }

  private gc(): ReconcileResult {
    const pods = this.pods.lister.list();
    const deleted: string[] = [];
    if (this.terminatedPodThreshold > 0) deleted.push(...this.gcTerminated(pods));
    deleted.push(...this.gcTerminating(pods));
    deleted.push(...this.gcOrphaned(pods));
    deleted.push(...this.gcUnscheduledTerminating(pods));
    return { requeueAfter: GC_CHECK_PERIOD_MS, note: deleted.length ? `deleted ${deleted.join(', ')}` : 'nothing to collect' };
  }

  private gcTerminated(pods: Pod[]): string[] {
    const terminated = pods.filter(isTerminated);
    const excess = terminated.length - this.terminatedPodThreshold;
    if (excess <= 0) return [];
    terminated.sort(
      (a, b) =>
        Number(isEvicted(b)) - Number(isEvicted(a)) ||
        (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') ||
        (a.metadata!.name! < b.metadata!.name! ? -1 : 1),
    );
    return terminated.slice(0, excess).filter((p) => this.markFailedAndDelete(p)).map(ref);
  }

  private gcTerminating(pods: Pod[]): string[] {
    const out: string[] = [];
    for (const p of pods) {
      if (!p.metadata?.deletionTimestamp || !p.spec?.nodeName) continue;
      const node = this.nodes.lister.get(p.spec.nodeName);
      if (!node) continue;
      if (!isNodeReady(node) && (node.spec?.taints ?? []).some((t) => t.key === TAINT_OUT_OF_SERVICE) && this.markFailedAndDelete(p)) out.push(ref(p));
    }
    return out;
  }

  private gcOrphaned(pods: Pod[]): string[] {
    const now = this.ctx.engine.now();
    const existing = new Set(this.nodes.lister.list().map((n) => n.metadata!.name!));
    for (const p of pods) {
      const n = p.spec?.nodeName;
      if (n && !existing.has(n) && !this.quarantine.has(n)) this.quarantine.set(n, now);
    }
    const deletedNodes = new Set<string>();
    for (const [n, since] of [...this.quarantine]) {
      if (now - since < QUARANTINE_MS) continue;
      this.quarantine.delete(n);
      if (existing.has(n)) continue;
      // The cache may lag: ask the apiserver before declaring the node gone.
      const got = this.nodeApi.get('', n);
      if (!got.ok && isNotFound(got.status)) deletedNodes.add(n);
    }
    const out: string[] = [];
    for (const p of pods) {
      if (!deletedNodes.has(p.spec?.nodeName ?? '')) continue;
      const cond = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' };
      if (this.markFailedAndDelete(p, cond)) out.push(ref(p));
    }
    return out;
  }

  private gcUnscheduledTerminating(pods: Pod[]): string[] {
    return pods.filter((p) => p.metadata?.deletionTimestamp && !p.spec?.nodeName).filter((p) => this.markFailedAndDelete(p)).map(ref);
  }

  /** Moves the pod to Failed (nobody else will, on a gone node), then deletes it with grace period 0. */
  private markFailedAndDelete(pod: Pod, condition?: { type: string; status: string; reason: string; message: string }): boolean {
    const ns = pod.metadata!.namespace!;
    const name = pod.metadata!.name!;
    if (pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') {
      const status = { ...structuredClone(pod.status ?? {}), phase: 'Failed' };
      if (condition) updatePodCondition(status, condition, this.ctx.engine.timestamp());
      const res = this.podApi.updateStatus(ns, { ...pod, status });
      if (!res.ok) return false;
    }
    const res = this.podApi.delete(ns, name, { gracePeriodSeconds: 0 });
    return res.ok || isNotFound(res.status);
  }
}

const ref = (p: Pod) => `${p.metadata?.namespace}/${p.metadata?.name}`;

export function newPodGCController(ctx: ControllerContext): Controller {
  return new PodGCController(ctx).controller;
}
