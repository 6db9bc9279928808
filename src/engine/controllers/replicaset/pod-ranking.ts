/**
 * Which pods a ReplicaSet deletes first when it scales down (pkg/controller's ActivePodsWithRanks and the
 * replicaset controller's getPodsToDelete), most deletable first:
 *   1. unscheduled before scheduled;
 *   2. Pending before Unknown before Running;
 *   3. not ready before ready;
 *   4. lower `controller.kubernetes.io/pod-deletion-cost` first;
 *   5. more related pods on the same node first (spreads what remains);
 *   6. ready for less time first;
 *   7. more container restarts first;
 *   8. newer first.
 * Times in 6 and 8 compare on a log2 scale of their age (LogarithmicScaleDown, on by default since 1.22), with
 * the pod uid breaking ties within a bucket, so pods of about the same age are picked at random-but-stable.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { creationMs, isPodActive, isPodReady, podReadyTime } from './pod-util';

export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** helper.GetDeletionCostFromPodAnnotations: an int32; anything unparsable counts as 0. */
export function podDeletionCost(pod: Pod): number {
  const raw = pod.metadata?.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (raw === undefined || !/^[+-]?\d+$/.test(raw.trim()) || raw.trim() !== raw) return 0;
  const n = Number(raw);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

/** The highest restart count among regular containers, and among restartable init containers (sidecars). */
function maxContainerRestarts(pod: Pod): { regular: number; sidecar: number } {
  let regular = 0;
  let sidecar = 0;
  for (const s of pod.status?.containerStatuses ?? []) regular = Math.max(regular, s.restartCount ?? 0);
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  for (const s of pod.status?.initContainerStatuses ?? []) if (sidecars.has(s.name)) sidecar = Math.max(sidecar, s.restartCount ?? 0);
  return { regular, sidecar };
}

/** floor(log2(age in ns)) of each time, compared; −1 for a time not in the past. */
function logarithmicRankDiff(t1: number, t2: number, nowMs: number): number {
  const rank = (t: number) => {
    const ns = (nowMs - t) * 1e6;
    return ns > 0 ? Math.trunc(Math.log2(ns)) : -1;
  };
  return rank(t1) - rank(t2);
}

/** afterOrZero: an unset time sorts first, then the later one. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

function compareTimes(t1: number | undefined, t2: number | undefined, uid1: string, uid2: string, nowMs: number): boolean {
  if (t1 === undefined || t2 === undefined) return afterOrZero(t1, t2);
  const diff = logarithmicRankDiff(t1, t2, nowMs);
  if (diff === 0) return uid1 < uid2;
  return diff < 0;
}

export interface RankedPod {
  pod: Pod;
  rank: number;
}

/** ActivePodsWithRanks.Less: true when `a` should be deleted before `b`. */
export function deletesBefore(a: RankedPod, b: RankedPod, nowMs: number): boolean {
  const pa = a.pod;
  const pb = b.pod;
  const na = pa.spec?.nodeName ?? '';
  const nb = pb.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '';
  const oa = PHASE_ORDINAL[pa.status?.phase ?? ''] ?? 0;
  const ob = PHASE_ORDINAL[pb.status?.phase ?? ''] ?? 0;
  if (oa !== ob) return oa < ob;
  const ra = isPodReady(pa);
  const rb = isPodReady(pb);
  if (ra !== rb) return !ra;
  const ca = podDeletionCost(pa);
  const cb = podDeletionCost(pb);
  if (ca !== cb) return ca < cb;
  if (a.rank !== b.rank) return a.rank > b.rank;
  const uidA = pa.metadata?.uid ?? '';
  const uidB = pb.metadata?.uid ?? '';
  if (ra && rb) {
    const ta = podReadyTime(pa);
    const tb = podReadyTime(pb);
    if (ta !== tb) return compareTimes(ta, tb, uidA, uidB, nowMs);
  }
  const rsA = maxContainerRestarts(pa);
  const rsB = maxContainerRestarts(pb);
  if (rsA.regular !== rsB.regular) return rsA.regular > rsB.regular;
  if (rsA.sidecar !== rsB.sidecar) return rsA.sidecar > rsB.sidecar;
  const cta = creationMs(pa);
  const ctb = creationMs(pb);
  if (cta !== ctb) return compareTimes(cta, ctb, uidA, uidB, nowMs);
  return false;
}

/** getPodsRankedByRelatedPodsOnSameNode: each pod's rank is how many active related pods share its node. */
export function rankByRelatedPodsOnSameNode(pods: Pod[], related: Pod[]): RankedPod[] {
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  return pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
}

/** getPodsToDelete: the `diff` most deletable of `pods`; `related` are the active pods of sibling ReplicaSets. */
export function getPodsToDelete(pods: Pod[], related: Pod[], diff: number, nowMs: number): Pod[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const ranked = rankByRelatedPodsOnSameNode(pods, related);
  ranked.sort((a, b) => (deletesBefore(a, b, nowMs) ? -1 : deletesBefore(b, a, nowMs) ? 1 : 0));
  return ranked.slice(0, diff).map((r) => r.pod);
}
