/**
 * Lesson checks: predicates over the cluster, read through the API like any client (never the store), written as
 * data — not closures — so lessons can travel in share links and files. Each answers whether it holds and, in
 * plain words, what it saw (the lesson panel shows that while the learner works).
 */
import type { ApiEndpoint } from '../engine/apiserver/types';
import { podPrinter } from '../engine/apiserver/printers/pod';

type Obj = Record<string, any>;

export type Check =
  /** An object exists (`resource` as kubectl names it: `pods`, `deployments.apps`, `persistentvolumeclaims` …). */
  | { kind: 'exists'; resource: string; namespace?: string; name: string }
  | { kind: 'gone'; resource: string; namespace?: string; name: string }
  /** A Deployment has exactly `replicas` available and up to date (and runs `image`, when given). */
  | { kind: 'deploymentAvailable'; namespace?: string; name: string; replicas: number; image?: string }
  /** Live pods matching a label selector (optionally in a phase, on a node) number `count` (or at least `min`). */
  | { kind: 'pods'; namespace?: string; selector: string; phase?: string; node?: string; notOnNode?: string; count?: number; min?: number }
  /** A pod's STATUS as `kubectl get pods` prints it (Running, CrashLoopBackOff, Completed …). */
  | { kind: 'podStatus'; namespace?: string; name: string; status: string }
  /** A field of an object (dot path, e.g. `spec.strategy.type`) equals a value. */
  | { kind: 'field'; resource: string; namespace?: string; name: string; path: string; equals: string | number | boolean }
  /** A node's Ready condition status: True, False or Unknown. */
  | { kind: 'nodeReady'; name: string; status: 'True' | 'False' | 'Unknown' }
  /** Events with this reason (about objects whose name starts with `about`) were recorded at least `min` times. */
  | { kind: 'event'; namespace?: string; reason: string; about?: string; min?: number }
  /** A Service's EndpointSlices list exactly `ready` ready endpoints. */
  | { kind: 'endpoints'; namespace?: string; service: string; ready: number }
  /** A Job has completed (its Complete condition is True). */
  | { kind: 'jobComplete'; namespace?: string; name: string }
  | { kind: 'all'; checks: Check[] };

export interface CheckResult {
  ok: boolean;
  /** What the check saw, for the learner: `deployment web: 3/5 available`. */
  detail: string;
}

const CLIENT = 'pilothouse-lesson';

function get(api: ApiEndpoint, path: string, query?: Record<string, string>): Obj | undefined {
  const res = api.request({ method: 'GET', path, query, client: CLIENT });
  return res.status === 200 ? (res.body as Obj) : undefined;
}

/** REST path of a resource as lessons name it (a few kinds are enough for teaching). */
function pathOf(resource: string, namespace: string | undefined, name?: string): string {
  const [plural, ...groupParts] = resource.split('.');
  const group = groupParts.join('.');
  const CLUSTER = new Set(['nodes', 'namespaces', 'persistentvolumes', 'storageclasses', 'priorityclasses', 'clusterroles', 'clusterrolebindings']);
  const GROUP_VERSION: Record<string, string> = { apps: 'apps/v1', batch: 'batch/v1', 'networking.k8s.io': 'networking.k8s.io/v1', policy: 'policy/v1', 'autoscaling': 'autoscaling/v2', 'pilothouse.dev': 'pilothouse.dev/v1alpha1', 'storage.k8s.io': 'storage.k8s.io/v1', 'discovery.k8s.io': 'discovery.k8s.io/v1', 'rbac.authorization.k8s.io': 'rbac.authorization.k8s.io/v1' };
  const base = group ? `/apis/${GROUP_VERSION[group] ?? `${group}/v1`}` : '/api/v1';
  const ns = CLUSTER.has(plural) || (group === 'pilothouse.dev' && plural === 'faults') ? '' : `/namespaces/${namespace ?? 'default'}`;
  return `${base}${ns}/${plural}${name !== undefined ? `/${name}` : ''}`;
}

function fieldAt(obj: Obj | undefined, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Obj)[part] : undefined;
  return cur;
}

const livePods = (api: ApiEndpoint, namespace: string | undefined, selector?: string): Obj[] =>
  ((get(api, pathOf('pods', namespace), selector ? { labelSelector: selector } : undefined)?.items ?? []) as Obj[]).filter((p) => !p.metadata?.deletionTimestamp);

