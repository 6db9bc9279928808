/**
 * kube-proxy's view of Services and their endpoints (pkg/proxy: ServicePortInfo, the EndpointSlice cache and
 * CategorizeEndpoints): one entry per Service port with a virtual IP, and the endpoints the slices list for it.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { LABEL_SERVICE_NAME } from '../network/resources';
import { isServiceIPSet } from '../network/service-util';
import { servicePortName } from './chain-names';
import type { Proto } from './iptables';

export interface ServicePortInfo {
  /** `namespace/name[:port]` */
  name: string;
  namespace: string;
  service: string;
  portName: string;
  protocol: Proto;
  clusterIP: string;
  port: number;
  nodePort?: number;
  loadBalancerIPs: string[];
  externalIPs: string[];
  sessionAffinityClientIP: boolean;
  stickyMaxAgeSeconds: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  /** NodePort, LoadBalancer or with externalIPs: reachable from outside the cluster. */
  externallyAccessible: boolean;
}

export interface EndpointInfo {
  ip: string;
  port: number;
  /** `ip:port` */
  address: string;
  nodeName?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** `namespace/name` of the pod, when the slice says. */
  pod?: string;
}

/** The ports of a Service that kube-proxy programs (none for headless and ExternalName Services). */
export function servicePorts(svc: Service): ServicePortInfo[] {
  if (!isServiceIPSet(svc) || svc.spec?.type === 'ExternalName') return [];
  const ns = svc.metadata!.namespace!;
  const name = svc.metadata!.name!;
  const lbIPs = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter((ip): ip is string => !!ip);
  const externallyAccessible = svc.spec?.type === 'NodePort' || svc.spec?.type === 'LoadBalancer' || (svc.spec?.externalIPs?.length ?? 0) > 0;
  return (svc.spec?.ports ?? []).map((p) => ({
    name: servicePortName(ns, name, p.name),
    namespace: ns,
    service: name,
    portName: p.name ?? '',
    protocol: (p.protocol ?? 'TCP').toLowerCase() as Proto,
    clusterIP: svc.spec!.clusterIP!,
    port: p.port,
    nodePort: p.nodePort || undefined,
    loadBalancerIPs: svc.spec?.type === 'LoadBalancer' ? lbIPs : [],
    externalIPs: svc.spec?.externalIPs ?? [],
    sessionAffinityClientIP: svc.spec?.sessionAffinity === 'ClientIP',
    stickyMaxAgeSeconds: svc.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800,
    externalPolicyLocal: externallyAccessible && svc.spec?.externalTrafficPolicy === 'Local',
    internalPolicyLocal: svc.spec?.internalTrafficPolicy === 'Local',
    externallyAccessible,
  }));
}

/** The endpoints of each service port (`namespace/name[:port]`), merged over the Service's slices, sorted. */
export function endpointsByServicePort(slices: readonly EndpointSlice[]): Map<string, EndpointInfo[]> {
  const out = new Map<string, Map<string, EndpointInfo>>();
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4') continue;
    const svc = slice.metadata?.labels?.[LABEL_SERVICE_NAME];
    if (!svc) continue;
    const ns = slice.metadata!.namespace!;
    for (const port of slice.ports ?? []) {
      if (port.port === undefined) continue;
      const key = servicePortName(ns, svc, port.name ?? '');
      let eps = out.get(key);
      if (!eps) out.set(key, (eps = new Map()));
      for (const ep of slice.endpoints ?? []) {
        const ip = ep.addresses[0];
        const address = `${ip}:${port.port}`;
        if (eps.has(address)) continue;
        eps.set(address, {
          ip,
          port: port.port,
          address,
          nodeName: ep.nodeName,
          // A nil ready condition means ready.
          ready: ep.conditions?.ready !== false,
          serving: ep.conditions?.serving ?? ep.conditions?.ready !== false,
          terminating: ep.conditions?.terminating ?? false,
          pod: ep.targetRef?.kind === 'Pod' ? `${ep.targetRef.namespace}/${ep.targetRef.name}` : undefined,
        });
      }
    }
  }
  const sorted = new Map<string, EndpointInfo[]>();
  for (const [k, v] of out) sorted.set(k, [...v.values()].sort((a, b) => a.address.localeCompare(b.address, 'en', { numeric: true })));
  return sorted;
}

/**
 * CategorizeEndpoints: the endpoints cluster-policy traffic uses (ready ones, else serving-and-terminating
 * ones) and those local-policy traffic uses (the same, restricted to this node).
 */
export function categorizeEndpoints(all: readonly EndpointInfo[], svc: ServicePortInfo, nodeName: string): { cluster: EndpointInfo[]; local: EndpointInfo[]; reachable: EndpointInfo[]; hasAny: boolean } {
  const usable = (eps: readonly EndpointInfo[]) => {
    const ready = eps.filter((e) => e.ready);
    return ready.length > 0 ? ready : eps.filter((e) => e.serving && e.terminating);
  };
  const cluster = usable(all);
  const local = svc.internalPolicyLocal || svc.externalPolicyLocal ? usable(all.filter((e) => e.nodeName === nodeName)) : [];
  const usesCluster = !svc.internalPolicyLocal || (svc.externallyAccessible && !svc.externalPolicyLocal);
  const reachable = new Map<string, EndpointInfo>();
  if (usesCluster) for (const e of cluster) reachable.set(e.address, e);
  for (const e of local) reachable.set(e.address, e);
  return { cluster, local, reachable: [...reachable.values()], hasAny: cluster.length > 0 || local.length > 0 };
}
