/**
 * Where metrics-server's numbers come from. Upstream it scrapes each kubelet (`/metrics/resource`); here the
 * kubelets' `/stats/summary` (KubeletSummaryUsageSource), or a pod-derived FALLBACK without kubelets
 * (SyntheticUsageSource), under the scenario's simulated load (SimulatedLoad).
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Rng } from '../util/rng';
import { compileLabelSelector } from '../scheduler/util/selectors';
import { parseMilli } from '../scheduler/util/quantity';
import type { StatsSummary } from '../kubelet/kubelet';

export interface ContainerUsage {
  name: string;
  cpuNanoCores: number;
  memoryBytes: number;
}

export interface NodeUsage {
  cpuNanoCores: number;
  memoryBytes: number;
}

/** What a kubelet's resource-metrics endpoint reports, as metrics-server consumes it. */
export interface UsageSource {
  /** A running pod's per-container usage now; undefined when the kubelet has nothing for it. */
  podUsage(pod: Pod, nowMs: number): ContainerUsage[] | undefined;
  /** A node's whole usage now (its pods plus the system), given the pods running there. */
  nodeUsage(node: Node, pods: readonly Pod[], nowMs: number): NodeUsage | undefined;
}

/** Load on a group of pods: `cpu` (a quantity, e.g. `1500m`) in total, split evenly among its running pods. */
export interface LoadProfile {
  namespace: string;
  /** A label selector in set form, e.g. `{app: 'web'}`. */
  matchLabels: Record<string, string>;
  cpu?: string;
  /** Extra working-set memory per pod (a quantity). */
  memoryPerPod?: string;
}

const PAGE = 4096;
const IDLE_CPU_NANO = 1_000_000; // 1m
const SYSTEM_CPU_NANO = 120_000_000; // kubelet, containerd, kube-proxy …
const SYSTEM_MEMORY = 600 * 1024 * 1024;

const isRunning = (pod: Pod) => pod.status?.phase === 'Running' && !!pod.spec?.nodeName && !pod.metadata?.deletionTimestamp;
const pages = (bytes: number) => Math.max(PAGE, Math.round(bytes / PAGE) * PAGE);

/**
 * The kubelets' /stats/summary (kubelet room) as metrics-server reads it: containers' working set and CPU rate by
 * pod UID, nodes by name.
 */
export class KubeletSummaryUsageSource implements UsageSource {
  constructor(private readonly summaries: () => readonly StatsSummary[]) {}

  podUsage(pod: Pod): ContainerUsage[] | undefined {
    for (const s of this.summaries()) {
      const found = s.pods.find((p) => p.podRef.uid === pod.metadata?.uid);
      if (found) return found.containers.map((c) => ({ name: c.name, cpuNanoCores: c.cpu.usageNanoCores, memoryBytes: c.memory.workingSetBytes }));
    }
    return undefined;
  }

  nodeUsage(node: Node): NodeUsage | undefined {
    const s = this.summaries().find((x) => x.node.nodeName === node.metadata?.name);
    return s && { cpuNanoCores: s.node.cpu.usageNanoCores, memoryBytes: s.node.memory.workingSetBytes };
  }
}

/**
 * FALLBACK for clusters without kubelets (unit tests of the metrics pipeline): an idle baseline per running
 * container derived from the pod itself (1m CPU, 40% of the memory request or 6Mi) with seeded jitter.
 */
export class SyntheticUsageSource implements UsageSource {
  constructor(private readonly rng: Rng) {}

  podUsage(pod: Pod): ContainerUsage[] | undefined {
    if (!isRunning(pod)) return undefined;
    return (pod.spec?.containers ?? []).map((c) => {
      const requested = parseMilli(c.resources?.requests?.memory ?? '0') / 1000;
      const baseline = requested > 0 ? requested * 0.4 : 6 * 1024 * 1024;
      return { name: c.name, cpuNanoCores: Math.round(IDLE_CPU_NANO * (0.9 + this.rng.next() * 0.2)), memoryBytes: pages(baseline * (0.98 + this.rng.next() * 0.04)) };
    });
  }

  nodeUsage(_node: Node, pods: readonly Pod[], nowMs: number): NodeUsage {
    let cpu = SYSTEM_CPU_NANO * (0.9 + this.rng.next() * 0.2);
    let memory = SYSTEM_MEMORY;
    for (const pod of pods) {
      for (const c of this.podUsage(pod) ?? []) {
        cpu += c.cpuNanoCores;
        memory += c.memoryBytes;
      }
    }
    void nowMs;
    return { cpuNanoCores: Math.round(cpu), memoryBytes: pages(memory) };
  }
}

/**
 * Simulated load on top of any source: a scenario puts `cpu` on a group of pods (by labels), shared evenly by
 * the group's running pods — as requests behind a Service spread over its endpoints — so more replicas each
 * use less. Nodes carry their pods' extra load too.
 */
export class SimulatedLoad implements UsageSource {
  private loads = new Map<string, LoadProfile & { matches: (labels: Record<string, string> | undefined) => boolean }>();

  constructor(
    private readonly base: UsageSource,
    private readonly rng: Rng,
    /** A namespace's pods (metrics-server's pod cache), to find a group's running members. */
    private readonly podsIn: (namespace: string) => readonly Pod[],
  ) {}

  /** Puts (or replaces) load on a group of pods; `id` names it for later changes. */
  setLoad(id: string, load: LoadProfile): void {
    const selector = compileLabelSelector({ matchLabels: load.matchLabels });
    this.loads.set(id, { ...load, matches: (labels) => selector.matches(labels) });
  }

  clearLoad(id: string): void {
    this.loads.delete(id);
  }

  /** The extra CPU (nanocores) and memory (bytes) the scenario's load puts on one pod. */
  private extraFor(pod: Pod): { cpu: number; memory: number } {
    let cpu = 0;
    let memory = 0;
    for (const load of this.loads.values()) {
      if (load.namespace !== pod.metadata?.namespace || !load.matches(pod.metadata?.labels)) continue;
      const group = this.podsIn(load.namespace).filter((p) => isRunning(p) && load.matches(p.metadata?.labels));
      if (load.cpu) cpu += (parseMilli(load.cpu) * 1e6) / Math.max(1, group.length);
      if (load.memoryPerPod) memory += parseMilli(load.memoryPerPod) / 1000;
    }
    return { cpu, memory };
  }

  podUsage(pod: Pod, nowMs: number): ContainerUsage[] | undefined {
    const base = this.base.podUsage(pod, nowMs);
    if (!base || base.length === 0 || !isRunning(pod)) return base;
    const extra = this.extraFor(pod);
    if (extra.cpu === 0 && extra.memory === 0) return base;
    // The load lands on the first (main) container, with a little jitter.
    const jitter = 0.97 + this.rng.next() * 0.06;
    return base.map((c, i) => (i === 0 ? { ...c, cpuNanoCores: Math.round(c.cpuNanoCores + extra.cpu * jitter), memoryBytes: pages(c.memoryBytes + extra.memory) } : c));
  }

  nodeUsage(node: Node, pods: readonly Pod[], nowMs: number): NodeUsage | undefined {
    const base = this.base.nodeUsage(node, pods, nowMs);
    if (!base) return undefined;
    let cpu = base.cpuNanoCores;
    let memory = base.memoryBytes;
    for (const pod of pods) {
      if (!isRunning(pod)) continue;
      const extra = this.extraFor(pod);
      cpu += extra.cpu;
      memory += extra.memory;
    }
    return { cpuNanoCores: Math.round(cpu), memoryBytes: pages(memory) };
  }
}
