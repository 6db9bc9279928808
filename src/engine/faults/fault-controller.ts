/**
 * The fault controller (a Pilothouse component, client `pilothouse-fault-controller`): makes the simulated
 * machines match the Faults that exist. Level-based per target: a node's desired state is computed from every
 * Fault naming it (powered unless a NodeDown exists; kubelet running unless NodeDown or KubeletStop; kube-proxy
 * running unless NodeDown or KubeProxyStop; partitioned while a NetworkPartition exists), so deleting one of two
 * overlapping faults heals only what the other does not still break. A ContainerCrash kills its container once
 * (or on every restart with `repeat: Always`) and is recorded in the Fault's status.
 */
import type { Engine } from '../engine';
import { Controller } from '../client/controller';
import type { KubeClient } from '../client/rest-client';
import type { SharedIndexInformer } from '../client/informer';
import { SharedInformerFactory } from '../client/informer-factory';
import { DecisionLog } from '../client/decision-log';
import { EventRecorder } from '../record/event-recorder';
import type { ReconcileResult } from '../client/reconciler';
import { ACTIVE_CONDITION, FAULT_CONTROLLER_NAME, FAULT_GROUP, FAULT_PLURAL, FAULT_VERSION, type Fault, type PodTarget } from './fault-types';
import type { FaultDataPlane, FaultableMachine } from './data-plane';

export const FAULTS = { group: FAULT_GROUP, version: FAULT_VERSION, resource: FAULT_PLURAL };

/** How long to wait before retrying a fault whose target the simulation cannot reach yet. */
const RETRY_MS = 5_000;

interface NodeState {
  powered: boolean;
  kubelet: boolean;
  kubeProxy: boolean;
  partitioned: boolean;
}

const HEALTHY: NodeState = { powered: true, kubelet: true, kubeProxy: true, partitioned: false };

/** The state the faults naming a node ask for. */
export function desiredNodeState(faults: readonly Fault[]): NodeState {
  const has = (t: string) => faults.some((f) => f.spec.type === t);
  return {
    powered: !has('NodeDown'),
    kubelet: !has('NodeDown') && !has('KubeletStop'),
    kubeProxy: !has('NodeDown') && !has('KubeProxyStop'),
    partitioned: has('NetworkPartition'),
  };
}

const nodeKey = (name: string) => `node/${name}`;
const crashKey = (name: string) => `crash/${name}`;

function keysFor(f: Fault): string[] {
  const t = f.spec?.target;
  if (!t) return [];
  return t.kind === 'Node' ? [nodeKey(t.name)] : [crashKey(f.metadata?.name ?? '')];
}

export class FaultController {
  readonly controller: Controller;
  readonly informers: SharedInformerFactory;
  private readonly faults: SharedIndexInformer<Fault>;
  private readonly recorder: EventRecorder;
  private readonly client: KubeClient;
  /** What this controller last made each machine be (absent ⇒ healthy, as it found it). */
  private applied = new Map<string, NodeState>();
  /** Crash faults armed to repeat, to disarm when they go. */
  private repeating = new Map<string, PodTarget>();

  constructor(
    private readonly engine: Engine,
    client: KubeClient,
    private readonly dataPlane: () => FaultDataPlane | undefined,
    decisions = new DecisionLog(),
  ) {
    const own = client.as(FAULT_CONTROLLER_NAME);
    this.informers = new SharedInformerFactory(engine, own);
    this.faults = this.informers.informerFor<Fault>(FAULTS);
    this.recorder = new EventRecorder(engine, own, { component: FAULT_CONTROLLER_NAME });
    this.controller = new Controller(engine, FAULT_CONTROLLER_NAME, { reconcile: (key) => this.reconcile(key) }, { decisionLog: decisions }).watches(
      this.faults,
      keysFor,
      // Status writes are this controller's own; only creations and deletions change what to break.
      { update: (o, n) => JSON.stringify(o.spec) !== JSON.stringify(n.spec) },
    );
    this.client = own;
  }

  start(): void {
    this.informers.start();
    this.controller.start();
  }

  stop(): void {
    this.controller.stop();
    this.informers.shutdown();
  }

  private reconcile(key: string): ReconcileResult {
    const i = key.indexOf('/');
    const kind = key.slice(0, i);
    const name = key.slice(i + 1);
    return kind === 'node' ? this.reconcileNode(name) : this.reconcileCrash(name);
  }

  private reconcileNode(node: string): ReconcileResult {
    const faults = this.faults.lister.list().filter((f) => f.spec.target.kind === 'Node' && f.spec.target.name === node && !f.metadata?.deletionTimestamp);
    const want = desiredNodeState(faults);
    const have = this.applied.get(node) ?? HEALTHY;
    const plane = this.dataPlane();
    const machine = plane?.machine(node);
    if (!machine) {
      for (const f of faults) this.writeStatus(f, false, 'TargetUnavailable', `This simulation has no machine for node ${node}.`);
      return faults.length ? { requeueAfter: RETRY_MS, note: `no machine ${node} yet` } : { note: 'nothing to do' };
    }
    const done = applyNodeState(machine, have, want);
    if (sameState(want, HEALTHY)) this.applied.delete(node);
    else this.applied.set(node, want);
    for (const f of faults) {
      if (this.writeStatus(f, true, 'Injected', describe(f))) this.recorder.event(f, 'Warning', 'FaultInjected', describe(f));
    }
    return { note: done.length ? `${node}: ${done.join(', ')}` : `${node}: as wanted` };
  }

