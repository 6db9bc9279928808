/** Defaulting for apps/v1 (pkg/apis/apps/v1/defaults.go), with the pod template defaults beneath. */
 
import { defaultPersistentVolumeClaim, defaultPodTemplateSpec } from './core';

export function defaultDeployment(obj: any): void {
  obj.spec ??= {};
  const spec = obj.spec;
  spec.replicas ??= 1;
  spec.strategy ??= {};
  if (!spec.strategy.type) spec.strategy.type = 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplateSpec(spec.template);
}

export function defaultReplicaSet(obj: any): void {
  obj.spec ??= {};
  obj.spec.replicas ??= 1;
  defaultPodTemplateSpec(obj.spec.template);
}

export function defaultDaemonSet(obj: any): void {
  obj.spec ??= {};
  const spec = obj.spec;
  spec.updateStrategy ??= {};
  if (!spec.updateStrategy.type) spec.updateStrategy.type = 'RollingUpdate';
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {};
    spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
    spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplateSpec(spec.template);
}

export function defaultStatefulSet(obj: any): void {
  obj.spec ??= {};
  const spec = obj.spec;
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  spec.updateStrategy ??= {};
  if (!spec.updateStrategy.type) {
    spec.updateStrategy.type = 'RollingUpdate';
    spec.updateStrategy.rollingUpdate ??= {};
  }
  // Only an explicit or just-defaulted rollingUpdate gets a partition (MaxUnavailableStatefulSet is alpha, off).
  if (spec.updateStrategy.type === 'RollingUpdate' && spec.updateStrategy.rollingUpdate) {
    spec.updateStrategy.rollingUpdate.partition ??= 0;
  }
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  if (!spec.persistentVolumeClaimRetentionPolicy.whenDeleted) spec.persistentVolumeClaimRetentionPolicy.whenDeleted = 'Retain';
  if (!spec.persistentVolumeClaimRetentionPolicy.whenScaled) spec.persistentVolumeClaimRetentionPolicy.whenScaled = 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplateSpec(spec.template);
  for (const pvc of spec.volumeClaimTemplates ?? []) defaultPersistentVolumeClaim(pvc);
}
