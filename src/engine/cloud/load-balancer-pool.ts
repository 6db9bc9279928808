/**
 * The simulated cloud's load balancers: addresses from a pool on the node network, as cloud-provider-kind or
 * MetalLB in L2 mode hand them out on a kind cluster (172.18.255.200–250), lowest free first.
 */
import type { Service } from 'kubernetes-types/core/v1';
import { intToIp, ipToInt } from '../apiserver/rest/service-allocation';

export interface AddressPool {
  first: string;
  last: string;
}

export const DEFAULT_LB_POOL: AddressPool = { first: '172.18.255.200', last: '172.18.255.250' };

/** The addresses Services hold in their status (or asked for in spec.loadBalancerIP). */
export function addressesInUse(services: readonly Service[], except?: string): Set<string> {
  const used = new Set<string>();
  for (const s of services) {
    if (s.metadata?.uid === except) continue;
    for (const i of s.status?.loadBalancer?.ingress ?? []) if (i.ip) used.add(i.ip);
  }
  return used;
}

/** The address for `svc`: the one it asks for when free and in the pool, else the lowest free one. */
export function allocateAddress(pool: AddressPool, svc: Service, used: ReadonlySet<string>): string | undefined {
  const lo = ipToInt(pool.first);
  const hi = ipToInt(pool.last);
  const asked = svc.spec?.loadBalancerIP;
  if (asked && !used.has(asked)) {
    const n = ipToInt(asked);
    if (n >= lo && n <= hi) return asked;
  }
  for (let n = lo; n <= hi; n++) if (!used.has(intToIp(n))) return intToIp(n);
  return undefined;
}
