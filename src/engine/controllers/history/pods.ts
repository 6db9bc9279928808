/**
 * Pod helpers the workload controllers share (pkg/controller/controller_utils.go and pkg/api/v1/pod/util.go):
 * building a pod from a controller's template, and reading readiness, availability and activity.
 */
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import { parseTime } from './time';

/** metav1.NewControllerRef. */
export function newControllerRef(owner: { metadata?: ObjectMeta }, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata?.name ?? '', uid: owner.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** controller.GetPodFromTemplate: labels, annotations, finalizers and spec of the template, owned by `ref`. */
export function podFromTemplate(template: PodTemplateSpec | undefined, parentName: string, ref: OwnerReference): Pod {
  const meta = template?.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: podsPrefix(parentName),
      labels: { ...(meta.labels ?? {}) },
      annotations: { ...(meta.annotations ?? {}) },
      ownerReferences: [ref],
    },
    spec: structuredClone(template?.spec ?? { containers: [] }),
  };
  if (meta.finalizers?.length) pod.metadata!.finalizers = [...meta.finalizers];
  if (Object.keys(pod.metadata!.annotations!).length === 0) delete pod.metadata!.annotations;
  return pod;
}

/** getPodsPrefix: `<controller>-`, the generateName of a controller's pods. */
export function podsPrefix(controllerName: string): string {
  return `${controllerName}-`;
}

export function podReadyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** podutil.IsPodReady. */
export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/** podutil.IsPodAvailable: ready for at least minReadySeconds at `nowMs`. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  const c = podReadyCondition(pod);
  if (c?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const since = parseTime(c.lastTransitionTime);
  return !Number.isNaN(since) && since + minReadySeconds * 1000 <= nowMs;
}

/** controller.IsPodActive: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

/** controller.IsPodTerminating: being deleted but not yet finished. */
export function isPodTerminating(pod: Pod): boolean {
  return !!pod.metadata?.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

export const isPodFinished = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/**
 * controller.ActivePods ordering, for choosing which pods to delete first: unassigned before assigned, pending
 * before unknown before running, not ready before ready, more recently ready/created first.
 */
export function compareActivePodsForDeletion(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec?.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const rank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
  const ra = rank[a.status?.phase ?? 'Pending'] ?? 0;
  const rb = rank[b.status?.phase ?? 'Pending'] ?? 0;
  if (ra !== rb) return ra - rb;
  const ready = (p: Pod) => (isPodReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  if (isPodReady(a) && isPodReady(b)) {
    const ta = parseTime(podReadyCondition(a)?.lastTransitionTime);
    const tb = parseTime(podReadyCondition(b)?.lastTransitionTime);
    if (ta !== tb) return tb - ta;
  }
  const restarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const ca = parseTime(a.metadata?.creationTimestamp);
  const cb = parseTime(b.metadata?.creationTimestamp);
  return cb - ca || 0;
}
