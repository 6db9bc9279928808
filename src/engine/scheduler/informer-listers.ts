/**
 * The informers kube-scheduler starts besides pods and nodes, and the ClusterListers the plugins read through
 * them (the listers upstream plugins get from the framework handle's SharedInformerFactory).
 */
import type { Namespace, PersistentVolume, PersistentVolumeClaim, ReplicationController, Service } from 'kubernetes-types/core/v1';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { SharedIndexInformer } from '../client/informer';
import type { SharedInformerFactory } from '../client/informer-factory';
import type { ClusterListers } from './framework/listers';

export interface SchedulerInformers {
  namespaces: SharedIndexInformer<Namespace>;
  services: SharedIndexInformer<Service>;
  replicaSets: SharedIndexInformer<ReplicaSet>;
  statefulSets: SharedIndexInformer<StatefulSet>;
  replicationControllers: SharedIndexInformer<ReplicationController>;
  persistentVolumeClaims: SharedIndexInformer<PersistentVolumeClaim>;
  persistentVolumes: SharedIndexInformer<PersistentVolume>;
  storageClasses: SharedIndexInformer<StorageClass>;
  podDisruptionBudgets: SharedIndexInformer<PodDisruptionBudget>;
  priorityClasses: SharedIndexInformer<PriorityClass>;
}

export function requestListerInformers(factory: SharedInformerFactory): SchedulerInformers {
  const core = (resource: string) => ({ group: '', version: 'v1', resource });
  return {
    namespaces: factory.informerFor<Namespace>(core('namespaces')),
    services: factory.informerFor<Service>(core('services')),
    replicaSets: factory.informerFor<ReplicaSet>({ group: 'apps', version: 'v1', resource: 'replicasets' }),
    statefulSets: factory.informerFor<StatefulSet>({ group: 'apps', version: 'v1', resource: 'statefulsets' }),
    replicationControllers: factory.informerFor<ReplicationController>(core('replicationcontrollers')),
    persistentVolumeClaims: factory.informerFor<PersistentVolumeClaim>(core('persistentvolumeclaims')),
    persistentVolumes: factory.informerFor<PersistentVolume>(core('persistentvolumes')),
    storageClasses: factory.informerFor<StorageClass>({ group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' }),
    podDisruptionBudgets: factory.informerFor<PodDisruptionBudget>({ group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' }),
    priorityClasses: factory.informerFor<PriorityClass>({ group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses' }),
  };
}

export function listersFrom(i: SchedulerInformers): ClusterListers {
  return {
    namespace: (name) => i.namespaces.lister.get(name),
    services: (ns) => i.services.lister.namespace(ns).list(),
    replicationController: (ns, name) => i.replicationControllers.lister.namespace(ns).get(name),
    replicaSet: (ns, name) => i.replicaSets.lister.namespace(ns).get(name),
    statefulSet: (ns, name) => i.statefulSets.lister.namespace(ns).get(name),
    persistentVolumeClaim: (ns, name) => i.persistentVolumeClaims.lister.namespace(ns).get(name),
    persistentVolume: (name) => i.persistentVolumes.lister.get(name),
    persistentVolumes: () => i.persistentVolumes.lister.list(),
    storageClass: (name) => i.storageClasses.lister.get(name),
    podDisruptionBudgets: () => i.podDisruptionBudgets.lister.list(),
  };
}
