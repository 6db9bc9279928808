/**
 * SharedIndexInformer: one reflector (list + watch) feeding one indexed cache, fanned out to any number of event
 * handlers — client-go's informer, on the virtual clock.
 *
 * The cache (`informer.indexer`, or `informer.lister`) is READ-ONLY. Its objects are shared by every handler
 * and, in process, with the apiserver; never mutate them — copy first (`structuredClone`) and write the copy
 * through the API. Pass `freezeObjects` (tests) to deep-freeze cached objects so a mutation throws.
 *
 * Delivery follows client-go's processDeltas: an object seen for the first time is an add, one already cached is
 * an update (re-lists included, even when unchanged), a delete removes it; objects that vanish between two lists
 * are delivered as DeletedFinalStateUnknown tombstones. Handlers run synchronously, in registration order, on
 * the clock event that delivered the change.
 */
import type { Engine } from '../engine';
import type { Timer } from '../clock/virtual-clock';
import type { WatchEvent } from '../apiserver/types';
import { registerTarget } from './clock-target';
import { Indexer, type Indexers } from './indexer';
import { DeletedFinalStateUnknown, objectKey } from './object-keys';
import { Reflector, type ReflectorPhase } from './reflector';
import type { KubeObject, ResourceClient } from './rest-client';
import { Lister } from './lister';

export interface ResourceEventHandler<T> {
  onAdd?(obj: T, isInInitialList: boolean): void;
  onUpdate?(oldObj: T, newObj: T): void;
  onDelete?(obj: T | DeletedFinalStateUnknown<T>): void;
}

export interface HandlerRegistration {
  /** True once the handler has been given every object of the informer's first list. */
  hasSynced(): boolean;
  remove(): void;
}

export interface InformerOptions<T> {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Default resync period for handlers, in ms; 0 disables resync. */
  resyncPeriod?: number;
  indexers?: Indexers<T>;
  /** Clock-target name; defaults to `informer/<resource>`. */
  name?: string;
  /** Deep-freeze cached objects (copies of what the server sent), so a handler that mutates one throws. */
  freezeObjects?: boolean;
}

/** client-go's minimumResyncPeriod. */
const MIN_RESYNC_MS = 1000;

interface Listener<T> {
  id: number;
  handler: ResourceEventHandler<T>;
  resyncPeriod: number;
  synced: boolean;
}

export class SharedIndexInformer<T extends KubeObject = KubeObject> {
  readonly indexer: Indexer<T>;
  readonly lister: Lister<T>;
  readonly reflector: Reflector<T>;
  readonly target: string;
  private listeners: Listener<T>[] = [];
  private nextListenerId = 1;
  private synced = false;
  private started = false;
  private syncWaiters: Array<() => void> = [];

  constructor(
    private readonly engine: Engine,
    readonly client: ResourceClient<T>,
    private readonly opts: InformerOptions<T> = {},
  ) {
    this.indexer = new Indexer<T>(opts.indexers ?? {});
    this.lister = new Lister(this.indexer);
    const name = opts.name ?? `informer/${client.info.plural}`;
    this.target = registerTarget(engine, name, (t) => this.onTimer(t));
    this.reflector = new Reflector<T>(
      engine,
      client,
      { replace: (items) => this.replace(items), apply: (e) => this.apply(e) },
      { namespace: opts.namespace, labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector, name: `${name}/reflector` },
    );
  }

