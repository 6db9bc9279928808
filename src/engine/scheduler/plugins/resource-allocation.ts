import type { NodeInfo } from '../framework/node-info';
import type { PodInfo } from '../framework/pod-info';
import { CPU, EPHEMERAL_STORAGE, MEMORY, PODS } from '../framework/resource';

export interface ResourceSpec {
  name: string;
  weight: number;
}

export const DEFAULT_RESOURCES: ResourceSpec[] = [{ name: CPU, weight: 1 }, { name: MEMORY, weight: 1 }];

/** The pod's request of one resource as scoring sees it: non-zero defaults for cpu/memory unless `useRequested`. */
export function podRequestFor(pod: PodInfo, name: string, useRequested: boolean): number {
  const r = pod.resources;
  if (!useRequested && name === CPU) return r.nonZeroMilliCPU;
  if (!useRequested && name === MEMORY) return r.nonZeroMemory;
  return r.requests.get(name);
}

/**
 * Allocatable and requested-after-placement of one resource on the node (calculateResourceAllocatableRequest);
 * [0, 0] when the node doesn't have it or the pod doesn't ask for an extended resource.
 */
export function allocatableAndRequested(nodeInfo: NodeInfo, name: string, podRequest: number, useRequested: boolean): [number, number] {
  const requested = useRequested ? nodeInfo.requested : nodeInfo.nonZeroRequested;
  switch (name) {
    case CPU: return [nodeInfo.allocatable.milliCPU, requested.milliCPU + podRequest];
    case MEMORY: return [nodeInfo.allocatable.memory, requested.memory + podRequest];
    case EPHEMERAL_STORAGE: return [nodeInfo.allocatable.ephemeralStorage, nodeInfo.requested.ephemeralStorage + podRequest];
    case PODS: return [nodeInfo.allocatable.allowedPodNumber, nodeInfo.pods.length + 1];
    default: {
      if (podRequest === 0) return [0, 0];
      return [nodeInfo.allocatable.get(name), nodeInfo.requested.get(name) + podRequest];
    }
  }
}

/** Scratch vectors reused by every call: scorers read them at once and never keep them. */
const scratch = { requested: [] as number[], allocatable: [] as number[], weights: [] as number[] };

/**
 * Collects the per-resource vectors a scorer works on, skipping resources the node has none of. The arrays are
 * shared scratch space, valid until the next call.
 */
export function resourceVectors(nodeInfo: NodeInfo, pod: PodInfo, resources: ResourceSpec[], useRequested: boolean) {
  const { requested, allocatable, weights } = scratch;
  requested.length = 0;
  allocatable.length = 0;
  weights.length = 0;
  const used = useRequested ? nodeInfo.requested : nodeInfo.nonZeroRequested;
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    let alloc: number;
    let req: number;
    if (r.name === CPU) {
      alloc = nodeInfo.allocatable.milliCPU;
      req = used.milliCPU + podRequestFor(pod, CPU, useRequested);
    } else if (r.name === MEMORY) {
      alloc = nodeInfo.allocatable.memory;
      req = used.memory + podRequestFor(pod, MEMORY, useRequested);
    } else {
      [alloc, req] = allocatableAndRequested(nodeInfo, r.name, podRequestFor(pod, r.name, useRequested), useRequested);
    }
    if (alloc === 0) continue;
    allocatable.push(alloc);
    requested.push(req);
    weights.push(r.weight);
  }
  return scratch;
}