  private reconcileCrash(name: string): ReconcileResult {
    const f = this.faults.lister.get(name);
    const armed = this.repeating.get(name);
    const plane = this.dataPlane();
    if (!f || f.metadata?.deletionTimestamp) {
      if (armed) plane?.stopCrashing?.(armed.namespace ?? 'default', armed.name, armed.container);
      this.repeating.delete(name);
      return { note: armed ? `stopped crashing ${armed.name}` : 'fault gone' };
    }
    // A one-shot crash has happened once the status says so: never again, even after a controller restart.
    if (f.status?.activeSince) return { note: 'already crashed' };
    const t = f.spec.target as PodTarget;
    const repeat = f.spec.repeat === 'Always';
    const crashed = plane?.crashContainer?.({ namespace: t.namespace ?? 'default', pod: t.name, container: t.container, exitCode: f.spec.exitCode ?? 137, repeat });
    if (!crashed) {
      this.writeStatus(f, false, 'TargetUnavailable', `No running container to crash in pod ${t.namespace}/${t.name}.`);
      return { requeueAfter: RETRY_MS, note: 'container not running' };
    }
    if (repeat) this.repeating.set(name, t);
    this.writeStatus(f, true, 'Injected', describe(f));
    this.recorder.event(f, 'Warning', 'FaultInjected', describe(f));
    return { note: describe(f) };
  }

  /** Sets the Active condition (and activeSince when it becomes active); true when something changed. */
  private writeStatus(f: Fault, active: boolean, reason: string, message: string): boolean {
    const status = structuredClone(f.status ?? {});
    const now = this.engine.timestamp();
    const conditions = status.conditions ?? [];
    const cur = conditions.find((c) => c.type === ACTIVE_CONDITION);
    const want = active ? 'True' : 'False';
    if (cur && cur.status === want && cur.reason === reason && (!active || status.activeSince)) return false;
    const cond = { type: ACTIVE_CONDITION, status: want, reason, message, lastTransitionTime: cur && cur.status === want ? cur.lastTransitionTime : now, observedGeneration: f.metadata?.generation };
    status.conditions = [...conditions.filter((c) => c.type !== ACTIVE_CONDITION), cond];
    if (active && !status.activeSince) status.activeSince = now;
    status.observedGeneration = f.metadata?.generation;
    const res = this.client.resource<Fault>(FAULTS).updateStatus('', { ...f, status });
    return res.ok;
  }
}

/** Moves a machine from one state to another, power first (powering on starts its components). */
function applyNodeState(m: FaultableMachine, have: NodeState, want: NodeState): string[] {
  const done: string[] = [];
  let cur = { ...have };
  if (have.powered && !want.powered) {
    m.powerOff();
    cur = { powered: false, kubelet: false, kubeProxy: false, partitioned: cur.partitioned };
    done.push('powered off');
  } else if (!have.powered && want.powered) {
    m.powerOn();
    cur = { powered: true, kubelet: true, kubeProxy: true, partitioned: cur.partitioned };
    done.push('powered on');
  }
  if (cur.powered) {
    if (cur.kubelet !== want.kubelet) {
      if (want.kubelet) m.kubelet.start();
      else m.kubelet.stop();
      done.push(want.kubelet ? 'kubelet started' : 'kubelet stopped');
    }
    if (cur.kubeProxy !== want.kubeProxy && m.kubeProxy) {
      if (want.kubeProxy) m.kubeProxy.start();
      else m.kubeProxy.stop();
      done.push(want.kubeProxy ? 'kube-proxy started' : 'kube-proxy stopped');
    }
  }
  if (cur.partitioned !== want.partitioned && m.setPartitioned) {
    m.setPartitioned(want.partitioned);
    done.push(want.partitioned ? 'partitioned' : 'reconnected');
  }
  return done;
}

function sameState(a: NodeState, b: NodeState): boolean {
  return a.powered === b.powered && a.kubelet === b.kubelet && a.kubeProxy === b.kubeProxy && a.partitioned === b.partitioned;
}

function describe(f: Fault): string {
  const t = f.spec.target;
  switch (f.spec.type) {
    case 'NodeDown':
      return `Machine ${t.name} powered off: kubelet, kube-proxy and its containers stopped`;
    case 'KubeletStop':
      return `Kubelet on ${t.name} stopped; its containers keep running`;
    case 'KubeProxyStop':
      return `kube-proxy on ${t.name} stopped; its Service rules go stale`;
    case 'NetworkPartition':
      return `Node ${t.name} cut off from the control plane; its pods keep serving locally`;
    case 'ContainerCrash': {
      const p = t as PodTarget;
      return `Container ${p.container ?? '(first)'} of pod ${p.namespace}/${p.name} killed with exit code ${f.spec.exitCode ?? 137}`;
    }
  }
  return f.spec.type;
}
