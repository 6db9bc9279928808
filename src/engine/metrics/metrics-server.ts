/**
 * metrics-server (kubernetes-sigs/metrics-server, as deployed in kube-system): scrapes every node's kubelet each
 * `--metric-resolution` (15 s) and serves the `metrics.k8s.io/v1beta1` API — NodeMetrics and PodMetrics — through
 * the apiserver's aggregation layer, which is what `kubectl top` and the HPA controller read.
 *
 * Usage comes from a `UsageSource` (the kubelets' numbers; `SyntheticUsageSource` until the kubelet exposes
 * them). As upstream, a rate needs two cumulative samples: a pod appears one resolution after it started
 * running. Objects carry upstream's shape: `usage.cpu` in nanocores (`123456789n`), `usage.memory` in `Ki`, the
 * scrape's `timestamp` and the sample `window`.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Engine } from '../engine';
import type { ApiServer } from '../apiserver/apiserver';
import type { ResourceInfo, ResourceRegistry } from '../apiserver/registry';
import type { ApiRequest, ApiResponse } from '../apiserver/types';
import type { RequestInfo } from '../apiserver/request-info';
import { badRequest, notFound, respond, methodNotSupported } from '../apiserver/status';
import { parseLabelSelector } from '../apiserver/selectors/labels';
import { KubeClient } from '../client/rest-client';
import { SharedInformerFactory } from '../client/informer-factory';
import { registerTarget } from '../client/clock-target';
import { SimulatedLoad, SyntheticUsageSource, type ContainerUsage, type NodeUsage, type UsageSource } from './usage-source';
import { cpuQuantity, goDuration, memoryQuantity } from './format';

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';
const API_VERSION = `${METRICS_GROUP}/${METRICS_VERSION}`;
/** --metric-resolution. */
export const METRIC_RESOLUTION_MS = 15_000;
const POD_WINDOW_MS = 15_000;
/** The kubelet's node counters are sampled on cAdvisor's housekeeping cadence (10 s + jitter). */
const NODE_WINDOW_BASE_MS = 10_000;

interface PodPoint {
  timestampMs: number;
  containers: ContainerUsage[];
}

interface NodePoint extends NodeUsage {
  timestampMs: number;
  windowMs: number;
}

export interface MetricsServerOptions {
  /** The kubelets' numbers; without it, the pod-derived fallback. */
  usage?: UsageSource;
  resolutionMs?: number;
}

export class MetricsServer {
  readonly client: KubeClient;
  readonly informers: SharedInformerFactory;
  /** The scraped numbers, with the scenario's load on top (`load.setLoad(...)`). */
  readonly load: SimulatedLoad;
  private readonly target: string;
  private readonly resolutionMs: number;
  private readonly nodes;
  private readonly pods;
  /** Pods seen at the previous scrape (a rate needs two samples). */
  private seenBefore = new Set<string>();
  private podPoints = new Map<string, PodPoint>();
  private nodePoints = new Map<string, NodePoint>();
  private running = false;

  constructor(
    private readonly engine: Engine,
    private readonly apiserver: ApiServer,
    registry: ResourceRegistry,
    opts: MetricsServerOptions = {},
  ) {
    this.resolutionMs = opts.resolutionMs ?? METRIC_RESOLUTION_MS;
    this.client = new KubeClient(apiserver, registry, 'metrics-server');
    this.informers = new SharedInformerFactory(engine, this.client);
    this.nodes = this.informers.informerFor<Node>({ group: '', version: 'v1', resource: 'nodes' });
    this.pods = this.informers.informerFor<Pod>({ group: '', version: 'v1', resource: 'pods' });
    this.load = new SimulatedLoad(opts.usage ?? new SyntheticUsageSource(engine.rng), engine.rng, (ns) => this.pods.lister.namespace(ns).list());
    this.target = registerTarget(engine, 'metrics-server', () => this.scrape());
    registerMetricsApi(registry);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.apiserver.serveAggregated(METRICS_GROUP, (req, info, resource) => this.serve(req, info, resource));
    this.informers.start();
    this.engine.clock.schedule(this.resolutionMs, this.target, 'scrape');
  }

  stop(): void {
    this.running = false;
    this.engine.clock.cancel(this.target, 'scrape');
    this.informers.shutdown();
  }

  /** One collection cycle: every running pod and every node. */
  private scrape(): void {
    if (!this.running) return;
    const now = this.engine.now();
    const seen = new Set<string>();
    const podPoints = new Map<string, PodPoint>();
    const byNode = new Map<string, Pod[]>();
    for (const pod of this.pods.lister.list()) {
      const key = `${pod.metadata?.namespace}/${pod.metadata?.name}/${pod.metadata?.uid}`;
      const containers = this.load.podUsage(pod, this.engine.epochMs + now);
      if (!containers) continue;
      seen.add(key);
      const node = pod.spec?.nodeName ?? '';
      byNode.set(node, [...(byNode.get(node) ?? []), pod]);
      if (this.seenBefore.has(key)) podPoints.set(`${pod.metadata?.namespace}/${pod.metadata?.name}`, { timestampMs: now, containers });
    }
    this.seenBefore = seen;
    this.podPoints = podPoints;
    const nodePoints = new Map<string, NodePoint>();
    for (const node of this.nodes.lister.list()) {
      const name = node.metadata?.name ?? '';
      const usage = this.load.nodeUsage(node, byNode.get(name) ?? [], this.engine.epochMs + now);
      if (!usage) continue;
      nodePoints.set(name, { ...usage, timestampMs: now - this.engine.rng.int(2000), windowMs: NODE_WINDOW_BASE_MS + this.engine.rng.int(150) });
    }
    this.nodePoints = nodePoints;
    this.engine.clock.schedule(this.resolutionMs, this.target, 'scrape');
  }

