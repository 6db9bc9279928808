/**
 * The iptables proxier's rule generation (pkg/proxy/iptables/proxier.go syncProxyRules), for IPv4: from the
 * Service ports and their endpoints, the full nat and filter tables a node gets —
 *   KUBE-SERVICES   ClusterIP (and load-balancer IP) ⇒ KUBE-SVC-… / KUBE-EXT-…, last the jump to KUBE-NODEPORTS
 *   KUBE-NODEPORTS  NodePort ⇒ KUBE-EXT-…
 *   KUBE-EXT-…      masquerade, then the policy chain
 *   KUBE-SVC-…      one `-m statistic --probability 1/(n-i)` jump per endpoint (ClientIP affinity first checks
 *                   `-m recent`), the last unconditional
 *   KUBE-SEP-…      hairpin masquerade, DNAT to `ip:port`
 * and REJECT rules in the filter table for Services without endpoints.
 */
import { clusterPolicyChain, endpointChain, externalChain, localPolicyChain } from './chain-names';
import { emptyTable, type Match, type Rule, type Table } from './iptables';
import { categorizeEndpoints, type EndpointInfo, type ServicePortInfo } from './service-port';

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
const MASQ_MARK = '0x4000/0x4000';

export interface ProxierConfig {
  nodeName: string;
  /** --cluster-cidr, for the local-traffic detector (`! -s <cidr>` masquerades off-cluster sources). */
  clusterCIDR?: string;
}

export interface ProgrammedTables {
  nat: Table;
  filter: Table;
}

const comment = (text: string): Match => ({ m: 'comment', text });

/** proxier.probability: 1/n with ten decimals, as kube-proxy writes it into the restore input. */
export function probability(n: number): number {
  return Number((1 / n).toFixed(10));
}

function baseTables(): ProgrammedTables {
  const nat = emptyTable('nat');
  const filter = emptyTable('filter');
  nat.chains.push(KUBE_MARK_MASQ, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_SERVICES);
  nat.rules.push(
    { chain: 'PREROUTING', matches: [comment('kubernetes service portals')], target: KUBE_SERVICES },
    { chain: 'OUTPUT', matches: [comment('kubernetes service portals')], target: KUBE_SERVICES },
    { chain: 'POSTROUTING', matches: [comment('kubernetes postrouting rules')], target: KUBE_POSTROUTING },
    { chain: KUBE_MARK_MASQ, matches: [], target: 'MARK', targetArgs: `--set-xmark ${MASQ_MARK}` },
    { chain: KUBE_POSTROUTING, matches: [{ m: 'mark', mark: MASQ_MARK, negate: true }], target: 'RETURN' },
    { chain: KUBE_POSTROUTING, matches: [], target: 'MARK', targetArgs: '--set-xmark 0x4000/0x0' },
    { chain: KUBE_POSTROUTING, matches: [comment('kubernetes service traffic requiring SNAT')], target: 'MASQUERADE', targetArgs: '--random-fully' },
  );
  filter.chains.push(KUBE_EXTERNAL_SERVICES, 'KUBE-FIREWALL', 'KUBE-FORWARD', 'KUBE-KUBELET-CANARY', KUBE_NODEPORTS, 'KUBE-PROXY-CANARY', 'KUBE-PROXY-FIREWALL', KUBE_SERVICES);
  const ctNew: Match = { m: 'raw', text: '-m conntrack --ctstate NEW', matchesNew: true };
  filter.rules.push(
    { chain: 'INPUT', matches: [ctNew, comment('kubernetes load balancer firewall')], target: 'KUBE-PROXY-FIREWALL' },
    { chain: 'INPUT', matches: [comment('kubernetes health check service ports')], target: KUBE_NODEPORTS },
    { chain: 'INPUT', matches: [ctNew, comment('kubernetes externally-visible service portals')], target: KUBE_EXTERNAL_SERVICES },
    { chain: 'INPUT', matches: [], target: 'KUBE-FIREWALL' },
    { chain: 'FORWARD', matches: [ctNew, comment('kubernetes load balancer firewall')], target: 'KUBE-PROXY-FIREWALL' },
    { chain: 'FORWARD', matches: [comment('kubernetes forwarding rules')], target: 'KUBE-FORWARD' },
    { chain: 'FORWARD', matches: [ctNew, comment('kubernetes service portals')], target: KUBE_SERVICES },
    { chain: 'FORWARD', matches: [ctNew, comment('kubernetes externally-visible service portals')], target: KUBE_EXTERNAL_SERVICES },
    { chain: 'OUTPUT', matches: [ctNew, comment('kubernetes load balancer firewall')], target: 'KUBE-PROXY-FIREWALL' },
    { chain: 'OUTPUT', matches: [ctNew, comment('kubernetes service portals')], target: KUBE_SERVICES },
    { chain: 'OUTPUT', matches: [], target: 'KUBE-FIREWALL' },
    {
      chain: 'KUBE-FIREWALL',
      src: '127.0.0.0/8',
      notSrc: true,
      dst: '127.0.0.0/8',
      matches: [comment('block incoming localnet connections'), { m: 'raw', text: '-m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT', matchesNew: true }],
      target: 'DROP',
    },
    { chain: 'KUBE-FORWARD', matches: [{ m: 'raw', text: '-m conntrack --ctstate INVALID', matchesNew: false }, { m: 'raw', text: '-m nfacct --nfacct-name  ct_state_invalid_dropped_pkts', matchesNew: true }], target: 'DROP' },
    { chain: 'KUBE-FORWARD', matches: [comment('kubernetes forwarding rules'), { m: 'mark', mark: MASQ_MARK }], target: 'ACCEPT' },
    { chain: 'KUBE-FORWARD', matches: [comment('kubernetes forwarding conntrack rule'), { m: 'raw', text: '-m conntrack --ctstate RELATED,ESTABLISHED', matchesNew: false }], target: 'ACCEPT' },
  );
  return { nat, filter };
}

