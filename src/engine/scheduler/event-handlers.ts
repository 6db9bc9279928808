/**
 * kube-scheduler's informer handlers (pkg/scheduler/eventhandlers.go): assigned pods and nodes keep the cache
 * current, unassigned pods of this scheduler feed the queue, and every change that may make a waiting pod
 * schedulable is turned into a cluster event for the queue's requeueing.
 */
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { SharedIndexInformer } from '../client/informer';
import { unwrapTombstone, type DeletedFinalStateUnknown } from '../client/object-keys';
import type { Cache } from './framework/cache';
import {
  ActionType, AssignedPodAdd, AssignedPodDelete, NodeAdd, NodeDelete, nodeUpdateEvents, podUpdateEvents, PvAdd, PvcAdd, PvcUpdate,
  StorageClassAdd, type ClusterEvent,
} from './queue/events';
import type { SchedulingQueue } from './queue/scheduling-queue';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export const assignedPod = (pod: Pod): boolean => !!pod.spec?.nodeName;

export interface EventHandlerDeps {
  cache: Cache;
  queue: SchedulingQueue;
  /** Profiles (scheduler names) this scheduler is responsible for. */
  schedulerNames: ReadonlySet<string>;
  now(): number;
  /** Called after anything may have landed in activeQ or backoffQ, so the loop can wake up. */
  queueChanged(): void;
  /** Called for every cluster event, for the UI's event log. */
  onClusterEvent?(event: ClusterEvent, moved: number): void;
}

export interface EventHandlerInformers {
  pods: SharedIndexInformer<Pod>;
  nodes: SharedIndexInformer<Node>;
  persistentVolumes: SharedIndexInformer<PersistentVolume>;
  persistentVolumeClaims: SharedIndexInformer<PersistentVolumeClaim>;
  storageClasses: SharedIndexInformer<StorageClass>;
}

const PvUpdate: ClusterEvent = { resource: 'PersistentVolume', actionType: ActionType.UpdatePodOther, label: 'PersistentVolumeUpdate' };

export function addAllEventHandlers(d: EventHandlerDeps, i: EventHandlerInformers): void {
  const responsibleForPod = (pod: Pod) => d.schedulerNames.has(pod.spec?.schedulerName || DEFAULT_SCHEDULER_NAME);
  const moveAll = (event: ClusterEvent, oldObj: unknown, newObj: unknown) => {
    const moved = d.queue.moveAllToActiveOrBackoffQueue(event, oldObj, newObj, d.now());
    d.onClusterEvent?.(event, moved);
    if (moved > 0) d.queueChanged();
  };

  // ---- assigned pods → cache ----
  const addPodToCache = (pod: Pod) => {
    d.cache.addPod(pod);
    moveAll(AssignedPodAdd, undefined, pod);
  };
  const updatePodInCache = (oldPod: Pod, newPod: Pod) => {
    if (oldPod.metadata?.uid !== newPod.metadata?.uid) {
      // A pod recreated under the same name between two watches: replace it.
      deletePodFromCache(oldPod);
      addPodToCache(newPod);
      return;
    }
    d.cache.updatePod(oldPod, newPod);
    if (oldPod.metadata?.resourceVersion === newPod.metadata?.resourceVersion) return;
    for (const event of podUpdateEvents(oldPod, newPod, true)) moveAll(event, oldPod, newPod);
  };
  const deletePodFromCache = (pod: Pod) => {
    d.cache.removePod(pod);
    moveAll(AssignedPodDelete, pod, undefined);
  };

  // ---- unassigned pods → queue ----
  const addPodToQueue = (pod: Pod) => {
    d.queue.add(pod, d.now());
    d.queueChanged();
  };
  const updatePodInQueue = (oldPod: Pod, newPod: Pod) => {
    // An unchanged object (resync) must not send the pod through scheduling twice.
    if (oldPod.metadata?.resourceVersion === newPod.metadata?.resourceVersion) return;
    if (d.cache.isAssumedPod(newPod)) return;
    d.queue.update(oldPod, newPod, d.now());
    d.queueChanged();
  };
  const deletePodFromQueue = (pod: Pod) => {
    d.queue.delete(pod);
  };

  // The two filtered handlers upstream registers on the one pod informer: an object moving out of a handler's
  // filter is a delete for it, one moving in an add (cache.FilteringResourceEventHandler).
  const isQueued = (pod: Pod) => !assignedPod(pod) && responsibleForPod(pod);
  i.pods.addEventHandler({
    onAdd: (pod) => {
      if (assignedPod(pod)) addPodToCache(pod);
      else if (isQueued(pod)) addPodToQueue(pod);
    },
    onUpdate: (oldPod, newPod) => {
      const wasAssigned = assignedPod(oldPod);
      const isAssigned = assignedPod(newPod);
      if (wasAssigned && isAssigned) updatePodInCache(oldPod, newPod);
      else if (wasAssigned) deletePodFromCache(oldPod);
      else if (isAssigned) addPodToCache(newPod);
      const wasQueued = isQueued(oldPod);
      const nowQueued = isQueued(newPod);
      if (wasQueued && nowQueued) updatePodInQueue(oldPod, newPod);
      else if (wasQueued) deletePodFromQueue(oldPod);
      else if (nowQueued) addPodToQueue(newPod);
    },
    onDelete: (obj: Pod | DeletedFinalStateUnknown<Pod>) => {
      const pod = unwrapTombstone(obj);
      if (assignedPod(pod)) deletePodFromCache(pod);
      else if (isQueued(pod)) deletePodFromQueue(pod);
    },
  });

  // ---- nodes → cache ----
  i.nodes.addEventHandler({
    onAdd: (node) => {
      d.cache.addNode(node);
      moveAll(NodeAdd, undefined, node);
    },
    onUpdate: (oldNode, newNode) => {
      d.cache.updateNode(oldNode, newNode);
      if (oldNode.metadata?.resourceVersion === newNode.metadata?.resourceVersion) return;
      for (const event of nodeUpdateEvents(oldNode, newNode)) moveAll(event, oldNode, newNode);
    },
    onDelete: (obj) => {
      const node = unwrapTombstone(obj);
      d.cache.removeNode(node);
      d.onClusterEvent?.(NodeDelete, 0);
    },
  });

  // ---- storage objects: only requeueing (their listers serve VolumeBinding) ----
  i.persistentVolumeClaims.addEventHandler({
    onAdd: (pvc) => moveAll(PvcAdd, undefined, pvc),
    onUpdate: (o, n) => o.metadata?.resourceVersion !== n.metadata?.resourceVersion && moveAll(PvcUpdate, o, n),
  });
  i.persistentVolumes.addEventHandler({
    onAdd: (pv) => moveAll(PvAdd, undefined, pv),
    onUpdate: (o, n) => o.metadata?.resourceVersion !== n.metadata?.resourceVersion && moveAll(PvUpdate, o, n),
  });
  i.storageClasses.addEventHandler({ onAdd: (sc) => moveAll(StorageClassAdd, undefined, sc) });
}
