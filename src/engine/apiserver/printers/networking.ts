/** Printers of the networking.k8s.io group. */
import type { Ingress, IngressClass, IngressRule, NetworkPolicy } from 'kubernetes-types/networking/v1';
import { loadBalancerStatusString } from './core';
import { DOC } from './descriptions';
import { formatLabelSelector } from './format';
import { translateTimestampSince } from './time';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from './types';

const age = (obj: { metadata?: { creationTimestamp?: string } }, nowMs: number) => translateTimestampSince(obj.metadata?.creationTimestamp, nowMs);
const nameOf = (obj: { metadata?: { name?: string } }) => obj.metadata?.name ?? '';

/** formatHosts: up to three hosts, `*` when no rule names one. */
function formatHosts(rules: readonly IngressRule[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const rule of rules ?? []) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${(rules ?? []).length - max} more...` : ret;
}

export const ingressPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'string', 'Ports of TLS configurations that open'),
    AGE_COLUMN,
  ],
  row(obj: Ingress, nowMs) {
    return [
      nameOf(obj),
      obj.spec?.ingressClassName ?? '<none>',
      formatHosts(obj.spec?.rules),
      // Rendered wide on the server, so never clipped.
      loadBalancerStatusString(obj.status?.loadBalancer?.ingress, true),
      (obj.spec?.tls ?? []).length !== 0 ? '80, 443' : '80',
      age(obj, nowMs),
    ];
  },
};

export const ingressClassPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Controller', 'string', 'Controller that is responsible for handling this class'),
    column('Parameters', 'string', 'A reference to a resource with additional parameters'),
    AGE_COLUMN,
  ],
  row(obj: IngressClass, nowMs) {
    const p = obj.spec?.parameters;
    let parameters = '<none>';
    if (p) parameters = `${p.kind}${p.apiGroup !== undefined ? `.${p.apiGroup}` : ''}/${p.name}`;
    return [nameOf(obj), obj.spec?.controller ?? '', parameters, age(obj, nowMs)];
  },
};

export const networkPolicyPrinter: Printer = {
  columns: [NAME_COLUMN, column('Pod-Selector', 'string', DOC['netpol.podSelector']), AGE_COLUMN],
  // spec.podSelector is a value, not a pointer, upstream: an absent one formats as the empty selector.
  row: (obj: NetworkPolicy, nowMs) => [nameOf(obj), formatLabelSelector(obj.spec?.podSelector ?? {}), age(obj, nowMs)],
};

interface ServiceCIDR {
  metadata?: { name?: string; creationTimestamp?: string };
  spec?: { cidrs?: string[] };
}

export const serviceCIDRPrinter: Printer = {
  columns: [NAME_COLUMN, column('CIDRs', 'string', DOC['scidr.cidrs']), AGE_COLUMN],
  row: (obj: ServiceCIDR, nowMs) => [nameOf(obj), (obj.spec?.cidrs ?? []).join(','), age(obj, nowMs)],
};

interface IPAddress {
  metadata?: { name?: string; creationTimestamp?: string };
  spec?: { parentRef?: { group?: string; resource?: string; namespace?: string; name?: string } };
}

export const ipAddressPrinter: Printer = {
  // Upstream defines only these two columns yet prints an age as well.
  columns: [NAME_COLUMN, column('ParentRef', 'string', DOC['ip.parentRef'])],
  row(obj: IPAddress, nowMs) {
    const ref = obj.spec?.parentRef;
    let parent = '<none>';
    if (ref) {
      const resource = ref.resource ?? '';
      parent = (ref.group ? `${resource}.${ref.group}` : resource).toLowerCase();
      if (ref.namespace) parent += `/${ref.namespace}`;
      parent += `/${ref.name ?? ''}`;
    }
    return [nameOf(obj), parent, age(obj, nowMs)];
  },
};
