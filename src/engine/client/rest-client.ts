/**
 * The typed REST client every component uses — client-go's clientset / dynamic client, over `ApiEndpoint`.
 *
 * Requests are shaped exactly as client-go sends them (paths, query parameters, content types, DeleteOptions
 * bodies), carry the caller's name for traffic attribution, and come back as `ApiResult` values: API errors are
 * `{ ok: false, status }`, never exceptions.
 *
 * Results are deep copies the caller owns, as a freshly decoded HTTP response would be (the in-process endpoint
 * hands out the store's own objects). List and watch can skip the copy with `shared: true` for read-only caches.
 */
import type { ListMeta, ObjectMeta, Status as MetaStatus } from 'kubernetes-types/meta/v1';
import type { Binding } from 'kubernetes-types/core/v1';
import type { Scale } from 'kubernetes-types/autoscaling/v1';
import { apiVersionOf, parseApiVersion, type ResourceInfo, type ResourceRegistry } from '../apiserver/registry';
import type { Status } from '../apiserver/status';
import type { ApiEndpoint, ApiRequest, ApiResponse, HttpMethod, WatchEvent, WatchHandle } from '../apiserver/types';
import { clientError, fail, ok, toResult, type ApiResult } from './api-result';
import { resourcePath, type GroupVersionResource, type PathParts } from './paths';

/** Any Kubernetes object: what the client needs to address it. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

export interface ObjectList<T> {
  apiVersion?: string;
  kind?: string;
  metadata: ListMeta;
  items: T[];
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'NotOlderThan' | 'Exact';
  timeoutSeconds?: number;
  /** Skip the defensive copy: the caller promises never to mutate the result (informer caches). */
  shared?: boolean;
}

export interface WatchOptions {
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  /** Deliver the server's objects without the defensive copy (read-only consumers such as informers). */
  shared?: boolean;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  dryRun?: boolean;
  fieldValidation?: FieldValidation;
  fieldManager?: string;
}

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export interface PatchOptions extends WriteOptions {
  /** `status`, `scale`… */
  subresource?: string;
  /** Server-side apply only: take ownership of conflicting fields. */
  force?: boolean;
}

export interface DeleteOptions {
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export type WatchHandler<T> =
  | ((event: WatchEvent<T>) => void)
  | { onEvent(event: WatchEvent<T>): void; onClose?(): void };

/** The content types kubectl and client-go send for each patch type. */
export const PATCH_CONTENT_TYPE: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

const JSON_CONTENT = 'application/json';

type Query = Record<string, string | undefined>;

function copy<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

export class KubeClient {
  constructor(
    readonly endpoint: ApiEndpoint,
    readonly registry: ResourceRegistry,
    /** Who is calling, as traffic records it: `kube-scheduler`, `deployment-controller`, `kubelet/worker-1`. */
    readonly clientName: string,
  ) {}

  /** The client for a resource, e.g. `{group: 'apps', version: 'v1', resource: 'deployments'}`. */
  resource<T extends KubeObject = KubeObject>(gvr: GroupVersionResource): ResourceClient<T> {
    const info = this.registry.get(gvr.group, gvr.version, gvr.resource);
    if (!info) throw new Error(`the server doesn't have a resource type "${gvr.resource}" in ${gvr.group || 'core'}/${gvr.version}`);
    return new ResourceClient<T>(this, info);
  }

  /** The client for the resource serving a kind, e.g. `forKind('apps/v1', 'Deployment')`. */
  forKind<T extends KubeObject = KubeObject>(apiVersion: string, kind: string): ResourceClient<T> {
    const { group, version } = parseApiVersion(apiVersion);
    const info = this.registry.forKind(group, version, kind);
    if (!info) throw new Error(`no matches for kind "${kind}" in version "${apiVersion}"`);
    return new ResourceClient<T>(this, info);
  }

  /** The same connection under another name (e.g. one controller of kube-controller-manager). */
  as(clientName: string): KubeClient {
    return new KubeClient(this.endpoint, this.registry, clientName);
  }

  /** Sends a raw request (discovery, non-resource paths) as this client. */
  raw(req: Omit<ApiRequest, 'client'>): ApiResponse {
    return this.endpoint.request({ ...req, client: this.clientName });
  }
}

export class ResourceClient<T extends KubeObject = KubeObject> {
  readonly gvr: GroupVersionResource;

  constructor(
    private readonly client: KubeClient,
    readonly info: ResourceInfo,
  ) {
    this.gvr = { group: info.group, version: info.version, resource: info.plural };
  }

