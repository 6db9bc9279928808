/**
 * ReplicaSet / ReplicationController status (pkg/controller/replicaset/replica_set_utils.go): counts over the
 * pods the controller owns, and the ReplicaFailure condition while creating or deleting pods fails.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { selectorFromSet } from '../../apiserver/selectors/labels';
import { isPodAvailable, isPodReady } from './pod-util';
import type { ReplicaSetLike, ReplicaSetLikeStatus, ReplicaSetLikeCondition } from './workload-kind';

export function calculateStatus(rs: ReplicaSetLike, pods: Pod[], manageError: string | undefined, nowTimestamp: string, nowMs: number): ReplicaSetLikeStatus {
  const status: ReplicaSetLikeStatus = structuredClone(rs.status ?? { replicas: 0 });
  const templateLabels = selectorFromSet(rs.spec?.template?.metadata?.labels ?? {});
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (templateLabels.matches(pod.metadata?.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, nowMs)) available++;
    }
  }
  const failure = status.conditions?.find((c) => c.type === 'ReplicaFailure');
  if (manageError !== undefined && !failure) {
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    const cond: ReplicaSetLikeCondition = { type: 'ReplicaFailure', status: 'True', lastTransitionTime: nowTimestamp, reason, message: manageError };
    status.conditions = [...(status.conditions ?? []), cond];
  } else if (manageError === undefined && failure) {
    status.conditions = status.conditions?.filter((c) => c.type !== 'ReplicaFailure');
    if (status.conditions?.length === 0) delete status.conditions;
  }
  status.replicas = pods.length;
  status.fullyLabeledReplicas = fullyLabeled;
  status.readyReplicas = ready;
  status.availableReplicas = available;
  return status;
}

/** True when the status update would change nothing (updateReplicaSetStatus's early return). */
export function statusUnchanged(rs: ReplicaSetLike, next: ReplicaSetLikeStatus): boolean {
  const cur = rs.status ?? { replicas: 0 };
  return (
    (cur.replicas ?? 0) === next.replicas &&
    (cur.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0) &&
    (cur.readyReplicas ?? 0) === (next.readyReplicas ?? 0) &&
    (cur.availableReplicas ?? 0) === (next.availableReplicas ?? 0) &&
    (rs.metadata?.generation ?? 0) === (cur.observedGeneration ?? 0) &&
    JSON.stringify(cur.conditions ?? []) === JSON.stringify(next.conditions ?? [])
  );
}
