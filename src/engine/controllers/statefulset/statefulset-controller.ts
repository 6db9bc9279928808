/**
 * The StatefulSet controller (pkg/controller/statefulset, 1.32): pods with stable names `<set>-0 … <set>-N-1`,
 * created in order and each only once its predecessor is Running and Ready (OrderedReady), or all at once
 * (Parallel); removed highest ordinal first; with a PVC per volumeClaimTemplate that outlives its pod. Template
 * changes become ControllerRevisions and roll out from the highest ordinal down to the partition (RollingUpdate),
 * or wait for pods to be deleted by hand (OnDelete).
 */
import type { ControllerRevision, StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { Controller } from '../../client/controller';
import { enqueueForOwner } from '../../client/event-mappers';
import { CONTROLLER_UID_INDEX, controllerUidIndexFunc } from '../../client/indexer';
import { splitKey } from '../../client/object-keys';
import { isAlreadyExists, isNotFound } from '../../client/api-result';
import type { ReconcileResult } from '../../client/reconciler';
import type { ControllerContext } from '../controller-context';
import {
  CONTROLLER_REVISION_HASH_LABEL as HISTORY_HASH_LABEL,
  controllerRevisionName,
  equalRevision,
  hashControllerRevision,
  newControllerRevision,
  nextRevision,
  sortRevisions,
  templatePatch,
} from '../history/controller-revision';
import { CONTROLLER_REVISIONS, PODS, PVCS, STATEFULSETS } from '../history/resources';
import { isPodAvailable, newControllerRef } from '../history/pods';
import { nowMs } from '../history/time';
import {
  claimsFor,
  isCreated,
  isFailed,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  newStatefulSetPod,
  podOrdinal,
  podRevision,
  startOrdinal,
} from './stateful-pod';

const CONTROLLER_NAME = 'statefulset-controller';

export function newStatefulSetController(ctx: ControllerContext): Controller {
  const sets = ctx.informers.informerFor<StatefulSet>(STATEFULSETS);
  const pods = ctx.informers.informerFor<Pod>(PODS, { indexers: { [CONTROLLER_UID_INDEX]: controllerUidIndexFunc } });
  const revisionsInformer = ctx.informers.informerFor<ControllerRevision>(CONTROLLER_REVISIONS, { indexers: { [CONTROLLER_UID_INDEX]: controllerUidIndexFunc } });
  const claims = ctx.informers.informerFor<PersistentVolumeClaim>(PVCS);
  const client = ctx.client.as(CONTROLLER_NAME);
  const setsApi = client.resource<StatefulSet>(STATEFULSETS);
  const podsApi = client.resource<Pod>(PODS);
  const claimsApi = client.resource<PersistentVolumeClaim>(PVCS);
  const revisionsApi = client.resource<ControllerRevision>(CONTROLLER_REVISIONS);
  const recorder = ctx.recorder(CONTROLLER_NAME);

  const isAvailable = (set: StatefulSet, pod: Pod) => isRunningAndReady(pod) && isPodAvailable(pod, set.spec?.minReadySeconds ?? 0, nowMs(ctx.engine));
  const isHealthy = (set: StatefulSet, pod: Pod) => isRunningAndReady(pod) && !isTerminating(pod) && isAvailable(set, pod);

  // -------------------------------------------------------------------------------------------------------
  // Pod control (stateful_pod_control.go), with its events.

  function recordPodEvent(verb: string, set: StatefulSet, pod: Pod, err?: string): void {
    if (err) recorder.event(set, 'Warning', `Failed${verb[0].toUpperCase()}${verb.slice(1)}`, `${verb} Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} failed error: ${err}`);
    else recorder.event(set, 'Normal', `Successful${verb[0].toUpperCase()}${verb.slice(1)}`, `${verb} Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} successful`);
  }

  /** createPersistentVolumeClaims: the pod's claims that do not exist yet. */
  function createClaims(set: StatefulSet, pod: Pod, ordinal: number): string | undefined {
    for (const claim of claimsFor(set, ordinal)) {
      if (claims.lister.namespace(set.metadata!.namespace!).get(claim.metadata!.name!)) continue;
      if (set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete') claim.metadata!.ownerReferences = [setOwnerRef(set)];
      const res = claimsApi.create(set.metadata!.namespace!, claim);
      if (!res.ok && !isAlreadyExists(res.status)) {
        recorder.event(set, 'Warning', 'FailedCreate', `create Claim ${claim.metadata!.name} for Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} failed error: ${res.status.message}`);
        return res.status.message;
      }
      if (res.ok) recorder.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${claim.metadata!.name} Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} success`);
    }
    return undefined;
  }

  function createPod(set: StatefulSet, pod: Pod, ordinal: number): string | undefined {
    const claimErr = createClaims(set, pod, ordinal);
    if (claimErr) return claimErr;
    const res = podsApi.create(set.metadata!.namespace!, pod);
    if (!res.ok) {
      if (isAlreadyExists(res.status)) return undefined;
      recordPodEvent('create', set, pod, res.status.message);
      return res.status.message;
    }
    recordPodEvent('create', set, pod);
    return undefined;
  }

  function deletePod(set: StatefulSet, pod: Pod): string | undefined {
    const res = podsApi.delete(set.metadata!.namespace!, pod.metadata!.name!);
    if (!res.ok && !isNotFound(res.status)) {
      recordPodEvent('delete', set, pod, res.status.message);
      return res.status.message;
    }
    recordPodEvent('delete', set, pod);
    return undefined;
  }

  const setOwnerRef = (set: StatefulSet): OwnerReference => newControllerRef(set, 'apps/v1', 'StatefulSet');

  /**
   * updateClaimOwnerRefForSetAndPod (StatefulSetAutoDeletePVC): whenScaled=Delete makes a condemned pod own its
   * claims, so they go with it; whenDeleted=Delete makes the set own them.
   */
  function fixCondemnedClaims(set: StatefulSet, pod: Pod, ordinal: number): void {
    if (set.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete' || !pod.metadata?.uid) return;
    for (const want of claimsFor(set, ordinal)) {
      const claim = claims.lister.namespace(set.metadata!.namespace!).get(want.metadata!.name!);
      if (!claim || claim.metadata?.ownerReferences?.some((r) => r.uid === pod.metadata!.uid)) continue;
      const updated = structuredClone(claim);
      const podRef: OwnerReference = { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name!, uid: pod.metadata.uid, controller: true, blockOwnerDeletion: true };
      updated.metadata!.ownerReferences = [...(updated.metadata!.ownerReferences ?? []).filter((r) => !r.controller), podRef];
      claimsApi.update(set.metadata!.namespace!, updated);
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Revisions (getStatefulSetRevisions, truncateHistory).

  function ownedRevisions(set: StatefulSet): ControllerRevision[] {
    return sortRevisions(revisionsInformer.indexer.byIndex(CONTROLLER_UID_INDEX, set.metadata!.uid!));
  }

  function buildRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
    const data = templatePatch(set.spec?.template);
    const hash = hashControllerRevision(data, collisionCount);
    return newControllerRevision(set, setOwnerRef(set), set.spec?.template?.metadata?.labels, data, revision, controllerRevisionName(set.metadata!.name!, hash), {
      [HISTORY_HASH_LABEL]: hash,
    });
  }

  function revisionsFor(set: StatefulSet, revisions: ControllerRevision[]): { current: ControllerRevision; update: ControllerRevision; collisionCount: number } | { error: string } {
    let collisionCount = set.status?.collisionCount ?? 0;
    let update = buildRevision(set, nextRevision(revisions), collisionCount);
    const equal = revisions.filter((r) => equalRevision(r, update));
    if (equal.length > 0) {
      const latest = equal[equal.length - 1];
      if (latest.metadata?.name === revisions[revisions.length - 1].metadata?.name) update = latest;
      else {
        // Rolling back to an old template: it becomes the newest revision again.
        const bumped = structuredClone(latest);
        bumped.revision = update.revision;
        const res = revisionsApi.update(set.metadata!.namespace!, bumped);
        if (!res.ok) return { error: res.status.message ?? 'updating revision' };
        update = res.value;
      }
    } else {
      for (;;) {
        const res = revisionsApi.create(set.metadata!.namespace!, update);
        if (res.ok) {
          update = res.value;
          break;
        }
        if (!isAlreadyExists(res.status)) return { error: res.status.message ?? 'creating revision' };
        const clash = revisionsApi.get(set.metadata!.namespace!, update.metadata!.name!);
        if (clash.ok && equalRevision(clash.value, update)) {
          update = clash.value;
          break;
        }
        collisionCount++;
        update = buildRevision(set, update.revision, collisionCount);
      }
    }
    const current = revisions.find((r) => r.metadata?.name === set.status?.currentRevision) ?? update;
    return { current, update, collisionCount };
  }

  function truncateHistory(set: StatefulSet, livePods: Pod[], revisions: ControllerRevision[], current: ControllerRevision, update: ControllerRevision): void {
    const live = new Set([current.metadata?.name, update.metadata?.name, ...livePods.map(podRevision)]);
    const history = revisions.filter((r) => !live.has(r.metadata?.name));
    const limit = set.spec?.revisionHistoryLimit ?? 10;
    for (const r of history.slice(0, Math.max(0, history.length - limit))) revisionsApi.delete(set.metadata!.namespace!, r.metadata!.name!);
  }

  /** ApplyRevision: the set with the template a revision recorded. */
  function setAtRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
    const out = structuredClone(set);
    const template = structuredClone((revision.data as { spec?: { template?: PodTemplateSpec & { $patch?: string } } })?.spec?.template);
    if (template) {
      delete template.$patch;
      out.spec!.template = template;
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------------------

  function computeStatus(set: StatefulSet, current: string, update: string, collisionCount: number, all: Pod[]): StatefulSetStatus {
    const status: StatefulSetStatus = {
      observedGeneration: set.metadata?.generation,
      replicas: 0,
      readyReplicas: 0,
      currentReplicas: 0,
      updatedReplicas: 0,
      availableReplicas: 0,
      currentRevision: current,
      updateRevision: update,
      collisionCount,
    };
    for (const pod of all) {
      if (!isCreated(pod)) continue;
      status.replicas++;
      if (isRunningAndReady(pod)) {
        status.readyReplicas = (status.readyReplicas ?? 0) + 1;
        if (isAvailable(set, pod)) status.availableReplicas = (status.availableReplicas ?? 0) + 1;
      }
      if (!isTerminating(pod)) {
        if (podRevision(pod) === current) status.currentReplicas = (status.currentReplicas ?? 0) + 1;
        if (podRevision(pod) === update) status.updatedReplicas = (status.updatedReplicas ?? 0) + 1;
      }
    }
    return status;
  }

  /** updateStatefulSet: one pass of the ordered state machine. Returns an error message, if any. */
  function updateStatefulSet(set: StatefulSet, current: ControllerRevision, update: ControllerRevision, collisionCount: number, owned: Pod[]): { status: StatefulSetStatus; error?: string } {
    const currentSet = setAtRevision(set, current);
    const updateSet = setAtRevision(set, update);
    const replicaCount = set.spec?.replicas ?? 1;
    const start = startOrdinal(set);
    const replicas: Pod[] = new Array(replicaCount);
    const condemned: Pod[] = [];
    for (const pod of owned) {
      const ord = podOrdinal(set, pod);
      if (ord < 0) continue;
      if (ord >= start && ord < start + replicaCount) replicas[ord - start] = pod;
      else condemned.push(pod);
    }
    /** newVersionedStatefulSetPod: below the partition pods keep the current revision. */
    const versionedPod = (ordinal: number): Pod => {
      const strategy = set.spec?.updateStrategy;
      const rolling = strategy?.type !== 'OnDelete';
      const keepsCurrent =
        (rolling && strategy?.rollingUpdate == null && ordinal < (set.status?.currentReplicas ?? 0)) ||
        (strategy?.rollingUpdate != null && ordinal < start + (strategy.rollingUpdate.partition ?? 0));
      return keepsCurrent ? newStatefulSetPod(currentSet, ordinal, current.metadata!.name!) : newStatefulSetPod(updateSet, ordinal, update.metadata!.name!);
    };
    for (let i = 0; i < replicaCount; i++) if (!replicas[i]) replicas[i] = versionedPod(start + i);
    condemned.sort((a, b) => podOrdinal(set, b) - podOrdinal(set, a));
    const status = () => computeStatus(set, current.metadata!.name!, update.metadata!.name!, collisionCount, [...replicas, ...condemned]);
    if (set.metadata?.deletionTimestamp) return { status: status() };

    const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
    const unhealthy = [...replicas, ...[...condemned].reverse()].filter((p) => !isHealthy(set, p));
    const firstUnhealthy = unhealthy[0];

    for (let i = 0; i < replicaCount; i++) {
      const pod = replicas[i];
      const ordinal = start + i;
      if (isCreated(pod) && (isFailed(pod) || isSucceeded(pod))) {
        // A finished pod is deleted; its replacement comes once it is gone.
        if (!isTerminating(pod)) {
          const err = deletePod(set, pod);
          if (err) return { status: status(), error: err };
        }
        if (monotonic) return { status: status() };
        continue;
      }
      if (!isCreated(pod)) {
        const err = createPod(set, pod, ordinal);
        if (err) return { status: status(), error: err };
        if (monotonic) return { status: status() };
        continue;
      }
      if (isTerminating(pod) && monotonic) return { status: status() };
      if (!isRunningAndReady(pod) && monotonic) return { status: status() };
      if (!isAvailable(set, pod) && monotonic) return { status: status() };
      // Claims deleted by hand are recreated for a live pod (storageMatches / createMissingPersistentVolumeClaims).
      const claimErr = createClaims(set, pod, ordinal);
      if (claimErr) return { status: status(), error: claimErr };
    }

    for (const pod of condemned) fixCondemnedClaims(set, pod, podOrdinal(set, pod));
    // Scale down: highest ordinal first; in order, only once everything below is healthy, one at a time.
    for (const pod of condemned) {
      if (isTerminating(pod)) {
        if (monotonic) return { status: status() };
        continue;
      }
      if (monotonic && pod !== firstUnhealthy && (!isRunningAndReady(pod) || !isAvailable(set, pod))) return { status: status() };
      const err = deletePod(set, pod);
      if (err) return { status: status(), error: err };
      if (monotonic) return { status: status() };
    }

    const result = status();
    if (set.spec?.updateStrategy?.type === 'OnDelete') return { status: result };
    // Rolling update: the highest ordinal not at the update revision goes, waiting for health in between.
    const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let target = replicaCount - 1; target >= partition; target--) {
      const pod = replicas[target];
      if (podRevision(pod) !== update.metadata!.name && !isTerminating(pod)) {
        const err = deletePod(set, pod);
        result.currentReplicas = (result.currentReplicas ?? 0) - 1;
        return { status: result, error: err };
      }
      if (!isHealthy(set, pod)) return { status: result };
    }
    return { status: result };
  }

  function sync(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const cached = sets.lister.namespace(namespace).get(name);
    if (!cached) return { note: 'statefulset gone' };
    const set = structuredClone(cached);
    const owned = pods.indexer.byIndex(CONTROLLER_UID_INDEX, set.metadata!.uid!).filter((p) => p.metadata?.namespace === namespace);
    const revisions = ownedRevisions(set);
    const r = revisionsFor(set, revisions);
    if ('error' in r) return { error: r.error };
    const { status, error } = updateStatefulSet(set, r.current, r.update, r.collisionCount, owned);
    // completeRollingUpdate: once every replica is updated and ready, the update revision becomes current.
    const replicas = set.spec?.replicas ?? 1;
    if (set.spec?.updateStrategy?.type !== 'OnDelete' && status.updatedReplicas === replicas && status.readyReplicas === replicas && status.replicas === replicas) {
      status.currentRevision = status.updateRevision;
      status.currentReplicas = status.updatedReplicas;
    }
    if (!sameStatus(cached.status, status)) {
      const res = setsApi.updateStatus(namespace, { ...set, status: pruneZero(status) });
      if (!res.ok) return { error: res.status.message };
    }
    truncateHistory(set, owned, ownedRevisions(set), r.current, r.update);
    if (error) return { error };
    const minReady = set.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && status.readyReplicas !== status.availableReplicas) return { requeueAfter: minReady * 1000, note: 'waiting for minReadySeconds' };
    return { note: `replicas=${status.replicas} ready=${status.readyReplicas} updated=${status.updatedReplicas}` };
  }

  return new Controller(ctx.engine, CONTROLLER_NAME, { reconcile: sync }, { decisionLog: ctx.decisions })
    .watches(sets)
    .watches(pods, enqueueForOwner<Pod>('StatefulSet', 'apps/v1'))
    .watches(revisionsInformer, () => [])
    .watches(claims, () => []);
}

/** Go omits zero-valued optional counters (`omitempty`). */
function pruneZero(status: StatefulSetStatus): StatefulSetStatus {
  const out: Record<string, unknown> = { ...status };
  for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'collisionCount']) if (out[k] === 0) delete out[k];
  return out as unknown as StatefulSetStatus;
}

function sameStatus(a: StatefulSetStatus | undefined, b: StatefulSetStatus): boolean {
  const pa = pruneZero({ replicas: 0, ...(a ?? {}) } as StatefulSetStatus) as unknown as Record<string, unknown>;
  const pb = pruneZero(b) as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(pb), 'observedGeneration', 'currentRevision', 'updateRevision', 'availableReplicas']);
  return [...keys].every((k) => pa[k] === pb[k]);
}
