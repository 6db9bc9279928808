import type { NodeInfo } from './node-info';

/**
 * The per-cycle view of the cluster the plugins read (internal/cache.Snapshot). The cache refreshes it in place
 * with `Cache.updateSnapshot`, cloning only the NodeInfos whose generation moved since the last refresh.
 */
export class Snapshot {
  /** name → NodeInfo; these objects are updated in place so the lists below stay valid. */
  readonly nodeInfoMap = new Map<string, NodeInfo>();
  /** Nodes in the cache's zone-interleaved order (nodeTree). */
  nodeInfoList: NodeInfo[] = [];
  havePodsWithAffinityList: NodeInfo[] = [];
  havePodsWithRequiredAntiAffinityList: NodeInfo[] = [];
  /** Image name → number of nodes that have it, for ImageLocality's spread factor. */
  imageNumNodes = new Map<string, number>();
  generation = 0;
  imagesGeneration = 0;

  get(name: string): NodeInfo | undefined {
    return this.nodeInfoMap.get(name);
  }

  numNodes(): number {
    return this.nodeInfoList.length;
  }
}
