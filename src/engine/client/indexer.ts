/**
 * The informer's local cache — client-go's thread-safe store with indexers. Objects are stored by key and, for
 * each registered index function, by every value the function yields, so "all pods on node X" or "all pods a
 * ReplicaSet controls" is a map lookup rather than a scan.
 *
 * The cache is READ-ONLY for everyone but its informer: objects in it are shared (with the apiserver too, in
 * process) and must never be mutated. Copy before changing (`structuredClone`), then send the copy to the API.
 */
import type { KubeObject } from './rest-client';
import { controllerRef, objectKey } from './object-keys';

export type IndexFunc<T> = (obj: T) => string[];
export type Indexers<T> = Record<string, IndexFunc<T>>;

/** cache.NamespaceIndex. */
export const NAMESPACE_INDEX = 'namespace';
/** The index of objects by the uid of their controller ownerReference (pkg/controller's PodControllerUIDIndex). */
export const CONTROLLER_UID_INDEX = 'controllerUID';
/** pkg/controller's PodNodeNameKeyIndex. */
export const NODE_NAME_INDEX = 'spec.nodeName';

/** cache.MetaNamespaceIndexFunc. */
export const namespaceIndexFunc: IndexFunc<KubeObject> = (obj) => [obj.metadata?.namespace ?? ''];

export const controllerUidIndexFunc: IndexFunc<KubeObject> = (obj) => {
  const ref = controllerRef(obj);
  return ref ? [ref.uid] : [];
};

export const nodeNameIndexFunc: IndexFunc<KubeObject> = (obj) => {
  const nodeName = (obj as { spec?: { nodeName?: string } }).spec?.nodeName;
  return nodeName ? [nodeName] : [];
};

export class Indexer<T extends KubeObject = KubeObject> {
  private items = new Map<string, T>();
  private indexers: Indexers<T> = {};
  /** index name ⇒ indexed value ⇒ object keys. */
  private indices = new Map<string, Map<string, Set<string>>>();

  constructor(indexers: Indexers<T> = {}) {
    this.addIndexers(indexers);
  }

  /** Adds index functions; existing objects are indexed right away. */
  addIndexers(indexers: Indexers<T>): void {
    for (const [name, fn] of Object.entries(indexers)) {
      if (this.indexers[name]) throw new Error(`indexer conflict: ${name}`);
      this.indexers[name] = fn;
      const index = new Map<string, Set<string>>();
      this.indices.set(name, index);
      for (const [key, obj] of this.items) addToIndex(index, fn(obj), key);
    }
  }

  hasIndex(indexName: string): boolean {
    return this.indices.has(indexName);
  }

  // Writes: the informer's alone.

  /** Adds or replaces an object; returns the previous one. */
  upsert(obj: T): T | undefined {
    const key = objectKey(obj);
    const old = this.items.get(key);
    this.items.set(key, obj);
    this.reindex(key, old, obj);
    return old;
  }

  delete(key: string): T | undefined {
    const old = this.items.get(key);
    if (!old) return undefined;
    this.items.delete(key);
    this.reindex(key, old, undefined);
    return old;
  }

  // Reads.

  getByKey(key: string): T | undefined {
    return this.items.get(key);
  }

  get(namespace: string, name: string): T | undefined {
    return this.items.get(namespace ? `${namespace}/${name}` : name);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  listKeys(): string[] {
    return [...this.items.keys()];
  }

  size(): number {
    return this.items.size;
  }

  /** Objects whose index function yields `value`. */
  byIndex(indexName: string, value: string): T[] {
    return this.indexKeys(indexName, value).map((k) => this.items.get(k) as T);
  }

  indexKeys(indexName: string, value: string): string[] {
    const index = this.indices.get(indexName);
    if (!index) throw new Error(`Index with name ${indexName} does not exist`);
    return [...(index.get(value) ?? [])];
  }

  /** Objects sharing any indexed value with `obj` (cache.Indexer.Index). */
  index(indexName: string, obj: T): T[] {
    const fn = this.indexers[indexName];
    if (!fn) throw new Error(`Index with name ${indexName} does not exist`);
    const keys = new Set<string>();
    for (const value of fn(obj)) for (const k of this.indexKeys(indexName, value)) keys.add(k);
    return [...keys].map((k) => this.items.get(k) as T);
  }

  listIndexFuncValues(indexName: string): string[] {
    return [...(this.indices.get(indexName)?.keys() ?? [])];
  }

  private reindex(key: string, old: T | undefined, obj: T | undefined): void {
    for (const [name, fn] of Object.entries(this.indexers)) {
      const index = this.indices.get(name) as Map<string, Set<string>>;
      if (old) removeFromIndex(index, fn(old), key);
      if (obj) addToIndex(index, fn(obj), key);
    }
  }
}

function addToIndex(index: Map<string, Set<string>>, values: string[], key: string): void {
  for (const v of values) {
    let set = index.get(v);
    if (!set) index.set(v, (set = new Set()));
    set.add(key);
  }
}

function removeFromIndex(index: Map<string, Set<string>>, values: string[], key: string): void {
  for (const v of values) {
    const set = index.get(v);
    if (!set) continue;
    set.delete(key);
    if (set.size === 0) index.delete(v);
  }
}
