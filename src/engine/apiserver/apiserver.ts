/**
 * kube-apiserver: the only component that touches the store. Everything else — controllers, the scheduler,
 * kubelets, kubectl, the UI — sends it REST-shaped requests and watches.
 *
 * The generic REST machinery mirrors k8s.io/apiserver's registry.Store: create (generateName, uid,
 * creationTimestamp, resourceVersion from the store revision), get, list (label/field selectors, limit/continue),
 * update (optimistic concurrency on resourceVersion), patch (three patch types + apply), delete (preconditions,
 * finalizers, graceful deletion, propagation policy), deletecollection, watch (from a resourceVersion; 410 when
 * compacted), and the status, scale and binding subresources. Admission, schema checks and patching are stages
 * plugged in through `ApiServerHooks`.
 */
import type { Engine } from '../engine';
import type { Store, StoreEvent, KeyValue } from '../store/store';
import { registryKey, resourcePrefix } from '../store/registry-key';
import { parseLabelSelector } from './selectors/labels';
import { parseFieldSelector } from './selectors/fields';
import { fieldSetFor, validateFieldSelector } from './selectors/field-labels';
import type { ApiEndpoint, ApiRequest, ApiResponse, WatchEvent, WatchHandle } from './types';
import { apiVersionOf, parseApiVersion, type ResourceInfo, type ResourceRegistry } from './registry';
import { parseRequestInfo, type RequestInfo } from './request-info';
import {
  alreadyExists,
  badRequest,
  conflict,
  failure,
  gone,
  internalError,
  invalid,
  methodNotSupported,
  notFound,
  OPTIMISTIC_LOCK_ERROR,
  pathNotFound,
  respond,
  success,
  type QualifiedResource,
  type Status,
} from './status';
import type { ApiServerHooks, EvictionContext, PatchType } from './hooks';
import type { FieldError } from './status';
import { canIgnorePdb, withEvictionCondition } from './rest/eviction';
import { convertTo, storageApiVersion } from './conversion';
import { clone, generateName, isPlainObject, newUid } from './rest/object-meta';
import {
  isGracefullyDeleted,
  prepareForCreate,
  prepareForStatusUpdate,
  prepareForUpdate,
  returnsDeletedObject,
} from './rest/strategy';
import { discoveryResponse } from './discovery';
import { allocateServiceAddresses } from './rest/service-allocation';
import { toTable } from './printers';
import type { AggregatedApi } from './aggregated';

type Obj = Record<string, any>;

/** What a watch needs to filter and deliver events. */
interface Watcher {
  id: number;
  resource: ResourceInfo;
  prefix: string;
  namespace: string;
  name: string;
  labelMatch?: (labels: Record<string, string>) => boolean;
  fieldMatch?: (fields: Record<string, string>) => boolean;
  client: string;
  /** Set when the only field requirement is `spec.nodeName=X` (a kubelet's pod watch). */
  nodeName?: string;
  onEvent: (e: WatchEvent) => void;
  onClose?: () => void;
  pending: WatchEvent[];
  stopped: boolean;
  /** `allowWatchBookmarks=true`: the client wants periodic BOOKMARK events carrying the current resourceVersion. */
  bookmarks: boolean;
  /** The newest resourceVersion this watcher has been told of (by an event or a bookmark). */
  lastRv: number;
}

export interface ApiServerOptions {
  registry: ResourceRegistry;
  store: Store;
  hooks?: ApiServerHooks;
  /** Name of this apiserver instance, as traffic shows it. */
  name?: string;
  /** Name of the store component, as traffic shows it. */
  storeName?: string;
  /** Kubernetes version reported by /version. */
  gitVersion?: string;
}

/**
 * The server behind an aggregated API group (kube-aggregator's proxy): resources registered `aggregated: true`
 * are answered by it instead of the store. Registered with `serveAggregated(group, handler)`.
 */
export type AggregatedApiHandler = (req: ApiRequest, info: RequestInfo, resource: ResourceInfo) => ApiResponse;

const CONTINUE_PREFIX = 'pilothouse-continue:';
const WATCH_TARGET = 'kube-apiserver/watch';
const BOOKMARK_TARGET = 'kube-apiserver/watch-bookmarks';
/** `timeoutSeconds` on a watch: the server ends the stream then, and clients re-watch (or, like kubectl wait, give up). */
const WATCH_TIMEOUT_TARGET = 'kube-apiserver/watch-timeout';
/** The watch cache's bookmark frequency (staging/src/k8s.io/apiserver/pkg/storage/cacher: about once a minute). */
const BOOKMARK_INTERVAL_MS = 60_000;
/** The annotation of the BOOKMARK that ends a watch-list's initial events (metav1.InitialEventsAnnotationKey). */
export const INITIAL_EVENTS_END_ANNOTATION = 'k8s.io/initial-events-end';

export class ApiServer implements ApiEndpoint {
  readonly name: string;
  readonly storeName: string;
  readonly registry: ResourceRegistry;
  private readonly store: Store;
  private hooks: ApiServerHooks;
  private readonly gitVersion: string;
  private watchers = new Map<number, Watcher>();
  /** Watchers by store prefix, for dispatch without scanning every watch. */
  private watchersByPrefix = new Map<string, Set<Watcher>>();
  /** Pod watchers with `spec.nodeName=X` (every kubelet has one), indexed by node for O(1) dispatch. */
  private podWatchersByNode = new Map<string, Set<Watcher>>();
  private nextWatcherId = 1;
  /** How many open watches asked for bookmarks (the periodic bookmark timer runs only while some do). */
  private bookmarkWatchers = 0;
  private resourcesByPrefix = new Map<string, ResourceInfo>();
  private aggregatedApis = new Map<string, AggregatedApiHandler>();
  /** Aggregated servers that also serve watches (registered with `registerAggregatedApi`). */
  private aggregatedWatchers = new Map<string, AggregatedApi>();

  constructor(
    private readonly engine: Engine,
    options: ApiServerOptions,
  ) {
    this.name = options.name ?? 'kube-apiserver';
    this.storeName = options.storeName ?? 'etcd';
    this.registry = options.registry;
    this.store = options.store;
    this.hooks = options.hooks ?? {};
    this.gitVersion = options.gitVersion ?? 'v1.32.4';
    for (const r of this.registry.list()) this.resourcesByPrefix.set(resourcePrefix(r.group, r.plural), r);
    this.store.watch('/registry/', this.store.revision, (e) => this.dispatch(e));
    engine.register(WATCH_TARGET, { onTimer: (t) => this.flushWatcher(Number(t.key)) });
    engine.register(BOOKMARK_TARGET, { onTimer: () => this.sendBookmarks() });
    engine.register(WATCH_TIMEOUT_TARGET, {
      onTimer: (t) => {
        const w = this.watchers.get(Number(t.key));
        if (!w) return;
        this.flushWatcher(w.id); // what was already queued is delivered before the stream ends
        if (w.stopped) return;
        this.stopWatcher(w);
        w.onClose?.();
      },
    });
  }

  setHooks(hooks: ApiServerHooks): void {
    this.hooks = hooks;
  }

  /** Delegates an aggregated group (e.g. metrics.k8s.io to metrics-server) to its server. */
  serveAggregated(group: string, handler: AggregatedApiHandler): void {
    this.aggregatedApis.set(group, handler);
  }

