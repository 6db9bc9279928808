/**
 * A whole simulated cluster, assembled: engine (clock, RNG, traffic), etcd store, kube-apiserver with the
 * Kubernetes admission chain, and — as later rooms land — the scheduler, controllers and nodes.
 *
 * This is also the helper API tests use: create a cluster (seed, node count), apply YAML, advance time, read
 * objects and traffic — always through the apiserver, never by peeking into the store.
 */
import { Engine, type EngineOptions } from './engine';
import { Store } from './store/store';
import { resourcePrefix } from './store/registry-key';
import { ApiServer } from './apiserver/apiserver';
import { kubernetesRegistry, type ResourceRegistry } from './apiserver/registry';
import type { ApiRequest, ApiResponse } from './apiserver/types';
import { kubernetesHooks } from './apiserver/kubernetes-hooks';
import { applyManifests, collectionPath, objectPath, type ApplyResult } from './kubectl/apply';
import { runKubectl, type KubectlResult } from './kubectl';
import { threeWayPatchFor } from './apiserver/kubernetes-hooks';
import { KubeControllerManager } from './controllers/controller-manager';
import { KubeScheduler } from './scheduler/kube-scheduler';
import { installFaults } from './faults/install';
import { NodeFleet, podLogs } from './nodes';
import { LocalPathProvisioner } from './storage/local-path-provisioner';
import { standardStorageClass } from './storage/standard-storage-class';
import { MetricsServer } from './metrics/metrics-server';
import { KubeletSummaryUsageSource } from './metrics/usage-source';
import { ClusterNetwork } from './network/cluster-network';
import { installNetworkAddons } from './network/addons';
import { CloudControllerManager } from './cloud/cloud-controller-manager';
import { CLUSTER_CIDR, KUBERNETES_VERSION } from './nodes/static-pods';

export interface ClusterOptions extends EngineOptions {
  /** Worker nodes `worker-1` … `worker-N` besides the control-plane node (default 3). */
  workers?: number;
  /** Zones to spread the workers over (topology.kubernetes.io/zone, round-robin), and the machines' size. */
  zones?: string[];
  nodeShape?: { cpu?: string; memory?: string; pods?: number };
  /** kube-controller-manager's `--controllers`: which controllers run (default: all). */
  controllers?: string[];
  /**
   * Only the API machinery: kube-apiserver (system namespaces, the `kubernetes` Service, the Faults API) and
   * kube-controller-manager. No machines, scheduler, addons, storage, metrics, network or cloud components run, so
   * nothing is periodic and the clock can go idle — for engine tests that assert exact cluster contents or step the
   * clock to the end. Default false: the full kind-like cluster.
   */
  bare?: boolean;
}

type Obj = Record<string, any>;

