/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go), shared with the ReplicationController
 * as upstream shares it: keep `spec.replicas` active pods matching the selector.
 *
 * - Pods are claimed (adopted / released) through the ControllerRefManager before counting.
 * - Creations and deletions are recorded as expectations; the controller does not act again on a key until its
 *   informer has seen them (or five minutes passed), so bursts of events never double a scale-up.
 * - Creations go out in slow-start batches; deletions pick pods by ActivePodsWithRanks.
 * - Status counts replicas, fully-labeled, ready and available (minReadySeconds) pods; ReplicaFailure records
 *   the last create/delete error.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { Controller } from '../../client/controller';
import { isConflict, isNotFound } from '../../client/api-result';
import { CONTROLLER_UID_INDEX, controllerUidIndexFunc } from '../../client/indexer';
import { controllerRef, objectKey, splitKey, unwrapTombstone } from '../../client/object-keys';
import type { KubeObject } from '../../client/rest-client';
import type { ReconcileResult } from '../../client/reconciler';
import type { ControllerContext } from '../controller-context';
import { ControllerExpectations } from './expectations';
import { ControllerRefManager, newControllerRef, recheckOwner } from './controller-ref-manager';
import { PodControl, SLOW_START_INITIAL_BATCH_SIZE, isNamespaceTerminating, slowStartBatch } from './pod-control';
import { getPodsToDelete } from './pod-ranking';
import { isPodActive, isPodReady } from './pod-util';
import { calculateStatus, statusUnchanged } from './replicaset-status';
import { REPLICA_SET_KIND, type ReplicaSetLike, type WorkloadKind } from './workload-kind';

const PODS = { group: '', version: 'v1', resource: 'pods' };
/** The most pods one sync creates or deletes (BurstReplicas). */
export const BURST_REPLICAS = 500;

export function newReplicaSetController(ctx: ControllerContext): Controller {
  return newReplicaSetLikeController(ctx, REPLICA_SET_KIND);
}

