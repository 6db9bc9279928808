/**
 * What a Service's EndpointSlices should hold, computed from its pods (staging endpointslice: podToEndpoint,
 * getEndpointPorts): one endpoint per pod with an IP, grouped by the ports that pod resolves the Service's
 * targetPorts to — pods resolving a named port differently land in different slices.
 */
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import { LABEL_TOPOLOGY_ZONE } from '../../network/resources';
import { findPort, isPodReady, shouldPodBeInEndpoints, shouldSetHostname } from '../../network/service-util';

export interface DesiredGroup {
  /** Stable key of the port set (endpointMeta hash upstream). */
  key: string;
  ports: EndpointPort[];
  endpoints: Endpoint[];
}

export function endpointPortsFor(svc: Service, pod: Pod): EndpointPort[] {
  const ports: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: EndpointPort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
    ports.push(ep);
  }
  return ports;
}

export function portsKey(ports: readonly EndpointPort[]): string {
  return ports
    .map((p) => `${p.name ?? ''}/${p.port ?? ''}/${p.protocol ?? ''}/${p.appProtocol ?? ''}`)
    .sort()
    .join(',');
}

export function podToEndpoint(pod: Pod, node: Node | undefined, svc: Service): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata?.deletionTimestamp;
  // Ready never says true for a terminating pod, unless the Service publishes not-ready addresses.
  const ready = svc.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const ips = pod.status?.podIPs?.map((p) => p.ip).filter((ip): ip is string => !!ip && !ip.includes(':')) ?? [];
  const ep: Endpoint = {
    addresses: ips.length > 0 ? ips.slice(0, 1) : [pod.status!.podIP!],
    conditions: { ready, serving, terminating },
  };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec!.hostname;
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata?.labels?.[LABEL_TOPOLOGY_ZONE];
  if (zone) ep.zone = zone;
  ep.targetRef = { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name, uid: pod.metadata?.uid };
  return ep;
}

/** The identity of an endpoint in a set (endpointHash): its addresses, hostname and the pod it stands for. */
export function endpointKey(ep: Endpoint): string {
  return [ep.addresses.join(','), ep.hostname ?? '', ep.targetRef?.namespace ?? '', ep.targetRef?.name ?? ''].join('|');
}

export interface DesiredState {
  groups: DesiredGroup[];
  /** A pod named a node the cache does not know yet: upstream retries the Service later. */
  missingNode: boolean;
}

export function desiredEndpoints(svc: Service, pods: readonly Pod[], nodeFor: (name: string) => Node | undefined): DesiredState {
  const groups = new Map<string, DesiredGroup>();
  let missingNode = false;
  const sorted = [...pods].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  for (const pod of sorted) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = endpointPortsFor(svc, pod);
    const nodeName = pod.spec?.nodeName;
    const node = nodeName ? nodeFor(nodeName) : undefined;
    if (nodeName && !node) {
      missingNode = true;
      continue;
    }
    const key = portsKey(ports);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, ports, endpoints: [] }));
    group.endpoints.push(podToEndpoint(pod, node, svc));
  }
  return { groups: [...groups.values()], missingNode };
}
