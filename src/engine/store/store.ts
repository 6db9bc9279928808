/**
 * The cluster's etcd: a multi-version key-value store with one global revision, per-key create/mod revisions and
 * versions, prefix range reads, compare-and-swap on mod revision, and watches that replay history.
 *
 * Revisions follow etcd: an empty store is at revision 1 and every write (create, update or delete) advances it
 * by one, so the first write is stamped 2. A key's version counts its writes since it was (re)created; deleting a
 * key and creating it again starts over at version 1 with a new createRevision.
 *
 * Values are stored as given — never copied — and everyone treats them as immutable.
 */
import * as sortedBtree from 'sorted-btree';
import type BTreeType from 'sorted-btree';

/**
 * sorted-btree ships CommonJS with `exports.default = BTree`. Bundlers that honour `__esModule` hand us the class
 * as the default export; Node-style interop (an ESM importer in a "type": "module" package) hands us the whole
 * exports object instead. Accept both.
 */
const BTree: typeof BTreeType = (() => {
  const d = (sortedBtree as unknown as { default: unknown }).default;
  return (typeof d === 'function' ? d : (d as { default: unknown }).default) as typeof BTreeType;
})();

export interface KeyValue<T = unknown> {
  key: string;
  value: T;
  createRevision: number;
  modRevision: number;
  version: number;
}

/**
 * One write, as a watcher sees it. For DELETE, `kv` is etcd's tombstone (createRevision and version 0,
 * modRevision the delete's revision) but keeps the deleted value for convenience, and `prevKv` is the last live
 * state.
 */
export interface StoreEvent<T = unknown> {
  type: 'PUT' | 'DELETE';
  kv: KeyValue<T>;
  prevKv?: KeyValue<T>;
  revision: number;
}

export type WatchListener<T = unknown> = (event: StoreEvent<T>) => void;

export interface RangeOptions {
  /** At most this many keys; 0 or absent means all. */
  limit?: number;
  /** Resume after this key (exclusive), as a list continue token does. */
  startAfterKey?: string;
}

export interface RangeResult<T = unknown> {
  kvs: KeyValue<T>[];
  /** The store revision the read saw. */
  revision: number;
  /** Whether keys under the prefix remain after the last one returned. */
  more: boolean;
  /** How many keys under the prefix remain after the last one returned. */
  remaining: number;
}

export type CreateResult<T = unknown> = { ok: true; kv: KeyValue<T> } | { ok: false; error: 'exists'; current: KeyValue<T> };

export type UpdateResult<T = unknown> =
  | { ok: true; kv: KeyValue<T>; prevKv: KeyValue<T> }
  | { ok: false; error: 'notfound' }
  | { ok: false; error: 'conflict'; current: KeyValue<T> };

export type DeleteResult<T = unknown> =
  | { ok: true; prevKv: KeyValue<T>; revision: number }
  | { ok: false; error: 'notfound' }
  | { ok: false; error: 'conflict'; current: KeyValue<T> };

export type WatchResult = { cancel(): void } | { error: 'compacted'; compactRevision: number };

export interface StoreOptions {
  /** How many events of history to keep for watch replay; older ones are compacted away. */
  historyLimit?: number;
}

export interface StoreStats {
  keys: number;
  revision: number;
  compactRevision: number;
  historySize: number;
}

/** Everything the store holds, as plain JSON-serialisable data. */
export interface StoreSnapshot<T = unknown> {
  revision: number;
  compactRevision: number;
  historyLimit: number;
  /** Live keys, sorted. */
  kvs: KeyValue<T>[];
  /** Retained events, oldest first: revisions compactRevision + 1 … revision. */
  history: StoreEvent<T>[];
}

export const DEFAULT_HISTORY_LIMIT = 10_000;

interface Watcher {
  prefix: string;
  listener: WatchListener;
  /** The next revision this watcher has not yet been offered. */
  cursor: number;
  cancelled: boolean;
}

/** The smallest string greater than every string that starts with `prefix`; undefined when there is none. */
function prefixEnd(prefix: string): string | undefined {
  let end = prefix;
  while (end.length > 0) {
    const last = end.charCodeAt(end.length - 1);
    if (last < 0xffff) return end.slice(0, -1) + String.fromCharCode(last + 1);
    end = end.slice(0, -1);
  }
  return undefined;
}

