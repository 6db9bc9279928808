/**
 * The scheduler's writes to pod status (pkg/scheduler/util): condition updates with podutil.UpdatePodCondition's
 * change detection, sent as a two-way strategic merge patch of the status, as util.PatchPodStatus does.
 */
import type { Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import { definitionForKind } from '../apiserver/openapi/schema';
import { createTwoWayMergePatch } from '../apiserver/patch';
import type { JsonObject } from '../apiserver/patch/json-values';
import type { ApiResult } from '../client/api-result';
import type { ResourceClient } from '../client/rest-client';

const POD_SCHEMA = definitionForKind({ group: '', version: 'v1', kind: 'Pod' });

/**
 * Sets `condition` in `status` (in place). The transition time moves only when the condition's status changes;
 * returns whether anything changed (podutil.UpdatePodCondition).
 */
export function updatePodCondition(status: PodStatus, condition: PodCondition, now: string): boolean {
  const next: PodCondition = { ...condition, lastTransitionTime: now };
  const conditions = status.conditions ?? [];
  const i = conditions.findIndex((c) => c.type === condition.type);
  if (i < 0) {
    status.conditions = [...conditions, next];
    return true;
  }
  const old = conditions[i];
  if (old.status === next.status) next.lastTransitionTime = old.lastTransitionTime;
  const same = old.status === next.status && old.reason === next.reason && old.message === next.message &&
    (old.lastProbeTime ?? null) === (next.lastProbeTime ?? null) && old.lastTransitionTime === next.lastTransitionTime;
  status.conditions = conditions.map((c, j) => (j === i ? next : c));
  return !same;
}

/** PATCH pods/<name>/status with the strategic merge patch from `oldStatus` to `newStatus`; skipped when equal. */
export function patchPodStatus(pods: ResourceClient<Pod>, pod: Pod, oldStatus: PodStatus, newStatus: PodStatus): ApiResult<Pod> | undefined {
  const patch = createTwoWayMergePatch({ status: oldStatus } as unknown as JsonObject, { status: newStatus } as unknown as JsonObject, POD_SCHEMA);
  if (Object.keys(patch).length === 0) return undefined;
  return pods.patch(pod.metadata?.namespace ?? 'default', pod.metadata?.name ?? '', 'strategic', patch, { subresource: 'status' });
}
