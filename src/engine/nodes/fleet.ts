/**
 * All the machines of a cluster, created from its topology and booted together, plus the lookups the rest of the
 * engine needs from the data plane: container logs for the apiserver's pods/log and stats for metrics-server.
 */
import type { Engine } from '../engine';
import type { ApiEndpoint } from '../apiserver/types';
import type { ResourceRegistry } from '../apiserver/registry';
import type { LogOptions, LogsResult, StatsSummary } from '../kubelet';
import { Machine, type MachineOptions } from './machine';
import { defaultTopology, type NodeSpec, type TopologyOptions } from './topology';

export class NodeFleet {
  readonly machines = new Map<string, Machine>();

  constructor(engine: Engine, endpoint: ApiEndpoint, registry: ResourceRegistry, specs: NodeSpec[], options: MachineOptions = {}) {
    for (const spec of specs) this.machines.set(spec.name, new Machine(engine, endpoint, registry, spec, options));
  }

  static create(engine: Engine, endpoint: ApiEndpoint, registry: ResourceRegistry, topology: TopologyOptions = {}, options: MachineOptions = {}): NodeFleet {
    return new NodeFleet(engine, endpoint, registry, defaultTopology(topology), options);
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
