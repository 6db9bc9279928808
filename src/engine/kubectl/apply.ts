/**
 * Client-side `kubectl apply -f`: for each object, GET it; create it when missing (recording the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation), else send the three-way strategic merge patch
 * computed from last-applied, the file and the live object. Messages as kubectl prints them:
 * `deployment.apps/web created`, `… configured`, `… unchanged`, and kubectl's error lines.
 */
import type { ApiEndpoint, ApiResponse } from '../apiserver/types';
import { parseApiVersion, type ResourceInfo, type ResourceRegistry } from '../apiserver/registry';
import type { Status } from '../apiserver/status';
import { parseManifests } from './manifest';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Obj = Record<string, any>;

export interface ApplyOutcome {
  /** `deployment.apps/web` */
  ref: string;
  action?: 'created' | 'configured' | 'unchanged';
  /** kubectl's error line (without the leading `Error from server …` prefix already applied). */
  error?: string;
  status?: Status;
  line?: number;
  object?: Obj;
}

export interface ApplyOptions {
  /** `-n`: the namespace for objects that don't name one. */
  namespace?: string;
  /** The file name kubectl reports in errors (`STDIN` for `-f -`). */
  source?: string;
  /** Who sends the requests, for traffic records. */
  client?: string;
  dryRun?: 'client' | 'server';
  /** Computes the three-way strategic merge patch (last-applied, modified, live) for a kind. */
  threeWayPatch: (gvk: { group: string; version: string; kind: string }, original: Obj | undefined, modified: Obj, current: Obj) => Obj;
}

export interface ApplyResult {
  outcomes: ApplyOutcome[];
  /** A failure before any object was sent (unparsable YAML). */
  error?: string;
  errorLine?: number;
}

/** `kubectl apply -f`: every object in `text`, in order; an invalid one does not stop the rest (as kubectl). */
export function applyManifests(api: ApiEndpoint, registry: ResourceRegistry, text: string, opts: ApplyOptions): ApplyResult {
  const source = opts.source ?? 'STDIN';
  const parsed = parseManifests(text);
  if (!parsed.ok) return { outcomes: [], error: `error: error parsing ${source}: ${parsed.error.message}`, errorLine: parsed.error.line };
  const outcomes: ApplyOutcome[] = [];
  for (const { object, line } of parsed.objects) {
    outcomes.push({ ...applyObject(api, registry, object, opts, source), line });
  }
  return { outcomes };
}

/** kubectl's name for a kind in messages: `deployment.apps`, `service`. */
export function kindRef(kind: string, group: string): string {
  return group ? `${kind.toLowerCase()}.${group}` : kind.toLowerCase();
}

function missingTypeMeta(obj: Obj): string[] {
  const problems: string[] = [];
  if (!obj.apiVersion) problems.push('apiVersion not set');
  if (!obj.kind) problems.push('kind not set');
  return problems;
}

