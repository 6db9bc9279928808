/**
 * The annotations, resources and finalizers the volume machinery agrees on (pkg/controller/volume/persistentvolume
 * util, component-helpers/storage/volume): the PV binder, the scheduler's VolumeBinding, external provisioners and
 * the protection controllers all read and write these.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';

/** On a claim: the binder finished binding it (set once, never removed). */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** On a claim or volume: the binder (not the user) set volumeName / claimRef. */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** On a claim: which provisioner is expected to create its volume. */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** On a claim: the node the scheduler chose for the first consumer (WaitForFirstConsumer). */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** On a volume: the provisioner that created it (and is expected to delete it). */
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
/** On a StorageClass: the class claims without one get. */
export const ANN_DEFAULT_STORAGE_CLASS = 'storageclass.kubernetes.io/is-default-class';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

export const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
export const PVS = { group: '', version: 'v1', resource: 'persistentvolumes' };
export const PODS = { group: '', version: 'v1', resource: 'pods' };
export const NODES = { group: '', version: 'v1', resource: 'nodes' };
export const STORAGE_CLASSES = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };

/** storagehelpers.GetPersistentVolumeClaimClass: the spec field, else the deprecated beta annotation. */
export function claimClass(claim: PersistentVolumeClaim): string {
  return claim.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? claim.spec?.storageClassName ?? '';
}

/** storagehelpers.GetPersistentVolumeClass. */
export function volumeClass(volume: PersistentVolume): string {
  return volume.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? volume.spec?.storageClassName ?? '';
}

export function hasAnnotation(obj: { metadata?: { annotations?: Record<string, string> } }, key: string): boolean {
  return obj.metadata?.annotations?.[key] !== undefined;
}

/** The claims a pod mounts by name (persistentVolumeClaim volumes and generic ephemeral volumes). */
export function podClaimNames(pod: { metadata?: { name?: string }; spec?: { volumes?: Array<{ name: string; persistentVolumeClaim?: { claimName: string }; ephemeral?: unknown }> } }): string[] {
  const names: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) names.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) names.push(`${pod.metadata?.name}-${v.name}`);
  }
  return names;
}