  get namespaced(): boolean {
    return this.info.namespaced;
  }

  /** The request path for an object or collection of this resource. */
  path(parts: PathParts = {}): string {
    return resourcePath(this.gvr, this.info.namespaced, parts);
  }

  get(namespace: string, name: string): ApiResult<T> {
    if (!name) return fail(clientError('resource name may not be empty'));
    return this.call('GET', { namespace, name });
  }

  /** Lists objects; `namespace` empty or undefined lists across all namespaces. */
  list(namespace?: string, opts: ListOptions = {}): ApiResult<ObjectList<T>> {
    const query: Query = {
      labelSelector: opts.labelSelector || undefined,
      fieldSelector: opts.fieldSelector || undefined,
      limit: opts.limit ? String(opts.limit) : undefined,
      continue: opts.continue || undefined,
      resourceVersion: opts.resourceVersion,
      resourceVersionMatch: opts.resourceVersionMatch,
      timeoutSeconds: opts.timeoutSeconds !== undefined ? String(opts.timeoutSeconds) : undefined,
    };
    return this.call('GET', { namespace }, { query, shared: opts.shared });
  }

  create(namespace: string, obj: T, opts: WriteOptions = {}): ApiResult<T> {
    return this.call('POST', { namespace: this.namespaceOf(namespace, obj) }, { body: this.encode(obj), query: writeQuery(opts) });
  }

  /** PUT: replaces the object; its metadata.resourceVersion is the optimistic-concurrency precondition. */
  update(namespace: string, obj: T, opts: WriteOptions = {}): ApiResult<T> {
    return this.put(namespace, obj, undefined, opts);
  }

  /** PUT to the status subresource: only status changes are kept. */
  updateStatus(namespace: string, obj: T, opts: WriteOptions = {}): ApiResult<T> {
    return this.put(namespace, obj, 'status', opts);
  }

  patch(namespace: string, name: string, patchType: PatchType, body: unknown, opts: PatchOptions = {}): ApiResult<T> {
    if (!name) return fail(clientError('resource name may not be empty'));
    const query = writeQuery(opts);
    if (opts.force !== undefined && patchType === 'apply') query.force = String(opts.force);
    return this.call('PATCH', { namespace, name, subresource: opts.subresource }, { body, query, contentType: PATCH_CONTENT_TYPE[patchType] });
  }

  /** DELETE with a DeleteOptions body; the server answers with the object (still terminating) or a Status. */
  delete(namespace: string, name: string, opts: DeleteOptions = {}): ApiResult<T | Status> {
    if (!name) return fail(clientError('resource name may not be empty'));
    return this.call('DELETE', { namespace, name }, { body: deleteOptionsBody(opts), contentType: JSON_CONTENT });
  }

  deleteCollection(namespace: string | undefined, opts: DeleteOptions = {}, listOpts: ListOptions = {}): ApiResult<ObjectList<T> | Status> {
    const query: Query = { labelSelector: listOpts.labelSelector || undefined, fieldSelector: listOpts.fieldSelector || undefined };
    return this.call('DELETE', { namespace }, { body: deleteOptionsBody(opts), contentType: JSON_CONTENT, query });
  }

  /**
   * Opens a watch (`?watch=true`). Events arrive later on the virtual clock. The result is a handle to stop it,
   * or the Status the server refused it with.
   */
  watch(namespace: string | undefined, opts: WatchOptions, handler: WatchHandler<T>): ApiResult<WatchHandle> {
    const query: Query = {
      watch: 'true',
      resourceVersion: opts.resourceVersion,
      labelSelector: opts.labelSelector || undefined,
      fieldSelector: opts.fieldSelector || undefined,
      allowWatchBookmarks: opts.allowWatchBookmarks ? 'true' : undefined,
      timeoutSeconds: opts.timeoutSeconds !== undefined ? String(opts.timeoutSeconds) : undefined,
    };
    const onEvent = typeof handler === 'function' ? handler : (e: WatchEvent<T>) => handler.onEvent(e);
    const onClose = typeof handler === 'function' ? undefined : handler.onClose?.bind(handler);
    const deliver = opts.shared ? onEvent : (e: WatchEvent<T>) => onEvent({ type: e.type, object: copy(e.object) });
    const res = this.client.endpoint.watch(
      this.request('GET', { namespace }, { query: prune(query) }),
      (e) => deliver(e as WatchEvent<T>),
      onClose,
    );
    if ('stop' in res) return ok(res);
    const result = toResult<unknown>(res);
    return result.ok ? fail(clientError('the server did not open a watch')) : fail(result.status);
  }

