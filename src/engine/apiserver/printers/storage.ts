/** Printers of the storage.k8s.io group. */
import type { CSIDriver, CSINode, CSIStorageCapacity, StorageClass, VolumeAttachment } from 'kubernetes-types/storage/v1';
import { DOC } from './descriptions';
import { quantityString } from './quantity';
import { translateTimestampSince } from './time';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from './types';

const age = (obj: { metadata?: { creationTimestamp?: string } }, nowMs: number) => translateTimestampSince(obj.metadata?.creationTimestamp, nowMs);
const nameOf = (obj: { metadata?: { name?: string } }) => obj.metadata?.name ?? '';

/** storageutil.IsDefaultAnnotation: the GA or beta is-default-class annotation set to "true". */
function isDefaultClass(annotations: Record<string, string> | undefined, ga: string, beta?: string): boolean {
  return annotations?.[ga] === 'true' || (beta !== undefined && annotations?.[beta] === 'true');
}

export const storageClassPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Provisioner', 'string', DOC['sc.provisioner']),
    column('ReclaimPolicy', 'string', DOC['sc.reclaimPolicy']),
    column('VolumeBindingMode', 'string', DOC['sc.volumeBindingMode']),
    column('AllowVolumeExpansion', 'string', DOC['sc.allowVolumeExpansion']),
    AGE_COLUMN,
  ],
  row(obj: StorageClass, nowMs) {
    const annotations = obj.metadata?.annotations;
    const isDefault = isDefaultClass(annotations, 'storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class');
    return [
      isDefault ? `${nameOf(obj)} (default)` : nameOf(obj),
      obj.provisioner ?? '',
      obj.reclaimPolicy ?? 'Delete',
      obj.volumeBindingMode ?? 'Immediate',
      obj.allowVolumeExpansion ?? false,
      age(obj, nowMs),
    ];
  },
};

interface VolumeAttributesClass {
  metadata?: { name?: string; creationTimestamp?: string; annotations?: Record<string, string> };
  driverName?: string;
}

export const volumeAttributesClassPrinter: Printer = {
  columns: [NAME_COLUMN, column('DriverName', 'string', DOC['vac.driverName']), AGE_COLUMN],
  row(obj: VolumeAttributesClass, nowMs) {
    const isDefault = isDefaultClass(obj.metadata?.annotations, 'storage.kubernetes.io/is-default-class');
    return [isDefault ? `${nameOf(obj)} (default)` : nameOf(obj), obj.driverName ?? '', age(obj, nowMs)];
  },
};

export const volumeAttachmentPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Attacher', 'string', DOC['va.attacher'], 0, 'name'),
    column('PV', 'string', DOC['va.pv']),
    column('Node', 'string', DOC['va.nodeName']),
    column('Attached', 'boolean', DOC['va.attached']),
    AGE_COLUMN,
  ],
  row: (obj: VolumeAttachment, nowMs) => [
    nameOf(obj),
    obj.spec?.attacher ?? '',
    obj.spec?.source?.persistentVolumeName ?? '',
    obj.spec?.nodeName ?? '',
    obj.status?.attached ?? false,
    age(obj, nowMs),
  ],
};

export const csiNodePrinter: Printer = {
  columns: [NAME_COLUMN, column('Drivers', 'integer', 'Drivers indicates the number of CSI drivers registered on the node'), AGE_COLUMN],
  row: (obj: CSINode, nowMs) => [nameOf(obj), (obj.spec?.drivers ?? []).length, age(obj, nowMs)],
};

export const csiDriverPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('AttachRequired', 'boolean', DOC['csidriver.attachRequired']),
    column('PodInfoOnMount', 'boolean', DOC['csidriver.podInfoOnMount']),
    column('StorageCapacity', 'boolean', DOC['csidriver.storageCapacity']),
    column('TokenRequests', 'string', DOC['csidriver.tokenRequests']),
    column('RequiresRepublish', 'boolean', DOC['csidriver.requiresRepublish']),
    column('Modes', 'string', DOC['csidriver.volumeLifecycleModes']),
    AGE_COLUMN,
  ],
  row(obj: CSIDriver, nowMs) {
    const spec = obj.spec ?? {};
    const tokenRequests = spec.tokenRequests ? spec.tokenRequests.map((t) => t.audience).join(',') : '<unset>';
    return [
      nameOf(obj),
      spec.attachRequired ?? true,
      spec.podInfoOnMount ?? false,
      spec.storageCapacity ?? false,
      tokenRequests,
      spec.requiresRepublish ?? false,
      (spec.volumeLifecycleModes ?? []).join(',') || '<none>',
      age(obj, nowMs),
    ];
  },
};

export const csiStorageCapacityPrinter: Printer = {
  columns: [NAME_COLUMN, column('StorageClassName', 'string', DOC['csisc.storageClassName']), column('Capacity', 'string', DOC['csisc.capacity'])],
  row: (obj: CSIStorageCapacity) => [nameOf(obj), obj.storageClassName ?? '', obj.capacity !== undefined ? quantityString(obj.capacity) : '<unset>'],
};
