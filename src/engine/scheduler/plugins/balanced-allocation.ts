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
    const n = requested.length;
    const fraction = (i: number) => Math.min(requested[i] / allocatable[i], 1);
    let std = 0;
    if (n === 2) std = Math.abs((fraction(0) - fraction(1)) / 2);
    else if (n > 2) {
      let total = 0;
      for (let i = 0; i < n; i++) total += fraction(i);
      const mean = total / n;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += (fraction(i) - mean) * (fraction(i) - mean);
      std = Math.sqrt(sum / n);
    }
    return Math.trunc((1 - std) * MAX_NODE_SCORE);
  }
}
