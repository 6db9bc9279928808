/**
 * The simulated data path of the cluster network: flannel-style flat pod networking (every pod reaches every
 * pod IP directly, across nodes), kube-proxy's rules on each node for virtual IPs, NodePorts and load-balancer
 * IPs, and CoreDNS for names. Containers get a `RuntimeHost` from `hostFor(pod)`; lessons and the UI send
 * bulk traffic with `sendTraffic`.
 *
 * A connection to a virtual address is decided by the SOURCE node's netfilter — whatever kube-proxy last wrote
 * there, stale or not — with the statistic and recent matches drawn from this network's own seeded RNG, so
 * runs repeat and other components' random draws are untouched.
 */
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { Engine } from '../engine';
import type { ApiEndpoint } from '../apiserver/types';
import type { ResourceRegistry } from '../apiserver/registry';
import { KubeClient } from '../client/rest-client';
import { SharedInformerFactory } from '../client/informer-factory';
import type { SharedIndexInformer } from '../client/informer';
import { unwrapTombstone } from '../client/object-keys';
import { Rng } from '../util/rng';
import type { DnsResult, HttpRequest, HttpResult, RuntimeHost } from '../runtime/host';
import { KubeProxy } from '../proxy/kube-proxy';
import type { Packet, Proto } from '../proxy/iptables';
import { CoreDns } from '../dns/coredns';
import { CLUSTER_DNS_IP, candidateNames, podResolvConf, type ResolvConf } from '../dns/resolv-conf';
import { NODES, PODS, SERVICES } from './resources';
import { PodSandboxTable, type PodNetworkRegistry } from './pod-network-registry';

/** kind's docker network gateway: where "outside the cluster" (the laptop) connects from. */
export const EXTERNAL_CLIENT_IP = '172.18.0.1';
const POD_IP_INDEX = 'status.podIP';
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export interface ClusterNetworkOptions {
  seed?: number;
  /** The pod network (kube-proxy's --cluster-cidr). */
  clusterCIDR?: string;
  /** Where containers are found; a PodSandboxTable (exposed as `sandboxes`) when omitted. */
  registry?: PodNetworkRegistry;
}

/** A DNS answer, or why there is none: `timeout` when no DNS server could be reached. */
export type ClusterDnsResult = DnsResult & { error?: 'timeout' };

export type TrafficSource = { pod: string | { namespace: string; name: string } } | { external: true; via: 'nodeport' | 'loadbalancer'; node?: string };

export type ConnectionOutcome = 'ok' | 'refused' | 'timeout' | 'no-such-host';

/** How one connection went. */
export interface ConnectionTrace {
  /** The node whose rules decided (undefined for direct pod-to-pod traffic). */
  node?: string;
  /** Chains walked, in order. */
  chains: string[];
  /** Destination as sent, `ip:port`. */
  destination: string;
  /** Destination after DNAT, `ip:port`. */
  endpoint?: string;
  /** The pod that answered, `namespace/name`. */
  pod?: string;
  /** The rule that DNATed, rejected or dropped, as iptables-save prints it. */
  rule?: string;
  outcome: ConnectionOutcome;
}

export interface TrafficOptions {
  from: TrafficSource;
  /** `svc`, `svc.ns`, `svc.ns:port`, a DNS name, or `ip:port`. */
  to: string;
  count?: number;
  path?: string;
  /** Virtual ms between requests (affinity timeouts); 0 by default. */
  intervalMs?: number;
}

export interface TrafficRequestRecord extends ConnectionTrace {
  i: number;
  status?: number;
  body?: string;
}

export interface TrafficReport {
  requests: TrafficRequestRecord[];
  /** Answered requests per pod (`namespace/name`). */
  byPod: Record<string, number>;
  /** Requests per outcome. */
  outcomes: Record<ConnectionOutcome, number>;
}

interface Origin {
  /** Source address as the packet leaves. */
  ip: string;
  node?: string;
  hostNetwork: boolean;
  /** The pod, for DNS search paths. */
  pod?: Pod;
}

export class ClusterNetwork {
  readonly sandboxes: PodSandboxTable;
  readonly registry: PodNetworkRegistry;
  readonly dns: CoreDns;
  readonly proxies = new Map<string, KubeProxy>();
  readonly rng: Rng;
  private readonly informers: SharedInformerFactory;
  private readonly pods: SharedIndexInformer<Pod>;
  private readonly nodes: SharedIndexInformer<Node>;
  private readonly services: SharedIndexInformer<Service>;
  private lbNext = 0;