export function evaluateCheck(api: ApiEndpoint, check: Check, nowMs = 0): CheckResult {
  switch (check.kind) {
    case 'exists': {
      const found = get(api, pathOf(check.resource, check.namespace, check.name)) !== undefined;
      return { ok: found, detail: `${check.resource.split('.')[0]} ${check.name} ${found ? 'exists' : 'does not exist yet'}` };
    }
    case 'gone': {
      const obj = get(api, pathOf(check.resource, check.namespace, check.name));
      return { ok: obj === undefined, detail: `${check.resource.split('.')[0]} ${check.name} ${obj === undefined ? 'is gone' : obj.metadata?.deletionTimestamp ? 'is being deleted' : 'still exists'}` };
    }
    case 'deploymentAvailable': {
      const d = get(api, pathOf('deployments.apps', check.namespace, check.name));
      if (!d) return { ok: false, detail: `deployment ${check.name} does not exist yet` };
      const st = d.status ?? {};
      const image = d.spec?.template?.spec?.containers?.[0]?.image;
      const settled = (st.availableReplicas ?? 0) === check.replicas && (st.updatedReplicas ?? 0) === check.replicas && (st.replicas ?? 0) === check.replicas && (st.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
      const imageOk = check.image === undefined || image === check.image;
      return { ok: settled && imageOk, detail: `deployment ${check.name}: ${st.availableReplicas ?? 0}/${check.replicas} available, ${st.updatedReplicas ?? 0} up to date${check.image ? `, image ${image}` : ''}` };
    }
    case 'pods': {
      const pods = livePods(api, check.namespace, check.selector).filter(
        (p) => (!check.phase || p.status?.phase === check.phase) && (!check.node || p.spec?.nodeName === check.node) && (!check.notOnNode || p.spec?.nodeName !== check.notOnNode),
      );
      const ok = check.count !== undefined ? pods.length === check.count : pods.length >= (check.min ?? 1);
      const want = check.count !== undefined ? `${check.count}` : `at least ${check.min ?? 1}`;
      return { ok, detail: `${pods.length} pod(s) with ${check.selector}${check.phase ? ` ${check.phase}` : ''}${check.node ? ` on ${check.node}` : ''}${check.notOnNode ? ` off ${check.notOnNode}` : ''} (want ${want})` };
    }
    case 'podStatus': {
      const pod = get(api, pathOf('pods', check.namespace, check.name));
      if (!pod) return { ok: false, detail: `pod ${check.name} does not exist` };
      const status = String(podPrinter.row(pod, nowMs)[2]);
      return { ok: status === check.status, detail: `pod ${check.name} is ${status}` };
    }
    case 'field': {
      const value = fieldAt(get(api, pathOf(check.resource, check.namespace, check.name)), check.path);
      return { ok: value === check.equals, detail: `${check.name} ${check.path} = ${value === undefined ? '(unset)' : String(value)}` };
    }
    case 'nodeReady': {
      const node = get(api, pathOf('nodes', undefined, check.name));
      const status = (node?.status?.conditions ?? []).find((c: Obj) => c.type === 'Ready')?.status ?? 'Unknown';
      return { ok: node !== undefined && status === check.status, detail: `node ${check.name} Ready=${node ? status : '(no such node)'}` };
    }
    case 'event': {
      const items = (get(api, pathOf('events', check.namespace))?.items ?? []) as Obj[];
      const count = items
        .filter((e) => e.reason === check.reason && (!check.about || String(e.involvedObject?.name ?? '').startsWith(check.about)))
        .reduce((n, e) => n + (e.count ?? 1), 0);
      return { ok: count >= (check.min ?? 1), detail: `${count} ${check.reason} event(s)${check.about ? ` about ${check.about}…` : ''}` };
    }
    case 'endpoints': {
      const slices = (get(api, '/apis/discovery.k8s.io/v1/namespaces/' + (check.namespace ?? 'default') + '/endpointslices', { labelSelector: `kubernetes.io/service-name=${check.service}` })?.items ?? []) as Obj[];
      const ready = slices.flatMap((s) => s.endpoints ?? []).filter((e: Obj) => e.conditions?.ready === true).length;
      return { ok: slices.length > 0 && ready === check.ready, detail: `service ${check.service}: ${ready} ready endpoint(s) (want ${check.ready})` };
    }
    case 'jobComplete': {
      const job = get(api, pathOf('jobs.batch', check.namespace, check.name));
      const done = (job?.status?.conditions ?? []).some((c: Obj) => c.type === 'Complete' && c.status === 'True');
      return { ok: done, detail: `job ${check.name}: ${job ? `${job.status?.succeeded ?? 0} succeeded${done ? ', complete' : ''}` : 'does not exist yet'}` };
    }
    case 'all': {
      const results = check.checks.map((c) => evaluateCheck(api, c, nowMs));
      return { ok: results.every((r) => r.ok), detail: results.map((r) => `${r.ok ? '✓' : '…'} ${r.detail}`).join('; ') };
    }
  }
}
