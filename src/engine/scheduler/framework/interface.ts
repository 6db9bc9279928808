import type { Pod } from 'kubernetes-types/core/v1';
import type { NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';
import type { Snapshot } from './snapshot';
import { Code, Status } from './status';
import type { ClusterEventWithHint } from '../queue/events';
import type { ClusterListers } from './listers';

export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

/** Per-plugin data computed in PreFilter/PreScore and read in Filter/Score; `clone` for preemption's dry runs. */
export interface StateData {
  clone(): StateData;
}

/** framework.CycleState: scratch space for one scheduling cycle. */
export class CycleState {
  private data = new Map<string, StateData>();
  /** Plugins whose PreFilter/PreScore returned Skip, so their Filter/Score are not called. */
  skipFilterPlugins = new Set<string>();
  skipScorePlugins = new Set<string>();

  read<T extends StateData>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: StateData): void {
    this.data.set(key, value);
  }

  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.data.set(k, v.clone());
    c.skipFilterPlugins = new Set(this.skipFilterPlugins);
    c.skipScorePlugins = new Set(this.skipScorePlugins);
    return c;
  }
}

/** What plugins may see beyond the pod and node in hand (framework.Handle). */
export interface Handle {
  /** The snapshot of the cycle in progress. */
  snapshot(): Snapshot;
  listers: ClusterListers;
  /** Filters with nominated pods taken into account; preemption re-runs it on trimmed NodeInfos. */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null;
  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: PodInfo, toAdd: PodInfo, nodeInfo: NodeInfo): Status | null;
  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: PodInfo, toRemove: PodInfo, nodeInfo: NodeInfo): Status | null;
}

export interface Plugin {
  readonly name: string;
}

export interface QueuedPodInfo {
  podInfo: PodInfo;
  /** When the pod was last added to the queue (sim ms). */
  timestamp: number;
  attempts: number;
  initialAttemptTimestamp: number | undefined;
  /** Plugins that rejected the pod in its last attempt; only their events can make it schedulable. */
  unschedulablePlugins: Set<string>;
  pendingPlugins: Set<string>;
  /** Blocked by a PreEnqueue plugin (e.g. scheduling gates). */
  gated: boolean;
}

export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: Pod): Status | null;
}

export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}

/** A PreFilter may narrow the nodes worth filtering (framework.PreFilterResult); undefined means all. */
export interface PreFilterResult {
  nodeNames?: Set<string>;
}

export interface PreFilterExtensions {
  addPod(state: CycleState, podToSchedule: PodInfo, toAdd: PodInfo, nodeInfo: NodeInfo): Status | null;
  removePod(state: CycleState, podToSchedule: PodInfo, toRemove: PodInfo, nodeInfo: NodeInfo): Status | null;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): { result?: PreFilterResult; status: Status | null };
  preFilterExtensions?(): PreFilterExtensions | undefined;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null;
}

/**
 * Node name → why it was rejected (framework.NodeToStatus). Nodes absent from the map share `absent`: by default
 * UnschedulableAndUnresolvable, or the PreFilter's rejection when PreFilter failed for every node.
 */
export class NodeToStatus {
  readonly map = new Map<string, Status>();
  absent: Status = new Status(Code.UnschedulableAndUnresolvable);

  get(name: string): Status {
    return this.map.get(name) ?? this.absent;
  }

  set(name: string, status: Status): void {
    this.map.set(name, status);
  }

  get size(): number {
    return this.map.size;
  }
}

export interface PostFilterResult {
  nominatedNodeName: string;
  /** Pods the preemption would evict, for the caller to delete (DefaultPreemption's prepareCandidate). */
  victims?: Pod[];
}

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: PodInfo, nodeToStatus: NodeToStatus, numAllNodes: number): { result?: PostFilterResult; status: Status | null };
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null;
}

export interface NodeScore {
  name: string;
  score: number;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number;
  /** Rescale the raw scores to [0, 100] in place (ScoreExtensions.NormalizeScore). */
  normalizeScore?(state: CycleState, pod: PodInfo, scores: NodeScore[]): void;
}

/** Which cluster events may make a pod this plugin rejected schedulable again (EnqueueExtensions). */
export interface EnqueueExtensions {
  eventsToRegister(): ClusterEventWithHint[];
}

export const hasPreEnqueue = (p: Plugin): p is PreEnqueuePlugin => typeof (p as PreEnqueuePlugin).preEnqueue === 'function';
export const hasQueueSort = (p: Plugin): p is QueueSortPlugin => typeof (p as QueueSortPlugin).less === 'function';
export const hasPreFilter = (p: Plugin): p is PreFilterPlugin => typeof (p as PreFilterPlugin).preFilter === 'function';
export const hasFilter = (p: Plugin): p is FilterPlugin => typeof (p as FilterPlugin).filter === 'function';
export const hasPostFilter = (p: Plugin): p is PostFilterPlugin => typeof (p as PostFilterPlugin).postFilter === 'function';
export const hasPreScore = (p: Plugin): p is PreScorePlugin => typeof (p as PreScorePlugin).preScore === 'function';
export const hasScore = (p: Plugin): p is ScorePlugin => typeof (p as ScorePlugin).score === 'function';
export const hasEnqueueExtensions = (p: Plugin): p is Plugin & EnqueueExtensions =>
  typeof (p as unknown as EnqueueExtensions).eventsToRegister === 'function';
