/**
 * SharedInformerFactory: one informer — one list and one watch — per resource (and selector) per process,
 * however many controllers of that process want it, as client-go's factory shares them across the controllers
 * of kube-controller-manager.
 */
import type { Engine } from '../engine';
import { SharedIndexInformer } from './informer';
import { NAMESPACE_INDEX, namespaceIndexFunc, type Indexers } from './indexer';
import { gvrString, type GroupVersionResource } from './paths';
import type { KubeClient, KubeObject } from './rest-client';

export interface InformerFactoryOptions {
  /** Default resync period (ms) for the factory's informers; 0 disables it. */
  defaultResync?: number;
  /** Restrict every informer to one namespace (informers.WithNamespace). */
  namespace?: string;
  /** Deep-freeze cached objects (tests): mutating the cache then throws. */
  freezeObjects?: boolean;
}

export interface InformerRequest<T> {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resyncPeriod?: number;
  indexers?: Indexers<T>;
}

export type ResourceRef = GroupVersionResource | { apiVersion: string; kind: string };

export class SharedInformerFactory {
  private informers = new Map<string, SharedIndexInformer<KubeObject>>();
  private started = false;

  constructor(
    private readonly engine: Engine,
    readonly client: KubeClient,
    private readonly opts: InformerFactoryOptions = {},
  ) {}

  /** The shared informer for a resource, created on first request. Every informer indexes by namespace. */
  informerFor<T extends KubeObject = KubeObject>(ref: ResourceRef, req: InformerRequest<T> = {}): SharedIndexInformer<T> {
    const resource = 'kind' in ref ? this.client.forKind<T>(ref.apiVersion, ref.kind) : this.client.resource<T>(ref);
    const namespace = req.namespace ?? this.opts.namespace ?? '';
    const selectors = [req.labelSelector ? `l=${req.labelSelector}` : '', req.fieldSelector ? `f=${req.fieldSelector}` : ''].filter(Boolean).join(',');
    const id = `${gvrString(resource.gvr)}${namespace ? `@${namespace}` : ''}${selectors ? `?${selectors}` : ''}`;
    let informer = this.informers.get(id) as SharedIndexInformer<T> | undefined;
    if (!informer) {
      informer = new SharedIndexInformer<T>(this.engine, resource, {
        namespace,
        labelSelector: req.labelSelector,
        fieldSelector: req.fieldSelector,
        resyncPeriod: req.resyncPeriod ?? this.opts.defaultResync ?? 0,
        indexers: { [NAMESPACE_INDEX]: namespaceIndexFunc },
        name: `informer/${this.client.clientName}/${id}`,
        freezeObjects: this.opts.freezeObjects,
      });
      this.informers.set(id, informer as unknown as SharedIndexInformer<KubeObject>);
      if (this.started) informer.run();
    }
    const missing: Indexers<T> = {};
    for (const [name, fn] of Object.entries(req.indexers ?? {})) if (!informer.indexer.hasIndex(name)) missing[name] = fn;
    if (Object.keys(missing).length > 0) informer.addIndexers(missing);
    return informer;
  }

  /** Starts every informer requested so far, and any requested later. */
  start(): void {
    this.started = true;
    for (const informer of this.informers.values()) informer.run();
  }

  shutdown(): void {
    for (const informer of this.informers.values()) informer.stop();
  }

  /** True when every informer has synced (WaitForCacheSync). */
  hasSynced(): boolean {
    return [...this.informers.values()].every((i) => i.hasSynced());
  }

  all(): SharedIndexInformer<KubeObject>[] {
    return [...this.informers.values()];
  }
}
