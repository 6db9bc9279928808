import { MAX_NODE_SCORE, type CycleState, type PreScorePlugin, type ScorePlugin } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import type { PodInfo } from '../framework/pod-info';
import type { Status } from '../framework/status';
import { Names } from './names';
import { DEFAULT_RESOURCES, resourceVectors, type ResourceSpec } from './resource-allocation';

/** Favors nodes whose resource utilisation fractions stay close to each other after placing the pod. */
export class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = Names.NodeResourcesBalancedAllocation;

  constructor(private readonly resources: ResourceSpec[] = DEFAULT_RESOURCES) {}

  preScore(): Status | null {
    return null;
  }

  score(_s: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    const { requested, allocatable } = resourceVectors(nodeInfo, pod, this.resources, true);
    const fractions: number[] = [];
    let total = 0;
    for (let i = 0; i < requested.length; i++) {
      const f = Math.min(requested[i] / allocatable[i], 1);
      fractions.push(f);
      total += f;
    }
    let std = 0;
    if (fractions.length === 2) std = Math.abs((fractions[0] - fractions[1]) / 2);
    else if (fractions.length > 2) {
      const mean = total / fractions.length;
      std = Math.sqrt(fractions.reduce((s, f) => s + (f - mean) * (f - mean), 0) / fractions.length);
    }
    return Math.trunc((1 - std) * MAX_NODE_SCORE);
  }
}
