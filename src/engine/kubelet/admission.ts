/**
 * The kubelet's pod admission (lifecycle.PredicateAdmitHandler): a pod bound to this node must still fit what the
 * node has left — resources, pod count, host ports, node name/selector/affinity — or it is rejected with the
 * reasons the 1.32 kubelet uses (`OutOfcpu`, `OutOfmemory`, `OutOfpods`, `NodePorts`, `NodeAffinity` …).
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { podRequestTotals } from '../scheduler/framework/resource';
import { parseMilli, parseValue } from '../scheduler/util/quantity';
import { requiredNodeAffinity } from '../scheduler/util/selectors';

export type AdmitResult = { admit: true } | { admit: false; reason: string; message: string };

function hostPorts(pod: Pod): string[] {
  const out: string[] = [];
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const p of c.ports ?? []) if (p.hostPort) out.push(`${p.protocol ?? 'TCP'}/${p.hostIP || '0.0.0.0'}/${p.hostPort}`);
  }
  return out;
}

/** Checks `pod` against the node and the pods already admitted there. */
export function admitPod(pod: Pod, node: Node, admitted: Pod[]): AdmitResult {
  const allocatable = node.status?.allocatable ?? {};
  const maxPods = parseValue(allocatable.pods as string | undefined) || 110;
  if (admitted.length + 1 > maxPods) {
    return { admit: false, reason: 'OutOfpods', message: `Node didn't have enough resource: pods, requested: 1, used: ${admitted.length}, capacity: ${maxPods}` };
  }
  const want = podRequestTotals(pod);
  const used = new Map<string, number>();
  for (const p of admitted) for (const [k, v] of podRequestTotals(p)) used.set(k, (used.get(k) ?? 0) + v);
  for (const [resource, amount] of want) {
    if (amount <= 0 || resource === 'pods') continue;
    const cap = allocatable[resource];
    const capacity = resource === 'cpu' ? parseMilli(cap as string | undefined) || 0 : parseValue(cap as string | undefined) || 0;
    const inUse = used.get(resource) ?? 0;
    if (inUse + amount > capacity) {
      return { admit: false, reason: `OutOf${resource}`, message: `Node didn't have enough resource: ${resource}, requested: ${amount}, used: ${inUse}, capacity: ${capacity}` };
    }
  }
  const taken = new Set(admitted.flatMap(hostPorts));
  for (const hp of hostPorts(pod)) {
    const [proto, , port] = hp.split('/');
    const clash = taken.has(hp) || [...taken].some((t) => t.startsWith(`${proto}/`) && t.endsWith(`/${port}`) && (t.includes('/0.0.0.0/') || hp.includes('/0.0.0.0/')));
    if (clash) return { admit: false, reason: 'NodePorts', message: 'Predicate NodePorts failed: node(s) didn\'t have free ports for the requested pod ports' };
  }
  if (!requiredNodeAffinity(pod)(node)) {
    return { admit: false, reason: 'NodeAffinity', message: "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector" };
  }
  return { admit: true };
}