  constructor(
    private readonly engine: Engine,
    private readonly endpoint: ApiEndpoint,
    private readonly apiRegistry: ResourceRegistry,
    private readonly opts: ClusterNetworkOptions = {},
  ) {
    this.rng = new Rng(((opts.seed ?? 1) ^ 0x6e657477) >>> 0);
    this.sandboxes = new PodSandboxTable();
    this.registry = opts.registry ?? this.sandboxes;
    this.dns = new CoreDns(engine, endpoint, apiRegistry);
    // The fabric's own view of the cluster (what the kernel and CNI know: addresses of pods and nodes).
    this.informers = new SharedInformerFactory(engine, new KubeClient(endpoint, apiRegistry, 'cni/flannel'));
    this.pods = this.informers.informerFor<Pod>(PODS, {
      indexers: { [POD_IP_INDEX]: (p) => (p.status?.podIP && !p.spec?.hostNetwork ? [p.status.podIP] : []) },
    });
    this.nodes = this.informers.informerFor<Node>(NODES);
    this.services = this.informers.informerFor<Service>(SERVICES);
    this.nodes.addEventHandler({
      onAdd: (n) => this.ensureProxy(n.metadata!.name!),
      onDelete: (n) => this.removeProxy(unwrapTombstone(n).metadata!.name!),
    });
  }

  start(): void {
    this.informers.start();
    this.dns.start();
  }

  /** kube-proxy on a node (one starts for every registered Node). */
  proxy(node: string): KubeProxy | undefined {
    return this.proxies.get(node);
  }

  private ensureProxy(node: string): void {
    if (this.proxies.has(node)) return;
    const proxy = new KubeProxy(this.engine, this.endpoint, this.apiRegistry, { nodeName: node, clusterCIDR: this.opts.clusterCIDR ?? '10.244.0.0/16' });
    this.proxies.set(node, proxy);
    proxy.start();
  }

  private removeProxy(node: string): void {
    this.proxies.get(node)?.stop();
    this.proxies.delete(node);
  }

  // Addressing ---------------------------------------------------------------------------------------------

  private podByKey(namespace: string, name: string): Pod | undefined {
    return this.pods.lister.namespace(namespace).get(name);
  }

  podByIP(ip: string): Pod | undefined {
    return this.pods.indexer.byIndex(POD_IP_INDEX, ip)[0];
  }

  nodeIPs(node: Node): string[] {
    return (node.status?.addresses ?? []).filter((a) => a.type === 'InternalIP' || a.type === 'ExternalIP').map((a) => a.address);
  }

  private nodeByIP(ip: string): Node | undefined {
    return this.nodes.lister.list().find((n) => this.nodeIPs(n).includes(ip));
  }

  private originOf(pod: Pod): Origin | undefined {
    const ip = pod.status?.podIP;
    if (!ip || !pod.spec?.nodeName) return undefined;
    return { ip, node: pod.spec.nodeName, hostNetwork: !!pod.spec.hostNetwork, pod };
  }

  // DNS ----------------------------------------------------------------------------------------------------

  /** Resolves `name` as a resolver inside `pod` would (its resolv.conf, search list and ndots). */
  resolveFrom(pod: Pod, name: string): ClusterDnsResult {
    const conf = podResolvConf(pod);
    const origin = this.originOf(pod);
    return this.resolveWith(conf, origin, name);
  }

  private resolveWith(conf: ResolvConf, origin: Origin | undefined, name: string): ClusterDnsResult {
    const server = conf.nameservers[0] ?? CLUSTER_DNS_IP;
    if (IPV4.test(name)) return { server, answer: { name, addresses: [name] } };
    if (server !== CLUSTER_DNS_IP) return { server }; // the node's resolver knows no cluster names
    if (!origin || !this.dnsReachable(origin)) return { server, error: 'timeout' };
    for (const candidate of candidateNames(name, conf)) {
      const r = this.dns.query(candidate);
      if (r.rcode === 'NOERROR') return { server, answer: { name: r.name, addresses: r.addresses } };
    }
    return { server };
  }

  /** Whether the cluster DNS Service leads somewhere from this origin: a running, ready CoreDNS pod. */
  private dnsReachable(origin: Origin): boolean {
    const verdict = this.route(origin, CLUSTER_DNS_IP, 53, 'udp');
    if (!verdict.endpoint) return false;
    const pod = this.podByIP(verdict.endpoint.split(':')[0]);
    return !!pod && pod.status?.phase === 'Running' && !pod.metadata?.deletionTimestamp && this.dns.ready;
  }

  // Routing ------------------------------------------------------------------------------------------------