function applyObject(api: ApiEndpoint, registry: ResourceRegistry, input: Obj, opts: ApplyOptions, source: string): ApplyOutcome {
  const problems = missingTypeMeta(input);
  const name: string = input.metadata?.name ?? '';
  if (problems.length > 0) {
    const detail = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
    return { ref: name, error: `error: error validating "${source}": error validating data: ${detail}; if you choose to ignore these errors, turn validation off with --validate=false` };
  }
  const { group, version } = parseApiVersion(String(input.apiVersion));
  const resource = registry.forKind(group, version, String(input.kind));
  if (!resource) {
    return {
      ref: name,
      error: `error: resource mapping not found for name: "${name}" namespace: "${input.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${input.kind}" in version "${input.apiVersion}"\nensure CRDs are installed first`,
    };
  }
  const ref = `${kindRef(resource.kind, resource.group)}/${name}`;
  if (!name) {
    return { ref, error: `error: error when retrieving current configuration of:\nResource: "${resource.plural}.${resource.version}.${resource.group}", GroupVersionKind: "${input.apiVersion}, Kind=${input.kind}"\nName: "", Namespace: "${input.metadata?.namespace ?? opts.namespace ?? 'default'}"\nfrom server for: "${source}": resource name may not be empty` };
  }
  const namespace = resource.namespaced ? (input.metadata?.namespace ?? opts.namespace ?? 'default') : '';
  if (resource.namespaced && opts.namespace && input.metadata?.namespace && input.metadata.namespace !== opts.namespace) {
    return { ref, error: `error: the namespace from the provided object "${input.metadata.namespace}" does not match the namespace "${opts.namespace}". You must pass '--namespace=${input.metadata.namespace}' to perform this operation.` };
  }
  const modified: Obj = structuredClone(input);
  modified.metadata = { ...modified.metadata };
  if (resource.namespaced) modified.metadata.namespace = namespace;
  // The annotation records the file's object as applied (namespace filled in, the annotation itself left out).
  const lastApplied = structuredClone(modified);
  lastApplied.metadata.annotations = { ...(lastApplied.metadata.annotations ?? {}) };
  delete lastApplied.metadata.annotations[LAST_APPLIED];
  modified.metadata.annotations = { ...(modified.metadata.annotations ?? {}), [LAST_APPLIED]: JSON.stringify(lastApplied) + '\n' };

  const path = objectPath(resource, namespace, name);
  const client = opts.client ?? 'kubectl';
  const query: Record<string, string> = { fieldValidation: 'Strict' };
  if (opts.dryRun === 'server') query.dryRun = 'All';
  const current = api.request({ method: 'GET', path, client });
  if (current.status === 404) {
    if (opts.dryRun === 'client') return { ref, action: 'created', object: modified };
    const res = api.request({
      method: 'POST',
      path: collectionPath(resource, namespace),
      query: { ...query, fieldManager: 'kubectl-client-side-apply' },
      headers: { 'content-type': 'application/json' },
      body: modified,
      client,
    });
    if (res.status >= 300) return failed(ref, res, `error when creating "${source}"`);
    return { ref, action: 'created', object: res.body as Obj };
  }
  if (current.status >= 300) return failed(ref, current);
  const live = current.body as Obj;
  const originalText: string | undefined = live.metadata?.annotations?.[LAST_APPLIED];
  let original: Obj | undefined;
  if (originalText) {
    try {
      original = JSON.parse(originalText);
    } catch {
      original = undefined;
    }
  }
  const patch = opts.threeWayPatch({ group: resource.group, version: resource.version, kind: resource.kind }, original, modified, live);
  if (Object.keys(patch).length === 0) return { ref, action: 'unchanged', object: live };
  if (opts.dryRun === 'client') return { ref, action: 'configured', object: live };
  const res = api.request({
    method: 'PATCH',
    path,
    query: { ...query, fieldManager: 'kubectl-client-side-apply' },
    headers: { 'content-type': 'application/strategic-merge-patch+json' },
    body: patch,
    client,
  });
  if (res.status >= 300) return failed(ref, res, `error when patching "${source}"`);
  return { ref, action: 'configured', object: res.body as Obj };
}

/** A server error with the source prefixed to its message, as kubectl's AddSourceToErr does. */
function failed(ref: string, res: ApiResponse, context?: string): ApplyOutcome {
  const raw = res.body as Status;
  const status: Status = context && raw?.message ? { ...raw, message: `${context}: ${raw.message}` } : raw;
  return { ref, status, error: `Error from server${status?.reason ? ` (${status.reason})` : ''}: ${status?.message ?? `status ${res.status}`}` };
}

export function collectionPath(r: ResourceInfo, namespace: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.namespaced ? `${base}/namespaces/${namespace}/${r.plural}` : `${base}/${r.plural}`;
}

export function objectPath(r: ResourceInfo, namespace: string, name: string): string {
  return `${collectionPath(r, namespace)}/${name}`;
}