export function newReplicaSetLikeController(ctx: ControllerContext, kind: WorkloadKind): Controller {
  const rsInformer = ctx.informers.informerFor<ReplicaSetLike>(kind.gvr, { indexers: { [CONTROLLER_UID_INDEX]: controllerUidIndexFunc } });
  const podInformer = ctx.informers.informerFor<Pod>(PODS, { indexers: { [CONTROLLER_UID_INDEX]: controllerUidIndexFunc } });
  const client = ctx.client.as(kind.controllerName);
  const rsApi = client.resource<ReplicaSetLike>(kind.gvr);
  const podApi = client.resource<Pod>(PODS);
  const recorder = ctx.recorder(kind.controllerName);
  const podControl = new PodControl(podApi, recorder);
  const expectations = new ControllerExpectations(() => ctx.engine.now());
  const nowMs = () => ctx.engine.epochMs + ctx.engine.now();
  const typed = (rs: ReplicaSetLike): ReplicaSetLike => ({ ...rs, apiVersion: kind.apiVersion, kind: kind.kind }) as ReplicaSetLike;

  /** resolveControllerRef: the owning set in the cache, if the ref names one of ours with the same uid. */
  const resolve = (namespace: string, ref: OwnerReference): ReplicaSetLike | undefined => {
    if (ref.kind !== kind.kind) return undefined;
    const rs = rsInformer.lister.namespace(namespace).get(ref.name);
    return rs && rs.metadata?.uid === ref.uid ? rs : undefined;
  };

  /** getPodReplicaSets: the sets whose selector matches an orphan pod. */
  const setsMatching = (pod: Pod): ReplicaSetLike[] =>
    rsInformer.lister
      .namespace(pod.metadata?.namespace ?? '')
      .list()
      .filter((rs) => {
        const sel = kind.selector(rs);
        return sel.ok && !sel.selector.empty && sel.selector.matches(pod.metadata?.labels);
      });

  /** Sibling sets under the same controller (a Deployment's ReplicaSets), for ranking pods by node. */
  const relatedPods = (rs: ReplicaSetLike): Pod[] => {
    const ref = controllerRef(rs);
    const siblings = ref ? rsInformer.indexer.byIndex(CONTROLLER_UID_INDEX, ref.uid).filter((o) => o.metadata?.namespace === rs.metadata?.namespace) : [rs];
    const seen = new Set<string>();
    const out: Pod[] = [];
    for (const sib of siblings) {
      const sel = kind.selector(sib);
      if (!sel.ok) continue;
      for (const p of podInformer.lister.namespace(sib.metadata?.namespace ?? '').list(sel.selector)) {
        const uid = p.metadata?.uid ?? '';
        if (seen.has(uid)) continue;
        seen.add(uid);
        out.push(p);
      }
    }
    return out;
  };

  const onPodDeleted = (pod: Pod) => {
    const ref = controllerRef(pod);
    if (!ref) return;
    const rs = resolve(pod.metadata?.namespace ?? '', ref);
    if (!rs) return;
    const key = objectKey(rs);
    expectations.deletionObserved(key, objectKey(pod));
    controller.enqueue(key);
  };

  function manageReplicas(rs: ReplicaSetLike, pods: Pod[], key: string): { error?: string; note: string } {
    const ns = rs.metadata?.namespace ?? '';
    const want = rs.spec?.replicas ?? 1;
    let diff = pods.length - want;
    const owner = typed(rs);
    if (diff < 0) {
      diff = Math.min(-diff, BURST_REPLICAS);
      expectations.expectCreations(key, diff);
      const ref = newControllerRef(rs, kind.apiVersion, kind.kind);
      const { successes, error } = slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, () => {
        const res = podControl.createPod(ns, rs.spec?.template, owner, ref);
        if (res.ok || isNamespaceTerminating(res.status)) return undefined;
        return res.error;
      });
      for (let i = successes; i < diff; i++) expectations.creationObserved(key);
      return { error, note: `created ${successes} of ${diff} pods` };
    }
    if (diff > 0) {
      diff = Math.min(diff, BURST_REPLICAS);
      const victims = getPodsToDelete(pods, relatedPods(rs), diff, nowMs());
      expectations.expectDeletions(key, victims.map((p) => objectKey(p)));
      let error: string | undefined;
      for (const pod of victims) {
        const res = podControl.deletePod(ns, pod.metadata?.name ?? '', owner);
        if (!res.ok) {
          expectations.deletionObserved(key, objectKey(pod));
          if (!isNotFound(res.status)) error ??= res.error;
        }
      }
      return { error, note: `deleted ${victims.map((p) => p.metadata?.name).join(', ')}` };
    }
    return { note: 'replicas match' };
  }

  function reconcile(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const rs = rsInformer.lister.namespace(namespace).get(name);
    if (!rs) {
      expectations.delete(key);
      return { note: `${kind.kind} gone` };
    }
    const needsSync = expectations.satisfied(key);
    const sel = kind.selector(rs);
    if (!sel.ok) return { note: `invalid selector: ${sel.error}` };
    const active = podInformer.lister.namespace(namespace).list().filter(isPodActive);
    const ownerApi = rsApi as unknown as Parameters<typeof recheckOwner>[0];
    const refs = new ControllerRefManager<Pod>(rs, newControllerRef(rs, kind.apiVersion, kind.kind), sel.selector, podApi, recheckOwner(ownerApi, rs, kind.kind));
    const claim = refs.claim(active);
    if (claim.errors.length > 0) return { error: claim.errors.join('; ') };
    const pods = claim.claimed;

    let manageError: string | undefined;
    let note = needsSync ? '' : 'waiting for expectations';
    if (needsSync && !rs.metadata?.deletionTimestamp) {
      const managed = manageReplicas(rs, pods, key);
      manageError = managed.error;
      note = managed.note;
    }
    const next = calculateStatus(rs, pods, manageError, ctx.engine.timestamp(), nowMs());
    let updated: ReplicaSetLike = rs;
    if (!statusUnchanged(rs, next)) {
      next.observedGeneration = rs.metadata?.generation;
      const res = updateStatusWithRetry(rs, next);
      if (typeof res === 'string') return { error: res };
      updated = res;
    }
    const minReady = updated.spec?.minReadySeconds ?? 0;
    const want = updated.spec?.replicas ?? 1;
    if (manageError) return { error: manageError, note };
    if (minReady > 0 && updated.status?.readyReplicas === want && updated.status?.availableReplicas !== want) {
      return { requeueAfter: minReady * 1000, note: `${note}; waiting ${minReady}s for availability` };
    }
    return { note };
  }

  /** updateReplicaSetStatus: one retry on conflict against a fresh read. */
  function updateStatusWithRetry(rs: ReplicaSetLike, status: NonNullable<ReplicaSetLike['status']>): ReplicaSetLike | string {
    let current = rs;
    for (let attempt = 0; ; attempt++) {
      const res = rsApi.updateStatus(current.metadata?.namespace ?? '', { ...structuredClone(current), status } as ReplicaSetLike);
      if (res.ok) return res.value;
      if (attempt >= 1 || !isConflict(res.status)) return res.status.message ?? 'status update failed';
      const fresh = rsApi.get(current.metadata?.namespace ?? '', current.metadata?.name ?? '');
      if (!fresh.ok) return fresh.status.message ?? 'get failed';
      current = fresh.value;
      status = { ...status, observedGeneration: current.metadata?.generation };
    }
  }

  const controller: Controller = new Controller(ctx.engine, kind.controllerName, { reconcile }, { decisionLog: ctx.decisions });
  controller.watches(rsInformer, undefined, {
    delete: (rs) => {
      expectations.delete(objectKey(rs));
      return true;
    },
  });
  // Registered so processing waits for the pod cache; the handler below maps pod events with the expectations
  // bookkeeping upstream's addPod / updatePod / deletePod do.
  controller.watches(podInformer, () => []);
  podInformer.addEventHandler({
    onAdd: (pod) => {
      if (pod.metadata?.deletionTimestamp) return onPodDeleted(pod);
      const ref = controllerRef(pod);
      if (ref) {
        const rs = resolve(pod.metadata?.namespace ?? '', ref);
        if (!rs) return;
        const key = objectKey(rs);
        expectations.creationObserved(key);
        controller.enqueue(key);
        return;
      }
      for (const rs of setsMatching(pod)) controller.enqueue(objectKey(rs));
    },
    onUpdate: (oldPod, pod) => {
      if (oldPod.metadata?.resourceVersion === pod.metadata?.resourceVersion) return;
      const labelsChanged = JSON.stringify(oldPod.metadata?.labels ?? {}) !== JSON.stringify(pod.metadata?.labels ?? {});
      if (pod.metadata?.deletionTimestamp) {
        onPodDeleted(pod);
        if (labelsChanged) onPodDeleted(oldPod);
        return;
      }
      const ref = controllerRef(pod);
      const oldRef = controllerRef(oldPod);
      const refChanged = JSON.stringify(ref) !== JSON.stringify(oldRef);
      if (refChanged && oldRef) {
        const old = resolve(oldPod.metadata?.namespace ?? '', oldRef);
        if (old) controller.enqueue(objectKey(old));
      }
      if (ref) {
        const rs = resolve(pod.metadata?.namespace ?? '', ref);
        if (!rs) return;
        controller.enqueue(objectKey(rs));
        const minReady = rs.spec?.minReadySeconds ?? 0;
        if (!isPodReady(oldPod) && isPodReady(pod) && minReady > 0) controller.queue.addAfter(objectKey(rs), minReady * 1000 + 1000);
        return;
      }
      if (labelsChanged || refChanged) for (const rs of setsMatching(pod)) controller.enqueue(objectKey(rs));
    },
    onDelete: (obj) => onPodDeleted(unwrapTombstone(obj)),
  });
  return controller;
}

/** For callers that need the owner reference a set puts on its pods. */
export function replicaSetOwnerRef(rs: KubeObject, kind: WorkloadKind = REPLICA_SET_KIND): OwnerReference {
  return newControllerRef(rs, kind.apiVersion, kind.kind);
}
