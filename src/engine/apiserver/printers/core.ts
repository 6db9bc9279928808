/** Printers of the core ("") group, except pods (pod.ts) and events (events.ts). */
import type {
  ComponentStatus,
  ConfigMap,
  Endpoints,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  PodTemplate,
  ReplicationController,
  ResourceQuota,
  Secret,
  Service,
  ServiceAccount,
} from 'kubernetes-types/core/v1';
import { DOC } from './descriptions';
import { formatLabels, layoutContainerCells, sortedSet } from './format';
import { quantityString } from './quantity';
import { translateTimestampSince } from './time';
import { AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, column, type Printer } from './types';

const LOAD_BALANCER_WIDTH = 16;
const NODE_ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const NODE_ROLE_LABEL = 'kubernetes.io/role';
const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

const age = (obj: { metadata?: { creationTimestamp?: string } }, nowMs: number) => translateTimestampSince(obj.metadata?.creationTimestamp, nowMs);
const nameOf = (obj: { metadata?: { name?: string } }) => obj.metadata?.name ?? '';

export const podTemplatePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Containers', 'string', 'Names of each container in the template.'),
    column('Images', 'string', 'Images referenced by each container in the template.'),
    column('Pod Labels', 'string', 'The labels for the pod template.'),
  ],
  row(obj: PodTemplate) {
    const [names, images] = layoutContainerCells(obj.template?.spec?.containers);
    return [nameOf(obj), names, images, formatLabels(obj.template?.metadata?.labels)];
  },
};

export const replicationControllerPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', DOC['rc.spec.replicas']),
    column('Current', 'integer', DOC['rc.status.replicas']),
    column('Ready', 'integer', DOC['rc.status.readyReplicas']),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column('Selector', 'string', DOC['rc.spec.selector'], 1),
  ],
  row(obj: ReplicationController, nowMs) {
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
      formatLabels(obj.spec?.selector),
    ];
  },
};

/** loadBalancerStatusStringer: sorted unique IPs (or hostnames), clipped to 16 bytes outside wide output. */
export function loadBalancerStatusString(ingress: ReadonlyArray<{ ip?: string; hostname?: string }> | undefined, wide: boolean): string {
  const result = sortedSet((ingress ?? []).map((i) => i.ip || i.hostname || '').filter((s) => s !== ''));
  let r = result.join(',');
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = `${r.slice(0, LOAD_BALANCER_WIDTH - 3)}...`;
  return r;
}

function serviceExternalIP(svc: Service, wide: boolean): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIPs = loadBalancerStatusString(svc.status?.loadBalancer?.ingress, wide);
      if (externalIPs.length > 0) return [...(lbIPs ? lbIPs.split(',') : []), ...externalIPs].join(',');
      return lbIPs || '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
  }
  return '<unknown>';
}

function servicePorts(svc: Service): string {
  return (svc.spec?.ports ?? [])
    .map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`))
    .join(',');
}

export const servicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', DOC['svc.type']),
    column('Cluster-IP', 'string', DOC['svc.clusterIP']),
    column('External-IP', 'string', DOC['svc.externalIPs']),
    column('Port(s)', 'string', DOC['svc.ports']),
    AGE_COLUMN,
    column('Selector', 'string', DOC['svc.selector'], 1),
  ],
  row(obj: Service, nowMs) {
    // The server always renders wide; the EXTERNAL-IP of a load balancer is therefore never clipped here.
    return [
      nameOf(obj),
      obj.spec?.type ?? '',
      obj.spec?.clusterIPs?.[0] ?? '<none>',
      serviceExternalIP(obj, true),
      servicePorts(obj) || '<none>',
      age(obj, nowMs),
      formatLabels(obj.spec?.selector),
    ];
  },
};

/** net.JoinHostPort: brackets IPv6 addresses. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** formatEndpoints: up to three `ip:port` pairs, then `+ N more...`; `<none>` without subsets. */
export function formatEndpoints(endpoints: Endpoints): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      // Headless services may have no ports.
      count += addresses.length;
      for (const addr of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(addr.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const addr of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(addr.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpointsPrinter: Printer = {
  columns: [NAME_COLUMN, column('Endpoints', 'string', DOC['ep.subsets']), AGE_COLUMN],
  row: (obj: Endpoints, nowMs) => [nameOf(obj), formatEndpoints(obj), age(obj, nowMs)],
};

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role` values, sorted. */
export function findNodeRoles(node: Node): string[] {
  const roles: string[] = [];
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(NODE_ROLE_LABEL_PREFIX)) {
      const role = k.slice(NODE_ROLE_LABEL_PREFIX.length);
      if (role) roles.push(role);
    } else if (k === NODE_ROLE_LABEL && v !== '') {
      roles.push(v);
    }
  }
  return sortedSet(roles);
}

