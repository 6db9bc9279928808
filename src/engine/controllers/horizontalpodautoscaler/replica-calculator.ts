/**
 * The replica calculator (pkg/controller/podautoscaler/replica_calculator.go) for resource metrics: from the
 * pods' usage and requests, the replica count that brings utilization to the target —
 * `ceil(readyPods × usage/target)` — ignoring changes within the tolerance (10%), and treating pods without
 * metrics or not yet ready conservatively (as 100% / 0% of their request) so their absence never causes a
 * scale in the wrong direction.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { parseMilli } from '../../scheduler/util/quantity';
import { parseTime } from '../history/time';

/** --horizontal-pod-autoscaler-tolerance. */
export const TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period. */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
/** --horizontal-pod-autoscaler-initial-readiness-delay. */
export const INITIAL_READINESS_DELAY_MS = 30_000;

export interface PodMetric {
  /** Epoch ms of the sample. */
  timestampMs: number;
  windowMs: number;
  /** Milli-units (millicores, or milli-bytes for memory, as MilliValue). */
  value: number;
}

export type PodMetrics = Map<string, PodMetric>;

export interface ResourceReplicas {
  replicas: number;
  /** Current utilization, percent of request. */
  utilization: number;
  /** Average raw usage per pod, milli-units. */
  rawAverage: number;
  timestampMs: number;
}

/** groupPods: which pods count as ready, which lack metrics, which are unready or ignored. */
function groupPods(pods: readonly Pod[], metrics: PodMetrics, resource: string, nowMs: number) {
  let readyPodCount = 0;
  const unready = new Set<string>();
  const missing = new Set<string>();
  const ignored = new Set<string>();
  for (const pod of pods) {
    const name = pod.metadata?.name ?? '';
    if (pod.metadata?.deletionTimestamp || pod.status?.phase === 'Failed' || pod.status?.phase === 'Pending') {
      ignored.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      const start = parseTime(pod.status?.startTime);
      let isUnready: boolean;
      if (!ready || Number.isNaN(start)) {
        isUnready = true;
      } else {
        const transition = parseTime(ready.lastTransitionTime);
        if (start + CPU_INITIALIZATION_PERIOD_MS > nowMs) {
          // Young pods: unready, or their sample may predate readiness (CPU spikes while starting).
          isUnready = ready.status === 'False' || metric.timestampMs < transition + metric.windowMs;
        } else {
          // Older pods: only those that never became ready.
          isUnready = ready.status === 'False' && start + INITIAL_READINESS_DELAY_MS > transition;
        }
      }
      if (isUnready) {
        unready.add(name);
        continue;
      }
    }
    readyPodCount++;
  }
  return { readyPodCount, unready, missing, ignored };
}

/** calculatePodRequests: each pod's total request for the resource, in milli-units; every container needs one. */
export function podRequests(pods: readonly Pod[], resource: string, container?: string): Map<string, number> | string {
  const out = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    for (const c of pod.spec?.containers ?? []) {
      if (container && c.name !== container) continue;
      const request = c.resources?.requests?.[resource];
      if (request === undefined) return `missing request for ${resource} in container ${c.name} of Pod ${pod.metadata?.name}`;
      sum += parseMilli(String(request));
    }
    out.set(pod.metadata?.name ?? '', sum);
  }
  return out;
}

/** GetResourceUtilizationRatio. */
export function utilizationRatio(metrics: PodMetrics, requests: Map<string, number>, target: number) {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [name, m] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) return 'no metrics returned matched known pods';
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / target, utilization, rawAverage: Math.trunc(metricsTotal / entries) };
}

/** GetResourceReplicas: the proposal for a Utilization target; a string is the error upstream would return. */
export function resourceReplicas(
  currentReplicas: number,
  targetUtilization: number,
  resource: string,
  pods: readonly Pod[],
  fetched: { metrics: PodMetrics; timestampMs: number },
  nowMs: number,
): ResourceReplicas | string {
  if (pods.length === 0) return 'no pods returned by selector while calculating replica count';
  const metrics: PodMetrics = new Map(fetched.metrics);
  const { readyPodCount, unready, missing, ignored } = groupPods(pods, metrics, resource, nowMs);
  for (const name of [...ignored, ...unready]) metrics.delete(name);
  if (metrics.size === 0) return 'did not receive metrics for targeted pods (pods might be unready)';
  const requests = podRequests(pods, resource);
  if (typeof requests === 'string') return requests;
  const first = utilizationRatio(metrics, requests, targetUtilization);
  if (typeof first === 'string') return first;
  const { ratio, utilization, rawAverage } = first;
  const result = (replicas: number) => ({ replicas, utilization, rawAverage, timestampMs: fetched.timestampMs });
  const within = (r: number) => Math.abs(1 - r) <= TOLERANCE;

  const scaleUpWithUnready = unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && missing.size === 0) {
    if (within(ratio)) return result(currentReplicas);
    return result(Math.ceil(ratio * readyPodCount));
  }
  if (missing.size > 0) {
    // Scale-down: missing pods count as using their whole request (or the target, above 100%); scale-up: nothing.
    const fallback = Math.max(100, targetUtilization);
    for (const name of missing) {
      metrics.set(name, { timestampMs: 0, windowMs: 0, value: ratio < 1 ? Math.trunc(((requests.get(name) ?? 0) * fallback) / 100) : 0 });
    }
  }
  if (scaleUpWithUnready) for (const name of unready) metrics.set(name, { timestampMs: 0, windowMs: 0, value: 0 });
  const second = utilizationRatio(metrics, requests, targetUtilization);
  if (typeof second === 'string') return second;
  const newRatio = second.ratio;
  if (within(newRatio) || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1)) return result(currentReplicas);
  const replicas = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1 && replicas > currentReplicas) || (newRatio > 1 && replicas < currentReplicas)) return result(currentReplicas);
  return result(replicas);
}