export class Store<T = unknown> {
  private current = 1;
  private compacted = 0;
  private readonly historyLimit: number;
  /** Keys in order (a B+ tree, so range reads over 100k+ keys stay logarithmic to find and linear to walk). */
  private readonly index: BTreeType<string, KeyValue<T>> = new BTree<string, KeyValue<T>>();
  /** Events after historyBase() up to current, one per revision, oldest at history[historyStart]. */
  private history: StoreEvent<T>[] = [];
  private historyStart = 0;
  private watchers: Watcher[] = [];
  /** True while events are being handed to listeners; writes made by listeners then queue behind. */
  private delivering = false;

  constructor(options: StoreOptions = {}) {
    this.historyLimit = Math.max(0, options.historyLimit ?? DEFAULT_HISTORY_LIMIT);
  }

  get revision(): number {
    return this.current;
  }

  /** The revision the next write will be stamped with. */
  nextRevision(): number {
    return this.current + 1;
  }

  get(key: string): KeyValue<T> | undefined {
    return this.index.get(key);
  }

  /** Keys under `prefix` in key order, for list and paging with continue tokens. */
  range(prefix: string, opts: RangeOptions = {}): RangeResult<T> {
    const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    let from = prefix;
    if (opts.startAfterKey !== undefined && opts.startAfterKey >= prefix) from = opts.startAfterKey + '\u0000';
    const end = prefixEnd(prefix);
    const kvs: KeyValue<T>[] = [];
    let resumeAt: string | undefined;
    for (const [key, kv] of this.index.entries(from)) {
      if (!key.startsWith(prefix)) break;
      if (kvs.length >= limit) {
        resumeAt = key;
        break;
      }
      kvs.push(kv);
    }
    const remaining = resumeAt === undefined ? 0 : this.countBetween(resumeAt, end);
    return { kvs, revision: this.current, more: remaining > 0, remaining };
  }

  /** How many keys start with `prefix`. */
  count(prefix: string): number {
    return this.countBetween(prefix, prefixEnd(prefix));
  }

  create(key: string, value: T): CreateResult<T> {
    const existing = this.index.get(key);
    if (existing) return { ok: false, error: 'exists', current: existing };
    const revision = this.current + 1;
    const kv: KeyValue<T> = { key, value, createRevision: revision, modRevision: revision, version: 1 };
    this.index.set(key, kv);
    this.commit({ type: 'PUT', kv, revision });
    return { ok: true, kv };
  }

  /** Replaces a key's value; with `expectedModRevision`, only if the key is still at that revision. */
  update(key: string, value: T, expectedModRevision?: number): UpdateResult<T> {
    const prevKv = this.index.get(key);
    if (!prevKv) return { ok: false, error: 'notfound' };
    if (expectedModRevision !== undefined && prevKv.modRevision !== expectedModRevision) {
      return { ok: false, error: 'conflict', current: prevKv };
    }
    const revision = this.current + 1;
    const kv: KeyValue<T> = { key, value, createRevision: prevKv.createRevision, modRevision: revision, version: prevKv.version + 1 };
    this.index.set(key, kv);
    this.commit({ type: 'PUT', kv, prevKv, revision });
    return { ok: true, kv, prevKv };
  }

  /** Removes a key; with `expectedModRevision`, only if the key is still at that revision. */
  delete(key: string, expectedModRevision?: number): DeleteResult<T> {
    const prevKv = this.index.get(key);
    if (!prevKv) return { ok: false, error: 'notfound' };
    if (expectedModRevision !== undefined && prevKv.modRevision !== expectedModRevision) {
      return { ok: false, error: 'conflict', current: prevKv };
    }
    const revision = this.current + 1;
    this.index.delete(key);
    const tombstone: KeyValue<T> = { key, value: prevKv.value, createRevision: 0, modRevision: revision, version: 0 };
    this.commit({ type: 'DELETE', kv: tombstone, prevKv, revision });
    return { ok: true, prevKv, revision };
  }

