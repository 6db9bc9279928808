/**
 * TEST DOUBLE for the data plane, used by the workload controllers' tests until the real scheduler and kubelets
 * are part of the cluster: it binds pending pods to a node and plays the kubelet — starts containers, runs a
 * `sleep N` / `exit N` command to completion, reports readiness, and finishes deletions — all through the API
 * and on the virtual clock. It stands in for the nodes only; the controllers under test are the real ones.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Cluster } from '../../cluster';
import type { Timer } from '../../clock/virtual-clock';
import { KubeClient } from '../../client/rest-client';
import { SharedInformerFactory } from '../../client/informer-factory';
import { objectKey, splitKey, unwrapTombstone } from '../../client/object-keys';
import { NODES, PODS } from './resources';

export interface FakeNodeOptions {
  /** Nodes that pods without a node affinity are spread over (round robin); no Node objects are needed. */
  nodes?: string[];
  /** Delay from binding to Running (ms). */
  startDelayMs?: number;
  /** Delay from a deletion request to the pod being gone (ms). */
  terminationDelayMs?: number;
  /** Pods for which this returns false run but stay unready until `setReady`. */
  autoReady?: (pod: Pod) => boolean;
}

/** What a container's command does: run for `sleepMs` (forever when undefined), then exit with `exitCode`. */
export function programOf(pod: Pod): { sleepMs?: number; exitCode: number; finishes: boolean } {
  const c = pod.spec?.containers?.[0];
  // The Job completion index is the one variable a test command may use, in shell arithmetic.
  const index = pod.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'] ?? '0';
  const text = [...(c?.command ?? []), ...(c?.args ?? [])]
    .join(' ')
    .replace(/\$?\{?JOB_COMPLETION_INDEX\}?/g, index)
    .replace(/\$\(\(([\d\s+*]+)\)\)/g, (_m, expr: string) => String(evalArithmetic(expr)));
  const sleep = /sleep\s+(\d+(?:\.\d+)?)/.exec(text);
  const exit = /exit\s+(\d+)/.exec(text);
  if (!sleep && !exit) return { exitCode: 0, finishes: false };
  if (sleep && /infinity/.test(text)) return { exitCode: 0, finishes: false };
  return { sleepMs: sleep ? Number(sleep[1]) * 1000 : 0, exitCode: exit ? Number(exit[1]) : 0, finishes: true };
}

/** `a * b + c`: the little shell arithmetic test commands use. */
function evalArithmetic(expr: string): number {
  return expr.split('+').reduce((sum, term) => sum + term.split('*').reduce((p, f) => p * Number(f.trim()), 1), 0);
}

export class FakeNodes {
  private readonly client: KubeClient;
  private readonly informers: SharedInformerFactory;
  private readonly target = 'test/fake-nodes';
  private next = 0;
  private readonly notReady = new Set<string>();

  constructor(
    private readonly cluster: Cluster,
    private readonly opts: FakeNodeOptions = {},
  ) {
    this.client = new KubeClient(cluster.apiserver, cluster.registry, 'fake-node');
    this.informers = new SharedInformerFactory(cluster.engine, this.client);
    cluster.engine.register(this.target, { onTimer: (t) => this.onTimer(t) });
    const pods = this.informers.informerFor<Pod>(PODS);
    this.informers.informerFor<Node>(NODES);
    const poke = (p: Pod) => cluster.engine.clock.schedule(0, this.target, `sync:${objectKey(unwrapTombstone(p))}`);
    pods.addEventHandler({ onAdd: poke, onUpdate: (_o, n) => poke(n) });
    this.informers.start();
    cluster.engine.advance(0);
  }

  private get pods() {
    return this.client.resource<Pod>(PODS);
  }

  /** Marks a running pod ready (or not), as its readiness probe would. */
  setReady(namespace: string, name: string, ready: boolean): void {
    const key = `${namespace}/${name}`;
    if (ready) this.notReady.delete(key);
    else this.notReady.add(key);
    this.cluster.engine.clock.schedule(0, this.target, `ready:${key}`);
  }

  private onTimer(t: Timer): void {
    const i = t.key.indexOf(':');
    const action = t.key.slice(0, i);
    const key = t.key.slice(i + 1);
    const { namespace, name } = splitKey(key);
    const got = this.pods.get(namespace, name);
    if (!got.ok) return;
    const pod = got.value;
    const now = this.cluster.engine.timestamp();
    if (action === 'sync') this.sync(pod, key);
    else if (action === 'start') this.start(pod, key, now);
    else if (action === 'finish') this.finish(pod, now, (t.payload as number) ?? 0);
    else if (action === 'kill') this.kill(pod, now);
    else if (action === 'ready') this.applyReadiness(pod, key, now);
  }

