/**
 * The EndpointSlice controller (pkg/controller/endpointslice): for every Service with a selector, keeps
 * EndpointSlices listing the pods it selects — addresses, readiness conditions, node, zone, hostname and the
 * ports each pod resolves — at most 100 endpoints a slice, changed as little as possible.
 */
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { Controller } from '../../client/controller';
import { isNotFound } from '../../client/api-result';
import { splitKey, unwrapTombstone } from '../../client/object-keys';
import { selectorFromSet } from '../../apiserver/selectors/labels';
import type { ControllerContext } from '../controller-context';
import { ENDPOINT_SLICES, ENDPOINTSLICE_CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, NODES, PODS, SERVICES } from '../../network/resources';
import { desiredEndpoints } from './desired-endpoints';
import { MAX_ENDPOINTS_PER_SLICE, reconcileSlices } from './slice-reconciler';
import { EndpointSliceTracker } from './slice-tracker';

export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller';

/** Keys of the Services in the pod's namespace whose selector matches the pod (getPodServiceMemberships). */
export function servicesSelecting(services: readonly Service[], pod: Pod): string[] {
  const keys: string[] = [];
  for (const svc of services) {
    const sel = svc.spec?.selector;
    if (!sel || Object.keys(sel).length === 0) continue;
    if (selectorFromSet(sel).matches(pod.metadata?.labels)) keys.push(`${svc.metadata!.namespace}/${svc.metadata!.name}`);
  }
  return keys;
}

export function newEndpointSliceController(ctx: ControllerContext, opts: { maxEndpointsPerSlice?: number } = {}): Controller {
  const maxPerSlice = opts.maxEndpointsPerSlice ?? MAX_ENDPOINTS_PER_SLICE;
  const services = ctx.informers.informerFor<Service>(SERVICES);
  const pods = ctx.informers.informerFor<Pod>(PODS);
  const nodes = ctx.informers.informerFor<Node>(NODES);
  const slices = ctx.informers.informerFor<EndpointSlice>(ENDPOINT_SLICES, { labelSelector: `${LABEL_MANAGED_BY}=${ENDPOINTSLICE_CONTROLLER_NAME}` });
  const api = ctx.client.as(ENDPOINTSLICE_CONTROLLER).resource<EndpointSlice>(ENDPOINT_SLICES);
  const recorder = ctx.recorder(ENDPOINTSLICE_CONTROLLER);
  const tracker = new EndpointSliceTracker();

  const reconcile = (key: string) => {
    const { namespace, name } = splitKey(key);
    const svc = services.lister.namespace(namespace).get(name);
    if (!svc) {
      // The slices go with their owner through the garbage collector.
      tracker.deleteService(key);
      return { note: 'service gone' };
    }
    // Services without a selector are left to whoever manages their endpoints (the mirroring controller);
    // ExternalName Services get none.
    if (svc.spec?.type === 'ExternalName') return { note: 'ExternalName service: no endpoints' };
    if (!svc.spec?.selector || Object.keys(svc.spec.selector).length === 0) return { note: 'no selector' };
    if (svc.metadata?.deletionTimestamp) return { note: 'service terminating' };

    const existing = slices.lister.namespace(namespace).list(selectorFromSet({ [LABEL_SERVICE_NAME]: name }));
    if (tracker.stale(key, existing)) return { error: 'EndpointSlice informer cache is out of date' };

    const selected = pods.lister.namespace(namespace).list(selectorFromSet(svc.spec.selector));
    const desired = desiredEndpoints(svc, selected, (n) => nodes.lister.get(n));
    const plan = reconcileSlices(svc, desired.groups, existing, maxPerSlice);

    const done: string[] = [];
    for (const slice of plan.create) {
      const r = api.create(namespace, slice);
      if (!r.ok) {
        recorder.event(svc, 'Warning', 'FailedToCreateEndpointSlices', `Error creating EndpointSlices for Service ${key}: ${r.status.message}`);
        return { error: r.status.message };
      }
      tracker.written(key, r.value);
      done.push(`created ${r.value.metadata?.name}`);
    }
    for (const slice of plan.update) {
      const r = api.update(namespace, slice);
      if (!r.ok) {
        recorder.event(svc, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${key}: ${r.status.message}`);
        return { error: r.status.message };
      }
      tracker.written(key, r.value);
      done.push(`updated ${r.value.metadata?.name}`);
    }
    for (const slice of plan.delete) {
      const r = api.delete(namespace, slice.metadata!.name!);
      if (!r.ok && !isNotFound(r.status)) return { error: r.status.message };
      tracker.expectDeletion(key, slice.metadata!.name!);
      done.push(`deleted ${slice.metadata?.name}`);
    }
    // A pod on a node the cache has not seen yet is left out for now; look again shortly.
    if (desired.missingNode) return { requeueAfter: 1000, note: done.join(', ') || 'waiting for node' };
    return { note: done.length ? done.join(', ') : 'up to date' };
  };

  const podServices = (pod: Pod) => servicesSelecting(services.lister.namespace(pod.metadata?.namespace ?? '').list(), pod);
  const sliceService = (s: EndpointSlice) => {
    const svc = s.metadata?.labels?.[LABEL_SERVICE_NAME];
    return svc ? [`${s.metadata!.namespace}/${svc}`] : [];
  };

  return new Controller(ctx.engine, ENDPOINTSLICE_CONTROLLER, { reconcile }, { decisionLog: ctx.decisions })
    .watches(services)
    .watches(pods, podServices)
    .watches(slices, (s) => sliceService(unwrapTombstone(s)))
    .watches(nodes, () => [], { create: () => false, update: () => false, delete: () => false });
}
