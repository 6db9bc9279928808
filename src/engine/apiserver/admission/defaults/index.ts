/**
 * applyDefaults: the scheme defaulter the apiserver runs on every decoded create/update body, keyed by kind.
 */
 
import type { ResourceInfo } from '../../registry';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from './apps';
import { defaultCronJob, defaultJob } from './batch';
import {
  defaultEndpoints,
  defaultLimitRange,
  defaultNamespace,
  defaultNode,
  defaultPersistentVolume,
  defaultPersistentVolumeClaim,
  defaultPod,
  defaultPodTemplate,
  defaultReplicationController,
  defaultSecret,
  defaultService,
} from './core';
import {
  defaultCSIDriver,
  defaultEndpointSlice,
  defaultHorizontalPodAutoscalerV1,
  defaultHorizontalPodAutoscalerV2,
  defaultMutatingWebhookConfiguration,
  defaultNetworkPolicy,
  defaultPriorityClass,
  defaultRoleBinding,
  defaultStorageClass,
  defaultValidatingWebhookConfiguration,
} from './other';

type Defaulter = (obj: any) => void;

/** `group/version/Kind` → the SetObjectDefaults_* of that kind. */
const DEFAULTERS: Record<string, Defaulter> = {
  '/v1/Pod': defaultPod,
  '/v1/PodTemplate': defaultPodTemplate,
  '/v1/ReplicationController': defaultReplicationController,
  '/v1/Service': defaultService,
  '/v1/Namespace': defaultNamespace,
  '/v1/Secret': defaultSecret,
  '/v1/PersistentVolumeClaim': defaultPersistentVolumeClaim,
  '/v1/PersistentVolume': defaultPersistentVolume,
  '/v1/Node': defaultNode,
  '/v1/Endpoints': defaultEndpoints,
  '/v1/LimitRange': defaultLimitRange,
  'apps/v1/Deployment': defaultDeployment,
  'apps/v1/ReplicaSet': defaultReplicaSet,
  'apps/v1/DaemonSet': defaultDaemonSet,
  'apps/v1/StatefulSet': defaultStatefulSet,
  'batch/v1/Job': defaultJob,
  'batch/v1/CronJob': defaultCronJob,
  'autoscaling/v2/HorizontalPodAutoscaler': defaultHorizontalPodAutoscalerV2,
  'autoscaling/v1/HorizontalPodAutoscaler': defaultHorizontalPodAutoscalerV1,
  'networking.k8s.io/v1/NetworkPolicy': defaultNetworkPolicy,
  'rbac.authorization.k8s.io/v1/RoleBinding': defaultRoleBinding,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': defaultRoleBinding,
  'storage.k8s.io/v1/StorageClass': defaultStorageClass,
  'storage.k8s.io/v1/CSIDriver': defaultCSIDriver,
  'scheduling.k8s.io/v1/PriorityClass': defaultPriorityClass,
  'discovery.k8s.io/v1/EndpointSlice': defaultEndpointSlice,
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': defaultMutatingWebhookConfiguration,
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': defaultValidatingWebhookConfiguration,
};

/** Mutates `obj` in place with the upstream defaults of its kind; kinds without defaults are left alone. */
export function applyDefaults(resource: Pick<ResourceInfo, 'group' | 'version' | 'kind'>, obj: any): void {
  if (!obj || typeof obj !== 'object') return;
  DEFAULTERS[`${resource.group}/${resource.version}/${resource.kind}`]?.(obj);
}
