/**
 * Per-resource REST strategies: what the apiserver does to an object of each kind on create, update and delete,
 * mirroring pkg/registry/<group>/<resource>/strategy.go (PrepareForCreate, PrepareForUpdate, generation tracking,
 * graceful deletion).
 */
import type { ResourceInfo } from '../registry';
import { deepEqual } from './object-meta';

type Obj = Record<string, any>;

/** Kinds whose metadata.generation tracks spec changes (the strategies that bump it). */
const TRACKS_GENERATION = new Set([
  'apps/deployments',
  'apps/replicasets',
  'apps/statefulsets',
  'apps/daemonsets',
  '/replicationcontrollers',
  'batch/jobs',
  'batch/cronjobs',
  'autoscaling/horizontalpodautoscalers',
  'policy/poddisruptionbudgets',
  'networking.k8s.io/ingresses',
  'networking.k8s.io/networkpolicies',
  'apiextensions.k8s.io/customresourcedefinitions',
  'scheduling.k8s.io/priorityclasses',
  'flowcontrol.apiserver.k8s.io/flowschemas',
  'flowcontrol.apiserver.k8s.io/prioritylevelconfigurations',
  'admissionregistration.k8s.io/validatingadmissionpolicies',
  'pilothouse.dev/faults',
]);

/** Resources deleted gracefully (the object lingers with deletionTimestamp until its owner finishes). */
const GRACEFUL = new Set(['/pods']);

/** Resources whose DELETE answers with the deleted object rather than a Status (ReturnDeletedObject). */
const RETURNS_DELETED_OBJECT = new Set(['/pods', '/services', '/namespaces', '/persistentvolumeclaims', '/persistentvolumes', '/nodes']);

const key = (r: ResourceInfo) => `${r.group}/${r.plural}`;

export function hasStatusSubresource(r: ResourceInfo): boolean {
  return r.subresources.some((s) => s.name === 'status');
}

export function tracksGeneration(r: ResourceInfo): boolean {
  return TRACKS_GENERATION.has(key(r));
}

export function isGracefullyDeleted(r: ResourceInfo): boolean {
  return GRACEFUL.has(key(r));
}

export function returnsDeletedObject(r: ResourceInfo): boolean {
  return RETURNS_DELETED_OBJECT.has(key(r));
}

/** PrepareForCreate: status is the system's, not the client's (except where upstream keeps it, e.g. Node). */
export function prepareForCreate(r: ResourceInfo, obj: Obj): void {
  const k = key(r);
  if (hasStatusSubresource(r) && !['/nodes', '/persistentvolumes', '/persistentvolumeclaims', 'certificates.k8s.io/certificatesigningrequests'].includes(k)) {
    delete obj.status;
  }
  if (k === '/pods') obj.status = { phase: 'Pending', qosClass: qosClass(obj) };
  if (k === '/namespaces') {
    obj.status = { phase: 'Active' };
    // The namespace controller's finalizer is required on create (namespace strategy PrepareForCreate).
    const finalizers: string[] = obj.spec?.finalizers ?? [];
    if (!finalizers.includes('kubernetes')) obj.spec = { ...obj.spec, finalizers: [...finalizers, 'kubernetes'] };
  }
  if (k === '/persistentvolumeclaims') obj.status = { phase: 'Pending' };
  if (k === '/persistentvolumes') obj.status = { phase: 'Pending' };
  if (k === '/services') obj.status = { loadBalancer: {} };
  if (tracksGeneration(r)) obj.metadata.generation = 1;
}

/** The part of an object a spec update compares: everything but metadata and status. */
function specOf(obj: Obj): Obj {
  const { metadata: _m, status: _s, ...rest } = obj;
  return rest;
}

/**
 * PrepareForUpdate for the main resource: status changes are ignored (they go through /status); generation is
 * bumped when the spec changed.
 */
export function prepareForUpdate(r: ResourceInfo, obj: Obj, old: Obj): void {
  if (hasStatusSubresource(r) && key(r) !== '/nodes' && old.status !== undefined) obj.status = old.status;
  else if (hasStatusSubresource(r) && key(r) !== '/nodes') delete obj.status;
  // spec.finalizers of a namespace only change through /finalize.
  if (key(r) === '/namespaces') obj.spec = { ...obj.spec, finalizers: old.spec?.finalizers };
  if (tracksGeneration(r)) {
    const gen = old.metadata?.generation ?? 1;
    obj.metadata.generation = deepEqual(specOf(obj), specOf(old)) ? gen : gen + 1;
  }
}

/** PrepareForUpdate for /status: only status (and some metadata) may change. */
export function prepareForStatusUpdate(r: ResourceInfo, obj: Obj, old: Obj): Obj {
  const next: Obj = { ...old, status: obj.status };
  // Labels, annotations, finalizers and ownerReferences are accepted through /status as upstream's
  // status strategies reset only the spec.
  next.metadata = { ...old.metadata, ...pickMeta(obj.metadata) };
  if (r.plural === 'namespaces' && old.status) next.status = { ...obj.status };
  return next;
}

function pickMeta(meta: Obj | undefined): Obj {
  if (!meta) return {};
  const out: Obj = {};
  for (const k of ['labels', 'annotations', 'finalizers', 'ownerReferences']) if (k in meta) out[k] = meta[k];
  return out;
}

/** The pod's QoS class (pkg/apis/core/helper/qos): Guaranteed, Burstable or BestEffort. */
export function qosClass(pod: Obj): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: Obj[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let anyRequestOrLimit = false;
  let guaranteed = true;
  for (const c of containers) {
    const req: Obj = c.resources?.requests ?? {};
    const lim: Obj = c.resources?.limits ?? {};
    for (const res of ['cpu', 'memory']) {
      if (req[res] !== undefined || lim[res] !== undefined) anyRequestOrLimit = true;
      if (lim[res] === undefined) guaranteed = false;
      else if (req[res] !== undefined && String(req[res]) !== String(lim[res])) guaranteed = false;
    }
  }
  if (!anyRequestOrLimit) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
