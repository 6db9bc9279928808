/**
 * All the machines of a cluster, created from its topology and booted together, plus the lookups the rest of the
 * engine needs from the data plane: container logs for the apiserver's pods/log and stats for metrics-server.
 */
import type { Engine } from '../engine';
import type { ApiEndpoint } from '../apiserver/types';
import type { ResourceRegistry } from '../apiserver/registry';
import type { LogOptions, LogsResult, StatsSummary } from '../kubelet';
import { Machine, type MachineOptions } from './machine';
import { defaultTopology, workerSpec, type NodeSpec, type TopologyOptions } from './topology';

export class NodeFleet {
  readonly machines = new Map<string, Machine>();
  /** The topology new workers follow (zones round-robin, machine shape). */
  private topology: TopologyOptions = {};

  constructor(
    private readonly engine: Engine,
    private readonly endpoint: ApiEndpoint,
    private readonly registry: ResourceRegistry,
    specs: NodeSpec[],
    private readonly options: MachineOptions = {},
  ) {
    for (const spec of specs) this.machines.set(spec.name, new Machine(engine, endpoint, registry, spec, options));
  }

  static create(engine: Engine, endpoint: ApiEndpoint, registry: ResourceRegistry, topology: TopologyOptions = {}, options: MachineOptions = {}): NodeFleet {
    const fleet = new NodeFleet(engine, endpoint, registry, defaultTopology(topology), options);
    fleet.topology = topology;
    return fleet;
  }

  /**
   * Joins a new worker (`kind`'s next node, or `name`): a machine boots and its kubelet registers the Node, as
   * `kubeadm join` does. Returns the node's name.
   */
  addNode(name?: string): string {
    if (this.machines.size === 0) throw new Error('this cluster has no machines (bare): nodes cannot be added');
    if (name !== undefined && this.machines.has(name)) throw new Error(`node ${name} already exists`);
    let index = 1;
    for (const m of this.machines.values()) {
      const n = /^worker-(\d+)$/.exec(m.name);
      if (n) index = Math.max(index, Number(n[1]) + 1);
    }
    // Past every live worker and the machine count, so a new node never takes a live node's IP or pod CIDR.
    index = Math.max(index, this.machines.size);
    const spec = { ...workerSpec(index, this.topology), ...(name !== undefined ? { name } : {}) };
    const machine = new Machine(this.engine, this.endpoint, this.registry, spec, this.options);
    this.machines.set(spec.name, machine);
    machine.powerOn();
    return spec.name;
  }

  /**
   * Takes a worker out of the cluster as an operator does: the machine is shut down and its Node object deleted
   * (`kubectl delete node`); pod GC then removes the pods that were bound to it.
   */
  removeNode(name: string): void {
    const machine = this.machines.get(name);
    if (!machine) throw new Error(`node ${name} not found`);
    if (machine.spec.role === 'control-plane') throw new Error('the control-plane node cannot be removed');
    machine.powerOff();
    this.machines.delete(name);
    const res = this.endpoint.request({ method: 'DELETE', path: `/api/v1/nodes/${name}`, client: 'pilothouse-user' });
    if (res.status >= 300 && res.status !== 404) throw new Error((res.body as { message?: string })?.message ?? `deleting node ${name} failed (${res.status})`);
  }

  /** A cluster without machines (control-plane components only, as engine tests of single controllers use). */
  static none(engine: Engine, endpoint: ApiEndpoint, registry: ResourceRegistry): NodeFleet {
    return new NodeFleet(engine, endpoint, registry, []);
  }

  powerOnAll(): void {
    for (const m of this.machines.values()) m.powerOn();
  }

  machine(name: string): Machine | undefined {
    return this.machines.get(name);
  }

  /** pods/log: asks the kubelet of the pod's node. */
  logs(nodeName: string, namespace: string, pod: string, container: string, opts: LogOptions): LogsResult {
    const kubelet = this.machines.get(nodeName)?.kubelet;
    if (!kubelet || !kubelet.isRunning) {
      const ip = this.machines.get(nodeName)?.spec.internalIP ?? nodeName;
      return { ok: false, code: 500, reason: 'InternalError', message: `Get "https://${ip}:10250/containerLogs/${namespace}/${pod}/${container}": dial tcp ${ip}:10250: connect: connection refused` };
    }
    return kubelet.logs(namespace, pod, container, opts);
  }

  /** Every running kubelet's /stats/summary. */
  summaries(): StatsSummary[] {
    const out: StatsSummary[] = [];
    for (const m of this.machines.values()) if (m.kubelet?.isRunning) out.push(m.kubelet.summary());
    return out;
  }
}
