/**
 * The service REST storage's allocators (pkg/registry/core/service/ipallocator and portallocator): ClusterIPs
 * from the service CIDR (10.96.0.0/12; `kubernetes` takes .1), NodePorts from 30000–32767.
 *
 * As upstream, dynamic allocation prefers the upper band of each range (KEP-3070/3668 static subranges: the lower
 * band is left for users who pick an address or port themselves), scanning from a random offset — drawn from the
 * seeded RNG so runs repeat. What is in use is read from the stored Services, which is what upstream's repair
 * loops reconcile the allocation bitmaps against.
 */
import type { Rng } from '../../util/rng';
import type { FieldError } from '../status';

type Obj = Record<string, any>;

export const SERVICE_CIDR = { base: ipToInt('10.96.0.0'), prefix: 12 };
export const NODE_PORT_RANGE = { base: 30000, size: 2768 };

export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function isIPv4(s: unknown): s is string {
  return typeof s === 'string' && /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s) && s.split('.').every((p) => Number(p) <= 255);
}

/** Lower band size for a range of `size` items: min(max(min, size/step), max) (calculateRangeOffset). */
function lowerBand(size: number, min: number, step: number, max: number): number {
  if (size < min) return 0;
  return Math.min(Math.max(min, Math.floor(size / step)), max);
}

function pick(rng: Rng, start: number, size: number, used: Set<number>, offset: number): number | undefined {
  // Upper band first, from a random point, wrapping; then the lower band.
  const upper = size - offset;
  const r = rng.int(Math.max(1, upper));
  for (let i = 0; i < upper; i++) {
    const candidate = start + offset + ((r + i) % upper);
    if (!used.has(candidate)) return candidate;
  }
  for (let i = 0; i < offset; i++) if (!used.has(start + i)) return start + i;
  return undefined;
}

export interface AllocationContext {
  rng: Rng;
  /** Every stored Service (the current one excluded on update). */
  services: Obj[];
}

const needsClusterIP = (svc: Obj) => svc.spec?.type !== 'ExternalName';
const needsNodePorts = (svc: Obj) => svc.spec?.type === 'NodePort' || (svc.spec?.type === 'LoadBalancer' && svc.spec?.allocateLoadBalancerNodePorts !== false);

/**
 * Fills spec.clusterIP(s) and nodePorts of a Service being created or updated. Returns field errors as the
 * service REST storage reports them.
 */
export function allocateServiceAddresses(svc: Obj, old: Obj | undefined, ctx: AllocationContext): FieldError[] {
  const spec = (svc.spec ??= {});
  const errors: FieldError[] = [];
  const cidrSize = 2 ** (32 - SERVICE_CIDR.prefix);
  const first = SERVICE_CIDR.base + 1; // network address excluded
  const usable = cidrSize - 2; // and broadcast

  if (needsClusterIP(svc)) {
    const keep = old?.spec?.clusterIP && old.spec.clusterIP !== 'None' ? old.spec.clusterIP : undefined;
    if (keep && (spec.clusterIP === undefined || spec.clusterIP === '')) spec.clusterIP = keep;
    if (spec.clusterIP === undefined || spec.clusterIP === '') {
      const used = new Set(ctx.services.map((s) => s.spec?.clusterIP).filter(isIPv4).map(ipToInt));
      const ip = pick(ctx.rng, first, usable, used, lowerBand(usable, 16, 16, 256));
      if (ip === undefined) {
        errors.push({ type: 'InternalError', field: 'spec.clusterIPs', detail: 'Internal error: failed to allocate a serviceIP: range is full' });
      } else {
        spec.clusterIP = intToIp(ip);
      }
    } else if (spec.clusterIP !== 'None' && spec.clusterIP !== keep) {
      const ip = spec.clusterIP;
      const n = isIPv4(ip) ? ipToInt(ip) : NaN;
      if (!isIPv4(ip) || n < first || n >= first + usable) {
        errors.push({
          type: 'FieldValueInvalid',
          field: 'spec.clusterIPs',
          detail: `Invalid value: []string{"${ip}"}: failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is 10.96.0.0/12`,
        });
      } else if (ctx.services.some((s) => s.spec?.clusterIP === ip)) {
        errors.push({ type: 'FieldValueInvalid', field: 'spec.clusterIPs', detail: `Invalid value: []string{"${ip}"}: failed to allocate IP ${ip}: provided IP is already allocated` });
      }
    }
    if (spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
  } else {
    delete spec.clusterIP;
    delete spec.clusterIPs;
  }

  if (needsNodePorts(svc)) {
    const used = new Set<number>();
    for (const s of ctx.services) for (const p of s.spec?.ports ?? []) if (typeof p.nodePort === 'number') used.add(p.nodePort);
    const oldPorts: Obj[] = old?.spec?.ports ?? [];
    (spec.ports ?? []).forEach((port: Obj, i: number) => {
      if (port.nodePort === undefined || port.nodePort === 0) {
        // Keep the port this service already had for the same port/protocol.
        const prior = oldPorts.find((p) => p.port === port.port && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'))?.nodePort;
        if (prior) {
          port.nodePort = prior;
          used.add(prior);
          return;
        }
        const n = pick(ctx.rng, NODE_PORT_RANGE.base, NODE_PORT_RANGE.size, used, lowerBand(NODE_PORT_RANGE.size, 16, 32, 128));
        if (n === undefined) {
          errors.push({ type: 'InternalError', field: `spec.ports[${i}].nodePort`, detail: 'Internal error: failed to allocate a nodePort: range is full' });
          return;
        }
        port.nodePort = n;
        used.add(n);
        return;
      }
      const n = port.nodePort;
      const ownedBefore = oldPorts.some((p) => p.nodePort === n);
      if (typeof n !== 'number' || n < NODE_PORT_RANGE.base || n >= NODE_PORT_RANGE.base + NODE_PORT_RANGE.size) {
        errors.push({
          type: 'FieldValueInvalid',
          field: `spec.ports[${i}].nodePort`,
          detail: `Invalid value: ${n}: provided port is not in the valid range. The range of valid ports is 30000-32767`,
        });
      } else if (!ownedBefore && used.has(n)) {
        errors.push({ type: 'FieldValueInvalid', field: `spec.ports[${i}].nodePort`, detail: `Invalid value: ${n}: provided port is already allocated` });
      } else {
        used.add(n);
      }
    });
  } else {
    for (const port of spec.ports ?? []) delete port.nodePort;
  }
  return errors;
}
