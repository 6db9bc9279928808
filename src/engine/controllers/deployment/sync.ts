/**
 * The Deployment sync machinery shared by every strategy (pkg/controller/deployment/sync.go): finding or
 * creating the new ReplicaSet (with the revision bookkeeping), scaling — proportionally across ReplicaSets when
 * the Deployment is resized mid-rollout — revision-history clean-up and status.
 *
 * Each method mirrors its upstream namesake, including which writes go out and in what order. API failures
 * throw a SyncError, which the controller turns into a rate-limited retry, as upstream returns errors.
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import { isAlreadyExists, type ApiResult } from '../../client/api-result';
import { controllerRef } from '../../client/object-keys';
import type { ResourceClient } from '../../client/rest-client';
import type { EventRecorder } from '../../record/event-recorder';
import { isNamespaceTerminating } from '../replicaset/pod-control';
import { newControllerRef } from '../replicaset/controller-ref-manager';
import { computeHash } from './hash';
import * as util from './deployment-util';

export class SyncError extends Error {}

export interface DeploymentDeps {
  rsApi: ResourceClient<ReplicaSet>;
  dApi: ResourceClient<Deployment>;
  /** The ReplicaSet as the informer has it. */
  cachedReplicaSet(namespace: string, name: string): ReplicaSet | undefined;
  recorder: EventRecorder;
  /** Epoch ms now. */
  nowMs(): number;
  /** metav1.Now() as it serialises. */
  timestamp(): string;
}

export const DEPLOYMENT_API_VERSION = 'apps/v1';
export const DEPLOYMENT_KIND = 'Deployment';

function must<T>(res: ApiResult<T>): T {
  if (!res.ok) throw new SyncError(res.status.message ?? 'request failed');
  return res.value;
}

/** What the reconcile should do next, beyond success or an error. */
export interface Requeue {
  after?: number;
  rateLimited?: boolean;
}

export class DeploymentSyncer {
  requeue: Requeue = {};

  constructor(readonly deps: DeploymentDeps) {}

  /** The Deployment with its type meta, for events. */
  ref(d: Deployment): Deployment {
    return { ...d, apiVersion: DEPLOYMENT_API_VERSION, kind: DEPLOYMENT_KIND };
  }

  event(d: Deployment, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.deps.recorder.event(this.ref(d), type, reason, message);
  }

  updateStatus(d: Deployment): Deployment {
    return must(this.deps.dApi.updateStatus(d.metadata?.namespace ?? '', d));
  }

  /** sync: scaling events and paused Deployments — no rollout, only (proportional) scaling and status. */
  sync(d: Deployment, rsList: ReplicaSet[]): void {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    this.scale(d, newRS, oldRSs);
    if (d.spec?.paused && !d.metadata?.annotations?.[util.ROLLBACK_TO_ANNOTATION]) this.cleanupDeployment(oldRSs, d);
    this.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
  }

  /** checkPausedConditions: Progressing Unknown with DeploymentPaused / DeploymentResumed. */
  checkPausedConditions(d: Deployment): void {
    if (!util.hasProgressDeadline(d)) return;
    const cond = util.getCondition(d.status, 'Progressing');
    if (cond?.reason === util.REASON.TimedOut) return;
    const pausedCondExists = cond?.reason === util.REASON.PausedDeploy;
    d.status ??= {};
    let needsUpdate = false;
    if (d.spec?.paused && !pausedCondExists) {
      util.setCondition(d.status, util.newCondition('Progressing', 'Unknown', util.REASON.PausedDeploy, 'Deployment is paused', this.deps.timestamp()));
      needsUpdate = true;
    } else if (!d.spec?.paused && pausedCondExists) {
      util.setCondition(d.status, util.newCondition('Progressing', 'Unknown', util.REASON.ResumedDeploy, 'Deployment is resumed', this.deps.timestamp()));
      needsUpdate = true;
    }
    if (!needsUpdate) return;
    const updated = this.updateStatus(d);
    d.metadata = updated.metadata;
  }

