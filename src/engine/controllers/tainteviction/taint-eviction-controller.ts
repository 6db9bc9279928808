/**
 * The taint eviction controller (pkg/controller/tainteviction, `taint-eviction-controller`): pods on a node with
 * NoExecute taints are deleted — at once when a taint is not tolerated, else when the shortest tolerationSeconds
 * of the tolerations in use runs out (300 s for the not-ready/unreachable tolerations DefaultTolerationSeconds
 * adds; never for a toleration without tolerationSeconds). Before deleting it marks the pod with the
 * DisruptionTarget condition (reason DeletionByTaintManager) and records `TaintManagerEviction` events; an
 * eviction whose taints go away (the node is Ready again) is cancelled, with an event saying so.
 *
 * Scheduled evictions are timers on the virtual clock (upstream's TimedWorkerQueue).
 */
import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { Timer } from '../../clock/virtual-clock';
import { Controller } from '../../client/controller';
import { registerTarget } from '../../client/clock-target';
import type { SharedIndexInformer } from '../../client/informer';
import { NODE_NAME_INDEX, nodeNameIndexFunc } from '../../client/indexer';
import { unwrapTombstone } from '../../client/object-keys';
import type { ReconcileResult } from '../../client/reconciler';
import type { ResourceClient } from '../../client/rest-client';
import { isNotFound } from '../../client/api-result';
import type { EventRecorder } from '../../record/event-recorder';
import { toleratesTaint } from '../../scheduler/util/selectors';
import type { ControllerContext } from '../controller-context';
import { updatePodCondition } from '../nodelifecycle/node-util';

export const CONTROLLER_NAME = 'taint-eviction-controller';

interface ScheduledEviction {
  createdAt: number;
  fireAt: number;
}

function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/** v1helper.GetMatchingTolerations: whether every taint is tolerated, and the tolerations that do it. */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): { all: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((tol) => toleratesTaint(tol, taint));
    if (!t) return { all: false, used: [] };
    used.push(t);
  }
  return { all: true, used };
}

/** getMinTolerationTime: ms until eviction; 0 at once, -1 never. */
export function minTolerationTime(used: readonly Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds == null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return Number.isFinite(min) ? min * 1000 : -1;
}

export class TaintEvictionController {
  readonly controller: Controller;
  private readonly nodes: SharedIndexInformer<Node>;
  private readonly pods: SharedIndexInformer<Pod>;
  private readonly podApi: ResourceClient<Pod>;
  private readonly recorder: EventRecorder;
  private readonly target: string;
  /** node ⇒ its NoExecute taints (only tainted nodes). */
  private taintedNodes = new Map<string, Taint[]>();
  private scheduled = new Map<string, ScheduledEviction>();

  constructor(private readonly ctx: ControllerContext) {
    const client = ctx.client.as(CONTROLLER_NAME);
    this.podApi = client.resource<Pod>({ group: '', version: 'v1', resource: 'pods' });
    this.nodes = ctx.informers.informerFor<Node>({ group: '', version: 'v1', resource: 'nodes' });
    this.pods = ctx.informers.informerFor<Pod>({ group: '', version: 'v1', resource: 'pods' }, { indexers: { [NODE_NAME_INDEX]: nodeNameIndexFunc } });
    this.recorder = ctx.recorder(CONTROLLER_NAME);
    this.target = registerTarget(ctx.engine, `controller/${CONTROLLER_NAME}/evictions`, (t) => this.fire(t));
    const sameTaints = (o: Node, n: Node) => JSON.stringify(noExecuteTaints(o)) === JSON.stringify(noExecuteTaints(n));
    this.controller = new Controller(ctx.engine, CONTROLLER_NAME, { reconcile: (key) => this.reconcile(key) }, { decisionLog: ctx.decisions })
      .watches(this.nodes, (n) => [`node/${unwrapTombstone(n).metadata?.name}`], { update: (o, n) => !sameTaints(o, n) })
      .watches(this.pods, (p) => [`pod/${p.metadata?.namespace}/${p.metadata?.name}/${p.spec?.nodeName ?? ''}`], {
        update: (o, n) => o.spec?.nodeName !== n.spec?.nodeName || JSON.stringify(o.spec?.tolerations) !== JSON.stringify(n.spec?.tolerations),
      });
  }