function nodeAddress(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

export const nodePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    AGE_COLUMN,
    column('Version', 'string', DOC['node.kubeletVersion']),
    column('Internal-IP', 'string', DOC['node.addresses'], 1),
    column('External-IP', 'string', DOC['node.addresses'], 1),
    column('OS-Image', 'string', DOC['node.osImage'], 1),
    column('Kernel-Version', 'string', DOC['node.kernelVersion'], 1),
    column('Container-Runtime', 'string', DOC['node.containerRuntimeVersion'], 1),
  ],
  row(obj: Node, nowMs) {
    const status: string[] = [];
    // Only the Ready condition shows; when listed twice, the last one wins (upstream keys them in a map).
    const ready = (obj.status?.conditions ?? []).filter((c) => c.type === 'Ready').pop();
    if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
    if (status.length === 0) status.push('Unknown');
    if (obj.spec?.unschedulable) status.push('SchedulingDisabled');
    const info = obj.status?.nodeInfo;
    return [
      nameOf(obj),
      status.join(','),
      findNodeRoles(obj).join(',') || '<none>',
      age(obj, nowMs),
      info?.kubeletVersion ?? '',
      nodeAddress(obj, 'InternalIP'),
      nodeAddress(obj, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};

export const namespacePrinter: Printer = {
  columns: [NAME_COLUMN, column('Status', 'string', 'The status of the namespace'), AGE_COLUMN],
  row: (obj: Namespace, nowMs) => [nameOf(obj), obj.status?.phase ?? '', age(obj, nowMs)],
};

export const secretPrinter: Printer = {
  columns: [NAME_COLUMN, column('Type', 'string', DOC['secret.type']), column('Data', 'string', DOC['secret.data']), AGE_COLUMN],
  row: (obj: Secret, nowMs) => [nameOf(obj), obj.type ?? '', Object.keys(obj.data ?? {}).length, age(obj, nowMs)],
};

export const serviceAccountPrinter: Printer = {
  columns: [NAME_COLUMN, column('Secrets', 'string', DOC['sa.secrets']), AGE_COLUMN],
  row: (obj: ServiceAccount, nowMs) => [nameOf(obj), (obj.secrets ?? []).length, age(obj, nowMs)],
};

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order. */
export function accessModesString(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  const out: string[] = [];
  if (set.has('ReadWriteOnce')) out.push('RWO');
  if (set.has('ReadOnlyMany')) out.push('ROX');
  if (set.has('ReadWriteMany')) out.push('RWX');
  if (set.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

export const persistentVolumePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Capacity', 'string', DOC['pv.capacity']),
    column('Access Modes', 'string', DOC['pv.accessModes']),
    column('Reclaim Policy', 'string', DOC['pv.reclaimPolicy']),
    column('Status', 'string', DOC['pv.status.phase']),
    column('Claim', 'string', DOC['pv.claimRef']),
    column('StorageClass', 'string', 'StorageClass of the pv'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    column('Reason', 'string', DOC['pv.status.reason']),
    AGE_COLUMN,
    column('VolumeMode', 'string', DOC['pv.volumeMode'], 1),
  ],
  row(obj: PersistentVolume, nowMs) {
    const spec = obj.spec ?? {};
    const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
    const annotations = obj.metadata?.annotations ?? {};
    const storageClass = BETA_STORAGE_CLASS_ANNOTATION in annotations ? annotations[BETA_STORAGE_CLASS_ANNOTATION] : (spec.storageClassName ?? '');
    return [
      nameOf(obj),
      quantityString(spec.capacity?.storage),
      accessModesString(spec.accessModes),
      spec.persistentVolumeReclaimPolicy ?? '',
      obj.metadata?.deletionTimestamp ? 'Terminating' : (obj.status?.phase ?? ''),
      claim,
      storageClass,
      (spec as { volumeAttributesClassName?: string }).volumeAttributesClassName ?? '<unset>',
      obj.status?.reason ?? '',
      age(obj, nowMs),
      spec.volumeMode ?? '<unset>',
    ];
  },
};

export const persistentVolumeClaimPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', DOC['pvc.status.phase']),
    column('Volume', 'string', DOC['pvc.volumeName']),
    column('Capacity', 'string', DOC['pvc.status.capacity']),
    column('Access Modes', 'string', DOC['pvc.status.accessModes']),
    column('StorageClass', 'string', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    AGE_COLUMN,
    column('VolumeMode', 'string', DOC['pvc.volumeMode'], 1),
  ],
  row(obj: PersistentVolumeClaim, nowMs) {
    const spec = obj.spec ?? {};
    const bound = !!spec.volumeName;
    const annotations = obj.metadata?.annotations ?? {};
    const storageClass = BETA_STORAGE_CLASS_ANNOTATION in annotations ? annotations[BETA_STORAGE_CLASS_ANNOTATION] : (spec.storageClassName ?? '');
    return [
      nameOf(obj),
      obj.metadata?.deletionTimestamp ? 'Terminating' : (obj.status?.phase ?? ''),
      spec.volumeName ?? '',
      bound ? quantityString(obj.status?.capacity?.storage) : '',
      bound ? accessModesString(obj.status?.accessModes) : '',
      storageClass,
      (spec as { volumeAttributesClassName?: string }).volumeAttributesClassName ?? '<unset>',
      age(obj, nowMs),
      spec.volumeMode ?? '<unset>',
    ];
  },
};

export const componentStatusPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'Status of the component conditions'),
    column('Message', 'string', 'Message of the component conditions'),
    column('Error', 'string', 'Error of the component conditions'),
  ],
  row(obj: ComponentStatus) {
    const healthy = (obj.conditions ?? []).find((c) => c.type === 'Healthy');
    if (!healthy) return [nameOf(obj), 'Unknown', '', ''];
    return [nameOf(obj), healthy.status === 'True' ? 'Healthy' : 'Unhealthy', healthy.message ?? '', healthy.error ?? ''];
  },
};

export const configMapPrinter: Printer = {
  columns: [NAME_COLUMN, column('Data', 'string', DOC['cm.data']), AGE_COLUMN],
  row: (obj: ConfigMap, nowMs) => [nameOf(obj), Object.keys(obj.data ?? {}).length + Object.keys(obj.binaryData ?? {}).length, age(obj, nowMs)],
};

export const resourceQuotaPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    column('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
    AGE_COLUMN,
  ],
  row(obj: ResourceQuota, nowMs) {
    const hard = obj.status?.hard ?? {};
    const used = obj.status?.used ?? {};
    const requests: string[] = [];
    const limits: string[] = [];
    for (const resource of sortedSet(Object.keys(hard))) {
      const pieces = resource.split('.');
      const target = pieces.length > 1 && pieces[0] === 'limits' ? limits : requests;
      target.push(`${resource}: ${quantityString(used[resource])}/${quantityString(hard[resource])}`);
    }
    return [nameOf(obj), requests.join(', '), limits.join(', '), age(obj, nowMs)];
  },
};
