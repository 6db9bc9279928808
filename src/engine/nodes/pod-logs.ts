/**
 * The apiserver side of pods/log (pkg/registry/core/pod LogLocation): pick and check the container, require a
 * node, then ask that node's kubelet. Errors read as the apiserver words them.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { failure, type Status } from '../apiserver/status';
import type { NodeFleet } from './fleet';

type Query = Record<string, string | undefined>;

export function podLogs(fleet: NodeFleet, pod: Pod, query: Query, nowMs: number): { ok: true; text: string } | { ok: false; status: Status } {
  const name = pod.metadata?.name ?? '';
  const bad = (message: string) => ({ ok: false as const, status: failure(400, 'BadRequest', message) });
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].map((c) => c.name);
  let container = query.container ?? '';
  if (!container) {
    const containers = pod.spec?.containers ?? [];
    if (containers.length === 1) container = containers[0].name;
    else {
      const inits = (pod.spec?.initContainers ?? []).map((c) => c.name);
      return bad(`a container name must be specified for pod ${name}, choose one of: [${containers.map((c) => c.name).join(' ')}]${inits.length ? ` or one of the init containers: [${inits.join(' ')}]` : ''}`);
    }
  }
  if (!all.includes(container)) return bad(`container ${container} is not valid for pod ${name}`);
  const node = pod.spec?.nodeName;
  if (!node) return bad(`pod ${name} does not have a host assigned`);
  const tail = query.tailLines !== undefined ? Number(query.tailLines) : undefined;
  const sinceSeconds = query.sinceSeconds !== undefined ? Number(query.sinceSeconds) : undefined;
  const r = fleet.logs(node, pod.metadata?.namespace ?? 'default', name, container, {
    previous: query.previous === 'true',
    timestamps: query.timestamps === 'true',
    ...(tail !== undefined && Number.isFinite(tail) ? { tailLines: tail } : {}),
    ...(sinceSeconds !== undefined && Number.isFinite(sinceSeconds) ? { sinceMs: nowMs - sinceSeconds * 1000 } : {}),
    ...(query.limitBytes ? { limitBytes: Number(query.limitBytes) } : {}),
  });
  return r.ok ? r : { ok: false, status: failure(r.code, r.reason, r.message) };
}
