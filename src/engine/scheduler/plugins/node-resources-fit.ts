import type { Node, Pod } from 'kubernetes-types/core/v1';
import { MAX_NODE_SCORE, type CycleState, type EnqueueExtensions, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import { newPodInfo, type PodInfo } from '../framework/pod-info';
import { CPU, EPHEMERAL_STORAGE, MEMORY, PODS, Resource } from '../framework/resource';
import { Code, Status } from '../framework/status';
import { ActionType, type ClusterEventWithHint } from '../queue/events';
import { Names } from './names';
import { DEFAULT_RESOURCES, resourceVectors, type ResourceSpec } from './resource-allocation';

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  /** The request exceeds what the node can ever offer; preemption cannot help. */
  unresolvable: boolean;
}

/** One point of RequestedToCapacityRatio's piecewise-linear shape: utilization 0–100 → score 0–10. */
export interface UtilizationShapePoint {
  utilization: number;
  score: number;
}

export type ScoringStrategy =
  | { type: 'LeastAllocated'; resources?: ResourceSpec[] }
  | { type: 'MostAllocated'; resources?: ResourceSpec[] }
  | { type: 'RequestedToCapacityRatio'; resources?: ResourceSpec[]; shape: UtilizationShapePoint[] };

export interface NodeResourcesFitArgs {
  ignoredResources?: string[];
  ignoredResourceGroups?: string[];
  scoringStrategy?: ScoringStrategy;
}

/**
 * Which of the node's free resources the pod's request exceeds (fitsRequest), in upstream's order: pods, cpu,
 * memory, ephemeral-storage, then extended resources.
 */
export function fitsRequest(podRequest: Resource, nodeInfo: NodeInfo, ignored: Set<string> = new Set(), ignoredGroups: Set<string> = new Set()): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) {
    out.push({ resourceName: PODS, reason: 'Too many pods', requested: 1, used: nodeInfo.pods.length, capacity: alloc.allowedPodNumber, unresolvable: false });
  }
  if (podRequest.isZero()) return out;
  const check = (name: string, req: number, u: number, cap: number) => {
    if (req > 0 && req > cap - u) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: req, used: u, capacity: cap, unresolvable: req > cap });
  };
  check(CPU, podRequest.milliCPU, used.milliCPU, alloc.milliCPU);
  check(MEMORY, podRequest.memory, used.memory, alloc.memory);
  check(EPHEMERAL_STORAGE, podRequest.ephemeralStorage, used.ephemeralStorage, alloc.ephemeralStorage);
  for (const [name, req] of podRequest.scalar ?? []) {
    if (ignored.has(name)) continue;
    const slash = name.indexOf('/');
    if (slash >= 0 && ignoredGroups.has(name.slice(0, slash))) continue;
    check(name, req, used.get(name), alloc.get(name));
  }
  return out;
}

/** The common case, checked without allocating: room for one more pod and for its cpu, memory and storage. */
function fitsWithoutExtended(req: Resource, nodeInfo: NodeInfo): boolean {
  if (req.scalar && req.scalar.size > 0) return false;
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  return nodeInfo.pods.length + 1 <= alloc.allowedPodNumber &&
    (req.milliCPU <= 0 || req.milliCPU <= alloc.milliCPU - used.milliCPU) &&
    (req.memory <= 0 || req.memory <= alloc.memory - used.memory) &&
    (req.ephemeralStorage <= 0 || req.ephemeralStorage <= alloc.ephemeralStorage - used.ephemeralStorage);
}

const leastRequested = (req: number, cap: number) => (cap === 0 || req > cap ? 0 : Math.trunc(((cap - req) * MAX_NODE_SCORE) / cap));
const mostRequested = (req: number, cap: number) => (cap === 0 ? 0 : Math.trunc((Math.min(req, cap) * MAX_NODE_SCORE) / cap));

