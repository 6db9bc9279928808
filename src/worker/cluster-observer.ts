/**
 * Watches the cluster the way any client does (through the apiserver, as `pilothouse-ui`) and turns watch events
 * into summary deltas. A watch that closes is reopened; objects it knew are dropped first and re-added by the new
 * watch's initial events, so nothing deleted meanwhile lingers.
 */
import type { Cluster } from '../engine/cluster';
import type { ResourceInfo } from '../engine/apiserver/registry';
import type { WatchHandle } from '../engine/apiserver/types';
import { collectionPath, objectPath } from '../engine/kubectl/apply';
import type { DeltaBatcher } from './delta-batcher';
import { summarize } from './summarize';
import { UI_CLIENT, WATCHED_RESOURCES } from './watched-resources';

type Obj = Record<string, any>;

export class ClusterObserver {
  private handles: WatchHandle[] = [];
  private known = new Map<ResourceInfo, Set<string>>();
  private stopped = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly batcher: DeltaBatcher,
    resources: readonly string[] = WATCHED_RESOURCES,
    /** Sees every object change as it arrives (breakpoints). */
    private readonly onChange?: (resource: ResourceInfo, type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: Obj) => void,
  ) {
    for (const name of resources) {
      const resource = cluster.registry.resolve(name);
      if (resource) this.open(resource);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const h of this.handles) h.stop();
    this.handles = [];
  }

  private open(resource: ResourceInfo): void {
    if (this.stopped) return;
    const keys = this.known.get(resource) ?? new Set<string>();
    this.known.set(resource, keys);
    for (const key of keys) this.batcher.delete(key);
    keys.clear();
    const path = collectionPath({ ...resource, namespaced: false }, '');
    const handle = this.cluster.apiserver.watch(
      { method: 'GET', path, client: UI_CLIENT },
      (event) => {
        if (event.type === 'BOOKMARK' || event.type === 'ERROR') return;
        const obj = event.object as Obj;
        const key = objectPath(resource, obj.metadata?.namespace ?? '', obj.metadata?.name ?? '');
        this.onChange?.(resource, event.type, obj);
        if (event.type === 'DELETED') {
          keys.delete(key);
          this.batcher.delete(key);
          return;
        }
        keys.add(key);
        const engine = this.cluster.engine;
        this.batcher.upsert(summarize(resource, key, obj, engine.epochMs + engine.now(), engine.epochMs));
      },
      () => this.open(resource),
    );
    if ('stop' in handle) this.handles.push(handle);
  }
}