  // The API ----------------------------------------------------------------------------------------------------

  private serve(req: ApiRequest, info: RequestInfo, resource: ResourceInfo): ApiResponse {
    if (info.verb !== 'get' && info.verb !== 'list') return respond(methodNotSupported({ group: METRICS_GROUP, resource: resource.plural }, info.verb));
    let matches = (_labels: Record<string, string> | undefined) => true;
    const selector = req.query?.labelSelector;
    if (selector) {
      const parsed = parseLabelSelector(selector);
      if (!parsed.ok) return respond(badRequest(parsed.error));
      matches = (labels) => parsed.selector.matches(labels ?? {});
    }
    const created = this.engine.timestamp();
    if (resource.plural === 'nodes') {
      const toItem = (node: Node) => this.nodeMetrics(node, created);
      if (info.verb === 'get') {
        const node = this.nodes.lister.get(info.name);
        const item = node && toItem(node);
        return item ? { status: 200, body: { kind: 'NodeMetrics', apiVersion: API_VERSION, ...item } } : respond(notFound({ group: METRICS_GROUP, resource: 'nodemetrics' }, info.name));
      }
      const items = this.nodes.lister
        .list()
        .filter((n) => matches(n.metadata?.labels))
        .map(toItem)
        .filter((x) => x !== undefined)
        .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
      return { status: 200, body: { kind: 'NodeMetricsList', apiVersion: API_VERSION, metadata: {}, items } };
    }
    const toItem = (pod: Pod) => this.podMetrics(pod, created);
    if (info.verb === 'get') {
      const pod = this.pods.lister.namespace(info.namespace).get(info.name);
      const item = pod && toItem(pod);
      return item ? { status: 200, body: { kind: 'PodMetrics', apiVersion: API_VERSION, ...item } } : respond(notFound({ group: METRICS_GROUP, resource: 'podmetrics' }, info.name));
    }
    const pods = info.namespace ? this.pods.lister.namespace(info.namespace).list() : this.pods.lister.list();
    const items = pods
      .filter((p) => matches(p.metadata?.labels))
      .map(toItem)
      .filter((x) => x !== undefined)
      .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
    return { status: 200, body: { kind: 'PodMetricsList', apiVersion: API_VERSION, metadata: {}, items } };
  }

  private nodeMetrics(node: Node, created: string) {
    const name = node.metadata?.name ?? '';
    const point = this.nodePoints.get(name);
    if (!point) return undefined;
    return {
      metadata: { name, creationTimestamp: created, ...(node.metadata?.labels ? { labels: node.metadata.labels } : {}) },
      timestamp: this.engine.timestamp(point.timestampMs),
      window: goDuration(point.windowMs),
      usage: { cpu: cpuQuantity(point.cpuNanoCores), memory: memoryQuantity(point.memoryBytes) },
    };
  }

  private podMetrics(pod: Pod, created: string) {
    const point = this.podPoints.get(`${pod.metadata?.namespace}/${pod.metadata?.name}`);
    if (!point) return undefined;
    return {
      metadata: {
        name: pod.metadata?.name ?? '',
        namespace: pod.metadata?.namespace ?? '',
        creationTimestamp: created,
        ...(pod.metadata?.labels ? { labels: pod.metadata.labels } : {}),
      },
      timestamp: this.engine.timestamp(point.timestampMs),
      window: goDuration(POD_WINDOW_MS),
      containers: point.containers.map((c) => ({ name: c.name, usage: { cpu: cpuQuantity(c.cpuNanoCores), memory: memoryQuantity(c.memoryBytes) } })),
    };
  }
}

/** The metrics.k8s.io resources, served by aggregation (kube-aggregator's APIService v1beta1.metrics.k8s.io). */
export function registerMetricsApi(registry: ResourceRegistry): void {
  if (registry.get(METRICS_GROUP, METRICS_VERSION, 'nodes')) return;
  const common = { group: METRICS_GROUP, version: METRICS_VERSION, verbs: ['get', 'list'], subresources: [], shortNames: [], categories: [], aggregated: true };
  registry.register({ ...common, kind: 'NodeMetrics', plural: 'nodes', singular: '', namespaced: false });
  registry.register({ ...common, kind: 'PodMetrics', plural: 'pods', singular: '', namespaced: true });
}
