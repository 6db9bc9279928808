/**
 * validateObject: the strategy Validate / ValidateUpdate of each kind, dispatched on the resource. Kinds without a
 * dedicated validator get ObjectMeta validation with the DNS-subdomain name rule most kinds use.
 */
 
import type { ResourceInfo } from '../../registry';
import type { FieldError } from '../../status';
import * as apps from './apps';
import * as batch from './batch';
import * as core from './core';
import { nameIsDNSSubdomain, nameIsPathSegment, validateObjectMeta, validateObjectMetaUpdate } from './objectmeta';
import * as other from './other';

export interface ValidationRequest {
  operation: 'CREATE' | 'UPDATE';
  resource: ResourceInfo;
  subresource?: string;
  object: any;
  oldObject?: any;
}

type Create = (obj: any, resource: ResourceInfo) => FieldError[];
type Update = (obj: any, old: any, resource: ResourceInfo) => FieldError[];

interface KindValidation {
  create: Create;
  /** Checks specific to updates (immutability); create-time checks are re-run unless `update` replaces them. */
  update?: Update;
  /** True when `update` already includes metadata and create-time checks. */
  updateIsComplete?: boolean;
}

const complete = (create: Create, update: Update): KindValidation => ({ create, update, updateIsComplete: true });

const VALIDATIONS: Record<string, KindValidation> = {
  '/Pod': complete(core.validatePod, core.validatePodUpdate),
  '/Service': complete(core.validateService, core.validateServiceUpdate),
  '/Namespace': { create: core.validateNamespace },
  '/ConfigMap': complete(core.validateConfigMap, core.validateConfigMapUpdate),
  '/Secret': complete(core.validateSecret, core.validateSecretUpdate),
  '/ServiceAccount': { create: core.validateServiceAccount },
  '/Node': { create: core.validateNode },
  '/PersistentVolume': { create: core.validatePersistentVolume },
  '/PersistentVolumeClaim': complete(core.validatePersistentVolumeClaim, core.validatePersistentVolumeClaimUpdate),
  '/Event': { create: core.validateEvent },
  'apps/Deployment': complete(apps.validateDeployment, apps.validateDeploymentUpdate),
  'apps/ReplicaSet': complete(apps.validateReplicaSet, apps.validateReplicaSetUpdate),
  'apps/DaemonSet': complete(apps.validateDaemonSet, apps.validateDaemonSetUpdate),
  'apps/StatefulSet': complete(apps.validateStatefulSet, apps.validateStatefulSetUpdate),
  'batch/Job': complete(batch.validateJob, batch.validateJobUpdate),
  'batch/CronJob': complete(batch.validateCronJob, batch.validateCronJobUpdate),
  'rbac.authorization.k8s.io/Role': { create: (o) => other.validateRole(o, true) },
  'rbac.authorization.k8s.io/ClusterRole': { create: (o) => other.validateRole(o, false) },
  'rbac.authorization.k8s.io/RoleBinding': { create: (o) => other.validateRoleBinding(o, true), update: other.validateRoleBindingUpdate },
  'rbac.authorization.k8s.io/ClusterRoleBinding': { create: (o) => other.validateRoleBinding(o, false), update: other.validateRoleBindingUpdate },
  'scheduling.k8s.io/PriorityClass': { create: other.validatePriorityClass, update: other.validatePriorityClassUpdate },
  'coordination.k8s.io/Lease': { create: other.validateLease },
  'autoscaling/HorizontalPodAutoscaler': { create: other.validateHorizontalPodAutoscaler },
  'policy/PodDisruptionBudget': { create: other.validatePodDisruptionBudget },
  'storage.k8s.io/StorageClass': { create: other.validateStorageClass, update: other.validateStorageClassUpdate },
};

/** Kinds whose names are path segments rather than DNS subdomains. */
const PATH_SEGMENT_NAMED = new Set(['apiregistration.k8s.io/APIService', 'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration']);

function genericValidation(resource: ResourceInfo): KindValidation {
  const nameFn = PATH_SEGMENT_NAMED.has(`${resource.group}/${resource.kind}`) ? nameIsPathSegment : nameIsDNSSubdomain;
  return { create: (obj) => validateObjectMeta(obj.metadata, resource.namespaced, nameFn) };
}

/** Review kinds (TokenReview, SubjectAccessReview …) are create-only and never stored; they carry no name. */
const isReview = (resource: ResourceInfo) => resource.verbs.length === 1 && resource.verbs[0] === 'create';

const withoutMetadata = (errs: FieldError[]) => errs.filter((e) => !e.field.startsWith('metadata.'));

export function validateObject(req: ValidationRequest): FieldError[] {
  const { resource, object, oldObject } = req;
  if (isReview(resource)) return [];
  const v = VALIDATIONS[`${resource.group}/${resource.kind}`] ?? genericValidation(resource);
  if (req.operation === 'CREATE' || !oldObject) return v.create(object, resource);
  // The status subresource changes status only; upstream validates metadata and status there.
  if (req.subresource === 'status') return validateObjectMetaUpdate(object.metadata, oldObject.metadata);
  if (v.updateIsComplete && v.update) return v.update(object, oldObject, resource);
  return [
    ...validateObjectMetaUpdate(object.metadata, oldObject.metadata),
    ...withoutMetadata(v.create(object, resource)),
    ...(v.update?.(object, oldObject, resource) ?? []),
  ];
}