/** Builds every rule kube-proxy on `cfg.nodeName` would write for these services and endpoints. */
export function syncProxyRules(services: readonly ServicePortInfo[], endpoints: ReadonlyMap<string, EndpointInfo[]>, cfg: ProxierConfig): ProgrammedTables {
  const { nat, filter } = baseTables();
  const natChains = new Set<string>();
  const svcRules: Rule[] = [];
  const nodePortRules: Rule[] = [];
  const chainRules: Rule[] = [];
  const filterSvc: Rule[] = [];
  const filterExt: Rule[] = [];

  for (const svc of [...services].sort((a, b) => a.name.localeCompare(b.name) || a.protocol.localeCompare(b.protocol))) {
    const proto = svc.protocol;
    const all = endpoints.get(svc.name) ?? [];
    const { cluster, local, reachable, hasAny } = categorizeEndpoints(all, svc, cfg.nodeName);
    const svcChain = clusterPolicyChain(svc.name, proto);
    const svlChain = localPolicyChain(svc.name, proto);
    const extChain = externalChain(svc.name, proto);
    const usesClusterChain = cluster.length > 0 && (!svc.internalPolicyLocal || (svc.externallyAccessible && !svc.externalPolicyLocal));
    const usesLocalChain = local.length > 0 && (svc.internalPolicyLocal || svc.externalPolicyLocal);

    const internalChain = svc.internalPolicyLocal ? svlChain : svcChain;
    const hasInternal = svc.internalPolicyLocal ? local.length > 0 : hasAny;
    const externalPolicy = svc.externalPolicyLocal ? svlChain : svcChain;
    const hasExternal = svc.externalPolicyLocal ? local.length > 0 : hasAny;
    const usesExtChain = hasAny && svc.externallyAccessible;
    const noEndpoints = `${svc.name} has no endpoints`;
    const noLocal = `${svc.name} has no local endpoints`;
    const dport = (port: number): Match => ({ m: 'proto', proto, dport: port });

    // ClusterIP.
    if (hasInternal) {
      svcRules.push({ chain: KUBE_SERVICES, dst: `${svc.clusterIP}/32`, proto, matches: [comment(`${svc.name} cluster IP`), dport(svc.port)], target: internalChain });
    } else {
      filterSvc.push({ chain: KUBE_SERVICES, dst: `${svc.clusterIP}/32`, proto, matches: [comment(hasAny ? noLocal : noEndpoints), dport(svc.port)], target: hasAny ? 'DROP' : 'REJECT' });
    }
    // externalIPs.
    for (const ip of svc.externalIPs) {
      if (hasAny) svcRules.push({ chain: KUBE_SERVICES, dst: `${ip}/32`, proto, matches: [comment(`${svc.name} external IP`), dport(svc.port)], target: extChain });
      if (!hasExternal) filterExt.push({ chain: KUBE_EXTERNAL_SERVICES, dst: `${ip}/32`, proto, matches: [comment(hasAny ? noLocal : noEndpoints), dport(svc.port)], target: hasAny ? 'DROP' : 'REJECT' });
    }
    // Load-balancer ingress IPs.
    for (const ip of svc.loadBalancerIPs) {
      if (hasAny) svcRules.push({ chain: KUBE_SERVICES, dst: `${ip}/32`, proto, matches: [comment(`${svc.name} loadbalancer IP`), dport(svc.port)], target: extChain });
      if (!hasExternal) filterExt.push({ chain: KUBE_EXTERNAL_SERVICES, dst: `${ip}/32`, proto, matches: [comment(hasAny ? noLocal : noEndpoints), dport(svc.port)], target: hasAny ? 'DROP' : 'REJECT' });
    }
    // NodePort.
    if (svc.nodePort) {
      if (hasAny) nodePortRules.push({ chain: KUBE_NODEPORTS, proto, matches: [comment(svc.name), dport(svc.nodePort)], target: extChain });
      if (!hasExternal) {
        filterExt.push({ chain: KUBE_EXTERNAL_SERVICES, proto, matches: [comment(hasAny ? noLocal : noEndpoints), { m: 'addrtype', dstType: 'LOCAL' }, dport(svc.nodePort)], target: hasAny ? 'DROP' : 'REJECT' });
      }
    }

    // Off-cluster sources reaching the ClusterIP are masqueraded (the local-traffic detector).
    if (hasInternal && cfg.clusterCIDR) {
      chainRules.push({ chain: internalChain, src: cfg.clusterCIDR, notSrc: true, dst: `${svc.clusterIP}/32`, proto, matches: [comment(`${svc.name} cluster IP`), dport(svc.port)], target: KUBE_MARK_MASQ });
    }
    if (usesExtChain) {
      natChains.add(extChain);
      if (!svc.externalPolicyLocal) {
        chainRules.push({ chain: extChain, matches: [comment(`masquerade traffic for ${svc.name} external destinations`)], target: KUBE_MARK_MASQ });
      } else {
        if (cfg.clusterCIDR) chainRules.push({ chain: extChain, src: cfg.clusterCIDR, matches: [comment(`pod traffic for ${svc.name} external destinations`)], target: svcChain });
        chainRules.push({ chain: extChain, matches: [comment(`masquerade LOCAL traffic for ${svc.name} external destinations`), { m: 'addrtype', srcType: 'LOCAL' }], target: KUBE_MARK_MASQ });
        chainRules.push({ chain: extChain, matches: [comment(`route LOCAL traffic for ${svc.name} external destinations`), { m: 'addrtype', srcType: 'LOCAL' }], target: svcChain });
      }
      if (hasExternal) chainRules.push({ chain: extChain, matches: [], target: externalPolicy });
    }
    if (usesClusterChain) {
      natChains.add(svcChain);
      chainRules.push(...serviceToEndpointRules(svc, svcChain, cluster));
    }
    if (usesLocalChain) {
      natChains.add(svlChain);
      chainRules.push(...serviceToEndpointRules(svc, svlChain, local));
    }
    for (const ep of reachable) {
      const sep = endpointChain(svc.name, proto, ep.address);
      natChains.add(sep);
      chainRules.push({ chain: sep, src: `${ep.ip}/32`, matches: [comment(svc.name)], target: KUBE_MARK_MASQ });
      const matches: Match[] = [comment(svc.name)];
      if (svc.sessionAffinityClientIP) matches.push({ m: 'recent', mode: 'set', name: sep });
      matches.push({ m: 'proto', proto });
      chainRules.push({ chain: sep, proto, matches, target: 'DNAT', toDestination: ep.address });
    }
  }

  svcRules.push({
    chain: KUBE_SERVICES,
    matches: [comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), { m: 'addrtype', dstType: 'LOCAL' }],
    target: KUBE_NODEPORTS,
  });
  nat.chains.push(...[...natChains].sort());
  nat.chains.sort();
  nat.rules.push(...nodePortRules, ...svcRules, ...chainRules);
  filter.rules.push(...filterExt, ...filterSvc);
  return { nat, filter };
}

function serviceToEndpointRules(svc: ServicePortInfo, chain: string, endpoints: readonly EndpointInfo[]): Rule[] {
  const rules: Rule[] = [];
  if (svc.sessionAffinityClientIP) {
    for (const ep of endpoints) {
      const sep = endpointChain(svc.name, svc.protocol, ep.address);
      rules.push({ chain, matches: [comment(`${svc.name} -> ${ep.address}`), { m: 'recent', mode: 'rcheck', name: sep, seconds: svc.stickyMaxAgeSeconds }], target: sep });
    }
  }
  const n = endpoints.length;
  endpoints.forEach((ep, i) => {
    const matches: Match[] = [comment(`${svc.name} -> ${ep.address}`)];
    if (i < n - 1) matches.push({ m: 'statistic', probability: probability(n - i) });
    rules.push({ chain, matches, target: endpointChain(svc.name, svc.protocol, ep.address) });
  });
  return rules;
}
