/**
 * Puts Faults into a cluster: the `faults.pilothouse.dev` resource in discovery (served aggregated, from the
 * fault API server's own storage) and the fault controller that acts on the simulated machines.
 */
import type { Cluster } from '../cluster';
import { KubeClient } from '../client/rest-client';
import { isPlainObject } from '../apiserver/rest/object-meta';
import { FaultApiServer } from './fault-apiserver';
import { FaultController } from './fault-controller';
import { faultDataPlaneOf } from './data-plane';
import { FAULT_GROUP, FAULT_KIND, FAULT_PLURAL, FAULT_VERSION } from './fault-types';

export interface FaultsInstallation {
  api: FaultApiServer;
  controller: FaultController;
}

const installed = new WeakMap<Cluster, FaultsInstallation>();

export function installFaults(cluster: Cluster): FaultsInstallation {
  const existing = installed.get(cluster);
  if (existing) return existing;
  cluster.registry.register({
    group: FAULT_GROUP,
    version: FAULT_VERSION,
    kind: FAULT_KIND,
    plural: FAULT_PLURAL,
    shortNames: [],
    categories: [],
    namespaced: false,
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: [{ name: 'status', verbs: ['get', 'patch', 'update'], kind: { group: FAULT_GROUP, version: FAULT_VERSION, kind: FAULT_KIND } }],
    aggregated: true,
  });
  // The aggregated server validates targets through the kube-apiserver, as its admission would.
  const lookupClient = new KubeClient(cluster.apiserver, cluster.registry, 'pilothouse-fault-apiserver');
  const read = (path: string) => {
    const res = lookupClient.raw({ method: 'GET', path });
    return res.status === 200 && isPlainObject(res.body) ? (res.body as Record<string, any>) : undefined;
  };
  const api = new FaultApiServer(cluster.engine, {
    apiserverName: cluster.apiserver.name,
    targets: {
      node: (name) => read(`/api/v1/nodes/${encodeURIComponent(name)}`),
      pod: (ns, name) => read(`/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}`),
    },
  });
  cluster.apiserver.registerAggregatedApi(FAULT_GROUP, api);
  const controller = new FaultController(cluster.engine, new KubeClient(cluster.apiserver, cluster.registry, 'pilothouse-fault-controller'), () => faultDataPlaneOf(cluster));
  controller.start();
  const result = { api, controller };
  installed.set(cluster, result);
  return result;
}
