/**
 * What a node card shows about its faults: which of kubelet / kube-proxy / container runtime are down, and the
 * countdowns that follow a lost heartbeat — NotReady after the node monitor grace period (50 s in 1.32), eviction
 * of its pods after the default 300 s toleration of the not-ready/unreachable taints.
 */
import type { ObjectSummary } from '../../protocol/messages';

export const NODE_MONITOR_GRACE_MS = 50_000;
export const EVICTION_TOLERATION_MS = 300_000;

/** Fault types that stop the node's heartbeats reaching the apiserver. */
const SILENCING = new Set(['NodeDown', 'KubeletStop', 'NetworkPartition']);

export interface NodeHealth {
  kubelet: boolean;
  kubeProxy: boolean;
  runtime: boolean;
  partitioned: boolean;
  /** Fault types on the node, for the card's badge. */
  faults: string[];
  /** Sim ms until NotReady / eviction (clamped at 0); absent when no silencing fault. */
  notReadyIn?: number;
  evictionIn?: number;
}

export function nodeHealth(faults: readonly ObjectSummary[], simTime: number): NodeHealth {
  const types = faults.map((f) => f.fault?.type ?? '');
  const has = (t: string) => types.includes(t);
  const health: NodeHealth = {
    kubelet: !has('NodeDown') && !has('KubeletStop'),
    kubeProxy: !has('NodeDown') && !has('KubeProxyStop'),
    runtime: !has('NodeDown') && !has('ContainerCrash'),
    partitioned: has('NetworkPartition'),
    faults: types,
  };
  const silenced = faults.filter((f) => SILENCING.has(f.fault?.type ?? '')).map((f) => f.fault!.since);
  if (silenced.length > 0) {
    const since = Math.min(...silenced);
    health.notReadyIn = Math.max(0, since + NODE_MONITOR_GRACE_MS - simTime);
    health.evictionIn = Math.max(0, since + NODE_MONITOR_GRACE_MS + EVICTION_TOLERATION_MS - simTime);
  }
  return health;
}

/** `4m 05s`, `32s`. */
export function countdown(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s}s`;
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

/** Counts per pod STATUS, most common first, for a node's grouped summary. */
export function statusCounts(pods: readonly (ObjectSummary | undefined)[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const p of pods) if (p) counts.set(p.status ?? 'Unknown', (counts.get(p.status ?? 'Unknown') ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** The colour family of a pod STATUS (CSS class suffix). */
export function statusTone(status: string | undefined): 'ok' | 'wait' | 'bad' | 'done' | 'gone' {
  if (!status) return 'wait';
  if (status === 'Running') return 'ok';
  if (status === 'Completed' || status === 'Succeeded') return 'done';
  if (status === 'Terminating') return 'gone';
  if (/Err|BackOff|Failed|Error|OOMKilled|Evicted|Unknown|CreateContainerConfigError|NodeLost/.test(status)) return 'bad';
  return 'wait';
}
