/**
 * The Fault API server: `pilothouse.dev/v1alpha1` served as an aggregated API with an in-memory store of its own
 * (not the simulated etcd), with the generic REST semantics kubectl relies on — create (generateName, uid,
 * creationTimestamp, generation), get, list (label and `metadata.name` field selectors), update and patch with
 * optimistic concurrency, the status subresource, delete, deletecollection and watch from a resourceVersion.
 *
 * Its resourceVersions are its own counter, as an aggregated server's come from its own storage.
 */
import type { Engine } from '../engine';
import type { AggregatedApi } from '../apiserver/aggregated';
import type { ResourceInfo } from '../apiserver/registry';
import type { RequestInfo } from '../apiserver/request-info';
import type { ApiRequest, ApiResponse, WatchEvent, WatchHandle } from '../apiserver/types';
import { parseLabelSelector } from '../apiserver/selectors/labels';
import { parseFieldSelector } from '../apiserver/selectors/fields';
import { applyJsonMergePatch, applyJsonPatch } from '../apiserver/patch';
import { clone, deepEqual, generateName, isPlainObject, newUid } from '../apiserver/rest/object-meta';
import {
  alreadyExists,
  badRequest,
  conflict,
  failure,
  gone,
  invalid,
  methodNotSupported,
  notFound,
  OPTIMISTIC_LOCK_ERROR,
  respond,
  type FieldError,
} from '../apiserver/status';
import { FAULT_API_VERSION, FAULT_GROUP, FAULT_KIND, FAULT_PLURAL, type Fault } from './fault-types';
import { defaultFault, validateFault, validateFaultUpdate, type FaultTargetLookup } from './fault-validation';

type Obj = Record<string, any>;

const GR = { group: FAULT_GROUP, resource: FAULT_PLURAL };
const KIND = { group: FAULT_GROUP, kind: FAULT_KIND };
/** Watch events kept for resuming from a resourceVersion (the watch cache's window). */
const HISTORY_LIMIT = 1000;

interface Change {
  rev: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: Fault;
  prev?: Fault;
}

interface Watcher {
  id: number;
  name: string;
  matches: (f: Fault) => boolean;
  client: string;
  onEvent: (e: WatchEvent) => void;
  onClose?: () => void;
  pending: WatchEvent[];
  stopped: boolean;
}

export interface FaultApiServerOptions {
  /** Looks up fault targets for validation (reads the cluster's own objects). */
  targets: FaultTargetLookup;
  /** The kube-apiserver's name, as watch traffic shows it (streams are proxied through it). */
  apiserverName?: string;
}

export class FaultApiServer implements AggregatedApi {
  private readonly objects = new Map<string, Fault>();
  private revision = 1;
  private history: Change[] = [];
  private compactRevision = 0;
  private watchers = new Map<number, Watcher>();
  private nextWatcherId = 1;
  private readonly target = 'pilothouse-fault-apiserver/watch';

  constructor(
    private readonly engine: Engine,
    private readonly opts: FaultApiServerOptions,
  ) {
    engine.register(this.target, { onTimer: (t) => this.flush(Number(t.key)) });
  }

  // -----------------------------------------------------------------------------------------------------------
  // REST

  request(req: ApiRequest, info: RequestInfo, _resource: ResourceInfo): ApiResponse {
    const q = req.query ?? {};
    const dryRun = q.dryRun === 'All';
    if (info.subresource && info.subresource !== 'status') return respond(methodNotSupported(GR, info.verb));
    switch (info.verb) {
      case 'get':
        return this.get(info.name);
      case 'list':
        return this.list(q);
      case 'create':
        return this.create(req.body, dryRun);
      case 'update':
        return this.update(info.name, req.body, info.subresource === 'status', dryRun);
      case 'patch':
        return this.patch(info.name, req, info.subresource === 'status', dryRun);
      case 'delete':
        return this.delete(info.name, req.body, dryRun);
      case 'deletecollection':
        return this.deleteCollection(q, dryRun);
    }
    return respond(methodNotSupported(GR, info.verb));
  }


