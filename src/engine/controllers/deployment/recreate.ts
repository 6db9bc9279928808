/**
 * The Recreate strategy (pkg/controller/deployment/recreate.go): scale every old ReplicaSet to zero, wait until
 * none of their pods is left running, and only then create / scale up the new ReplicaSet.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import * as util from './deployment-util';
import { syncRolloutStatus } from './progress';
import type { DeploymentSyncer } from './sync';

/** Pods of each of the Deployment's ReplicaSets, by ReplicaSet uid. */
export type PodMap = Map<string, Pod[]>;

export function rolloutRecreate(s: DeploymentSyncer, d: Deployment, rsList: ReplicaSet[], podMap: PodMap): void {
  let { newRS, oldRSs } = s.getAllReplicaSetsAndSyncRevision(d, rsList, false);
  let allRSs = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of util.filterActiveReplicaSets(oldRSs)) if (s.scaleReplicaSetAndRecordEvent(rs, 0, d).scaled) scaledDown = true;
  if (scaledDown) return syncRolloutStatus(s, allRSs, newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(s, allRSs, newRS, d);
  if (!newRS) {
    ({ newRS, oldRSs } = s.getAllReplicaSetsAndSyncRevision(d, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  if (newRS) s.scaleReplicaSetAndRecordEvent(newRS, util.replicasOf(d), d);
  if (util.deploymentComplete(d, d.status ?? {})) s.cleanupDeployment(oldRSs, d);
  syncRolloutStatus(s, allRSs, newRS, d);
}

/** oldPodsRunning: an old ReplicaSet still reports pods, or a pod of one is not finished (terminating counts). */
function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], podMap: PodMap): boolean {
  if (util.actualReplicas(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata?.uid === uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}
