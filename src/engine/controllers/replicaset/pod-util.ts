/**
 * Pod facts the workload controllers share (k8s.io/kubernetes/pkg/api/v1/pod and pkg/controller's
 * controller_utils): whether a pod is active, ready, available, and since when.
 */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1';
import { timeOf } from '../../apiserver/printers/time';

export function podCondition(pod: Pod, type: string): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** controller.IsPodActive: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

/** Epoch ms the pod became Ready, when it is. */
export function podReadyTime(pod: Pod): number | undefined {
  const c = podCondition(pod, 'Ready');
  return c?.status === 'True' ? timeOf(c.lastTransitionTime) : undefined;
}

/**
 * podutil.IsPodAvailable: ready for at least minReadySeconds by `nowMs` (epoch ms). Timestamps have second
 * precision, as metav1.Time serialises them.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = podReadyTime(pod);
  return since !== undefined && since + minReadySeconds * 1000 <= nowMs;
}

export function creationMs(obj: { metadata?: { creationTimestamp?: string } }): number | undefined {
  return timeOf(obj.metadata?.creationTimestamp);
}
