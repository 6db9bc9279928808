/** Printers of the apps group. */
import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import { DOC } from './descriptions';
import { formatLabelSelector, formatLabels, labelSelectorString, layoutContainerCells } from './format';
import { translateTimestampSince } from './time';
import { AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, column, type Printer } from './types';

const age = (obj: { metadata?: { creationTimestamp?: string } }, nowMs: number) => translateTimestampSince(obj.metadata?.creationTimestamp, nowMs);
const nameOf = (obj: { metadata?: { name?: string } }) => obj.metadata?.name ?? '';

export const replicaSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', DOC['rs.spec.replicas']),
    column('Current', 'integer', DOC['rs.status.replicas']),
    column('Ready', 'integer', DOC['rs.status.readyReplicas']),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column('Selector', 'string', DOC['rs.spec.selector'], 1),
  ],
  row(obj: ReplicaSet, nowMs) {
    const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
    // Stored objects are defaulted: an unset spec.replicas means 1.
    return [
      nameOf(obj),
      obj.spec?.replicas ?? 1,
      obj.status?.replicas ?? 0,
      obj.status?.readyReplicas ?? 0,
      age(obj, nowMs),
      names,
      images,
      formatLabelSelector(obj.spec?.selector),
    ];
  },
};

export const deploymentPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', DOC['deploy.updatedReplicas']),
    column('Available', 'string', DOC['deploy.availableReplicas']),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column('Selector', 'string', DOC['deploy.selector'], 1),
  ],
  row(obj: Deployment, nowMs) {
    const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
    return [
      nameOf(obj),
      `${obj.status?.readyReplicas ?? 0}/${obj.spec?.replicas ?? 1}`,
      obj.status?.updatedReplicas ?? 0,
      obj.status?.availableReplicas ?? 0,
      age(obj, nowMs),
      names,
      images,
      labelSelectorString(obj.spec?.selector),
    ];
  },
};

export const statefulSetPrinter: Printer = {
  columns: [NAME_COLUMN, column('Ready', 'string', 'Number of the pod with ready state'), AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN],
  row(obj: StatefulSet, nowMs) {
    const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
    return [nameOf(obj), `${obj.status?.readyReplicas ?? 0}/${obj.spec?.replicas ?? 1}`, age(obj, nowMs), names, images];
  },
};

export const daemonSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', DOC['ds.desiredNumberScheduled']),
    column('Current', 'integer', DOC['ds.currentNumberScheduled']),
    column('Ready', 'integer', DOC['ds.numberReady']),
    column('Up-to-date', 'integer', DOC['ds.updatedNumberScheduled']),
    column('Available', 'integer', DOC['ds.numberAvailable']),
    column('Node Selector', 'string', DOC['pod.nodeSelector']),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column('Selector', 'string', DOC['ds.selector'], 1),
  ],
  row(obj: DaemonSet, nowMs) {
    const s = obj.status;
    const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
    return [
      nameOf(obj),
      s?.desiredNumberScheduled ?? 0,
      s?.currentNumberScheduled ?? 0,
      s?.numberReady ?? 0,
      s?.updatedNumberScheduled ?? 0,
      s?.numberAvailable ?? 0,
      formatLabels(obj.spec?.template?.spec?.nodeSelector),
      age(obj, nowMs),
      names,
      images,
      formatLabelSelector(obj.spec?.selector),
    ];
  },
};

export const controllerRevisionPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Controller', 'string', 'Controller of the object'),
    column('Revision', 'string', DOC['cr.revision']),
    AGE_COLUMN,
  ],
  row(obj: ControllerRevision, nowMs) {
    const ref = (obj.metadata?.ownerReferences ?? []).find((r) => r.controller);
    let controller = '<none>';
    if (ref) {
      // formatResourceName: `kind.group/name`, lower-cased kind and group.
      const slash = ref.apiVersion.indexOf('/');
      const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
      const kind = ref.kind ?? '';
      controller = group || kind ? `${(group ? `${kind}.${group}` : kind).toLowerCase()}/${ref.name}` : ref.name;
    }
    return [nameOf(obj), controller, obj.revision, age(obj, nowMs)];
  },
};