  /** Where a new connection from `origin` to `ip:port` goes, according to the origin node's rules. */
  route(origin: Origin, ip: string, port: number, proto: Proto = 'tcp'): ConnectionTrace {
    const destination = `${ip}:${port}`;
    if (ip === origin.ip || ip.startsWith('127.')) return { chains: [], destination, endpoint: `${origin.ip}:${port}`, outcome: 'ok' };
    if (this.podByIP(ip)) return { chains: [], destination, endpoint: destination, outcome: 'ok' };
    const nodeName = origin.node;
    const node = nodeName ? this.nodes.lister.get(nodeName) : undefined;
    const proxy = nodeName ? this.proxies.get(nodeName) : undefined;
    if (!node || !proxy) return { chains: [], destination, outcome: 'timeout' };
    const local = this.nodeIPs(node);
    const packet: Packet = { src: origin.ip, dst: ip, dport: port, proto, dstLocal: local.includes(ip), srcLocal: local.includes(origin.ip) };
    const v = proxy.netfilter.evaluate(packet, { random: () => this.rng.next(), nowMs: this.engine.now() }, origin.hostNetwork ? 'OUTPUT' : 'PREROUTING');
    const trace: ConnectionTrace = { node: nodeName, chains: v.path, destination, rule: v.rule, outcome: 'ok' };
    if (v.verdict === 'REJECT') return { ...trace, outcome: 'refused' };
    if (v.verdict === 'DROP') return { ...trace, outcome: 'timeout' };
    if (v.dnat) return { ...trace, endpoint: v.dnat };
    // Not rewritten: a node address reaches that node's host-network processes; anything else goes nowhere.
    if (this.nodeByIP(ip)) return { ...trace, endpoint: destination };
    return { ...trace, outcome: 'timeout' };
  }

  /** Delivers an HTTP request to whatever listens at `endpoint` (`ip:port`). */
  private deliver(trace: ConnectionTrace, req: Omit<HttpRequest, 'port'>, sourceIP: string): { trace: ConnectionTrace; result: HttpResult } {
    const address = trace.destination.split(':')[0];
    if (trace.outcome !== 'ok' || !trace.endpoint) {
      const error = trace.outcome === 'refused' ? 'connection-refused' : 'timeout';
      return { trace, result: { error, address } };
    }
    const [ip, portText] = trace.endpoint.split(':');
    const port = Number(portText);
    const pod = this.podByIP(ip);
    const podKey = pod ? `${pod.metadata!.namespace}/${pod.metadata!.name}` : undefined;
    const container = this.registry.containerFor(ip, port);
    if (!container) {
      const alive = pod ? pod.status?.phase === 'Running' : !!this.nodeByIP(ip);
      const outcome: ConnectionOutcome = alive ? 'refused' : 'timeout';
      return { trace: { ...trace, pod: podKey, outcome }, result: { error: alive ? 'connection-refused' : 'timeout', address } };
    }
    const res = container.handleHttp(port, { ...req, remoteAddr: sourceIP }, this.engine.now());
    if ('error' in res) {
      const outcome: ConnectionOutcome = res.error === 'connection-refused' ? 'refused' : res.error === 'timeout' ? 'timeout' : 'ok';
      return { trace: { ...trace, pod: podKey, outcome }, result: res };
    }
    return { trace: { ...trace, pod: podKey }, result: { ...res, address: trace.destination, latencyMs: res.latencyMs ?? 1 } };
  }

  /** One HTTP request from a pod, as curl/wget in its containers send it. */
  httpFrom(pod: Pod, req: HttpRequest): { trace: ConnectionTrace; result: HttpResult } {
    const origin = this.originOf(pod);
    const destination = `${req.host}:${req.port}`;
    if (!origin) return { trace: { chains: [], destination, outcome: 'timeout' }, result: { error: 'timeout', address: req.host } };
    let ip = req.host;
    if (req.host === 'localhost') ip = '127.0.0.1';
    else if (!IPV4.test(req.host)) {
      const r = this.resolveFrom(pod, req.host);
      const first = r.answer?.addresses[0];
      if (!first) return { trace: { chains: [], destination, outcome: 'no-such-host' }, result: { error: 'no-such-host' } };
      ip = first;
    }
    const trace = this.route(origin, ip, req.port);
    const { port: _port, ...rest } = req;
    void _port;
    return this.deliver(trace, rest, this.sourceAfterNat(origin, trace));
  }

  /** The client address the server sees: the pod's own, or its node's when kube-proxy masqueraded. */
  private sourceAfterNat(origin: Origin, trace: ConnectionTrace): string {
    const masqueraded = trace.chains.includes('KUBE-MARK-MASQ');
    if (!masqueraded || !trace.node) return origin.ip;
    const node = this.nodes.lister.get(trace.node);
    return (node && this.nodeIPs(node)[0]) ?? origin.ip;
  }

  /** The RuntimeHost for a pod's containers (the kubelet passes it to the runtime). */
  hostFor(namespace: string, name: string): RuntimeHost {
    return {
      resolve: (host) => {
        const pod = this.podByKey(namespace, name);
        return pod ? this.resolveFrom(pod, host) : { server: CLUSTER_DNS_IP, error: 'timeout' } as ClusterDnsResult;
      },
      http: (req) => {
        const pod = this.podByKey(namespace, name);
        if (!pod) return { error: 'timeout', address: req.host };
        return this.httpFrom(pod, req).result;
      },
    };
  }