  private reconcile(key: string): ReconcileResult {
    if (key.startsWith('node/')) return this.handleNodeUpdate(key.slice(5));
    const [, namespace, name, nodeName] = key.split('/');
    return this.handlePodUpdate(namespace, name, nodeName);
  }

  private handlePodUpdate(namespace: string, name: string, nodeName: string): ReconcileResult {
    const pod = this.pods.lister.namespace(namespace).get(name);
    if (!pod) {
      this.cancel(namespace, name);
      return { note: 'pod gone' };
    }
    if ((pod.spec?.nodeName ?? '') !== nodeName || !nodeName) return { note: 'not on a node' };
    const taints = this.taintedNodes.get(nodeName);
    if (!taints) return { note: 'node not tainted' };
    return { note: this.processPodOnNode(pod, nodeName, taints) };
  }

  private handleNodeUpdate(nodeName: string): ReconcileResult {
    const node = this.nodes.lister.get(nodeName);
    if (!node) {
      this.taintedNodes.delete(nodeName);
      return { note: 'node gone' };
    }
    const taints = noExecuteTaints(node);
    if (taints.length) this.taintedNodes.set(nodeName, taints);
    else this.taintedNodes.delete(nodeName);
    const pods = this.pods.indexer.byIndex(NODE_NAME_INDEX, nodeName);
    if (pods.length === 0) return { note: 'no pods' };
    if (taints.length === 0) {
      for (const p of pods) this.cancel(p.metadata!.namespace!, p.metadata!.name!);
      return { note: 'taints removed: evictions cancelled' };
    }
    const notes = pods.map((p) => this.processPodOnNode(p, nodeName, taints));
    return { note: notes.join('; ') };
  }

  private processPodOnNode(pod: Pod, nodeName: string, taints: Taint[]): string {
    const ns = pod.metadata!.namespace!;
    const name = pod.metadata!.name!;
    const now = this.ctx.engine.now();
    const { all, used } = matchingTolerations(taints, pod.spec?.tolerations ?? []);
    if (!all) {
      this.cancel(ns, name);
      this.schedule(ns, name, now, now);
      return `${ns}/${name}: untolerated taint on ${nodeName}, evicting now`;
    }
    const wait = minTolerationTime(used);
    if (wait < 0) {
      this.cancel(ns, name);
      return `${ns}/${name}: tolerates forever`;
    }
    const existing = this.scheduled.get(`${ns}/${name}`);
    let start = now;
    if (existing) {
      start = existing.createdAt;
      if (start + wait < now + wait) return `${ns}/${name}: eviction already due`;
      this.cancel(ns, name);
    }
    this.schedule(ns, name, start, start + wait);
    return `${ns}/${name}: evicting in ${Math.round(wait / 1000)}s`;
  }

  private schedule(namespace: string, name: string, createdAt: number, fireAt: number): void {
    const key = `${namespace}/${name}`;
    this.scheduled.set(key, { createdAt, fireAt });
    this.ctx.engine.clock.schedule(Math.max(0, fireAt - this.ctx.engine.now()), this.target, key);
  }

  private cancel(namespace: string, name: string): void {
    const key = `${namespace}/${name}`;
    if (!this.scheduled.delete(key)) return;
    this.ctx.engine.clock.cancel(this.target, key);
    this.recorder.event(podRef(namespace, name), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  /** The eviction is due: mark the pod DisruptionTarget, then delete it (deletePodHandler). */
  private fire(timer: Timer): void {
    const key = timer.key;
    if (!this.scheduled.delete(key)) return;
    const [namespace, name] = key.split('/');
    this.recorder.event(podRef(namespace, name), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    const got = this.podApi.get(namespace, name);
    if (!got.ok) return;
    const pod = got.value;
    const status = structuredClone(pod.status ?? {});
    const changed = updatePodCondition(
      status,
      { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' },
      this.ctx.engine.timestamp(),
    );
    if (changed) {
      const res = this.podApi.updateStatus(namespace, { ...pod, status });
      if (!res.ok && isNotFound(res.status)) return;
    }
    this.podApi.delete(namespace, name);
  }
}

function podRef(namespace: string, name: string) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name } };
}

export function newTaintEvictionController(ctx: ControllerContext): Controller {
  return new TaintEvictionController(ctx).controller;
}
