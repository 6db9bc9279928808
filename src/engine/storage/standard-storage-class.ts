/**
 * The StorageClass a kind cluster ships (kind's default storage manifest): `standard`, the default class, served
 * by Rancher's local-path provisioner, binding once a pod is scheduled, deleting volumes with their claims.
 */
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { ANN_DEFAULT_STORAGE_CLASS } from '../controllers/persistentvolume/annotations';

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';

export function standardStorageClass(): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { [ANN_DEFAULT_STORAGE_CLASS]: 'true' } },
    provisioner: LOCAL_PATH_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}