  /** Registers a handler. Added after start, it is first told about every cached object (as adds). */
  addEventHandler(handler: ResourceEventHandler<T>, resyncPeriod = this.opts.resyncPeriod ?? 0): HandlerRegistration {
    const listener: Listener<T> = {
      id: this.nextListenerId++,
      handler,
      resyncPeriod: resyncPeriod > 0 ? Math.max(resyncPeriod, MIN_RESYNC_MS) : 0,
      synced: this.synced,
    };
    this.listeners.push(listener);
    if (this.synced) for (const obj of this.indexer.list()) handler.onAdd?.(obj, true);
    if (this.started) this.scheduleResync(listener);
    return {
      hasSynced: () => listener.synced,
      remove: () => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        this.engine.clock.cancel(this.target, `resync:${listener.id}`);
      },
    };
  }

  addIndexers(indexers: Indexers<T>): void {
    this.indexer.addIndexers(indexers);
  }

  /** Starts list-and-watch (the list runs on the next clock event). */
  run(): void {
    if (this.started) return;
    this.started = true;
    this.reflector.run();
    for (const l of this.listeners) this.scheduleResync(l);
  }

  stop(): void {
    this.reflector.stop();
    for (const l of this.listeners) this.engine.clock.cancel(this.target, `resync:${l.id}`);
  }

  get isRunning(): boolean {
    return this.started && this.reflector.phase !== 'stopped';
  }

  /** True once the first list has been stored and delivered (cache.WaitForCacheSync's condition). */
  hasSynced(): boolean {
    return this.synced;
  }

  /** Calls `fn` once the informer has synced (right away if it has). */
  onSynced(fn: () => void): void {
    if (this.synced) fn();
    else this.syncWaiters.push(fn);
  }

  get phase(): ReflectorPhase {
    return this.reflector.phase;
  }

  lastSyncResourceVersion(): string {
    return this.reflector.lastSyncResourceVersion;
  }

  // Delivery ------------------------------------------------------------------------------------------------

  private replace(items: T[]): void {
    const initial = !this.synced;
    const listed = new Set<string>();
    for (const raw of items) {
      const obj = this.own(raw);
      const key = objectKey(obj);
      listed.add(key);
      const old = this.indexer.upsert(obj);
      if (old) this.notifyUpdate(old, obj);
      else this.notifyAdd(obj, initial);
    }
    for (const key of this.indexer.listKeys()) {
      if (listed.has(key)) continue;
      const last = this.indexer.delete(key) as T;
      this.notifyDelete(new DeletedFinalStateUnknown(key, last));
    }
    if (initial) {
      this.synced = true;
      for (const l of this.listeners) l.synced = true;
      const waiters = this.syncWaiters;
      this.syncWaiters = [];
      for (const fn of waiters) fn();
    }
  }

  private apply(event: WatchEvent<T>): void {
    const obj = this.own(event.object);
    if (event.type === 'DELETED') {
      // Handlers get the final state the server sent, even for an object the cache never held.
      this.indexer.delete(objectKey(obj));
      this.notifyDelete(obj);
      return;
    }
    const old = this.indexer.upsert(obj);
    if (old) this.notifyUpdate(old, obj);
    else this.notifyAdd(obj, false);
  }

  private own(obj: T): T {
    return this.opts.freezeObjects ? deepFreeze(structuredClone(obj)) : obj;
  }

  private notifyAdd(obj: T, initial: boolean): void {
    for (const l of [...this.listeners]) l.handler.onAdd?.(obj, initial);
  }

  private notifyUpdate(oldObj: T, newObj: T): void {
    for (const l of [...this.listeners]) l.handler.onUpdate?.(oldObj, newObj);
  }

  private notifyDelete(obj: T | DeletedFinalStateUnknown<T>): void {
    for (const l of [...this.listeners]) l.handler.onDelete?.(obj);
  }

  // Resync: every period, a due handler is handed each cached object again as an update (old === new). -------

  private scheduleResync(l: Listener<T>): void {
    if (l.resyncPeriod > 0) this.engine.clock.schedule(l.resyncPeriod, this.target, `resync:${l.id}`);
  }

  private onTimer(timer: Timer): void {
    if (!timer.key.startsWith('resync:')) return;
    const id = Number(timer.key.slice('resync:'.length));
    const listener = this.listeners.find((l) => l.id === id);
    if (!listener || this.reflector.phase === 'stopped') return;
    if (this.synced) for (const obj of this.indexer.list()) listener.handler.onUpdate?.(obj, obj);
    this.scheduleResync(listener);
  }
}

function deepFreeze<V>(value: V): V {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
