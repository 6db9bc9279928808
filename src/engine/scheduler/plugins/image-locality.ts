import { MAX_NODE_SCORE, type CycleState, type Handle, type ScorePlugin } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import type { PodInfo } from '../framework/pod-info';
import { Names } from './names';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** `nginx` → `nginx:latest`; names with a tag or digest are kept (normalizedImageName). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/** Favors nodes that already have the pod's images, weighted by image size and how widely the image is spread. */
export class ImageLocality implements ScorePlugin {
  readonly name = Names.ImageLocality;

  constructor(private readonly handle: Handle) {}

  score(_s: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    const snapshot = this.handle.snapshot();
    const totalNumNodes = snapshot.numNodes();
    const spec = pod.pod.spec;
    const containers = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
    let sum = 0;
    for (const c of containers) {
      const name = normalizedImageName(c.image ?? '');
      const state = nodeInfo.imageStates.get(name);
      if (!state) continue;
      const numNodes = snapshot.imageNumNodes.get(name) ?? state.nodes.size;
      sum += Math.trunc(state.size * (numNodes / totalNumNodes));
    }
    const maxThreshold = MAX_CONTAINER_THRESHOLD * containers.length;
    const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), maxThreshold);
    return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
  }
}
