/**
 * What bootstrap adds for cluster networking, as kubeadm's addon phase and kind do: CoreDNS, kube-proxy, the
 * flannel CNI — and the `kubernetes` Service's Endpoints and EndpointSlice, which the apiserver's endpoint
 * reconciler keeps pointing at the control plane.
 */
import type { Endpoints } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ApiEndpoint } from '../apiserver/types';
import type { ResourceRegistry } from '../apiserver/registry';
import { KubeClient, type KubeObject } from '../client/rest-client';
import { coreDnsObjects } from '../dns/coredns-addon';
import { kubeProxyObjects } from '../proxy/kube-proxy-addon';
import { flannelObjects } from './flannel-addon';
import { LABEL_SERVICE_NAME, LABEL_SKIP_MIRROR } from './resources';

export interface NetworkAddonOptions {
  /** kube-proxy image tag (the cluster's version). */
  kubernetesVersion: string;
  podNetwork: string;
  /** The control plane's address and secure port, for the `kubernetes` endpoints. */
  apiserverAddress: string;
  apiserverPort?: number;
}

export function kubernetesEndpoints(address: string, port: number): [Endpoints, EndpointSlice] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { [LABEL_SKIP_MIRROR]: 'true' } },
      subsets: [{ addresses: [{ ip: address }], ports: [{ name: 'https', port, protocol: 'TCP' }] }],
    },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { [LABEL_SERVICE_NAME]: 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [address], conditions: { ready: true } }],
      ports: [{ name: 'https', port, protocol: 'TCP' }],
    },
  ];
}

/** Creates the addon objects through the API (as `kubeadm`). Returns the failures, if any. */
export function installNetworkAddons(endpoint: ApiEndpoint, registry: ResourceRegistry, opts: NetworkAddonOptions): string[] {
  const client = new KubeClient(endpoint, registry, 'kubeadm');
  const objects: KubeObject[] = [
    ...kubernetesEndpoints(opts.apiserverAddress, opts.apiserverPort ?? 6443),
    ...coreDnsObjects(),
    ...kubeProxyObjects(`registry.k8s.io/kube-proxy:${opts.kubernetesVersion}`, opts.podNetwork),
    ...flannelObjects(opts.podNetwork),
  ];
  const failures: string[] = [];
  for (const obj of objects) {
    const r = client.forKind(obj.apiVersion!, obj.kind!).create(obj.metadata?.namespace ?? '', obj);
    if (!r.ok) failures.push(`${obj.kind} ${obj.metadata?.name}: ${r.status.message}`);
  }
  return failures;
}
