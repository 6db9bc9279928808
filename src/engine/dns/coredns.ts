/**
 * CoreDNS's `kubernetes` plugin (zone cluster.local), answering from its own informers on Services and
 * EndpointSlices as the plugin does:
 *   <svc>.<ns>.svc.cluster.local            ClusterIP; headless ⇒ the ready endpoints' addresses;
 *                                           ExternalName ⇒ CNAME to the external name
 *   <hostname>.<svc>.<ns>.svc.cluster.local a named endpoint (StatefulSet pods of the governing Service)
 *   <a-b-c-d>.<svc>.<ns>.svc.cluster.local  an endpoint by its address
 *   <a-b-c-d>.<ns>.pod.cluster.local        the address itself (`pods insecure`)
 * Everything else in the zone is NXDOMAIN; names outside it go to `forward . /etc/resolv.conf`, which in this
 * offline cluster knows nothing.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Engine } from '../engine';
import type { ApiEndpoint } from '../apiserver/types';
import type { ResourceRegistry } from '../apiserver/registry';
import { KubeClient } from '../client/rest-client';
import { SharedInformerFactory } from '../client/informer-factory';
import type { SharedIndexInformer } from '../client/informer';
import { selectorFromSet } from '../apiserver/selectors/labels';
import { ENDPOINT_SLICES, LABEL_SERVICE_NAME, SERVICES } from '../network/resources';
import { isHeadless } from '../network/service-util';
import { CLUSTER_DOMAIN } from './resolv-conf';

export interface DnsAnswerRecord {
  rcode: 'NOERROR' | 'NXDOMAIN';
  /** The name asked. */
  name: string;
  /** A records (after following a CNAME inside the zone). */
  addresses: string[];
  /** The CNAME target, for ExternalName Services. */
  cname?: string;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export class CoreDns {
  readonly clientName = 'coredns';
  private readonly informers: SharedInformerFactory;
  private readonly services: SharedIndexInformer<Service>;
  private readonly slices: SharedIndexInformer<EndpointSlice>;

  constructor(
    engine: Engine,
    endpoint: ApiEndpoint,
    registry: ResourceRegistry,
    readonly domain = CLUSTER_DOMAIN,
  ) {
    const client = new KubeClient(endpoint, registry, this.clientName);
    this.informers = new SharedInformerFactory(engine, client);
    this.services = this.informers.informerFor<Service>(SERVICES);
    this.slices = this.informers.informerFor<EndpointSlice>(ENDPOINT_SLICES);
  }

  start(): void {
    this.informers.start();
  }

  stop(): void {
    this.informers.shutdown();
  }

  /** The plugin serves once its caches have synced (before that, queries get SERVFAIL upstream). */
  get ready(): boolean {
    return this.informers.hasSynced();
  }

  /** Answers one fully-qualified name. */
  query(fqdn: string, depth = 0): DnsAnswerRecord {
    const name = fqdn.replace(/\.$/, '').toLowerCase();
    const nx: DnsAnswerRecord = { rcode: 'NXDOMAIN', name, addresses: [] };
    const suffix = `.${this.domain}`;
    if (!name.endsWith(suffix)) return nx;
    const labels = name.slice(0, -suffix.length).split('.');
    const kind = labels[labels.length - 1];

    if (kind === 'pod' && labels.length === 3) {
      const ip = labels[0].replace(/-/g, '.');
      return IPV4.test(ip) ? { rcode: 'NOERROR', name, addresses: [ip] } : nx;
    }
    if (kind !== 'svc' || (labels.length !== 3 && labels.length !== 4)) return nx;
    const [svcName, ns] = labels.slice(-3, -1);
    const svc = this.services.lister.namespace(ns).get(svcName);
    if (!svc) return nx;
    const endpoints = this.readyEndpoints(svc);

    if (labels.length === 4) {
      const host = labels[0];
      const hit = endpoints.filter((e) => e.hostname === host || e.address.replace(/\./g, '-') === host);
      return hit.length ? { rcode: 'NOERROR', name, addresses: [...new Set(hit.map((e) => e.address))] } : nx;
    }
    if (svc.spec?.type === 'ExternalName') {
      const target = (svc.spec.externalName ?? '').replace(/\.$/, '');
      const chased = depth < 8 ? this.query(target, depth + 1) : undefined;
      return { rcode: 'NOERROR', name, addresses: chased?.addresses ?? [], cname: target };
    }
    if (isHeadless(svc)) return { rcode: 'NOERROR', name, addresses: [...new Set(endpoints.map((e) => e.address))].sort(compareIPs) };
    return { rcode: 'NOERROR', name, addresses: svc.spec?.clusterIP ? [svc.spec.clusterIP] : [] };
  }

  private readyEndpoints(svc: Service): { address: string; hostname?: string }[] {
    const slices = this.slices.lister.namespace(svc.metadata!.namespace!).list(selectorFromSet({ [LABEL_SERVICE_NAME]: svc.metadata!.name! }));
    const out: { address: string; hostname?: string }[] = [];
    for (const s of slices) {
      if (s.addressType !== 'IPv4') continue;
      for (const ep of s.endpoints ?? []) {
        if (ep.conditions?.ready === false) continue;
        for (const address of ep.addresses) out.push({ address, hostname: ep.hostname });
      }
    }
    return out;
  }
}

function compareIPs(a: string, b: string): number {
  const n = (ip: string) => ip.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);
  return n(a) - n(b);
}