/** The namespaces every cluster starts with. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export class Cluster {
  readonly engine: Engine;
  readonly store: Store;
  readonly registry: ResourceRegistry;
  readonly apiserver: ApiServer;
  readonly controllerManager: KubeControllerManager;
  readonly scheduler: KubeScheduler;
  /** The machines: control-plane and workers, each with its kubelet and container runtime. */
  readonly nodes: NodeFleet;
  /** kind's storage: the `standard` class's external provisioner (namespace local-path-storage). */
  readonly localPathProvisioner: LocalPathProvisioner;
  /** metrics-server (kube-system): metrics.k8s.io from the kubelets' summaries, plus scenario load (`metricsServer.load`). */
  readonly metricsServer: MetricsServer;
  /** The data path: kube-proxy per node, CoreDNS, pod-to-pod and Service traffic (`sendTraffic`). */
  readonly network: ClusterNetwork;
  /** The simulated cloud's controllers (service load balancers). */
  readonly cloudControllerManager: CloudControllerManager;

  constructor(options: ClusterOptions = {}) {
    this.engine = new Engine(options);
    this.store = new Store();
    this.registry = kubernetesRegistry();
    this.apiserver = new ApiServer(this.engine, { registry: this.registry, store: this.store, hooks: { ...kubernetesHooks((r, ns, name) => this.lookup(r, ns, name)), logs: (pod, q) => podLogs(this.nodes, pod, q, this.engine.now()) } });
    this.bootstrap(options.bare ?? false);
    this.controllerManager = new KubeControllerManager(this.engine, this.apiserver, this.registry, { controllers: options.controllers });
    this.controllerManager.start();
    this.scheduler = new KubeScheduler(this.engine, this.apiserver, this.registry);
    if (!options.bare) this.scheduler.start();
    installFaults(this); // pilothouse.dev Faults: their aggregated API and the fault controller
    this.localPathProvisioner = new LocalPathProvisioner(this.engine, this.apiserver, this.registry);
    if (!options.bare) this.localPathProvisioner.start();
    this.nodes = options.bare ? NodeFleet.none(this.engine, this.apiserver, this.registry) : NodeFleet.create(this.engine, this.apiserver, this.registry, { workers: options.workers ?? 3, zones: options.zones, shape: options.nodeShape });
    this.nodes.powerOnAll();
    this.metricsServer = new MetricsServer(this.engine, this.apiserver, this.registry, { usage: new KubeletSummaryUsageSource(() => this.nodes.summaries()) });
    if (!options.bare) this.metricsServer.start();
    this.network = new ClusterNetwork(this.engine, this.apiserver, this.registry, { seed: options.seed, clusterCIDR: CLUSTER_CIDR });
    if (!options.bare) this.network.start();
    this.cloudControllerManager = new CloudControllerManager(this.engine, this.apiserver, this.registry);
    if (!options.bare) this.cloudControllerManager.start();
    // The cluster comes up booted: what the components do at t=0 (initial lists, default ServiceAccounts …) has
    // happened before the first user request, without moving the clock.
    this.engine.advance(0);
  }

  /**
   * Reads stored objects for the admission plugins that consult the cluster (Priority, DefaultStorageClass,
   * LimitRanger …) — inside the apiserver, as upstream's plugins read their informers.
   */
  private lookup(r: { group: string; plural: string }, namespace: string | undefined, name?: string): any {
    const prefix = resourcePrefix(r.group, r.plural) + (namespace ? `${namespace}/` : '');
    if (name !== undefined) return this.store.get(prefix + name)?.value;
    return this.store.range(prefix).kvs.map((kv) => kv.value);
  }

  /** What the apiserver's bootstrap controller creates at start: the system namespaces and the `kubernetes` Service. */
  private bootstrap(bare: boolean): void {
    for (const name of SYSTEM_NAMESPACES) {
      this.apiserver.request({
        method: 'POST',
        path: '/api/v1/namespaces',
        body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
        client: 'kube-apiserver',
      });
    }
    this.apiserver.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/services',
      body: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', sessionAffinity: 'None', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
      },
      client: 'kube-apiserver',
    });
    if (bare) return;
    // kind installs its default StorageClass with the cluster (kubeadm addon manifests).
    this.apiserver.request({ method: 'POST', path: '/apis/storage.k8s.io/v1/storageclasses', body: standardStorageClass(), client: 'kubeadm' });
    // kubeadm's addon phase (CoreDNS, kube-proxy) and the CNI (flannel); the `kubernetes` endpoints.
    installNetworkAddons(this.apiserver, this.registry, { kubernetesVersion: KUBERNETES_VERSION, podNetwork: CLUSTER_CIDR, apiserverAddress: '172.18.0.2' });
  }

  /** Sends one REST request (as `client`, default `test`). */
  request(req: Omit<ApiRequest, 'client'> & { client?: string }): ApiResponse {
    return this.apiserver.request({ client: 'test', ...req });
  }

  /** `kubectl apply -f -` with the given text. */
  apply(yaml: string, opts: { namespace?: string; client?: string } = {}): ApplyResult {
    return applyManifests(this.apiserver, this.registry, yaml, { ...opts, threeWayPatch: threeWayPatchFor });
  }

  /** Runs a kubectl command line against this cluster, as the real kubectl would (requests as client `kubectl`). */
  kubectl(commandLine: string | string[], opts: { stdin?: string; files?: Record<string, string>; namespace?: string } = {}): KubectlResult {
    return runKubectl(commandLine, {
      api: this.apiserver,
      registry: this.registry,
      nowMs: () => this.engine.epochMs + this.engine.now(),
      threeWayPatch: threeWayPatchFor,
      ...opts,
    });
  }

  /** Reads one object by kind name (`deployment`, `pods`, `deploy` …); undefined when absent. */
  get(kindOrResource: string, name: string, namespace = 'default'): Obj | undefined {
    const r = this.registry.resolve(kindOrResource);
    if (!r) throw new Error(`unknown resource ${kindOrResource}`);
    const res = this.request({ method: 'GET', path: objectPath(r, namespace, name) });
    return res.status === 200 ? (res.body as Obj) : undefined;
  }

  /** Lists objects (`namespace` undefined ⇒ all namespaces), optionally with a label selector. */
  list(kindOrResource: string, namespace?: string, labelSelector?: string): Obj[] {
    const r = this.registry.resolve(kindOrResource);
    if (!r) throw new Error(`unknown resource ${kindOrResource}`);
    const path = namespace && r.namespaced ? collectionPath(r, namespace) : collectionPath({ ...r, namespaced: false }, '');
    const res = this.request({ method: 'GET', path, query: labelSelector ? { labelSelector } : undefined });
    return res.status === 200 ? ((res.body as Obj).items as Obj[]) : [];
  }

  advance(ms: number): void {
    this.engine.advance(ms);
  }

  runUntilIdle(maxEvents?: number): number {
    return this.engine.runUntilIdle(maxEvents);
  }

  now(): number {
    return this.engine.now();
  }
}

export function createCluster(options: ClusterOptions = {}): Cluster {
  return new Cluster(options);
}
