/**
 * What the diagram's node controls do: create or delete a Fault for a node (through the API, as the user), add or
 * remove worker nodes. Each answers with one line for the UI to show.
 */
import type { Cluster } from '../engine/cluster';
import type { ApiEndpoint } from '../engine/apiserver/types';
import { collectionPath, objectPath } from '../engine/kubectl/apply';
import type { FaultType } from '../protocol/messages';
import { faultResource, nodeLifecycleOf } from './engine-rooms';

type Obj = Record<string, any>;

/** The client name the UI's actions use: drawn as coming from the users box, and narrated. */
export const USER_CLIENT = 'pilothouse-user';

export interface ActionOutcome {
  ok: boolean;
  message: string;
}

const NOT_SERVED = 'Faults are not available yet: this cluster does not serve pilothouse.dev/v1alpha1 Fault.';

export function faultName(node: string, type: FaultType): string {
  return `${node}-${type.toLowerCase()}`;
}

export function breakNode(cluster: Cluster, api: ApiEndpoint, node: string, type: FaultType): ActionOutcome {
  const r = faultResource(cluster);
  if (!r) return { ok: false, message: NOT_SERVED };
  const ns = r.namespaced ? 'default' : '';
  const name = faultName(node, type);
  const res = api.request({
    method: 'POST',
    path: collectionPath(r, ns),
    headers: { 'content-type': 'application/json' },
    body: { apiVersion: `${r.group}/${r.version}`, kind: 'Fault', metadata: { name }, spec: { type, target: { kind: 'Node', name: node } } },
    client: USER_CLIENT,
  });
  if (res.status === 201) return { ok: true, message: `fault.pilothouse.dev/${name} created: ${type} on ${node}` };
  return { ok: false, message: statusMessage(res.body, res.status) };
}

/** Deletes every Fault that targets the node (of the given type, when one is given). */
export function healNode(cluster: Cluster, api: ApiEndpoint, node: string, type?: FaultType): ActionOutcome {
  const r = faultResource(cluster);
  if (!r) return { ok: false, message: NOT_SERVED };
  const list = api.request({ method: 'GET', path: collectionPath({ ...r, namespaced: false }, ''), client: USER_CLIENT });
  const items: Obj[] = list.status === 200 ? ((list.body as Obj).items ?? []) : [];
  const targets = items.filter((f) => f.spec?.target?.name === node && (!type || f.spec?.type === type));
  if (targets.length === 0) return { ok: false, message: `no fault targets node ${node}` };
  const deleted: string[] = [];
  for (const f of targets) {
    const res = api.request({ method: 'DELETE', path: objectPath(r, f.metadata?.namespace ?? '', f.metadata?.name ?? ''), client: USER_CLIENT });
    if (res.status < 300) deleted.push(`fault.pilothouse.dev "${f.metadata?.name}" deleted`);
    else return { ok: false, message: statusMessage(res.body, res.status) };
  }
  return { ok: true, message: deleted.join('\n') };
}

export function changeNodes(cluster: Cluster, action: 'add' | 'remove', name?: string): ActionOutcome {
  const room = nodeLifecycleOf(cluster);
  if (!room) return { ok: false, message: 'Adding and removing nodes is not available in this cluster yet.' };
  try {
    if (action === 'add') {
      const added = room.addNode(name);
      const addedName = typeof added === 'string' ? added : ((added as Obj | undefined)?.metadata?.name ?? (added as Obj | undefined)?.name ?? name ?? 'a new node');
      return { ok: true, message: `node ${addedName} added` };
    }
    if (!name) return { ok: false, message: 'which node?' };
    room.removeNode(name);
    return { ok: true, message: `node ${name} removed` };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

function statusMessage(body: unknown, status: number): string {
  const s = body as Obj | undefined;
  return `Error from server${s?.reason ? ` (${s.reason})` : ''}: ${s?.message ?? `status ${status}`}`;
}