/** helper.BuildBrokenLinearFunction over shape points already scaled to 0–100. */
function brokenLinear(shape: UtilizationShapePoint[]): (p: number) => number {
  return (p) => {
    for (let i = 0; i < shape.length; i++) {
      if (p <= shape[i].utilization) {
        if (i === 0) return shape[0].score;
        const a = shape[i - 1];
        const b = shape[i];
        return a.score + Math.trunc(((b.score - a.score) * (p - a.utilization)) / (b.utilization - a.utilization));
      }
    }
    return shape[shape.length - 1].score;
  };
}

function weightedScore(requested: number[], allocatable: number[], weights: number[], f: (req: number, cap: number) => number): number {
  let score = 0;
  let weightSum = 0;
  for (let i = 0; i < requested.length; i++) {
    score += f(requested[i], allocatable[i]) * weights[i];
    weightSum += weights[i];
  }
  return weightSum === 0 ? 0 : Math.trunc(score / weightSum);
}

/** Filter: the pod's requests fit the node's free allocatable. Score: per the configured scoring strategy. */
export class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = Names.NodeResourcesFit;
  private readonly ignored: Set<string>;
  private readonly ignoredGroups: Set<string>;
  private readonly resources: ResourceSpec[];
  private readonly scorer: (requested: number[], allocatable: number[], weights: number[]) => number;

  constructor(args: NodeResourcesFitArgs = {}) {
    this.ignored = new Set(args.ignoredResources ?? []);
    this.ignoredGroups = new Set(args.ignoredResourceGroups ?? []);
    const strategy = args.scoringStrategy ?? { type: 'LeastAllocated' };
    this.resources = strategy.resources ?? DEFAULT_RESOURCES;
    switch (strategy.type) {
      case 'LeastAllocated': this.scorer = (r, a, w) => weightedScore(r, a, w, leastRequested); break;
      case 'MostAllocated': this.scorer = (r, a, w) => weightedScore(r, a, w, mostRequested); break;
      case 'RequestedToCapacityRatio': {
        // Shape scores are 0–10 in the API; scale to 0–100 (MaxNodeScore / MaxCustomPriorityScore).
        const shape = strategy.shape.map((p) => ({ utilization: p.utilization, score: p.score * (MAX_NODE_SCORE / 10) }));
        const f = brokenLinear(shape);
        this.scorer = (r, a, w) => weightedScore(r, a, w, (req, cap) => (cap === 0 ? f(0) : f(Math.trunc((req * MAX_NODE_SCORE) / cap))));
        break;
      }
    }
  }

  preFilter(): { result?: PreFilterResult; status: Status | null } {
    return { status: null };
  }

  filter(_s: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    if (fitsWithoutExtended(pod.resources.requests, nodeInfo)) return null;
    const insufficient = fitsRequest(pod.resources.requests, nodeInfo, this.ignored, this.ignoredGroups);
    if (insufficient.length === 0) return null;
    const code = insufficient.some((r) => r.unresolvable) ? Code.UnschedulableAndUnresolvable : Code.Unschedulable;
    return new Status(code, insufficient.map((r) => r.reason));
  }

  preScore(): Status | null {
    return null;
  }

  score(_s: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    const { requested, allocatable, weights } = resourceVectors(nodeInfo, pod, this.resources, false);
    return this.scorer(requested, allocatable, weights);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'AssignedPod', actionType: ActionType.Delete | ActionType.UpdatePodScaleDown },
        queueingHintFn: (pod, old) => {
          const freed = newPodInfo(old as Pod).resources.requests;
          const want = newPodInfo(pod).resources.requests;
          return want.isZero() || !freed.isZero() ? 'Queue' : 'QueueSkip';
        },
      },
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeAllocatable | ActionType.UpdateNodeTaint | ActionType.UpdateNodeLabel },
        queueingHintFn: (pod, _old, n) => {
          const alloc = Resource.fromList((n as Node).status?.allocatable);
          const req = newPodInfo(pod).resources.requests;
          const fits = req.milliCPU <= alloc.milliCPU && req.memory <= alloc.memory && req.ephemeralStorage <= alloc.ephemeralStorage;
          return fits ? 'Queue' : 'QueueSkip';
        },
      },
    ];
  }
}