  // Bulk traffic -------------------------------------------------------------------------------------------

  /** Sends `count` requests and reports, per request, which node's rules chose which endpoint, and a summary. */
  sendTraffic(opts: TrafficOptions): TrafficReport {
    const count = opts.count ?? 1;
    const path = opts.path ?? '/';
    const requests: TrafficRequestRecord[] = [];
    for (let i = 0; i < count; i++) {
      if (i > 0 && opts.intervalMs) this.engine.advance(opts.intervalMs);
      const { trace, result } = this.sendOne(opts.from, opts.to, path);
      const record: TrafficRequestRecord = { i, ...trace };
      if (!('error' in result)) {
        record.status = result.status;
        record.body = result.body;
      }
      requests.push(record);
    }
    const byPod: Record<string, number> = {};
    const outcomes: Record<ConnectionOutcome, number> = { ok: 0, refused: 0, timeout: 0, 'no-such-host': 0 };
    for (const r of requests) {
      outcomes[r.outcome]++;
      if (r.outcome === 'ok' && r.pod) byPod[r.pod] = (byPod[r.pod] ?? 0) + 1;
    }
    return { requests, byPod, outcomes };
  }

  private sendOne(from: TrafficSource, to: string, path: string): { trace: ConnectionTrace; result: HttpResult } {
    const headers = { 'User-Agent': 'curl/8.5.0', Accept: '*/*' };
    if ('pod' in from) {
      const { namespace, name } = typeof from.pod === 'string' ? splitPodRef(from.pod) : from.pod;
      const pod = this.podByKey(namespace, name);
      if (!pod) return { trace: { chains: [], destination: to, outcome: 'timeout' }, result: { error: 'timeout', address: to } };
      const target = this.parseTarget(to, namespace);
      return this.httpFrom(pod, { method: 'GET', host: target.host, port: target.port, path, headers });
    }
    return this.sendExternal(from, to, path, headers);
  }

  /** `svc.ns:port` ⇒ host and port; the Service's first port when none is given. */
  private parseTarget(to: string, defaultNs: string): { host: string; port: number; service?: Service } {
    const m = /^(.*?)(?::(\d+))?$/.exec(to)!;
    const host = m[1];
    let port = m[2] ? Number(m[2]) : undefined;
    let service: Service | undefined;
    if (!IPV4.test(host)) {
      const parts = host.split('.');
      const ns = parts.length >= 2 && parts[1] !== 'svc' ? parts[1] : defaultNs;
      service = this.services.lister.namespace(ns).get(parts[0]);
      port ??= service?.spec?.ports?.[0]?.port;
    }
    return { host, port: port ?? 80, service };
  }

  private sendExternal(from: { via: 'nodeport' | 'loadbalancer'; node?: string }, to: string, path: string, headers: Record<string, string>): { trace: ConnectionTrace; result: HttpResult } {
    const target = this.parseTarget(to, 'default');
    const svc = target.service;
    const fail = (destination: string): { trace: ConnectionTrace; result: HttpResult } => ({ trace: { chains: [], destination, outcome: 'timeout' }, result: { error: 'timeout', address: destination } });
    if (!svc) return fail(to);
    const sp = svc.spec?.ports?.find((p) => p.port === target.port) ?? svc.spec?.ports?.[0];
    const nodes = this.nodes.lister.list().sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!));
    let node = from.node ? nodes.find((n) => n.metadata!.name === from.node) : undefined;
    let ip: string | undefined;
    let port: number | undefined;
    if (from.via === 'nodeport') {
      node ??= nodes.find((n) => !('node-role.kubernetes.io/control-plane' in (n.metadata?.labels ?? {}))) ?? nodes[0];
      ip = node ? this.nodeIPs(node)[0] : undefined;
      port = sp?.nodePort;
    } else {
      // The load balancer hands each connection to one of the nodes, which routes the LB IP with its own rules.
      ip = svc.status?.loadBalancer?.ingress?.[0]?.ip;
      port = sp?.port;
      node ??= nodes.length ? nodes[this.lbNext++ % nodes.length] : undefined;
    }
    if (!ip || !port || !node) return fail(ip && port ? `${ip}:${port}` : to);
    const origin: Origin = { ip: EXTERNAL_CLIENT_IP, node: node.metadata!.name, hostNetwork: false };
    const trace = this.route(origin, ip, port);
    return this.deliver(trace, { method: 'GET', host: ip, path, headers }, this.sourceAfterNat(origin, trace));
  }
}

function splitPodRef(ref: string): { namespace: string; name: string } {
  const i = ref.indexOf('/');
  return i < 0 ? { namespace: 'default', name: ref } : { namespace: ref.slice(0, i), name: ref.slice(i + 1) };
}
