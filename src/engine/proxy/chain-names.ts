/**
 * kube-proxy's iptables chain names (pkg/proxy/iptables): a prefix plus the first 16 characters of the base32
 * SHA-256 of the service port name and protocol (and, for endpoint chains, the endpoint), so names stay under
 * iptables' 28-character limit and are stable across restarts and nodes.
 */
import { base32, sha256, utf8 } from './sha256';

/** ServicePortName.String(): `namespace/name` plus `:port` when the port is named. */
export function servicePortName(namespace: string, name: string, portName: string | undefined): string {
  return `${namespace}/${name}${portName ? `:${portName}` : ''}`;
}

function portProtoHash(svcPortName: string, protocol: string): string {
  return base32(sha256(utf8(svcPortName + protocol))).slice(0, 16);
}

/** KUBE-SVC-…: the cluster-policy chain (`protocol` lower-case, as kube-proxy passes it). */
export const clusterPolicyChain = (svcPortName: string, protocol: string) => `KUBE-SVC-${portProtoHash(svcPortName, protocol)}`;
/** KUBE-SVL-…: the local-policy chain. */
export const localPolicyChain = (svcPortName: string, protocol: string) => `KUBE-SVL-${portProtoHash(svcPortName, protocol)}`;
/** KUBE-EXT-…: where NodePort and load-balancer traffic enters. */
export const externalChain = (svcPortName: string, protocol: string) => `KUBE-EXT-${portProtoHash(svcPortName, protocol)}`;
/** KUBE-FW-…: the loadBalancerSourceRanges firewall chain. */
export const firewallChain = (svcPortName: string, protocol: string) => `KUBE-FW-${portProtoHash(svcPortName, protocol)}`;

/** KUBE-SEP-…: one endpoint (`ip:port`) of a service port. */
export function endpointChain(svcPortName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${base32(sha256(utf8(svcPortName + protocol + endpoint))).slice(0, 16)}`;
}
