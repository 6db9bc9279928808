/**
 * Listers: typed, read-only views of an informer's cache (client-go's generated listers), with label-selector
 * filtering. What they return is the cache's own objects — never mutate them.
 */
import type { LabelSelectorMatcher } from '../apiserver/selectors/labels';
import { NAMESPACE_INDEX, type Indexer } from './indexer';
import type { KubeObject } from './rest-client';

export class Lister<T extends KubeObject> {
  constructor(private readonly indexer: Indexer<T>) {}

  /** Every cached object (all namespaces) matching the selector, if one is given. */
  list(selector?: LabelSelectorMatcher): T[] {
    return filter(this.indexer.list(), selector);
  }

  /** A cluster-scoped object by name. */
  get(name: string): T | undefined {
    return this.indexer.getByKey(name);
  }

  namespace(namespace: string): NamespaceLister<T> {
    return new NamespaceLister(this.indexer, namespace);
  }
}

export class NamespaceLister<T extends KubeObject> {
  constructor(
    private readonly indexer: Indexer<T>,
    readonly namespace: string,
  ) {}

  list(selector?: LabelSelectorMatcher): T[] {
    // The namespace index when the informer has one (cache.ListAllByNamespace), else a scan.
    const inNamespace = this.indexer.hasIndex(NAMESPACE_INDEX)
      ? this.indexer.byIndex(NAMESPACE_INDEX, this.namespace)
      : this.indexer.list().filter((o) => o.metadata?.namespace === this.namespace);
    return filter(inNamespace, selector);
  }

  get(name: string): T | undefined {
    return this.indexer.get(this.namespace, name);
  }
}

function filter<T extends KubeObject>(objs: T[], selector: LabelSelectorMatcher | undefined): T[] {
  if (!selector || selector.empty) return objs;
  return objs.filter((o) => selector.matches(o.metadata?.labels));
}
