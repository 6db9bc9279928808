/**
 * Pod and Service predicates shared by the endpoint controllers, kube-proxy and DNS (pkg/api/v1/pod,
 * pkg/api/v1/service, staging endpointslice/util): which pods back a Service, which port a targetPort names.
 */
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1';

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/**
 * ShouldPodBeInEndpoints: a pod with an IP that is not finished; terminating pods only when `includeTerminating`
 * (the slice controller includes them with terminating: true; the Endpoints controller only for
 * publishNotReadyAddresses).
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!pod.status?.podIP && !(pod.status?.podIPs?.length)) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: the pod names this Service as its subdomain (StatefulSet pods and their governing Service). */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata?.name && pod.metadata?.namespace === svc.metadata?.namespace;
}

/**
 * podutil.FindPort: a numeric targetPort is used as is; a named one is looked up among the pod's container
 * ports with the same protocol. Undefined when the pod has no such port.
 */
export function findPort(pod: Pod, svcPort: ServicePort): number | undefined {
  const target = svcPort.targetPort ?? svcPort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = svcPort.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** IsServiceIPSet: a Service with a virtual IP (not headless, not ExternalName). */
export function isServiceIPSet(svc: Service): boolean {
  const ip = svc.spec?.clusterIP;
  return !!ip && ip !== 'None';
}

export function isHeadless(svc: Service): boolean {
  return svc.spec?.clusterIP === 'None';
}