  getAllReplicaSetsAndSyncRevision(d: Deployment, rsList: ReplicaSet[], createIfNotExisted: boolean): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
    const oldRSs = util.findOldReplicaSets(d, rsList);
    const newRS = this.getNewReplicaSet(d, rsList, oldRSs, createIfNotExisted);
    return { newRS, oldRSs };
  }

  /**
   * getNewReplicaSet: the ReplicaSet running the Deployment's template, its revision raised above every old
   * one (a rollback re-uses the old RS under a new revision); created when missing and asked to.
   */
  getNewReplicaSet(d: Deployment, rsList: ReplicaSet[], oldRSs: ReplicaSet[], createIfNotExisted: boolean): ReplicaSet | undefined {
    const existing = util.findNewReplicaSet(d, rsList);
    const newRevision = String(util.maxRevision(oldRSs) + 1);
    const ns = d.metadata?.namespace ?? '';
    d.status ??= {};
    if (existing) {
      const rsCopy = structuredClone(existing);
      const annotationsUpdated = util.setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
      const minReadyNeedsUpdate = (rsCopy.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
      if (annotationsUpdated || minReadyNeedsUpdate) {
        rsCopy.spec!.minReadySeconds = d.spec?.minReadySeconds;
        if (!rsCopy.spec!.minReadySeconds) delete rsCopy.spec!.minReadySeconds;
        return must(this.deps.rsApi.update(ns, rsCopy));
      }
      let needsUpdate = util.setDeploymentRevision(d, rsCopy.metadata?.annotations?.[util.REVISION_ANNOTATION] ?? '');
      const cond = util.getCondition(d.status, 'Progressing');
      if (util.hasProgressDeadline(d) && !cond) {
        const msg = `Found new replica set "${rsCopy.metadata?.name}"`;
        util.setCondition(d.status, util.newCondition('Progressing', 'True', util.REASON.FoundNewRS, msg, this.deps.timestamp()));
        needsUpdate = true;
      }
      if (needsUpdate) this.updateStatus(d);
      return rsCopy;
    }
    if (!createIfNotExisted) return undefined;

    const template = structuredClone(d.spec!.template);
    const hash = computeHash(template, d.status.collisionCount);
    template.metadata ??= {};
    template.metadata.labels = { ...template.metadata.labels, [util.POD_TEMPLATE_HASH_LABEL]: hash };
    const selector = structuredClone(d.spec!.selector);
    selector.matchLabels = { ...selector.matchLabels, [util.POD_TEMPLATE_HASH_LABEL]: hash };
    const newRS: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata?.name}-${hash}`,
        namespace: ns,
        ownerReferences: [newControllerRef(d, DEPLOYMENT_API_VERSION, DEPLOYMENT_KIND)],
        labels: template.metadata.labels,
      },
      spec: { replicas: 0, selector, template },
    };
    if (d.spec?.minReadySeconds) newRS.spec!.minReadySeconds = d.spec.minReadySeconds;
    const newReplicasCount = util.newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    newRS.spec!.replicas = newReplicasCount;
    util.setNewReplicaSetAnnotations(d, newRS, newRevision, false);

    let alreadyExists = false;
    let created: ReplicaSet;
    const res = this.deps.rsApi.create(ns, newRS);
    if (res.ok) {
      created = res.value;
    } else if (isAlreadyExists(res.status)) {
      alreadyExists = true;
      const rs = this.deps.cachedReplicaSet(ns, newRS.metadata!.name!);
      if (!rs) throw new SyncError(res.status.message ?? 'already exists');
      const ref = controllerRef(rs);
      if (ref && ref.uid === d.metadata?.uid && util.equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
        created = rs;
      } else {
        // A hash collision: bump collisionCount so the next sync hashes differently.
        d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
        this.deps.dApi.updateStatus(ns, d);
        throw new SyncError(res.status.message ?? 'already exists');
      }
    } else if (isNamespaceTerminating(res.status)) {
      throw new SyncError(res.status.message ?? 'namespace terminating');
    } else {
      const msg = `Failed to create new replica set "${newRS.metadata!.name}": ${res.status.message}`;
      if (util.hasProgressDeadline(d)) {
        util.setCondition(d.status, util.newCondition('Progressing', 'False', util.REASON.FailedRSCreate, msg, this.deps.timestamp()));
        this.deps.dApi.updateStatus(ns, d);
      }
      this.event(d, 'Warning', util.REASON.FailedRSCreate, msg);
      throw new SyncError(res.status.message ?? 'create failed');
    }
    if (!alreadyExists && newReplicasCount > 0) {
      this.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata?.name} from 0 to ${newReplicasCount}`);
    }
    let needsUpdate = util.setDeploymentRevision(d, newRevision);
    if (!alreadyExists && util.hasProgressDeadline(d)) {
      const msg = `Created new replica set "${created.metadata?.name}"`;
      util.setCondition(d.status, util.newCondition('Progressing', 'True', util.REASON.NewReplicaSet, msg, this.deps.timestamp()));
      needsUpdate = true;
    }
    if (needsUpdate) this.updateStatus(d);
    return created;
  }

  /**
   * scale: one active ReplicaSet takes the whole size; a saturated new one means old ones go to 0; otherwise
   * (rolling update) the difference is spread over the active ReplicaSets in proportion to their size.
   */
  scale(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
    const want = util.replicasOf(d);
    const activeOrLatest = util.findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (util.replicasOf(activeOrLatest) === want) return;
      this.scaleReplicaSetAndRecordEvent(activeOrLatest, want, d);
      return;
    }
    if (util.isSaturated(d, newRS)) {
      for (const old of util.filterActiveReplicaSets(oldRSs)) this.scaleReplicaSetAndRecordEvent(old, 0, d);
      return;
    }
    if (!util.isRollingUpdate(d)) return;
    const allRSs = util.filterActiveReplicaSets([...oldRSs, newRS]);
    const allReplicas = util.specReplicas(allRSs);
    const allowedSize = want > 0 ? want + util.maxSurge(d) : 0;
    const toAdd = allowedSize - allReplicas;
    let operation = '';
    if (toAdd > 0) {
      allRSs.sort(util.bySizeNewer);
      operation = 'up';
    } else if (toAdd < 0) {
      allRSs.sort(util.bySizeOlder);
      operation = 'down';
    }
    let added = 0;
    const sizes = new Map<string, number>();
    for (const rs of allRSs) {
      if (toAdd !== 0) {
        const proportion = util.getProportion(rs, d, toAdd, added);
        sizes.set(rs.metadata!.name!, util.replicasOf(rs) + proportion);
        added += proportion;
      } else {
        sizes.set(rs.metadata!.name!, util.replicasOf(rs));
      }
    }
    allRSs.forEach((rs, i) => {
      const name = rs.metadata!.name!;
      if (i === 0 && toAdd !== 0) sizes.set(name, Math.max(0, sizes.get(name)! + toAdd - added));
      this.scaleReplicaSet(rs, sizes.get(name)!, d, operation);
    });
  }

  scaleReplicaSetAndRecordEvent(rs: ReplicaSet, newScale: number, d: Deployment): { scaled: boolean; rs: ReplicaSet } {
    if (util.replicasOf(rs) === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale, d, util.replicasOf(rs) < newScale ? 'up' : 'down');
  }

  /** scaleReplicaSet: writes the size and the desired/max annotations; ScalingReplicaSet when the size changed. */
  scaleReplicaSet(rs: ReplicaSet, newScale: number, d: Deployment, operation: string): { scaled: boolean; rs: ReplicaSet } {
    const want = util.replicasOf(d);
    const max = want + util.maxSurge(d);
    const sizeNeedsUpdate = util.replicasOf(rs) !== newScale;
    if (!sizeNeedsUpdate && !util.replicasAnnotationsNeedUpdate(rs, want, max)) return { scaled: false, rs };
    const oldScale = util.replicasOf(rs);
    const copy = structuredClone(rs);
    copy.spec!.replicas = newScale;
    util.setReplicasAnnotations(copy, want, max);
    const updated = must(this.deps.rsApi.update(rs.metadata?.namespace ?? '', copy));
    if (sizeNeedsUpdate) this.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${updated.metadata?.name} from ${oldScale} to ${newScale}`);
    return { scaled: sizeNeedsUpdate, rs: updated };
  }

  /** cleanupDeployment: delete the oldest fully scaled-down ReplicaSets beyond revisionHistoryLimit. */
  cleanupDeployment(oldRSs: ReplicaSet[], d: Deployment): void {
    if (!util.hasRevisionHistoryLimit(d)) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
    const diff = cleanable.length - (d.spec?.revisionHistoryLimit ?? 0);
    if (diff <= 0) return;
    cleanable.sort(util.byRevision);
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i];
      if ((rs.status?.replicas ?? 0) !== 0 || util.replicasOf(rs) !== 0 || (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata?.deletionTimestamp) continue;
      const res = this.deps.rsApi.delete(rs.metadata?.namespace ?? '', rs.metadata?.name ?? '');
      if (!res.ok && res.status.code !== 404) throw new SyncError(res.status.message ?? 'delete failed');
    }
  }

  syncDeploymentStatus(allRSs: Array<ReplicaSet | undefined>, newRS: ReplicaSet | undefined, d: Deployment): void {
    const next = calculateStatus(allRSs, newRS, d, this.deps.timestamp());
    if (statusEqual(d.status, next)) return;
    this.updateStatus({ ...d, status: next });
  }

  /** isScalingEvent: an active ReplicaSet's desired-replicas annotation disagrees with spec.replicas. */
  isScalingEvent(d: Deployment, rsList: ReplicaSet[]): boolean {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    for (const rs of util.filterActiveReplicaSets([...oldRSs, newRS])) {
      const desired = util.desiredReplicasAnnotation(rs);
      if (desired !== undefined && desired !== util.replicasOf(d)) return true;
    }
    return false;
  }

  syncStatusOnly(d: Deployment, rsList: ReplicaSet[]): void {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    this.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
  }
}

/** calculateStatus: counts over the ReplicaSets, and the Available condition against maxUnavailable. */
export function calculateStatus(allRSs: Array<ReplicaSet | undefined>, newRS: ReplicaSet | undefined, d: Deployment, now: string): DeploymentStatus {
  const available = util.availableReplicas(allRSs);
  const total = util.specReplicas(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata?.generation,
    replicas: util.actualReplicas(allRSs),
    updatedReplicas: util.actualReplicas([newRS]),
    readyReplicas: util.readyReplicas(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    collisionCount: d.status?.collisionCount,
  };
  const conditions = d.status?.conditions;
  if (conditions) status.conditions = conditions.map((c) => ({ ...c }));
  if (available >= util.replicasOf(d) - util.maxUnavailable(d)) {
    util.setCondition(status, util.newCondition('Available', 'True', util.REASON.MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    util.setCondition(status, util.newCondition('Available', 'False', util.REASON.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return omitEmpty(status);
}

/** Zero counts are omitted (`omitempty`), as the Go types serialise them. */
export function omitEmpty(s: DeploymentStatus): DeploymentStatus {
  const out = { ...s } as Record<string, unknown>;
  for (const k of ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) if (!out[k]) delete out[k];
  if (out.collisionCount === undefined || out.collisionCount === null) delete out.collisionCount;
  if (Array.isArray(out.conditions) && out.conditions.length === 0) delete out.conditions;
  return out as DeploymentStatus;
}

export function statusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus): boolean {
  return util.semanticEqual(omitEmpty(a ?? {}), omitEmpty(b));
}
