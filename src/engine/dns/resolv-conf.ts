/**
 * A pod's /etc/resolv.conf as the kubelet writes it (pkg/kubelet/network/dns) and the stub resolver's search
 * algorithm over it (glibc/musl): names with fewer than `ndots` dots try each search domain first, then the name
 * as given; names with enough dots (or a trailing dot) are tried as given first.
 */
import type { Pod } from 'kubernetes-types/core/v1';

export const CLUSTER_DOMAIN = 'cluster.local';
export const CLUSTER_DNS_IP = '10.96.0.10';

export interface ResolvConf {
  nameservers: string[];
  searches: string[];
  ndots: number;
}

/** The node's own resolv.conf (kind nodes resolve through docker's embedded DNS). */
export const NODE_RESOLV_CONF: ResolvConf = { nameservers: ['172.18.0.1'], searches: [], ndots: 1 };

export function podResolvConf(pod: Pod, clusterDNS = CLUSTER_DNS_IP, domain = CLUSTER_DOMAIN): ResolvConf {
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const ns = pod.metadata?.namespace ?? 'default';
  let conf: ResolvConf;
  const clusterFirst = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.spec?.hostNetwork);
  if (policy === 'None') conf = { nameservers: [], searches: [], ndots: 1 };
  else if (clusterFirst) conf = { nameservers: [clusterDNS], searches: [`${ns}.svc.${domain}`, `svc.${domain}`, domain], ndots: 5 };
  else conf = { ...NODE_RESOLV_CONF, searches: [...NODE_RESOLV_CONF.searches] };
  const extra = pod.spec?.dnsConfig;
  if (extra) {
    conf.nameservers = [...conf.nameservers, ...(extra.nameservers ?? [])].slice(0, 3);
    conf.searches = [...conf.searches, ...(extra.searches ?? [])];
    const ndots = extra.options?.find((o) => o.name === 'ndots')?.value;
    if (ndots !== undefined && /^\d+$/.test(ndots)) conf.ndots = Number(ndots);
  }
  return conf;
}

export function renderResolvConf(conf: ResolvConf): string {
  const lines: string[] = [];
  if (conf.searches.length) lines.push(`search ${conf.searches.join(' ')}`);
  for (const ns of conf.nameservers) lines.push(`nameserver ${ns}`);
  lines.push(`options ndots:${conf.ndots}`);
  return `${lines.join('\n')}\n`;
}

/** The fully-qualified names the resolver tries for `name`, in order. */
export function candidateNames(name: string, conf: ResolvConf): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = conf.searches.map((s) => `${name}.${s}`);
  return dots >= conf.ndots ? [name, ...searched] : [...searched, name];
}