  /** Proxies an API group's requests and watches to its own server and storage (kube-aggregator's APIService). */
  registerAggregatedApi(group: string, api: AggregatedApi): void {
    this.serveAggregated(group, (req, info, resource) => api.request(req, info, resource));
    this.aggregatedWatchers.set(group, api);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Entry points

  request(req: ApiRequest): ApiResponse {
    let res: ApiResponse;
    let info: RequestInfo | undefined;
    try {
      info = parseRequestInfo(req);
      res = this.route(req, info);
    } catch (err) {
      res = respond(internalError(err instanceof Error ? err.message : String(err)));
    }
    this.engine.traffic.record({
      t: this.engine.now(),
      kind: 'request',
      from: req.client ?? 'unknown',
      to: this.name,
      verb: info?.verb ?? req.method.toLowerCase(),
      method: req.method,
      path: req.path,
      group: info?.group,
      resource: info?.resource || undefined,
      subresource: info?.subresource || undefined,
      namespace: info?.namespace || undefined,
      name: info?.name || undefined,
      status: res.status,
      reason: res.status >= 400 ? (res.body as Status)?.reason : undefined,
    });
    return res;
  }

  watch(req: ApiRequest, onEvent: (event: WatchEvent) => void, onClose?: () => void): WatchHandle | ApiResponse {
    try {
      return this.openWatch(req, onEvent, onClose);
    } catch (err) {
      return respond(internalError(err instanceof Error ? err.message : String(err)));
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Routing

  private route(req: ApiRequest, info: RequestInfo): ApiResponse {
    if (!info.isResourceRequest) {
      if (req.method !== 'GET') return respond(methodNotAllowedPath(req.method));
      return discoveryResponse(info.path, req, this.registry, this.gitVersion) ?? respond(pathNotFound());
    }
    const resolved = this.resolve(info);
    if ('status' in resolved) return resolved;
    const { resource } = resolved;
    if (info.verb === 'watch') return respond(badRequest('watch requests must be opened with watch()'));
    // Aggregated APIs are proxied to their server; 503 while it is not registered, as an unavailable APIService.
    if (resource.aggregated) {
      const server = this.aggregatedApis.get(resource.group);
      if (!server) return respond(failure(503, 'ServiceUnavailable', 'the server is currently unable to handle the request'));
      const res = server(req, info, resource);
      return info.verb === 'get' || info.verb === 'list' ? this.maybeTable(resource, req, res) : res;
    }
    if (info.subresource) return this.routeSubresource(req, info, resource);
    switch (info.verb) {
      case 'get':
        return this.maybeTable(resource, req, this.get(resource, info));
      case 'list':
        return this.maybeTable(resource, req, this.list(resource, info, req));
      case 'create':
        return this.create(resource, info, req);
      case 'update':
        return this.update(resource, info, req);
      case 'patch':
        return this.patch(resource, info, req);
      case 'delete':
        return this.delete(resource, info, req);
      case 'deletecollection':
        return this.deleteCollection(resource, info, req);
    }
    return respond(methodNotSupported(gr(resource), info.verb));
  }

  private resolve(info: RequestInfo): { resource: ResourceInfo } | ApiResponse {
    const resource = this.registry.get(info.group, info.version, info.resource);
    if (!resource) return respond(pathNotFound());
    if (info.namespace && !resource.namespaced) return respond(pathNotFound());
    if (info.parts.length > 0) return respond(pathNotFound());
    if (info.subresource && !resource.subresources.some((s) => s.name === info.subresource)) return respond(pathNotFound());
    const verbs = info.subresource ? [] : resource.verbs;
    if (!info.subresource && !verbs.includes(info.verb)) return respond(methodNotSupported(gr(resource), info.verb));
    // Namespaced resources need a namespace to address one object (POST to /api/v1/pods is not a thing).
    if (resource.namespaced && !info.namespace && info.verb !== 'list' && info.verb !== 'watch') return respond(pathNotFound());
    return { resource };
  }

  private routeSubresource(req: ApiRequest, info: RequestInfo, resource: ResourceInfo): ApiResponse {
    switch (info.subresource) {
      case 'status':
        if (info.verb === 'get') return this.get(resource, info);
        if (info.verb === 'update') return this.update(resource, info, req, 'status');
        if (info.verb === 'patch') return this.patch(resource, info, req, 'status');
        break;
      case 'scale':
        if (info.verb === 'get') return this.getScale(resource, info);
        if (info.verb === 'update') return this.updateScale(resource, info, req.body);
        if (info.verb === 'patch') return this.patchScale(resource, info, req);
        break;
      case 'binding':
        if (info.verb === 'create') return this.bind(resource, info, req);
        break;
      case 'eviction':
        if (info.verb === 'create') return this.evict(resource, info, req);
        break;
      case 'finalize':
        if (info.verb === 'update') return this.update(resource, info, req, 'finalize');
        break;
      case 'log':
        if (info.verb === 'get') return this.podLog(resource, info, req);
        break;
    }
    return respond(methodNotSupported({ group: resource.group, resource: `${resource.plural}/${info.subresource}` }, info.verb));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reads

  private key(resource: ResourceInfo, namespace: string, name: string): string {
    return registryKey(resource.group, resource.plural, resource.namespaced ? namespace : '', name);
  }

  private read(resource: ResourceInfo, namespace: string, name: string): KeyValue<Obj> | undefined {
    return this.store.get(this.key(resource, namespace, name)) as KeyValue<Obj> | undefined;
  }

  private get(resource: ResourceInfo, info: RequestInfo): ApiResponse {
    const kv = this.read(resource, info.namespace, info.name);
    if (!kv) return respond(notFound(gr(resource), info.name));
    return { status: 200, body: this.output(resource, kv.value) };
  }

  private list(resource: ResourceInfo, info: RequestInfo, req: ApiRequest): ApiResponse {
    const q = req.query ?? {};
    const filter = this.buildFilter(resource, q);
    if ('status' in filter) return filter;
    const prefix = registryKey(resource.group, resource.plural, resource.namespaced ? info.namespace : '');
    const limit = q.limit ? Number.parseInt(q.limit, 10) : 0;
    if (q.limit && (!Number.isFinite(limit) || limit < 0)) return respond(badRequest(`invalid value for limit: ${q.limit}`));
    let startAfterKey: string | undefined;
    let listRevision = this.store.revision;
    if (q.continue) {
      const token = decodeContinue(q.continue);
      if (!token) return respond(badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)'));
      if (token.rv < this.store.stats().compactRevision) {
        return respond(
          gone('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.'),
        );
      }
      startAfterKey = token.key;
      listRevision = token.rv;
    }
    const items: Obj[] = [];
    let lastKey: string | undefined;
    let more = false;
    let remaining = 0;
    if (filter.trivial) {
      const page = this.store.range(prefix, { limit: limit > 0 ? limit : undefined, startAfterKey });
      for (const kv of page.kvs) items.push(this.output(resource, kv.value as Obj, true));
      lastKey = page.kvs.at(-1)?.key;
      more = page.more;
      remaining = page.remaining;
    } else {
      // Filtering happens after the range (as upstream), so scan until the page is full.
      let cursor = startAfterKey;
      scan: for (;;) {
        const page = this.store.range(prefix, { limit: 500, startAfterKey: cursor });
        for (const kv of page.kvs) {
          if (limit > 0 && items.length >= limit) {
            more = true;
            break scan;
          }
          cursor = kv.key;
          if (filter.matches(kv.value as Obj)) {
            items.push(this.output(resource, kv.value as Obj, true));
            lastKey = kv.key;
          }
        }
        if (!page.more) break;
      }
    }
    const metadata: Obj = { resourceVersion: String(listRevision) };
    if (more && lastKey) {
      metadata.continue = encodeContinue(lastKey, listRevision);
      if (filter.trivial) metadata.remainingItemCount = remaining;
    }
    return {
      status: 200,
      body: { kind: resource.listKind, apiVersion: apiVersionOf(resource.group, resource.version), metadata, items },
    };
  }

  private buildFilter(
    resource: ResourceInfo,
    q: Record<string, string | undefined>,
  ): { matches: (o: Obj) => boolean; trivial: boolean; labels?: (l: Record<string, string>) => boolean; fields?: (f: Record<string, string>) => boolean } | ApiResponse {
    let labels: ((l: Record<string, string>) => boolean) | undefined;
    let fields: ((f: Record<string, string>) => boolean) | undefined;
    if (q.labelSelector) {
      const parsed = parseLabelSelector(q.labelSelector);
      if (!parsed.ok) return respond(badRequest(parsed.error));
      const sel = parsed.selector;
      if (!sel.empty) labels = (l) => sel.matches(l);
    }
    if (q.fieldSelector) {
      const parsed = parseFieldSelector(q.fieldSelector);
      if (!parsed.ok) return respond(badRequest(parsed.error));
      const validated = validateFieldSelector(resource.group, resource.version, resource.plural, parsed.selector);
      if (!validated.ok) return respond(badRequest(validated.error));
      const sel = validated.selector;
      if (!sel.empty) fields = (f) => sel.matches(f);
    }
    const matches = (o: Obj) =>
      (!labels || labels(o.metadata?.labels ?? {})) && (!fields || fields(fieldSetFor(resource.group, resource.plural, o)));
    return { matches, trivial: !labels && !fields, labels, fields };
  }

  /** The object as the client sees it: in the requested version; list items carry no kind/apiVersion. */
  private output(resource: ResourceInfo, stored: Obj, inList = false): Obj {
    const apiVersion = apiVersionOf(resource.group, resource.version);
    const obj = convertTo(stored, apiVersion);
    if (inList) {
      const { kind: _k, apiVersion: _a, ...rest } = obj;
      return rest;
    }
    if (obj.apiVersion === apiVersion && obj.kind === resource.kind) return obj;
    return { ...obj, apiVersion, kind: resource.kind };
  }

  /** A decoded object (in the request's version) in the version its resource is stored in. */
  private toStorage(resource: ResourceInfo, obj: Obj): Obj {
    return convertTo(obj, storageApiVersion(resource));
  }

  /**
   * Content negotiation for `kubectl get`: `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` answers with a
   * meta.k8s.io/v1 Table built by the resource's printer (pkg/printers/internalversion), as the real apiserver does.
   */
  private maybeTable(resource: ResourceInfo, req: ApiRequest, res: ApiResponse): ApiResponse {
    if (res.status !== 200 || !wantsTable(req.headers?.accept)) return res;
    const body = res.body as Obj;
    const isList = Array.isArray(body.items);
    const q = req.query ?? {};
    const include = (['None', 'Metadata', 'Object'] as const).find((x) => x === q.includeObject) ?? 'Metadata';
    // Printers read the stored form (as upstream's print the internal version), whatever version was asked for.
    const storage = storageApiVersion(resource);
    const objects = (isList ? (body.items as Obj[]).map((o) => ({ ...o, apiVersion: body.apiVersion, kind: resource.kind })) : [body]).map((o) => convertTo(o, storage));
    const table = toTable(resource.group, resource.plural, objects, this.engine.epochMs + this.engine.now(), {
      includeObject: include,
      resourceVersion: isList ? body.metadata?.resourceVersion : body.metadata?.resourceVersion,
      continue: isList ? body.metadata?.continue : undefined,
      remainingItemCount: isList ? body.metadata?.remainingItemCount : undefined,
    });
    return { status: 200, body: table, headers: { 'content-type': 'application/json' } };
  }

  /** A watch event's object as a one-row Table (only the first event carries column definitions). */
  tableForWatchEvent(resource: ResourceInfo, obj: Obj, first: boolean, includeObject: 'None' | 'Metadata' | 'Object' = 'Metadata'): Obj {
    return toTable(resource.group, resource.plural, [obj], this.engine.epochMs + this.engine.now(), {
      includeObject,
      resourceVersion: obj.metadata?.resourceVersion,
      noHeaders: !first,
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Writes

  /** Decodes a request body into a fresh object the apiserver owns, with kind/apiVersion checks as upstream. */
  private decode(resource: ResourceInfo, body: unknown, opts: { allowEmptyTypeMeta: boolean }): Decoded {
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch (err) {
        return fail(respond(badRequest(`the object provided is unrecognized (must be of type ${resource.kind}): couldn't get version/kind; json parse error: ${(err as Error).message}`)));
      }
    }
    if (!isPlainObject(body)) {
      const what = body === undefined || body === null ? 'empty body' : `json: cannot unmarshal ${jsonTypeName(body)} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`;
      return fail(respond(badRequest(body === undefined || body === null ? 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/cbor' : `couldn't get version/kind; json parse error: ${what}`)));
    }
    const obj = clone(body) as Obj;
    const expected = apiVersionOf(resource.group, resource.version);
    if (obj.kind === undefined && obj.apiVersion === undefined && opts.allowEmptyTypeMeta) {
      obj.kind = resource.kind;
      obj.apiVersion = expected;
    }
    if (typeof obj.kind !== 'string' || obj.kind === '') {
      return fail(respond(badRequest(`Object 'Kind' is missing in '${truncateJson(body)}'`)));
    }
    if (obj.apiVersion !== expected && !(obj.apiVersion === undefined && opts.allowEmptyTypeMeta)) {
      const { group, version } = parseApiVersion(String(obj.apiVersion ?? ''));
      if (group !== resource.group || obj.kind !== resource.kind) {
        return fail(respond(badRequest(`the API version in the data (${obj.apiVersion ?? ''}) does not match the expected API version (${expected})`)));
      }
      void version;
    }
    if (obj.kind !== resource.kind) {
      return fail(respond(badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${resource.kind})`)));
    }
    obj.apiVersion = expected;
    if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
    if (!isPlainObject(obj.metadata)) {
      return fail(respond(badRequest(`${resource.kind} in version "${resource.version}" cannot be handled as a ${resource.kind}: json: cannot unmarshal ${jsonTypeName(obj.metadata)} into Go struct field ${resource.kind}.metadata of type v1.ObjectMeta`)));
    }
    const typeError = this.hooks.typeCheck?.(resource, obj);
    if (typeError) return fail(respond(typeError));
    return { ok: true, obj };
  }

  /** fieldValidation=Strict|Warn|Ignore (default Warn for API clients; kubectl asks for Strict). */
  private checkUnknownFields(resource: ResourceInfo, obj: Obj, q: Record<string, string | undefined>): { warnings: string[] } | ApiResponse {
    const mode = q.fieldValidation ?? 'Warn';
    if (!['Strict', 'Warn', 'Ignore'].includes(mode)) {
      return respond(badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", got "${mode}"`));
    }
    if (mode === 'Ignore' || !this.hooks.unknownFields) return { warnings: [] };
    const unknown = this.hooks.unknownFields({ group: resource.group, version: resource.version, kind: resource.kind }, obj);
    if (unknown.length === 0) return { warnings: [] };
    const messages = unknown.map((p) => `unknown field "${p}"`);
    if (mode === 'Strict') {
      const joined = messages.length === 1 ? messages[0] : messages.join(', ');
      return respond(badRequest(`strict decoding error: ${joined}`));
    }
    return { warnings: messages };
  }

  private create(resource: ResourceInfo, info: RequestInfo, req: ApiRequest): ApiResponse {
    const q = req.query ?? {};
    const decoded = this.decode(resource, req.body, { allowEmptyTypeMeta: false });
    if (!decoded.ok) return decoded.res;
    const fv = this.checkUnknownFields(resource, decoded.obj, q);
    if ('status' in fv) return fv;
    const obj = this.toStorage(resource, decoded.obj);
    const meta = obj.metadata;
    if (resource.namespaced) {
      if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== info.namespace) {
        return respond(badRequest('the namespace of the provided object does not match the namespace sent on the request'));
      }
      meta.namespace = info.namespace;
      const nsError = this.checkNamespaceForCreate(info.namespace);
      if (nsError) return nsError;
    } else {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName) meta.name = generateName(this.engine.rng, String(meta.generateName));
    // System-owned metadata: clients can't set these on create.
    meta.uid = newUid(this.engine.rng);
    meta.creationTimestamp = this.engine.timestamp();
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.resourceVersion;
    delete meta.generation;
    delete meta.selfLink;
    prepareForCreate(resource, obj);
    const admitted = this.hooks.admit?.({ operation: 'CREATE', resource, object: obj });
    if (admitted && !admitted.ok) return respond(admitted.status);
    if (!meta.name) {
      return respond(invalid(resource, '', [{ type: 'FieldValueRequired', field: 'metadata.name', detail: 'Required value: name or generateName is required' }]));
    }
    const allocationError = this.allocate(resource, obj, undefined);
    if (allocationError) return allocationError;
    const withWarnings = (r: ApiResponse) => addWarnings(r, fv.warnings);
    if (q.dryRun === 'All') {
      if (this.read(resource, info.namespace, meta.name)) return respond(alreadyExists(gr(resource), meta.name));
      return withWarnings({ status: 201, body: this.output(resource, obj) });
    }
    const key = this.key(resource, info.namespace, meta.name);
    meta.resourceVersion = String(this.store.nextRevision());
    const result = this.store.create(key, obj);
    if (!result.ok) return respond(alreadyExists(gr(resource), meta.name));
    this.recordStore('put', key);
    return withWarnings({ status: 201, body: this.output(resource, obj) });
  }

  private checkNamespaceForCreate(namespace: string): ApiResponse | undefined {
    const nsResource = this.registry.get('', 'v1', 'namespaces');
    if (!nsResource) return undefined;
    const ns = this.read(nsResource, '', namespace);
    if (!ns) return respond(notFound({ group: '', resource: 'namespaces' }, namespace));
    if (ns.value.metadata?.deletionTimestamp || ns.value.status?.phase === 'Terminating') {
      return respond(
        failure(403, 'Forbidden', `unable to create new content in namespace ${namespace} because it is being terminated`, {
          causes: [{ reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }],
        }),
      );
    }
    return undefined;
  }

  private update(resource: ResourceInfo, info: RequestInfo, req: ApiRequest, subresource?: 'status' | 'finalize'): ApiResponse {
    const result = this.decode(resource, req.body, { allowEmptyTypeMeta: false });
    if (!result.ok) return result.res;
    const decoded = result.obj;
    const fv = this.checkUnknownFields(resource, decoded, req.query ?? {});
    if ('status' in fv) return fv;
    if (decoded.metadata.name !== undefined && decoded.metadata.name !== info.name) {
      return respond(badRequest(`the name of the object (${decoded.metadata.name}) does not match the name on the URL (${info.name})`));
    }
    if (resource.namespaced && decoded.metadata.namespace && decoded.metadata.namespace !== info.namespace) {
      return respond(badRequest('the namespace of the provided object does not match the namespace sent on the request'));
    }
    return addWarnings(this.writeUpdate(resource, info, this.toStorage(resource, decoded), req.query ?? {}, subresource), fv.warnings);
  }

  /** The shared tail of PUT and PATCH: concurrency check, strategy, admission, store write. */
  private writeUpdate(resource: ResourceInfo, info: RequestInfo, incoming: Obj, q: Record<string, string | undefined>, subresource?: string): ApiResponse {
    const current = this.read(resource, info.namespace, info.name);
    if (!current) return respond(notFound(gr(resource), info.name));
    const old = current.value;
    const rv = incoming.metadata?.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion) {
      return respond(conflict(gr(resource), info.name, OPTIMISTIC_LOCK_ERROR));
    }
    let obj: Obj;
    if (subresource === 'status') {
      obj = prepareForStatusUpdate(resource, incoming, old);
    } else {
      obj = incoming;
      if (subresource === 'finalize') obj = { ...old, spec: { ...old.spec, finalizers: incoming.spec?.finalizers ?? [] } };
      else prepareForUpdate(resource, obj, old);
    }
    // Immutable system metadata carries over.
    const meta = (obj.metadata = { ...obj.metadata });
    meta.name = old.metadata.name;
    if (resource.namespaced) meta.namespace = old.metadata.namespace;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) {
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      if (old.metadata.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    if (old.metadata.generation !== undefined && subresource) meta.generation = old.metadata.generation;
    if (subresource !== 'status') {
      const admitted = this.hooks.admit?.({ operation: 'UPDATE', resource, subresource, object: obj, oldObject: old });
      if (admitted && !admitted.ok) return respond(admitted.status);
    }
    if (subresource !== 'status') {
      const allocationError = this.allocate(resource, obj, old);
      if (allocationError) return allocationError;
    }
    // An update that brings nothing new writes nothing (no new resourceVersion), as upstream.
    meta.resourceVersion = old.metadata.resourceVersion;
    if (sameJson(obj, old)) return { status: 200, body: this.output(resource, old) };
    if (q.dryRun === 'All') return { status: 200, body: this.output(resource, obj) };
    // Finalizers emptied on an object being deleted: the delete completes now.
    if (meta.deletionTimestamp && (!meta.finalizers || meta.finalizers.length === 0) && !isGracefullyDeleted(resource) && !namespaceFinalizersPending(resource, obj)) {
      return this.removeNow(resource, current, obj);
    }
    const key = this.key(resource, info.namespace, info.name);
    meta.resourceVersion = String(this.store.nextRevision());
    const res = this.store.update(key, obj, current.modRevision);
    if (!res.ok) return respond(conflict(gr(resource), info.name, OPTIMISTIC_LOCK_ERROR));
    this.recordStore('put', key);
    return { status: 200, body: this.output(resource, obj) };
  }

  private patch(resource: ResourceInfo, info: RequestInfo, req: ApiRequest, subresource?: 'status'): ApiResponse {
    const type = patchTypeOf(req.headers?.['content-type']);
    if (!type) {
      return respond(
        failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`),
      );
    }
    const q = req.query ?? {};
    let body = req.body;
    if (typeof body === 'string' && type !== 'apply') {
      try {
        body = JSON.parse(body);
      } catch (err) {
        return respond(badRequest(`error decoding patch: ${(err as Error).message}`));
      }
    }
    const current = this.read(resource, info.namespace, info.name);
    if (!current) {
      if (type === 'apply') return this.applyCreate(resource, info, req);
      return respond(notFound(gr(resource), info.name));
    }
    if (!this.hooks.patch) return respond(internalError('no patch engine configured'));
    const gvk = { group: resource.group, version: resource.version, kind: resource.kind };
    const currentOut = this.output(resource, current.value);
    const patched = this.hooks.patch(type, gvk, currentOut, body);
    if (!patched.ok) return respond(patched.status);
    const result = this.decode(resource, patched.value, { allowEmptyTypeMeta: true });
    if (!result.ok) return result.res;
    const decoded = result.obj;
    const fv = this.checkUnknownFields(resource, decoded, q);
    if ('status' in fv) return fv;
    // A patch carries no implicit precondition: only a resourceVersion the patch itself sets is checked.
    const patchRv = isPlainObject(body) && isPlainObject((body as Obj).metadata) ? (body as Obj).metadata.resourceVersion : undefined;
    decoded.metadata.resourceVersion = patchRv ?? current.value.metadata.resourceVersion;
    if (decoded.metadata.name !== info.name) decoded.metadata.name = info.name;
    return addWarnings(this.writeUpdate(resource, info, this.toStorage(resource, decoded), q, subresource), fv.warnings);
  }

  /** Server-side apply of an object that does not exist yet creates it. */
  private applyCreate(resource: ResourceInfo, info: RequestInfo, req: ApiRequest): ApiResponse {
    if (!this.hooks.patch) return respond(internalError('no patch engine configured'));
    const gvk = { group: resource.group, version: resource.version, kind: resource.kind };
    const patched = this.hooks.patch('apply', gvk, undefined, req.body);
    if (!patched.ok) return respond(patched.status);
    const obj = patched.value as Obj;
    if (isPlainObject(obj) && isPlainObject(obj.metadata) && obj.metadata.name !== info.name) {
      return respond(badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${info.name})`));
    }
    return this.create(resource, info, { ...req, method: 'POST', body: obj });
  }

  /** Service ClusterIPs and NodePorts (the service REST storage's allocators). */
  private allocate(resource: ResourceInfo, obj: Obj, old: Obj | undefined): ApiResponse | undefined {
    if (resource.group !== '' || resource.plural !== 'services') return undefined;
    const services = this.store
      .range(resourcePrefix('', 'services'))
      .kvs.map((kv) => kv.value as Obj)
      .filter((s) => s.metadata.uid !== obj.metadata.uid);
    const errors = allocateServiceAddresses(obj, old, { rng: this.engine.rng, services });
    return errors.length ? respond(invalid(resource, obj.metadata.name, errors)) : undefined;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Deletes

  private delete(resource: ResourceInfo, info: RequestInfo, req: ApiRequest): ApiResponse {
    const current = this.read(resource, info.namespace, info.name);
    if (!current) return respond(notFound(gr(resource), info.name));
    const parsed = deleteOptions(req);
    if (!parsed.ok) return parsed.res;
    return this.deleteObject(resource, current, parsed.opts, (req.query ?? {}).dryRun === 'All');
  }

  private deleteObject(resource: ResourceInfo, current: KeyValue<Obj>, opts: DeleteOpts, dryRun: boolean): ApiResponse {
    const old = current.value;
    const name = old.metadata.name;
    if (opts.preconditions?.uid && opts.preconditions.uid !== old.metadata.uid) {
      return respond(conflict(gr(resource), name, `Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${old.metadata.uid}`));
    }
    if (opts.preconditions?.resourceVersion && opts.preconditions.resourceVersion !== old.metadata.resourceVersion) {
      return respond(
        conflict(gr(resource), name, `Precondition failed: ResourceVersion in precondition: ${opts.preconditions.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`),
      );
    }
    if (isNamespace(resource)) {
      const terminating = this.terminateNamespace(resource, current, opts, dryRun);
      if (terminating) return terminating;
    }
    const finalizers: string[] = [...(old.metadata.finalizers ?? [])];
    // Propagation policy becomes finalizers the garbage collector honours (orphan / foregroundDeletion).
    const policy = opts.propagationPolicy ?? (opts.orphanDependents === true ? 'Orphan' : opts.orphanDependents === false ? 'Background' : defaultPropagation(resource));
    if (!old.metadata.deletionTimestamp) {
      if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
      if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    }
    const graceful = isGracefullyDeleted(resource) && this.gracePeriodFor(resource, old, opts) > 0;
    if (finalizers.length === 0 && !graceful) {
      if (dryRun) return this.deleteResponse(resource, old);
      return this.removeNow(resource, current, old);
    }
    // Graceful deletion or pending finalizers: the object stays, marked for deletion.
    const grace = graceful ? this.gracePeriodFor(resource, old, opts) : 0;
    if (old.metadata.deletionTimestamp) {
      // Already terminating: a shorter grace period may still shorten it, as upstream allows.
      const currentGrace = old.metadata.deletionGracePeriodSeconds ?? 0;
      if (!graceful || grace >= currentGrace) return { status: 200, body: this.output(resource, old) };
    }
    const obj: Obj = { ...old, metadata: { ...old.metadata, finalizers: finalizers.length ? finalizers : undefined } };
    if (!obj.metadata.finalizers) delete obj.metadata.finalizers;
    obj.metadata.deletionTimestamp = this.engine.timestamp(this.engine.now() + grace * 1000);
    obj.metadata.deletionGracePeriodSeconds = grace;
    if (tracksGenerationOnDelete(resource) && obj.metadata.generation !== undefined) obj.metadata.generation += 1;
    if (dryRun) return { status: 200, body: this.output(resource, obj) };
    const key = current.key;
    obj.metadata.resourceVersion = String(this.store.nextRevision());
    const res = this.store.update(key, obj, current.modRevision);
    if (!res.ok) return respond(conflict(gr(resource), name, OPTIMISTIC_LOCK_ERROR));
    this.recordStore('put', key);
    return { status: resource.plural === 'namespaces' || returnsDeletedObject(resource) ? 200 : 202, body: this.output(resource, obj) };
  }

  /**
   * Namespace deletion (namespace REST Delete): the first DELETE only marks the namespace Terminating with a
   * deletionTimestamp, for the namespace controller to empty it and remove the `kubernetes` finalizer through
   * /finalize. While spec.finalizers remain, later DELETEs change nothing; once they are gone the generic
   * delete (metadata finalizers) applies. Undefined ⇒ continue with the generic delete.
   */
  private terminateNamespace(resource: ResourceInfo, current: KeyValue<Obj>, opts: DeleteOpts, dryRun: boolean): ApiResponse | undefined {
    const old = current.value;
    if (old.metadata.deletionTimestamp) {
      return namespaceFinalizersPending(resource, old) ? { status: 200, body: this.output(resource, old) } : undefined;
    }
    const finalizers: string[] = (old.metadata.finalizers ?? []).filter((f: string) => f !== 'orphan' && f !== 'foregroundDeletion');
    const policy = opts.propagationPolicy ?? (opts.orphanDependents === true ? 'Orphan' : undefined);
    if (policy === 'Orphan') finalizers.push('orphan');
    if (policy === 'Foreground') finalizers.push('foregroundDeletion');
    const obj: Obj = { ...old, metadata: { ...old.metadata, deletionTimestamp: this.engine.timestamp() }, status: { ...old.status, phase: 'Terminating' } };
    if (finalizers.length) obj.metadata.finalizers = finalizers;
    else delete obj.metadata.finalizers;
    if (dryRun) return { status: 200, body: this.output(resource, obj) };
    obj.metadata.resourceVersion = String(this.store.nextRevision());
    const res = this.store.update(current.key, obj, current.modRevision);
    if (!res.ok) return respond(conflict(gr(resource), old.metadata.name, OPTIMISTIC_LOCK_ERROR));
    this.recordStore('put', current.key);
    return { status: 200, body: this.output(resource, obj) };
  }

  private gracePeriodFor(resource: ResourceInfo, obj: Obj, opts: DeleteOpts): number {
    if (resource.plural !== 'pods') return 0;
    // A pod never scheduled, or already finished, goes at once (pod strategy CheckGracefulDelete).
    if (!obj.spec?.nodeName) return 0;
    if (obj.status?.phase === 'Succeeded' || obj.status?.phase === 'Failed') return 0;
    if (opts.gracePeriodSeconds !== undefined) return Math.max(0, opts.gracePeriodSeconds);
    return obj.spec?.terminationGracePeriodSeconds ?? 30;
  }

  private removeNow(resource: ResourceInfo, current: KeyValue<Obj>, finalState: Obj): ApiResponse {
    const res = this.store.delete(current.key, current.modRevision);
    if (!res.ok) return respond(conflict(gr(resource), current.value.metadata.name, OPTIMISTIC_LOCK_ERROR));
    this.recordStore('delete', current.key);
    return this.deleteResponse(resource, { ...finalState, metadata: { ...finalState.metadata, resourceVersion: String(res.revision) } });
  }

  private deleteResponse(resource: ResourceInfo, obj: Obj): ApiResponse {
    if (returnsDeletedObject(resource)) return { status: 200, body: this.output(resource, obj) };
    return { status: 200, body: success({ name: obj.metadata.name, group: resource.group, kind: resource.plural, uid: obj.metadata.uid }) };
  }

  private deleteCollection(resource: ResourceInfo, info: RequestInfo, req: ApiRequest): ApiResponse {
    const q = req.query ?? {};
    const filter = this.buildFilter(resource, q);
    if ('status' in filter) return filter;
    const parsed = deleteOptions(req);
    if (!parsed.ok) return parsed.res;
    const opts = parsed.opts;
    const prefix = registryKey(resource.group, resource.plural, resource.namespaced ? info.namespace : '');
    const deleted: Obj[] = [];
    for (const kv of this.store.range(prefix).kvs) {
      if (!filter.matches(kv.value as Obj)) continue;
      const res = this.deleteObject(resource, kv as KeyValue<Obj>, opts, q.dryRun === 'All');
      if (res.status < 300) deleted.push(this.output(resource, kv.value as Obj, true));
    }
    return {
      status: 200,
      body: { kind: resource.listKind, apiVersion: apiVersionOf(resource.group, resource.version), metadata: { resourceVersion: String(this.store.revision) }, items: deleted },
    };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Subresources: scale, binding, eviction

  private scaleOf(resource: ResourceInfo, obj: Obj): Obj {
    const selector = obj.spec?.selector;
    let selectorString = '';
    if (resource.plural === 'replicationcontrollers') {
      selectorString = Object.entries(selector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
    } else if (selector) {
      selectorString = labelSelectorString(selector);
    }
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: obj.metadata.name,
        namespace: obj.metadata.namespace,
        uid: obj.metadata.uid,
        resourceVersion: obj.metadata.resourceVersion,
        creationTimestamp: obj.metadata.creationTimestamp,
      },
      spec: { replicas: obj.spec?.replicas ?? 0 },
      status: { replicas: obj.status?.replicas ?? 0, ...(selectorString ? { selector: selectorString } : {}) },
    };
  }

  private getScale(resource: ResourceInfo, info: RequestInfo): ApiResponse {
    const kv = this.read(resource, info.namespace, info.name);
    if (!kv) return respond(notFound(gr(resource), info.name));
    return { status: 200, body: this.scaleOf(resource, kv.value) };
  }

  private updateScale(resource: ResourceInfo, info: RequestInfo, body: unknown): ApiResponse {
    const kv = this.read(resource, info.namespace, info.name);
    if (!kv) return respond(notFound(gr(resource), info.name));
    if (!isPlainObject(body)) return respond(badRequest('the body of the request was in an unknown format'));
    const scale = body as Obj;
    const replicas = scale.spec?.replicas ?? 0;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
      return respond(badRequest(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${jsonTypeName(replicas)} into Go struct field ScaleSpec.spec.replicas of type int32`));
    }
    if (replicas < 0) {
      return respond(invalid({ group: 'autoscaling', kind: 'Scale' }, info.name, [{ type: 'FieldValueInvalid', field: 'spec.replicas', detail: `Invalid value: ${replicas}: must be greater than or equal to 0` }]));
    }
    const rv = scale.metadata?.resourceVersion;
    if (rv && rv !== kv.value.metadata.resourceVersion) return respond(conflict(gr(resource), info.name, OPTIMISTIC_LOCK_ERROR));
    const obj = { ...kv.value, spec: { ...kv.value.spec, replicas }, metadata: { ...kv.value.metadata } };
    const res = this.writeUpdate(resource, info, obj, {}, undefined);
    if (res.status >= 300) return res;
    return { status: 200, body: this.scaleOf(resource, res.body as Obj) };
  }

  private patchScale(resource: ResourceInfo, info: RequestInfo, req: ApiRequest): ApiResponse {
    const type = patchTypeOf(req.headers?.['content-type']);
    if (!type || type === 'apply') return respond(failure(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format'));
    const kv = this.read(resource, info.namespace, info.name);
    if (!kv) return respond(notFound(gr(resource), info.name));
    if (!this.hooks.patch) return respond(internalError('no patch engine configured'));
    let body = req.body;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch (err) {
        return respond(badRequest(`error decoding patch: ${(err as Error).message}`));
      }
    }
    const patched = this.hooks.patch(type === 'strategic' ? 'merge' : type, { group: 'autoscaling', version: 'v1', kind: 'Scale' }, this.scaleOf(resource, kv.value), body);
    if (!patched.ok) return respond(patched.status);
    return this.updateScale(resource, info, patched.value);
  }

  /** pods/log: proxied to the kubelet of the pod's node (hooks.logs); the body is plain text. */
  private podLog(resource: ResourceInfo, info: RequestInfo, req: ApiRequest): ApiResponse {
    const current = this.read(resource, info.namespace, info.name);
    if (!current) return respond(notFound(gr(resource), info.name));
    const r = this.hooks.logs?.(current.value, req.query ?? {});
    if (!r) return respond(notFound(gr(resource), info.name));
    return r.ok ? { status: 200, body: r.text, headers: { 'content-type': 'text/plain' } } : respond(r.status);
  }

  /** pods/binding: the scheduler's write. Sets spec.nodeName once (BindingREST.assignPod). */
  private bind(resource: ResourceInfo, info: RequestInfo, req: ApiRequest): ApiResponse {
    if (resource.plural !== 'pods') return respond(pathNotFound());
    const body = req.body as Obj;
    if (!isPlainObject(req.body) || !isPlainObject(body.target)) return respond(badRequest('the body of the request was in an unknown format'));
    const nodeName = body.target.name;
    if (!nodeName) {
      return respond(invalid({ group: '', kind: 'Binding' }, info.name, [{ type: 'FieldValueRequired', field: 'target.name', detail: 'Required value' }]));
    }
    const kv = this.read(resource, info.namespace, info.name);
    if (!kv) return respond(notFound(gr(resource), info.name));
    const pod = kv.value;
    if (pod.metadata.deletionTimestamp) {
      return respond(conflict(gr(resource), info.name, `pod ${info.name} is being deleted, cannot be assigned to a host`));
    }
    if (pod.spec?.nodeName) {
      return respond(conflict(gr(resource), info.name, `pod ${info.name} is already assigned to node "${pod.spec.nodeName}"`));
    }
    const conditions: Obj[] = [...(pod.status?.conditions ?? []).filter((c: Obj) => c.type !== 'PodScheduled')];
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: this.engine.timestamp() });
    const updated: Obj = {
      ...pod,
      metadata: { ...pod.metadata, annotations: { ...pod.metadata.annotations, ...(body.metadata?.annotations ?? {}) } },
      spec: { ...pod.spec, nodeName },
      status: { ...pod.status, conditions },
    };
    if (Object.keys(updated.metadata.annotations).length === 0) delete updated.metadata.annotations;
    updated.metadata.resourceVersion = String(this.store.nextRevision());
    const res = this.store.update(kv.key, updated, kv.modRevision);
    if (!res.ok) return respond(conflict(gr(resource), info.name, OPTIMISTIC_LOCK_ERROR));
    this.recordStore('put', kv.key);
    return { status: 201, body: success() };
  }

  /**
   * pods/eviction: a delete the PodDisruptionBudgets may refuse (the policy is `hooks.admitEviction`). As in 1.32,
   * the pod is marked DisruptionTarget (EvictionByEvictionAPI) before it is deleted.
   */
  private evict(resource: ResourceInfo, info: RequestInfo, req: ApiRequest): ApiResponse {
    if (resource.plural !== 'pods') return respond(pathNotFound());
    let kv = this.read(resource, info.namespace, info.name);
    if (!kv) return respond(notFound(gr(resource), info.name));
    const body = isPlainObject(req.body) ? (req.body as Obj) : {};
    const parsed = deleteOptions({ ...req, body: body.deleteOptions });
    if (!parsed.ok) return parsed.res;
    const opts = parsed.opts;
    const dryRun = (req.query ?? {}).dryRun === 'All' || (opts.dryRun ?? []).includes('All');
    if (!canIgnorePdb(kv.value)) {
      const blocked = this.hooks.admitEviction?.(kv.value, this.evictionContext(info.namespace, dryRun));
      if (blocked) return respond(blocked);
    }
    const marked = dryRun ? undefined : withEvictionCondition(kv.value, this.engine.timestamp());
    if (marked) {
      const res = this.writeUpdate(resource, info, marked, {}, 'status');
      if (res.status >= 300) return res;
      kv = this.read(resource, info.namespace, info.name)!;
    }
    const res = this.deleteObject(resource, kv as KeyValue<Obj>, opts, dryRun);
    if (res.status >= 300) return res;
    return { status: 201, body: success() };
  }

  /** The eviction policy's view of the namespace's PodDisruptionBudgets, read and written in the store. */
  private evictionContext(namespace: string, dryRun: boolean): EvictionContext {
    const pdbs = this.registry.get('policy', 'v1', 'poddisruptionbudgets');
    const items = pdbs ? this.store.range(registryKey('policy', 'poddisruptionbudgets', namespace)).kvs.map((kv) => kv.value as Obj) : [];
    return {
      dryRun,
      podDisruptionBudgets: items,
      now: this.engine.timestamp(),
      updatePodDisruptionBudgetStatus: (pdb) => {
        if (!pdbs) return undefined;
        const info = { namespace, name: pdb.metadata?.name } as RequestInfo;
        const res = this.writeUpdate(pdbs, info, { ...pdb, apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' }, {}, 'status');
        return res.status >= 300 ? (res.body as Status) : undefined;
      },
    };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Watch

  private openWatch(req: ApiRequest, onEvent: (e: WatchEvent) => void, onClose?: () => void): WatchHandle | ApiResponse {
    const info = parseRequestInfo({ ...req, query: { ...req.query, watch: 'true' } });
    if (!info.isResourceRequest) return respond(pathNotFound());
    const resolved = this.resolve({ ...info, verb: 'watch' });
    if ('status' in resolved) return resolved;
    const { resource } = resolved;
    if (resource.aggregated) {
      const api = this.aggregatedWatchers.get(resource.group);
      return api ? api.watch(req, info, resource, onEvent, onClose) : respond(serviceUnavailable());
    }
    const q = req.query ?? {};
    const filter = this.buildFilter(resource, q);
    if ('status' in filter) return filter;
    const prefix = registryKey(resource.group, resource.plural, resource.namespaced ? info.namespace : '');
    const bookmarks = q.allowWatchBookmarks === 'true';
    const sendInitialEvents = q.sendInitialEvents === 'true';
    if (q.sendInitialEvents !== undefined && q.sendInitialEvents !== 'true' && q.sendInitialEvents !== 'false') {
      return respond(badRequest(`invalid value for sendInitialEvents: ${q.sendInitialEvents}`));
    }
    if (q.sendInitialEvents !== undefined || q.resourceVersionMatch) {
      // validateWatchOptions (apimachinery/pkg/apis/meta/internalversion/validation) for the watch-list protocol.
      const errs: FieldError[] = [];
      const forbid = (field: string, message: string) => errs.push({ type: 'FieldValueForbidden', field, detail: `Forbidden: ${message}` });
      const match = q.resourceVersionMatch ?? '';
      if (q.sendInitialEvents !== undefined && match !== 'NotOlderThan') forbid('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan');
      if (match) {
        if (q.sendInitialEvents === undefined) forbid('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided');
        if (match !== 'NotOlderThan') errs.push({ type: 'FieldValueNotSupported', field: 'resourceVersionMatch', detail: `Unsupported value: "${match}": supported values: "NotOlderThan"` });
      }
      if (errs.length > 0) return respond(invalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', errs));
    }
    const watcher: Watcher = {
      id: this.nextWatcherId++,
      resource,
      prefix: resourcePrefix(resource.group, resource.plural),
      namespace: resource.namespaced ? info.namespace : '',
      name: info.name,
      labelMatch: filter.labels,
      fieldMatch: filter.fields,
      client: req.client ?? 'unknown',
      nodeName: resource.plural === 'pods' && resource.group === '' ? exactNodeName(q.fieldSelector) : undefined,
      onEvent,
      onClose,
      pending: [],
      stopped: false,
      bookmarks,
      lastRv: 0,
    };
    const rv = q.resourceVersion;
    if (sendInitialEvents) {
      // Watch-list (streaming list): the current state as ADDED events, then a BOOKMARK marking their end.
      const from = rv === undefined || rv === '' ? 0 : Number(rv);
      if (!Number.isInteger(from) || from < 0) return respond(badRequest(`invalid resource version: ${rv}`));
      const range = this.store.range(prefix);
      for (const kv of range.kvs) {
        const obj = kv.value as Obj;
        if (watcher.name && obj.metadata?.name !== watcher.name) continue;
        if (filter.matches(obj)) watcher.pending.push({ type: 'ADDED', object: this.output(resource, obj) });
      }
      if (bookmarks) watcher.pending.push(this.bookmarkEvent(resource, this.store.revision, true));
    } else if (rv === undefined || rv === '' || rv === '0') {
      // Start from "now": synthetic ADDED events for what exists, then changes.
      for (const kv of this.store.range(prefix).kvs) {
        const obj = kv.value as Obj;
        if (watcher.name && obj.metadata?.name !== watcher.name) continue;
        if (filter.matches(obj)) watcher.pending.push({ type: 'ADDED', object: this.output(resource, obj) });
      }
    } else {
      const from = Number(rv);
      if (!Number.isInteger(from) || from < 0) return respond(badRequest(`invalid resource version: ${rv}`));
      if (from < this.store.stats().compactRevision) {
        // Upstream opens the stream and sends one ERROR event carrying 410 Expired.
        const status = gone(`too old resource version: ${from} (${this.store.stats().compactRevision + 1})`);
        watcher.pending.push({ type: 'ERROR', object: status });
        this.register(watcher);
        this.scheduleFlush(watcher);
        watcher.stopped = false;
        return { stop: () => this.stopWatcher(watcher) };
      }
      const replay = this.store.watch(prefix, from, (e) => {
        const ev = this.toWatchEvent(watcher, e);
        if (ev) watcher.pending.push(ev);
      });
      if ('error' in replay) {
        watcher.pending.push({ type: 'ERROR', object: gone(`too old resource version: ${from} (${replay.compactRevision + 1})`) });
      } else {
        replay.cancel();
      }
    }
    this.register(watcher);
    if (watcher.pending.length > 0) this.scheduleFlush(watcher);
    const timeoutSeconds = Number(q.timeoutSeconds);
    if (q.timeoutSeconds !== undefined && Number.isInteger(timeoutSeconds) && timeoutSeconds > 0) {
      this.engine.clock.schedule(timeoutSeconds * 1000, WATCH_TIMEOUT_TARGET, String(watcher.id));
    }
    return { stop: () => this.stopWatcher(watcher) };
  }

  private register(w: Watcher): void {
    this.watchers.set(w.id, w);
    if (w.bookmarks) this.bookmarkWatchers++;
    const nodeName = w.nodeName;
    if (nodeName !== undefined) {
      let set = this.podWatchersByNode.get(nodeName);
      if (!set) this.podWatchersByNode.set(nodeName, (set = new Set()));
      set.add(w);
      return;
    }
    let set = this.watchersByPrefix.get(w.prefix);
    if (!set) this.watchersByPrefix.set(w.prefix, (set = new Set()));
    set.add(w);
  }

  private stopWatcher(w: Watcher): void {
    if (w.stopped) return;
    w.stopped = true;
    if (this.watchers.delete(w.id) && w.bookmarks) this.bookmarkWatchers--;
    this.watchersByPrefix.get(w.prefix)?.delete(w);
    if (w.nodeName !== undefined) this.podWatchersByNode.get(w.nodeName)?.delete(w);
    this.engine.clock.cancel(WATCH_TARGET, String(w.id));
    this.engine.clock.cancel(WATCH_TIMEOUT_TARGET, String(w.id));
  }

  /** Closes every open watch (an apiserver restart); clients re-list and re-watch. */
  closeAllWatches(): void {
    for (const w of [...this.watchers.values()]) {
      this.stopWatcher(w);
      w.onClose?.();
    }
  }

  private dispatch(e: StoreEvent): void {
    const resourcePrefixKey = this.prefixOfKey(e.kv.key);
    if (!resourcePrefixKey) return;
    const targets: Watcher[] = [];
    const byPrefix = this.watchersByPrefix.get(resourcePrefixKey);
    if (byPrefix) targets.push(...byPrefix);
    if (resourcePrefixKey === '/registry/pods/' && this.podWatchersByNode.size > 0) {
      const nodes = new Set<string>();
      const now = (e.kv.value as Obj | undefined)?.spec?.nodeName ?? '';
      const before = (e.prevKv?.value as Obj | undefined)?.spec?.nodeName ?? '';
      nodes.add(now);
      nodes.add(before);
      for (const n of nodes) {
        const set = this.podWatchersByNode.get(n);
        if (set) targets.push(...set);
      }
    }
    for (const w of targets) {
      const ev = this.toWatchEvent(w, e);
      if (!ev) continue;
      w.pending.push(ev);
      this.scheduleFlush(w);
    }
    // Only a changing store needs bookmarks (the revision moved on); an idle one lets the clock go idle too.
    if (this.bookmarkWatchers > 0) this.engine.clock.scheduleEarliest(BOOKMARK_INTERVAL_MS, BOOKMARK_TARGET, 'all');
  }

  /** A BOOKMARK: an object of the watched kind carrying only the resourceVersion the client has caught up to. */
  private bookmarkEvent(resource: ResourceInfo, revision: number, initialEventsEnd = false): WatchEvent {
    const metadata: Obj = { resourceVersion: String(revision) };
    if (initialEventsEnd) metadata.annotations = { [INITIAL_EVENTS_END_ANNOTATION]: 'true' };
    return { type: 'BOOKMARK', object: { kind: resource.kind, apiVersion: apiVersionOf(resource.group, resource.version), metadata } };
  }

  /** The periodic bookmark: tells each bookmark watcher that has fallen behind (its events filtered out) the current revision. */
  private sendBookmarks(): void {
    const revision = this.store.revision;
    for (const w of this.watchers.values()) {
      if (!w.bookmarks || w.stopped || w.lastRv >= revision) continue;
      w.pending.push(this.bookmarkEvent(w.resource, revision));
      this.scheduleFlush(w);
    }
  }

  private prefixOfKey(key: string): string | undefined {
    // Prefixes are `/registry/<a>/` or `/registry/<a>/<b>/`.
    const parts = key.split('/');
    const two = `/${parts[1]}/${parts[2]}/`;
    const three = `${two}${parts[3]}/`;
    if (this.resourcesByPrefix.has(three)) return three;
    if (this.resourcesByPrefix.has(two)) return two;
    return undefined;
  }

  /**
   * Turns a store event into what this watcher sees, as the watch cache does: an object that starts matching the
   * selectors arrives as ADDED, one that stops matching as DELETED.
   */
  private toWatchEvent(w: Watcher, e: StoreEvent): WatchEvent | undefined {
    if (!e.kv.key.startsWith(w.prefix)) return undefined;
    const cur = e.type === 'DELETE' ? undefined : (e.kv.value as Obj);
    const prev = e.prevKv?.value as Obj | undefined;
    const matches = (o: Obj | undefined) =>
      !!o &&
      (!w.namespace || o.metadata?.namespace === w.namespace) &&
      (!w.name || o.metadata?.name === w.name) &&
      (!w.labelMatch || w.labelMatch(o.metadata?.labels ?? {})) &&
      (!w.fieldMatch || w.fieldMatch(fieldSetFor(w.resource.group, w.resource.plural, o)));
    const nowMatches = matches(cur);
    const wasMatching = matches(prev);
    if (e.type === 'DELETE') {
      if (!wasMatching || !prev) return undefined;
      return { type: 'DELETED', object: this.output(w.resource, { ...prev, metadata: { ...prev.metadata, resourceVersion: String(e.revision) } }) };
    }
    if (nowMatches && cur) return { type: wasMatching ? 'MODIFIED' : 'ADDED', object: this.output(w.resource, cur) };
    if (wasMatching && cur) return { type: 'DELETED', object: this.output(w.resource, cur) };
    return undefined;
  }

  private scheduleFlush(w: Watcher): void {
    this.engine.clock.scheduleEarliest(0, WATCH_TARGET, String(w.id));
  }

  /** Delivers a watcher's pending events (one clock event per watcher per burst), recording each as traffic. */
  private flushWatcher(id: number): void {
    const w = this.watchers.get(id);
    if (!w || w.stopped) return;
    const events = w.pending;
    w.pending = [];
    for (const ev of events) {
      if (w.stopped) return;
      const obj = ev.object as Obj;
      this.engine.traffic.record({
        t: this.engine.now(),
        kind: 'watch',
        from: this.name,
        to: w.client,
        verb: ev.type,
        group: w.resource.group,
        resource: w.resource.plural,
        namespace: obj?.metadata?.namespace,
        name: obj?.metadata?.name,
      });
      const rv = Number(obj?.metadata?.resourceVersion);
      if (ev.type !== 'ERROR' && rv > w.lastRv) w.lastRv = rv;
      w.onEvent(ev);
      if (ev.type === 'ERROR') {
        this.stopWatcher(w);
        w.onClose?.();
        return;
      }
    }
  }

  private recordStore(verb: 'put' | 'delete', key: string): void {
    this.engine.traffic.record({ t: this.engine.now(), kind: 'store', from: this.name, to: this.storeName, verb, path: key });
  }
}

// -----------------------------------------------------------------------------------------------------------
// Helpers

interface DeleteOpts {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

function deleteOptions(req: ApiRequest): { ok: true; opts: DeleteOpts } | { ok: false; res: ApiResponse } {
  let body = req.body;
  if (typeof body === 'string' && body.trim() !== '') {
    try {
      body = JSON.parse(body);
    } catch (err) {
      return { ok: false, res: respond(badRequest(`error decoding DeleteOptions: ${(err as Error).message}`)) };
    }
  }
  const given = (isPlainObject(body) ? body : {}) as Obj;
  const opts: DeleteOpts = {};
  if (typeof given.gracePeriodSeconds === 'number') opts.gracePeriodSeconds = given.gracePeriodSeconds;
  if (typeof given.propagationPolicy === 'string') opts.propagationPolicy = given.propagationPolicy as DeleteOpts['propagationPolicy'];
  if (typeof given.orphanDependents === 'boolean') opts.orphanDependents = given.orphanDependents;
  if (isPlainObject(given.preconditions)) opts.preconditions = given.preconditions as DeleteOpts['preconditions'];
  const q = req.query ?? {};
  if (q.gracePeriodSeconds !== undefined) opts.gracePeriodSeconds = Number(q.gracePeriodSeconds);
  if (q.propagationPolicy !== undefined) opts.propagationPolicy = q.propagationPolicy as DeleteOpts['propagationPolicy'];
  if (opts.propagationPolicy && !['Orphan', 'Background', 'Foreground'].includes(opts.propagationPolicy)) {
    return {
      ok: false,
      res: respond(
        invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', [
          { type: 'FieldValueNotSupported', field: 'propagationPolicy', detail: `Unsupported value: "${opts.propagationPolicy}": supported values: "Foreground", "Background", "Orphan", "nil"` },
        ]),
      ),
    };
  }
  if (opts.gracePeriodSeconds !== undefined && (!Number.isFinite(opts.gracePeriodSeconds) || opts.gracePeriodSeconds < 0)) {
    opts.gracePeriodSeconds = 0;
  }
  return { ok: true, opts };
}

/** Upstream's default for objects that do not name a policy: orphan for the old extensions-era kinds, else background. */
function defaultPropagation(_r: ResourceInfo): 'Background' {
  return 'Background';
}

const isNamespace = (r: ResourceInfo) => r.group === '' && r.plural === 'namespaces';

/** A namespace still carrying spec.finalizers (the namespace controller's `kubernetes`) cannot go yet. */
function namespaceFinalizersPending(r: ResourceInfo, obj: Obj): boolean {
  return isNamespace(r) && (obj.spec?.finalizers ?? []).length > 0;
}

function tracksGenerationOnDelete(r: ResourceInfo): boolean {
  // Marking for deletion bumps generation for kinds that track it (so controllers notice).
  return r.group === 'apps' || r.group === 'batch';
}

/** True when the Accept header prefers a meta.k8s.io Table (kubectl's human-readable output). */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  const first = accept.split(',')[0];
  return /as=Table/.test(first) && /g=meta\.k8s\.io/.test(first);
}

function patchTypeOf(contentType: string | undefined): PatchType | undefined {
  const ct = (contentType ?? '').split(';')[0].trim();
  switch (ct) {
    case 'application/json-patch+json':
      return 'json';
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/apply-patch+yaml':
    case 'application/apply-patch+json':
      return 'apply';
  }
  return undefined;
}

function gr(r: ResourceInfo): QualifiedResource {
  return { group: r.group, resource: r.plural };
}

type Decoded = { ok: true; obj: Obj } | { ok: false; res: ApiResponse };

const fail = (res: ApiResponse): Decoded => ({ ok: false, res });

function addWarnings(res: ApiResponse, warnings: string[]): ApiResponse {
  if (warnings.length === 0) return res;
  return { ...res, headers: { ...res.headers, warning: warnings.map((w) => `299 - "${w}"`).join(', ') } };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function jsonTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

function truncateJson(v: unknown): string {
  const s = JSON.stringify(v);
  return s.length > 256 ? `${s.slice(0, 256)}...` : s;
}

/** What the aggregator answers while an APIService has no server behind it. */
function serviceUnavailable(): Status {
  return failure(503, 'ServiceUnavailable', 'the server is currently unable to handle the request');
}

function methodNotAllowedPath(method: string): Status {
  return failure(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`, { causes: [{ message: method }] });
}

function encodeContinue(key: string, rv: number): string {
  return CONTINUE_PREFIX + JSON.stringify({ k: key, rv });
}

function decodeContinue(token: string): { key: string; rv: number } | undefined {
  if (!token.startsWith(CONTINUE_PREFIX)) return undefined;
  try {
    const parsed = JSON.parse(token.slice(CONTINUE_PREFIX.length));
    if (typeof parsed.k !== 'string' || typeof parsed.rv !== 'number') return undefined;
    return { key: parsed.k, rv: parsed.rv };
  } catch {
    return undefined;
  }
}

/** metav1.FormatLabelSelector: the string form used in Scale.status.selector. */
function labelSelectorString(sel: Obj): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {}).sort(([a], [b]) => a.localeCompare(b))) parts.push(`${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort();
    switch (e.operator) {
      case 'In':
        parts.push(`${e.key} in (${values.join(',')})`);
        break;
      case 'NotIn':
        parts.push(`${e.key} notin (${values.join(',')})`);
        break;
      case 'Exists':
        parts.push(e.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${e.key}`);
        break;
    }
  }
  return parts.join(',');
}

/** The node of a `spec.nodeName=X` field selector, for the kubelet's pod watch index. */
function exactNodeName(fieldSelector: string | undefined): string | undefined {
  const m = /^spec\.nodeName==?([^,=!\\]*)$/.exec(fieldSelector ?? '');
  return m ? m[1] : undefined;
}