  private sync(pod: Pod, key: string): void {
    const clock = this.cluster.engine.clock;
    if (pod.metadata?.deletionTimestamp) {
      const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
      if (!finished || !pod.spec?.nodeName) clock.scheduleEarliest(this.opts.terminationDelayMs ?? 1000, this.target, `kill:${key}`);
      else if (!pod.metadata.finalizers?.length) this.pods.delete(pod.metadata.namespace!, pod.metadata.name!, { gracePeriodSeconds: 0 });
      return;
    }
    if (!pod.spec?.nodeName) {
      const node = this.nodeFor(pod);
      if (node) this.pods.bind(pod.metadata!.namespace!, { metadata: { name: pod.metadata!.name }, target: { kind: 'Node', name: node } });
      return;
    }
    if (!pod.status?.phase || pod.status.phase === 'Pending') {
      if (!clock.pending(this.target, `start:${key}`)) clock.schedule(this.opts.startDelayMs ?? 0, this.target, `start:${key}`);
    }
  }

  /** The node a pod is bound to: its `metadata.name` affinity term (DaemonSet pods), else the next node. */
  private nodeFor(pod: Pod): string | undefined {
    const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
    for (const term of terms) {
      const field = term.matchFields?.find((f) => f.key === 'metadata.name' && f.operator === 'In');
      if (field) {
        const node = field.values?.[0];
        return node && this.client.resource<Node>(NODES).get('', node).ok ? node : undefined;
      }
    }
    const nodes = this.opts.nodes ?? ['worker-1'];
    return nodes[this.next++ % nodes.length];
  }

  private start(pod: Pod, key: string, now: string): void {
    if (pod.status?.phase === 'Running' || pod.metadata?.deletionTimestamp) return;
    const ready = this.isReady(pod, key);
    const status = {
      ...(pod.status ?? {}),
      phase: 'Running',
      hostIP: '10.0.0.10',
      podIP: `10.244.1.${(this.next++ % 250) + 2}`,
      startTime: now,
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
        { type: 'Initialized', status: 'True', lastTransitionTime: now },
        { type: 'ContainersReady', status: ready ? 'True' : 'False', lastTransitionTime: now },
        { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now },
      ],
      containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
        name: c.name,
        image: c.image ?? '',
        imageID: '',
        ready,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: now } },
      })),
    };
    this.pods.updateStatus(pod.metadata!.namespace!, { ...pod, status });
    const program = programOf(pod);
    if (program.finishes) this.cluster.engine.clock.schedule(program.sleepMs ?? 0, this.target, `finish:${key}`, program.exitCode);
  }

  private isReady(pod: Pod, key: string): boolean {
    if (this.notReady.has(key)) return false;
    return this.opts.autoReady ? this.opts.autoReady(pod) : true;
  }

  private applyReadiness(pod: Pod, key: string, now: string): void {
    if (pod.status?.phase !== 'Running') return;
    const ready = !this.notReady.has(key);
    const status = structuredClone(pod.status);
    for (const c of status.conditions ?? []) {
      if ((c.type === 'Ready' || c.type === 'ContainersReady') && c.status !== (ready ? 'True' : 'False')) {
        c.status = ready ? 'True' : 'False';
        c.lastTransitionTime = now;
      }
    }
    for (const cs of status.containerStatuses ?? []) cs.ready = ready;
    this.pods.updateStatus(pod.metadata!.namespace!, { ...pod, status });
  }

  private finish(pod: Pod, now: string, exitCode: number): void {
    if (pod.status?.phase !== 'Running') return;
    this.terminate(pod, now, exitCode, exitCode === 0 ? 'Completed' : 'Error');
  }

  private kill(pod: Pod, now: string): void {
    if (pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed' && pod.spec?.nodeName) {
      this.terminate(pod, now, 137, 'Error');
      return;
    }
    if (!pod.metadata?.finalizers?.length) this.pods.delete(pod.metadata!.namespace!, pod.metadata!.name!, { gracePeriodSeconds: 0 });
  }

  private terminate(pod: Pod, now: string, exitCode: number, reason: string): void {
    const status = structuredClone(pod.status ?? {});
    status.phase = exitCode === 0 ? 'Succeeded' : 'Failed';
    for (const c of status.conditions ?? []) {
      if (c.type === 'Ready' || c.type === 'ContainersReady') {
        c.status = 'False';
        c.lastTransitionTime = now;
        c.reason = 'PodCompleted';
      }
    }
    status.containerStatuses = (status.containerStatuses ?? []).map((cs) => ({
      ...cs,
      ready: false,
      started: false,
      state: { terminated: { exitCode, reason, startedAt: cs.state?.running?.startedAt ?? now, finishedAt: now } },
    }));
    this.pods.updateStatus(pod.metadata!.namespace!, { ...pod, status });
  }
}