  // Subresources ----------------------------------------------------------------------------------------------

  getScale(namespace: string, name: string): ApiResult<Scale> {
    return this.call('GET', { namespace, name, subresource: 'scale' });
  }

  updateScale(namespace: string, name: string, scale: Scale, opts: WriteOptions = {}): ApiResult<Scale> {
    const body: Scale = { ...scale, apiVersion: scale.apiVersion || 'autoscaling/v1', kind: scale.kind || 'Scale' };
    return this.call('PUT', { namespace, name, subresource: 'scale' }, { body, query: writeQuery(opts) });
  }

  /** POST pods/<name>/eviction with a policy/v1 Eviction: a delete the PodDisruptionBudgets may refuse (429). */
  evict(namespace: string, name: string, opts: DeleteOptions = {}): ApiResult<MetaStatus> {
    const deleteOptions = deleteOptionsBody(opts);
    const body = {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name, namespace },
      ...(Object.keys(deleteOptions).length > 2 ? { deleteOptions } : {}),
    };
    return this.call('POST', { namespace, name, subresource: 'eviction' }, { body });
  }

  /** POST pods/<name>/binding: how the scheduler assigns a pod to a node. */
  bind(namespace: string, binding: Binding, opts: WriteOptions = {}): ApiResult<MetaStatus> {
    const name = binding.metadata?.name;
    if (!name) return fail(clientError('resource name may not be empty'));
    const body: Binding = { apiVersion: 'v1', kind: 'Binding', ...binding };
    return this.call('POST', { namespace, name, subresource: 'binding' }, { body, query: writeQuery(opts) });
  }

  // Plumbing --------------------------------------------------------------------------------------------------

  private put(namespace: string, obj: T, subresource: string | undefined, opts: WriteOptions): ApiResult<T> {
    const name = obj.metadata?.name;
    if (!name) return fail(clientError('resource name may not be empty'));
    return this.call('PUT', { namespace: this.namespaceOf(namespace, obj), name, subresource }, { body: this.encode(obj), query: writeQuery(opts) });
  }

  /**
   * The body as a typed client encodes it: apiVersion and kind filled in when absent (objects from an informer's
   * list carry none), so what a controller read from its cache can be written back as is.
   */
  private encode(obj: T): T {
    if (obj.apiVersion && obj.kind) return obj;
    return { ...obj, apiVersion: obj.apiVersion || apiVersionOf(this.info.group, this.info.version), kind: obj.kind || this.info.kind };
  }

  private namespaceOf(namespace: string, obj: T): string | undefined {
    return namespace || obj.metadata?.namespace;
  }

  private request(method: HttpMethod, parts: PathParts, opts: { query?: Query; body?: unknown; contentType?: string } = {}): ApiRequest {
    const headers: Record<string, string> = { accept: JSON_CONTENT };
    if (opts.body !== undefined) headers['content-type'] = opts.contentType ?? JSON_CONTENT;
    const req: ApiRequest = { method, path: this.path(parts), headers, client: this.client.clientName };
    const query = opts.query ? prune(opts.query) : undefined;
    if (query && Object.keys(query).length > 0) req.query = query;
    if (opts.body !== undefined) req.body = opts.body;
    return req;
  }

  private call<R>(method: HttpMethod, parts: PathParts, opts: { query?: Query; body?: unknown; contentType?: string; shared?: boolean } = {}): ApiResult<R> {
    const res = this.client.endpoint.request(this.request(method, parts, opts));
    const result = toResult<R>(res);
    if (result.ok && !opts.shared) return ok(copy(result.value));
    return result;
  }
}

function writeQuery(opts: WriteOptions): Query {
  return {
    dryRun: opts.dryRun ? 'All' : undefined,
    fieldValidation: opts.fieldValidation,
    fieldManager: opts.fieldManager,
  };
}

/** metav1.DeleteOptions as client-go serialises it into the DELETE body. */
function deleteOptionsBody(opts: DeleteOptions): Record<string, unknown> {
  const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
  if (opts.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = opts.gracePeriodSeconds;
  if (opts.preconditions) body.preconditions = opts.preconditions;
  if (opts.propagationPolicy) body.propagationPolicy = opts.propagationPolicy;
  if (opts.dryRun) body.dryRun = ['All'];
  return body;
}

function prune(query: Query): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined) out[k] = v;
  return out;
}
