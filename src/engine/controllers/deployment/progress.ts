/**
 * Rollout progress (pkg/controller/deployment/progress.go): the Progressing condition — NewReplicaSetAvailable
 * when complete, ReplicaSetUpdated while progress is made, ProgressDeadlineExceeded after progressDeadlineSeconds
 * without any — ReplicaFailure copied from the ReplicaSets, and a requeue at the deadline so a stuck rollout
 * is noticed without any other event.
 */
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import * as util from './deployment-util';
import { calculateStatus, statusEqual, type DeploymentSyncer } from './sync';

export function syncRolloutStatus(s: DeploymentSyncer, allRSs: Array<ReplicaSet | undefined>, newRS: ReplicaSet | undefined, d: Deployment): void {
  const now = s.deps.timestamp();
  const next = calculateStatus(allRSs, newRS, d, now);
  if (!util.hasProgressDeadline(d)) util.removeCondition(next, 'Progressing');
  const current = util.getCondition(d.status, 'Progressing');
  const isCompleteDeployment = (next.replicas ?? 0) === (next.updatedReplicas ?? 0) && current?.reason === util.REASON.NewRSAvailable;
  if (util.hasProgressDeadline(d) && !isCompleteDeployment) {
    const name = d.metadata?.name;
    const rsName = newRS?.metadata?.name;
    if (util.deploymentComplete(d, next)) {
      const msg = newRS ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${name}" has successfully progressed.`;
      util.setCondition(next, util.newCondition('Progressing', 'True', util.REASON.NewRSAvailable, msg, now));
    } else if (util.deploymentProgressing(d, next)) {
      const msg = newRS ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${name}" is progressing.`;
      const cond = util.newCondition('Progressing', 'True', util.REASON.ReplicaSetUpdated, msg, now);
      // Progress refreshes lastUpdateTime even when the reason stays the same.
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        util.removeCondition(next, 'Progressing');
      }
      util.setCondition(next, cond);
    } else if (util.deploymentTimedOut(d, next, s.deps.nowMs())) {
      const msg = newRS ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${name}" has timed out progressing.`;
      util.setCondition(next, util.newCondition('Progressing', 'False', util.REASON.TimedOut, msg, now));
    }
  }
  const failures = replicaFailures(allRSs, newRS);
  if (failures.length > 0) util.setCondition(next, failures[0]);
  else util.removeCondition(next, 'ReplicaFailure');
  if (next.conditions?.length === 0) delete next.conditions;

  if (statusEqual(d.status, next)) {
    requeueStuckDeployment(s, d, next);
    return;
  }
  s.updateStatus({ ...d, status: next });
}

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure first, else any old one's. */
function replicaFailures(allRSs: Array<ReplicaSet | undefined>, newRS: ReplicaSet | undefined): DeploymentCondition[] {
  const fromRS = (rs: ReplicaSet) =>
    (rs.status?.conditions ?? [])
      .filter((c) => c.type === 'ReplicaFailure')
      .map((c) => ({ type: c.type, status: c.status, lastTransitionTime: c.lastTransitionTime, lastUpdateTime: c.lastTransitionTime, reason: c.reason, message: c.message }));
  if (newRS) {
    const own = fromRS(newRS);
    if (own.length > 0) return own;
  }
  return allRSs.flatMap((rs) => (rs ? fromRS(rs) : []));
}

/** requeueStuckDeployment: come back when the progress deadline would pass. */
function requeueStuckDeployment(s: DeploymentSyncer, d: Deployment, next: DeploymentStatus): void {
  const current = util.getCondition(d.status, 'Progressing');
  if (!util.hasProgressDeadline(d) || !current) return;
  if (util.deploymentComplete(d, next) || current.reason === util.REASON.TimedOut) return;
  const from = util.conditionUpdateMs(current);
  if (from === undefined) return;
  const after = from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - s.deps.nowMs();
  if (after < 1000) s.requeue = { rateLimited: true };
  else s.requeue = { after: after + 1000 };
}