  private get(name: string): ApiResponse {
    const f = this.objects.get(name);
    return f ? { status: 200, body: clone(f) } : respond(notFound(GR, name));
  }

  private list(q: Record<string, string | undefined>): ApiResponse {
    const filter = this.filter(q);
    if ('status' in filter) return filter;
    const items = [...this.objects.values()]
      .filter(filter.matches)
      .sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1))
      .map(({ kind: _k, apiVersion: _a, ...rest }) => clone(rest));
    return { status: 200, body: { kind: `${FAULT_KIND}List`, apiVersion: FAULT_API_VERSION, metadata: { resourceVersion: String(this.revision) }, items } };
  }

  private create(body: unknown, dryRun: boolean): ApiResponse {
    const decoded = decode(body);
    if ('status' in decoded) return decoded;
    const f = decoded.obj;
    const meta = f.metadata;
    if (!meta.name && meta.generateName) meta.name = generateName(this.engine.rng, String(meta.generateName));
    delete meta.namespace;
    meta.uid = newUid(this.engine.rng);
    meta.creationTimestamp = this.engine.timestamp();
    meta.generation = 1;
    for (const k of ['resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink']) delete meta[k];
    delete f.status;
    defaultFault(f);
    const errs = validateFault(f, this.opts.targets);
    if (errs.length) return respond(invalid(KIND, meta.name ?? '', errs));
    if (this.objects.has(meta.name)) return respond(alreadyExists(GR, meta.name));
    const stored = dryRun ? f : this.commit('ADDED', f as Fault);
    return { status: 201, body: clone(stored) };
  }

  private update(name: string, body: unknown, status: boolean, dryRun: boolean): ApiResponse {
    const decoded = decode(body);
    if ('status' in decoded) return decoded;
    if (decoded.obj.metadata.name !== undefined && decoded.obj.metadata.name !== name) {
      return respond(badRequest(`the name of the object (${decoded.obj.metadata.name}) does not match the name on the URL (${name})`));
    }
    return this.write(name, decoded.obj, status, dryRun);
  }

  private patch(name: string, req: ApiRequest, status: boolean, dryRun: boolean): ApiResponse {
    const old = this.objects.get(name);
    if (!old) return respond(notFound(GR, name));
    let body = req.body;
    const type = (req.headers?.['content-type'] ?? '').split(';')[0].trim();
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch (err) {
        return respond(badRequest(`error decoding patch: ${(err as Error).message}`));
      }
    }
    // Fault has no list-of-maps fields a client would merge by key, so a strategic merge (or apply) patch merges
    // the way a JSON merge patch does.
    const patched =
      type === 'application/json-patch+json'
        ? applyJsonPatch(clone(old), body)
        : ['application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml', 'application/apply-patch+json'].includes(type)
          ? applyJsonMergePatch(clone(old), body)
          : undefined;
    if (!patched) return respond(failure(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml'));
    if (!patched.ok) return respond(patched.status);
    const decoded = decode(patched.value);
    if ('status' in decoded) return decoded;
    const patchRv = isPlainObject(body) && isPlainObject((body as Obj).metadata) ? (body as Obj).metadata.resourceVersion : undefined;
    decoded.obj.metadata.resourceVersion = patchRv ?? old.metadata?.resourceVersion;
    decoded.obj.metadata.name = name;
    return this.write(name, decoded.obj, status, dryRun);
  }

  /** The shared tail of PUT and PATCH: concurrency check, status/spec split, validation, commit. */
  private write(name: string, incoming: Obj, status: boolean, dryRun: boolean): ApiResponse {
    const old = this.objects.get(name);
    if (!old) return respond(notFound(GR, name));
    const rv = incoming.metadata?.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== old.metadata?.resourceVersion) return respond(conflict(GR, name, OPTIMISTIC_LOCK_ERROR));
    const next: Obj = status ? { ...clone(old), status: incoming.status } : { ...incoming, status: clone(old.status) };
    if (!next.status) delete next.status;
    const meta = (next.metadata = { ...(status ? old.metadata : incoming.metadata) });
    for (const k of ['name', 'uid', 'creationTimestamp', 'generation', 'deletionTimestamp'] as const) {
      if (old.metadata?.[k] !== undefined) (meta as Obj)[k] = old.metadata[k];
      else delete (meta as Obj)[k];
    }
    delete meta.namespace;
    if (!status) defaultFault(next);
    const errs: FieldError[] = status ? [] : validateFaultUpdate(next as Fault, old);
    if (errs.length) return respond(invalid(KIND, name, errs));
    meta.resourceVersion = old.metadata?.resourceVersion;
    if (deepEqual(next, old) || dryRun) return { status: 200, body: clone(next) };
    return { status: 200, body: clone(this.commit('MODIFIED', next as Fault, old)) };
  }

  private delete(name: string, body: unknown, dryRun: boolean): ApiResponse {
    const old = this.objects.get(name);
    if (!old) return respond(notFound(GR, name));
    const pre = isPlainObject(body) && isPlainObject((body as Obj).preconditions) ? ((body as Obj).preconditions as Obj) : {};
    if (pre.uid && pre.uid !== old.metadata?.uid) {
      return respond(conflict(GR, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata?.uid}`));
    }
    if (pre.resourceVersion && pre.resourceVersion !== old.metadata?.resourceVersion) {
      return respond(conflict(GR, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata?.resourceVersion}`));
    }
    if (!dryRun) this.commit('DELETED', old, old);
    return { status: 200, body: clone(old) };
  }

  private deleteCollection(q: Record<string, string | undefined>, dryRun: boolean): ApiResponse {
    const filter = this.filter(q);
    if ('status' in filter) return filter;
    const deleted = [...this.objects.values()].filter(filter.matches);
    if (!dryRun) for (const f of deleted) this.commit('DELETED', f, f);
    return { status: 200, body: { kind: `${FAULT_KIND}List`, apiVersion: FAULT_API_VERSION, metadata: { resourceVersion: String(this.revision) }, items: deleted.map(clone) } };
  }

  private commit(type: Change['type'], obj: Fault, prev?: Fault): Fault {
    this.revision += 1;
    const stored: Fault = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(this.revision) } };
    if (type === 'DELETED') this.objects.delete(obj.metadata!.name!);
    else this.objects.set(obj.metadata!.name!, stored);
    const change: Change = { rev: this.revision, type, object: stored, prev };
    this.history.push(change);
    if (this.history.length > HISTORY_LIMIT) this.compactRevision = this.history.shift()!.rev;
    for (const w of this.watchers.values()) this.deliver(w, change);
    return stored;
  }

  private filter(q: Record<string, string | undefined>): { matches: (f: Fault) => boolean } | ApiResponse {
    let labels: ((f: Fault) => boolean) | undefined;
    let fields: ((f: Fault) => boolean) | undefined;
    if (q.labelSelector) {
      const parsed = parseLabelSelector(q.labelSelector);
      if (!parsed.ok) return respond(badRequest(parsed.error));
      const sel = parsed.selector;
      labels = (f) => sel.matches(f.metadata?.labels ?? {});
    }
    if (q.fieldSelector) {
      const parsed = parseFieldSelector(q.fieldSelector);
      if (!parsed.ok) return respond(badRequest(parsed.error));
      const sel = parsed.selector;
      // Like a custom resource: only metadata.name (and metadata.namespace) are selectable.
      for (const r of sel.requirements) {
        if (r.field !== 'metadata.name' && r.field !== 'metadata.namespace') {
          return respond(badRequest(`field label not supported: ${r.field}`));
        }
      }
      fields = (f) => sel.matches({ 'metadata.name': f.metadata?.name ?? '', 'metadata.namespace': '' });
    }
    return { matches: (f) => (!labels || labels(f)) && (!fields || fields(f)) };
  }

  // -----------------------------------------------------------------------------------------------------------
  // Watch

  watch(req: ApiRequest, info: RequestInfo, _resource: ResourceInfo, onEvent: (e: WatchEvent) => void, onClose?: () => void): WatchHandle | ApiResponse {
    const q = req.query ?? {};
    const filter = this.filter(q);
    if ('status' in filter) return filter;
    const w: Watcher = {
      id: this.nextWatcherId++,
      name: info.name,
      matches: (f) => (!info.name || f.metadata?.name === info.name) && filter.matches(f),
      client: req.client ?? 'unknown',
      onEvent,
      onClose,
      pending: [],
      stopped: false,
    };
    const rv = q.resourceVersion;
    if (rv === undefined || rv === '' || rv === '0') {
      for (const f of [...this.objects.values()].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1))) {
        if (w.matches(f)) w.pending.push({ type: 'ADDED', object: clone(f) });
      }
    } else {
      const from = Number(rv);
      if (!Number.isInteger(from) || from < 0) return respond(badRequest(`invalid resource version: ${rv}`));
      if (from < this.compactRevision) {
        w.pending.push({ type: 'ERROR', object: gone(`too old resource version: ${from} (${this.compactRevision + 1})`) });
      } else {
        for (const c of this.history) if (c.rev > from) this.deliver(w, c, false);
      }
    }
    this.watchers.set(w.id, w);
    if (w.pending.length) this.schedule(w);
    return { stop: () => this.stop(w) };
  }

  /** Closes every open watch (the aggregated server restarting); clients re-list and re-watch. */
  closeAllWatches(): void {
    for (const w of [...this.watchers.values()]) {
      this.stop(w);
      w.onClose?.();
    }
  }

  /** As the watch cache: an object that starts matching arrives as ADDED, one that stops matching as DELETED. */
  private deliver(w: Watcher, c: Change, schedule = true): void {
    const now = c.type !== 'DELETED' && w.matches(c.object);
    const before = !!c.prev && w.matches(c.prev);
    let ev: WatchEvent | undefined;
    if (c.type === 'DELETED') ev = before ? { type: 'DELETED', object: clone(c.object) } : undefined;
    else if (now) ev = { type: before ? 'MODIFIED' : 'ADDED', object: clone(c.object) };
    else if (before) ev = { type: 'DELETED', object: clone(c.object) };
    if (!ev) return;
    w.pending.push(ev);
    if (schedule) this.schedule(w);
  }

  private schedule(w: Watcher): void {
    this.engine.clock.scheduleEarliest(0, this.target, String(w.id));
  }

  private stop(w: Watcher): void {
    if (w.stopped) return;
    w.stopped = true;
    this.watchers.delete(w.id);
    this.engine.clock.cancel(this.target, String(w.id));
  }

  private flush(id: number): void {
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
        from: this.opts.apiserverName ?? 'kube-apiserver',
        to: w.client,
        verb: ev.type,
        group: FAULT_GROUP,
        resource: FAULT_PLURAL,
        name: obj?.metadata?.name,
      });
      w.onEvent(ev);
      if (ev.type === 'ERROR') {
        this.stop(w);
        w.onClose?.();
        return;
      }
    }
  }
}

/** Decodes a request body into a fresh Fault the server owns, with the kind/apiVersion checks of a REST handler. */
function decode(body: unknown): { obj: Obj } | ApiResponse {
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch (err) {
      return respond(badRequest(`the object provided is unrecognized (must be of type ${FAULT_KIND}): couldn't get version/kind; json parse error: ${(err as Error).message}`));
    }
  }
  if (!isPlainObject(body)) return respond(badRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml'));
  const obj = clone(body) as Obj;
  if (obj.kind === undefined && obj.apiVersion === undefined) {
    obj.kind = FAULT_KIND;
    obj.apiVersion = FAULT_API_VERSION;
  }
  if (obj.apiVersion !== FAULT_API_VERSION) {
    return respond(badRequest(`the API version in the data (${obj.apiVersion ?? ''}) does not match the expected API version (${FAULT_API_VERSION})`));
  }
  if (obj.kind !== FAULT_KIND) return respond(badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${FAULT_KIND})`));
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
  if (!isPlainObject(obj.metadata)) return respond(badRequest(`${FAULT_KIND} in version "v1alpha1" cannot be handled as a ${FAULT_KIND}: metadata must be an object`));
  return { obj };
}
