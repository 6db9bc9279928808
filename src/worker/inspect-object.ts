/**
 * Everything the inspector shows for one object, read through the apiserver as the UI's client: kubectl describe
 * and `get -o yaml`, the owner chain, the object's Events and — for pods — the scheduler's latest decision.
 */
import type { Cluster } from '../engine/cluster';
import type { ApiEndpoint } from '../engine/apiserver/types';
import { objectPath } from '../engine/kubectl/apply';
import type { InspectView, SchedulingView } from '../protocol/messages';
import { runKubectl } from './kubectl-runner';
import { schedulerOf } from './engine-rooms';
import { UI_CLIENT } from './watched-resources';

type Obj = Record<string, any>;

export interface ParsedKey {
  group: string;
  version: string;
  plural: string;
  namespace: string;
  name: string;
}

/** `/apis/apps/v1/namespaces/default/deployments/web` → its parts; undefined for anything else. */
export function parseKey(key: string): ParsedKey | undefined {
  const parts = key.split('/').filter(Boolean);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) [group, version, rest] = ['', parts[1], parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 3) [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  else return undefined;
  if (rest.length === 4 && rest[0] === 'namespaces') return { group, version, namespace: rest[1], plural: rest[2], name: rest[3] };
  if (rest.length === 2) return { group, version, namespace: '', plural: rest[0], name: rest[1] };
  return undefined;
}

/** The UI's own reads are `pilothouse-ui` requests (recorded, not narrated), whoever built them. */
export function uiEndpoint(api: ApiEndpoint): ApiEndpoint {
  return {
    request: (req) => api.request({ ...req, client: UI_CLIENT }),
    watch: (req, onEvent, onClose) => api.watch({ ...req, client: UI_CLIENT }, onEvent, onClose),
  };
}

export function inspectObject(cluster: Cluster, key: string): InspectView {
  const empty: InspectView = { key, found: false, describe: '', yaml: '', owners: [], events: [] };
  const parsed = parseKey(key);
  const resource = parsed && cluster.registry.get(parsed.group, parsed.version, parsed.plural);
  if (!parsed || !resource) return { ...empty, describe: `error: cannot inspect ${key}` };
  const api = uiEndpoint(cluster.apiserver);
  const res = api.request({ method: 'GET', path: key });
  if (res.status !== 200) return { ...empty, describe: `Error from server (NotFound): ${parsed.plural} "${parsed.name}" not found` };
  const obj = res.body as Obj;

  const type = parsed.group ? `${parsed.plural}.${parsed.group}` : parsed.plural;
  const nsArgs = resource.namespaced ? ['-n', parsed.namespace] : [];
  const describe = runKubectl(cluster, ['describe', type, parsed.name, ...nsArgs], api);
  const yaml = runKubectl(cluster, ['get', type, parsed.name, ...nsArgs, '-o', 'yaml'], api);
  const view: InspectView = {
    key,
    found: true,
    describe: describe.stdout || describe.stderr,
    yaml: yaml.stdout || yaml.stderr,
    owners: ownerChain(cluster, api, obj),
    events: eventsFor(api, obj, resource.namespaced ? parsed.namespace : 'default'),
  };
  if (parsed.group === '' && parsed.plural === 'pods') Object.assign(view, scheduling(cluster, parsed.namespace, parsed.name));
  return view;
}

function ownerChain(cluster: Cluster, api: ApiEndpoint, obj: Obj): InspectView['owners'] {
  const chain: InspectView['owners'] = [];
  let current = obj;
  const ns = obj.metadata?.namespace ?? '';
  for (let depth = 0; depth < 8; depth++) {
    const refs: Obj[] = current.metadata?.ownerReferences ?? [];
    const ref = refs.find((r) => r.controller) ?? refs[0];
    if (!ref) break;
    const [group, version] = String(ref.apiVersion).includes('/') ? String(ref.apiVersion).split('/') : ['', String(ref.apiVersion)];
    const r = cluster.registry.forKind(group, version, ref.kind);
    const key = r ? objectPath(r, r.namespaced ? ns : '', ref.name) : undefined;
    chain.push({ kind: ref.kind, name: ref.name, ...(key ? { key } : {}) });
    if (!key) break;
    const res = api.request({ method: 'GET', path: key });
    if (res.status !== 200) break;
    current = res.body as Obj;
  }
  return chain;
}

function eventsFor(api: ApiEndpoint, obj: Obj, namespace: string): InspectView['events'] {
  const res = api.request({ method: 'GET', path: `/api/v1/namespaces/${namespace}/events` });
  if (res.status !== 200) return [];
  const uid = obj.metadata?.uid;
  const items: Obj[] = (res.body as Obj).items ?? [];
  return items
    .filter((e) => e.involvedObject?.uid === uid || (e.involvedObject?.kind === obj.kind && e.involvedObject?.name === obj.metadata?.name))
    .map((e) => ({
      type: e.type ?? '',
      reason: e.reason ?? '',
      message: e.message ?? '',
      count: e.count ?? 1,
      lastSeen: e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '',
      source: e.source?.component ?? e.reportingComponent ?? '',
    }))
    .sort((a, b) => (a.lastSeen < b.lastSeen ? -1 : a.lastSeen > b.lastSeen ? 1 : 0));
}

function scheduling(cluster: Cluster, namespace: string, name: string): Pick<InspectView, 'scheduling' | 'schedulingNote'> {
  const scheduler = schedulerOf(cluster);
  if (!scheduler) return { schedulingNote: 'kube-scheduler is not running in this cluster yet, so no scheduling decisions are recorded.' };
  const d = scheduler.decisionFor!(namespace, name);
  if (!d) return { schedulingNote: 'The scheduler has no decision for this pod (not attempted yet, or bound by someone else).' };
  const record = d.record;
  const view: SchedulingView = {
    attempt: d.attempt,
    time: d.time,
    outcome: d.outcome,
    narration: d.narration,
    nodes: (record?.nodes ?? []).map((n) => ({
      node: n.node,
      verdict: n.verdict,
      ...(n.plugin ? { plugin: n.plugin } : {}),
      ...(n.reasons ? { reasons: [...n.reasons] } : {}),
      ...(n.totalScore !== undefined ? { totalScore: n.totalScore } : {}),
      ...(n.scores ? { scores: n.scores.map((s) => ({ plugin: s.plugin, score: s.normalized, weighted: s.weighted })) } : {}),
    })),
  };
  if (d.node) view.node = d.node;
  if (d.message) view.message = d.message;
  if (d.nominatedNodeName) view.nominatedNodeName = d.nominatedNodeName;
  if (record) {
    view.feasibleNodes = record.feasibleNodes;
    view.evaluatedNodes = record.evaluatedNodes;
  }
  return { scheduling: view };
}
