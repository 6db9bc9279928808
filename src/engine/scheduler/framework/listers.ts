import type { Namespace, PersistentVolume, PersistentVolumeClaim, ReplicationController, Service } from 'kubernetes-types/core/v1';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';

/**
 * Read access to the objects some plugins look up besides pods and nodes (the informer listers upstream plugins
 * hold). Every method is optional: a missing lister behaves like an empty informer.
 */
export interface ClusterListers {
  namespace?(name: string): Namespace | undefined;
  services?(namespace: string): readonly Service[];
  replicationController?(namespace: string, name: string): ReplicationController | undefined;
  replicaSet?(namespace: string, name: string): ReplicaSet | undefined;
  statefulSet?(namespace: string, name: string): StatefulSet | undefined;
  persistentVolumeClaim?(namespace: string, name: string): PersistentVolumeClaim | undefined;
  persistentVolume?(name: string): PersistentVolume | undefined;
  persistentVolumes?(): readonly PersistentVolume[];
  storageClass?(name: string): StorageClass | undefined;
  podDisruptionBudgets?(): readonly PodDisruptionBudget[];
}
