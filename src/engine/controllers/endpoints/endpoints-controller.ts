/**
 * The Endpoints controller (pkg/controller/endpoint): the legacy core/v1 Endpoints object named after each
 * Service with a selector — ready pods under `addresses`, the others under `notReadyAddresses`, packed into
 * subsets by port set (RepackSubsets), sorted by IP. Kubernetes 1.32 still runs it next to EndpointSlices.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints, Pod, Service } from 'kubernetes-types/core/v1';
import { Controller } from '../../client/controller';
import { isNotFound } from '../../client/api-result';
import { splitKey } from '../../client/object-keys';
import { selectorFromSet } from '../../apiserver/selectors/labels';
import type { ControllerContext } from '../controller-context';
import { ENDPOINTS, LABEL_HEADLESS, LABEL_SKIP_MIRROR, PODS, SERVICES } from '../../network/resources';
import { findPort, isHeadless, isPodReady, shouldPodBeInEndpoints, shouldSetHostname } from '../../network/service-util';
import { servicesSelecting } from '../endpointslice/endpointslice-controller';

export const ENDPOINT_CONTROLLER = 'endpoint-controller';
/** maxCapacity: beyond this many addresses the object is truncated and annotated. */
const MAX_CAPACITY = 1000;
const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';

const ipValue = (ip: string) => ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);
const byIP = (a: EndpointAddress, b: EndpointAddress) => ipValue(a.ip) - ipValue(b.ip) || (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? '');
const portKey = (ports: readonly EndpointPort[]) => JSON.stringify([...ports].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port).map((p) => [p.name ?? '', p.port, p.protocol ?? 'TCP', p.appProtocol ?? '']));

/** The subsets for a Service's pods, packed by port set as RepackSubsets does. */
export function endpointSubsets(svc: Service, pods: readonly Pod[]): EndpointSubset[] {
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const address: EndpointAddress = { ip: pod.status!.podIP! };
    if (shouldSetHostname(pod, svc)) address.hostname = pod.spec!.hostname;
    if (pod.spec?.nodeName) address.nodeName = pod.spec.nodeName;
    address.targetRef = { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name, uid: pod.metadata?.uid };
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const ep: EndpointPort = { name: sp.name || undefined, port, protocol: sp.protocol ?? 'TCP' };
      if (!ep.name) delete ep.name;
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      ports.push(ep);
    }
    // A Service with ports whose pod resolves none of them contributes no address.
    if ((svc.spec?.ports ?? []).length > 0 && ports.length === 0) continue;
    const key = portKey(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, ready: [], notReady: [] }));
    const ready = publishNotReady || (isPodReady(pod) && !pod.metadata?.deletionTimestamp);
    (ready ? g.ready : g.notReady).push(address);
  }
  const subsets: EndpointSubset[] = [];
  for (const g of [...groups.values()].sort((a, b) => portKey(a.ports).localeCompare(portKey(b.ports)))) {
    const subset: EndpointSubset = {};
    if (g.ready.length) subset.addresses = g.ready.sort(byIP);
    if (g.notReady.length) subset.notReadyAddresses = g.notReady.sort(byIP);
    if (g.ports.length) subset.ports = [...g.ports].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
    subsets.push(subset);
  }
  return subsets;
}

function truncate(subsets: EndpointSubset[]): { subsets: EndpointSubset[]; truncated: boolean } {
  let total = 0;
  for (const s of subsets) total += (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0);
  if (total <= MAX_CAPACITY) return { subsets, truncated: false };
  let budget = MAX_CAPACITY;
  const out = subsets.map((s) => {
    const addresses = (s.addresses ?? []).slice(0, budget);
    budget -= addresses.length;
    const notReadyAddresses = (s.notReadyAddresses ?? []).slice(0, Math.max(0, budget));
    budget -= notReadyAddresses.length;
    return { ...s, addresses: addresses.length ? addresses : undefined, notReadyAddresses: notReadyAddresses.length ? notReadyAddresses : undefined };
  });
  return { subsets: out, truncated: true };
}

export function newEndpointsController(ctx: ControllerContext): Controller {
  const services = ctx.informers.informerFor<Service>(SERVICES);
  const pods = ctx.informers.informerFor<Pod>(PODS);
  const endpoints = ctx.informers.informerFor<Endpoints>(ENDPOINTS);
  const api = ctx.client.as(ENDPOINT_CONTROLLER).resource<Endpoints>(ENDPOINTS);
  const recorder = ctx.recorder(ENDPOINT_CONTROLLER);

  const reconcile = (key: string) => {
    const { namespace, name } = splitKey(key);
    const svc = services.lister.namespace(namespace).get(name);
    const current = endpoints.lister.namespace(namespace).get(name);
    if (!svc) {
      if (!current) return { note: 'service gone' };
      const r = api.delete(namespace, name);
      if (!r.ok && !isNotFound(r.status)) return { error: r.status.message };
      return { note: `deleted Endpoints ${key}` };
    }
    if (svc.spec?.type === 'ExternalName' || !svc.spec?.selector || Object.keys(svc.spec.selector).length === 0) return { note: 'no selector' };

    const { subsets, truncated } = truncate(endpointSubsets(svc, pods.lister.namespace(namespace).list(selectorFromSet(svc.spec.selector))));
    const labels: Record<string, string> = { ...(svc.metadata?.labels ?? {}), [LABEL_SKIP_MIRROR]: 'true' };
    if (isHeadless(svc)) labels[LABEL_HEADLESS] = '';
    else delete labels[LABEL_HEADLESS];
    const annotations: Record<string, string> = { ...(current?.metadata?.annotations ?? {}) };
    if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
    else delete annotations[OVER_CAPACITY_ANNOTATION];

    if (
      current &&
      JSON.stringify(current.subsets ?? []) === JSON.stringify(subsets) &&
      JSON.stringify(current.metadata?.labels ?? {}) === JSON.stringify(labels) &&
      JSON.stringify(current.metadata?.annotations ?? {}) === JSON.stringify(annotations)
    ) {
      return { note: 'up to date' };
    }
    const body: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { ...(current ? structuredClone(current.metadata) : { name, namespace }), labels, annotations: Object.keys(annotations).length ? annotations : undefined },
      subsets,
    };
    if (!body.metadata!.annotations) delete body.metadata!.annotations;
    const r = current ? api.update(namespace, body) : api.create(namespace, body);
    if (!r.ok) {
      recorder.event(svc, 'Warning', 'FailedToUpdateEndpoint', `Failed to update endpoint ${key}: ${r.status.message}`);
      return { error: r.status.message };
    }
    return { note: `${current ? 'updated' : 'created'} Endpoints ${key}` };
  };

  return new Controller(ctx.engine, ENDPOINT_CONTROLLER, { reconcile }, { decisionLog: ctx.decisions })
    .watches(services)
    .watches(pods, (pod) => servicesSelecting(services.lister.namespace(pod.metadata?.namespace ?? '').list(), pod))
    .watches(endpoints, undefined, { create: () => false, update: () => false });
}
