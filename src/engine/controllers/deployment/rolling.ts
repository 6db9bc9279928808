/**
 * The RollingUpdate strategy (pkg/controller/deployment/rolling.go): scale the new ReplicaSet up as far as
 * maxSurge allows, then scale old ones down as far as maxUnavailable allows — unhealthy old replicas first —
 * and repeat on every ReplicaSet change until the new one runs everything.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import * as util from './deployment-util';
import { syncRolloutStatus } from './progress';
import type { DeploymentSyncer } from './sync';
import { SyncError } from './sync';

export function rolloutRolling(s: DeploymentSyncer, d: Deployment, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = s.getAllReplicaSetsAndSyncRevision(d, rsList, true);
  if (!newRS) throw new SyncError('no new replica set');
  const allRSs = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(s, allRSs, newRS, d)) return syncRolloutStatus(s, allRSs, newRS, d);
  if (reconcileOldReplicaSets(s, allRSs, util.filterActiveReplicaSets(oldRSs), newRS, d)) return syncRolloutStatus(s, allRSs, newRS, d);
  if (util.deploymentComplete(d, d.status ?? {})) s.cleanupDeployment(oldRSs, d);
  syncRolloutStatus(s, allRSs, newRS, d);
}

function reconcileNewReplicaSet(s: DeploymentSyncer, allRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  const want = util.replicasOf(d);
  if (util.replicasOf(newRS) === want) return false;
  if (util.replicasOf(newRS) > want) return s.scaleReplicaSetAndRecordEvent(newRS, want, d).scaled;
  return s.scaleReplicaSetAndRecordEvent(newRS, util.newRSNewReplicas(d, allRSs, newRS), d).scaled;
}

function reconcileOldReplicaSets(s: DeploymentSyncer, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  if (util.specReplicas(oldRSs) === 0) return false;
  const allPods = util.specReplicas(allRSs);
  const minAvailable = util.replicasOf(d) - util.maxUnavailable(d);
  const newRSUnavailable = util.replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(s, oldRSs, d, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(s, [...cleaned.oldRSs, newRS], cleaned.oldRSs, d);
  return cleaned.count + scaledDown > 0;
}

/** cleanupUnhealthyReplicas: old replicas that are not available go first, oldest ReplicaSet first. */
function cleanupUnhealthyReplicas(s: DeploymentSyncer, oldRSs: ReplicaSet[], d: Deployment, maxCleanup: number): { oldRSs: ReplicaSet[]; count: number } {
  const sorted = [...oldRSs].sort(util.byCreationTimestamp);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanup) break;
    const rs = sorted[i];
    const replicas = util.replicasOf(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const count = Math.min(maxCleanup - total, replicas - available);
    const next = replicas - count;
    if (next > replicas) throw new SyncError(`when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata?.namespace}/${rs.metadata?.name} ${replicas} -> ${next}`);
    sorted[i] = s.scaleReplicaSetAndRecordEvent(rs, next, d).rs;
    total += count;
  }
  return { oldRSs: sorted, count: total };
}

/** scaleDownOldReplicaSetsForRollingUpdate: available replicas above minAvailable, oldest ReplicaSet first. */
function scaleDownOldReplicaSetsForRollingUpdate(s: DeploymentSyncer, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], d: Deployment): number {
  const minAvailable = util.replicasOf(d) - util.maxUnavailable(d);
  const available = util.availableReplicas(allRSs);
  if (available <= minAvailable) return 0;
  const sorted = [...oldRSs].sort(util.byCreationTimestamp);
  const target = available - minAvailable;
  let total = 0;
  for (const rs of sorted) {
    if (total >= target) break;
    const replicas = util.replicasOf(rs);
    if (replicas === 0) continue;
    const count = Math.min(replicas, target - total);
    s.scaleReplicaSetAndRecordEvent(rs, replicas - count, d);
    total += count;
  }
  return total;
}