  /**
   * Watches keys under `prefix` for events after `fromRevision`. Retained history (revisions fromRevision + 1 …
   * current) is replayed before this returns; later writes are delivered synchronously as they happen. Each
   * listener sees events strictly in revision order: a write made by a listener is delivered once the event in
   * hand has reached every watcher. Watching from before the compacted revision fails, as etcd's
   * ErrCompacted does.
   */
  watch(prefix: string, fromRevision: number, listener: WatchListener<T>): WatchResult {
    if (fromRevision < this.compacted) return { error: 'compacted', compactRevision: this.compacted };
    const watcher: Watcher = { prefix, listener: listener as WatchListener, cursor: Math.max(fromRevision, 0) + 1, cancelled: false };
    this.watchers.push(watcher);
    const cancel = () => {
      if (watcher.cancelled) return;
      watcher.cancelled = true;
      this.watchers = this.watchers.filter((w) => w !== watcher);
    };
    if (this.delivering) this.catchUp(watcher);
    else this.deliver();
    return { cancel };
  }

  /**
   * Drops history at or before `revision`; watching from before it then fails with `compacted`. Keys are
   * unaffected (only their past is forgotten). A revision beyond the current one is an error, as in etcd.
   */
  compact(revision: number): void {
    if (revision > this.current) throw new RangeError(`mvcc: required revision ${revision} is a future revision (current ${this.current})`);
    // A listener compacting mid-delivery must not take events from watchers that have not seen them yet.
    const bound = this.delivering ? Math.min(revision, this.oldestUndelivered() - 1) : revision;
    if (bound <= this.compacted) return;
    this.historyStart += Math.max(0, bound - this.historyBase());
    this.compacted = bound;
    // Reclaim the array's dead head now and then rather than shifting on every compaction.
    if (this.historyStart > 1024 && this.historyStart * 2 > this.history.length) {
      this.history = this.history.slice(this.historyStart);
      this.historyStart = 0;
    }
  }

  snapshot(): StoreSnapshot<T> {
    const kvs: KeyValue<T>[] = [];
    for (const kv of this.index.values()) kvs.push(kv);
    return {
      revision: this.current,
      compactRevision: this.compacted,
      historyLimit: this.historyLimit,
      kvs,
      history: this.history.slice(this.historyStart),
    };
  }

  static restore<T = unknown>(s: StoreSnapshot<T>): Store<T> {
    const store = new Store<T>({ historyLimit: s.historyLimit });
    store.current = s.revision;
    store.compacted = s.compactRevision;
    for (const kv of s.kvs) store.index.set(kv.key, kv);
    store.history = s.history.slice();
    return store;
  }

  stats(): StoreStats {
    return { keys: this.index.size, revision: this.current, compactRevision: this.compacted, historySize: this.history.length - this.historyStart };
  }

  private commit(event: StoreEvent<T>): void {
    this.current = event.revision;
    this.history.push(event);
    this.deliver();
  }

  private eventAt(revision: number): StoreEvent<T> | undefined {
    if (revision <= this.compacted || revision > this.current) return undefined;
    return this.history[this.historyStart + (revision - this.historyBase() - 1)];
  }

  /** The revision just before the oldest retained event: the compaction point, or 1 (which no write has). */
  private historyBase(): number {
    return Math.max(this.compacted, 1);
  }

  /** Offers every watcher the events it has not seen, until none is behind, then trims history to its limit. */
  private deliver(): void {
    if (this.delivering) return;
    this.delivering = true;
    try {
      let behind = true;
      while (behind) {
        behind = false;
        for (const watcher of this.watchers) if (this.catchUp(watcher)) behind = true;
      }
    } finally {
      this.delivering = false;
    }
    const excess = this.history.length - this.historyStart - this.historyLimit;
    if (excess > 0) this.compact(this.historyBase() + excess);
  }

  /** Hands one watcher its pending events in order; true if it delivered any. */
  private catchUp(watcher: Watcher): boolean {
    let delivered = false;
    while (!watcher.cancelled && watcher.cursor <= this.current) {
      const event = this.eventAt(watcher.cursor++);
      if (event && event.kv.key.startsWith(watcher.prefix)) {
        delivered = true;
        watcher.listener(event as StoreEvent);
      }
    }
    return delivered;
  }

  private oldestUndelivered(): number {
    let oldest = this.current + 1;
    for (const w of this.watchers) oldest = Math.min(oldest, w.cursor);
    return oldest;
  }

  private countBetween(low: string, high: string | undefined): number {
    if (high === undefined) {
      let n = 0;
      for (const _key of this.index.keys(low)) n++;
      return n;
    }
    return this.index.forRange(low, high, false);
  }
}
