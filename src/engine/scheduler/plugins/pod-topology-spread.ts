import type { Node, Pod, Taint, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { MAX_NODE_SCORE, type CycleState, type EnqueueExtensions, type FilterPlugin, type Handle, type NodeScore, type PreFilterExtensions, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin, type StateData } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import type { PodInfo } from '../framework/pod-info';
import { SKIP, unresolvable, unschedulable, type Status } from '../framework/status';
import { andSelectors, compileLabelSelector, findUntoleratedTaint, requiredNodeAffinity, selectorFromSet, type Selector } from '../util/selectors';
import { ActionType, type ClusterEventWithHint } from '../queue/events';
import { Names } from './names';
import { defaultSelector } from './default-selector';

export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = `${ErrReasonConstraintsNotMatch} (missing required label)`;

const LABEL_HOSTNAME = 'kubernetes.io/hostname';

/** Applied to pods that declare no constraints of their own (systemDefaultConstraints). */
export const SYSTEM_DEFAULT_CONSTRAINTS: TopologySpreadConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

export interface PodTopologySpreadArgs {
  /** 'System' (default) uses SYSTEM_DEFAULT_CONSTRAINTS; 'List' uses `defaultConstraints`. */
  defaultingType?: 'System' | 'List';
  defaultConstraints?: TopologySpreadConstraint[];
}

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  honorNodeAffinity: boolean;
  honorNodeTaints: boolean;
}

const isDoNotScheduleTaint = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

function matchNodeInclusionPolicies(c: Constraint, pod: Pod, node: Node, affinity: (n: Node) => boolean): boolean {
  if (c.honorNodeAffinity && !affinity(node)) return false;
  if (c.honorNodeTaints && findUntoleratedTaint(node.spec?.taints, pod.spec?.tolerations, isDoNotScheduleTaint)) return false;
  return true;
}

const nodeHasAllKeys = (labels: Record<string, string>, cs: readonly Constraint[]) => cs.every((c) => c.topologyKey in labels);

/** Pods in `ns`, not terminating, matching the selector; an empty selector counts nothing. */
function countPodsMatchSelector(pods: readonly PodInfo[], selector: Selector, ns: string): number {
  if (selector.empty) return 0;
  let n = 0;
  for (const p of pods) {
    if (p.pod.metadata?.deletionTimestamp || (p.pod.metadata?.namespace ?? 'default') !== ns) continue;
    if (selector.matches(p.pod.metadata?.labels)) n++;
  }
  return n;
}

function compileConstraints(list: readonly TopologySpreadConstraint[], pod: Pod, action: string): Constraint[] {
  const out: Constraint[] = [];
  for (const c of list) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = compileLabelSelector(c.labelSelector);
    // matchLabelKeys: the pod's own values for those keys narrow the selector.
    const keys = c.matchLabelKeys ?? [];
    const labels = pod.metadata?.labels ?? {};
    const extra: Record<string, string> = {};
    for (const k of keys) if (k in labels) extra[k] = labels[k];
    if (Object.keys(extra).length > 0) selector = andSelectors(selectorFromSet(extra), selector);
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      honorNodeTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
    });
  }
  return out;
}

class PreFilterState implements StateData {
  private mins: (number | undefined)[];

  constructor(readonly constraints: Constraint[], readonly matchNum: Map<string, number>[]) {
    this.mins = constraints.map(() => undefined);
  }

  clone(): PreFilterState {
    return new PreFilterState(this.constraints, this.matchNum.map((m) => new Map(m)));
  }

  /** The smallest match count across the constraint's domains, or 0 while there are fewer than minDomains. */
  minMatchNum(i: number): number {
    if (this.matchNum[i].size < this.constraints[i].minDomains) return 0;
    let m = this.mins[i];
    if (m === undefined) {
      m = Infinity;
      for (const v of this.matchNum[i].values()) if (v < m) m = v;
      this.mins[i] = m;
    }
    return m;
  }

  update(p: Pod, preemptor: Pod, node: Node | undefined, delta: number): void {
    if (!node || (p.metadata?.namespace ?? 'default') !== (preemptor.metadata?.namespace ?? 'default')) return;
    const labels = node.metadata?.labels ?? {};
    if (!nodeHasAllKeys(labels, this.constraints)) return;
    const affinity = requiredNodeAffinity(preemptor);
    this.constraints.forEach((c, i) => {
      if (!c.selector.matches(p.metadata?.labels)) return;
      if (!matchNodeInclusionPolicies(c, preemptor, node, affinity)) return;
      const v = labels[c.topologyKey];
      this.matchNum[i].set(v, (this.matchNum[i].get(v) ?? 0) + delta);
      this.mins[i] = undefined;
    });
  }
}

class PreScoreState implements StateData {
  constructor(
    readonly constraints: Constraint[],
    readonly ignoredNodes: Set<string>,
    readonly pairCounts: Map<string, number>[],
    readonly weights: number[],
  ) {}
  clone() { return this; }
}

const PRE_FILTER_KEY = 'PreFilterPodTopologySpread';
const PRE_SCORE_KEY = 'PreScorePodTopologySpread';

/** Spreads matching pods across topology domains: DoNotSchedule constraints filter, ScheduleAnyway ones score. */
export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = Names.PodTopologySpread;
  private readonly systemDefaulted: boolean;
  private readonly defaultConstraints: TopologySpreadConstraint[];

  constructor(private readonly handle: Handle, args: PodTopologySpreadArgs = {}) {
    this.systemDefaulted = (args.defaultingType ?? 'System') === 'System';
    this.defaultConstraints = this.systemDefaulted ? SYSTEM_DEFAULT_CONSTRAINTS : args.defaultConstraints ?? [];
  }

  private constraintsFor(pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
    const own = pod.spec?.topologySpreadConstraints ?? [];
    if (own.length > 0) return compileConstraints(own, pod, action);
    const defaults = compileConstraints(this.defaultConstraints, pod, action);
    if (defaults.length === 0) return [];
    const selector = defaultSelector(pod, this.handle.listers);
    if (selector.empty) return [];
    return defaults.map((c) => ({ ...c, selector }));
  }

  preFilter(state: CycleState, pod: PodInfo, allNodes: readonly NodeInfo[]): { result?: PreFilterResult; status: Status | null } {
    const constraints = this.constraintsFor(pod.pod, 'DoNotSchedule');
    if (constraints.length === 0) return { status: SKIP() };
    const ns = pod.pod.metadata?.namespace ?? 'default';
    const affinity = requiredNodeAffinity(pod.pod);
    const matchNum = constraints.map(() => new Map<string, number>());
    for (const ni of allNodes) {
      const node = ni.node;
      if (!node) continue;
      const labels = node.metadata?.labels ?? {};
      if (!nodeHasAllKeys(labels, constraints)) continue;
      constraints.forEach((c, i) => {
        if (!matchNodeInclusionPolicies(c, pod.pod, node, affinity)) return;
        const v = labels[c.topologyKey];
        matchNum[i].set(v, (matchNum[i].get(v) ?? 0) + countPodsMatchSelector(ni.pods, c.selector, ns));
      });
    }
    state.write(PRE_FILTER_KEY, new PreFilterState(constraints, matchNum));
    return { status: null };
  }

  preFilterExtensions(): PreFilterExtensions {
    return {
      addPod: (state, pod, toAdd, nodeInfo) => {
        state.read<PreFilterState>(PRE_FILTER_KEY)?.update(toAdd.pod, pod.pod, nodeInfo.node, 1);
        return null;
      },
      removePod: (state, pod, toRemove, nodeInfo) => {
        state.read<PreFilterState>(PRE_FILTER_KEY)?.update(toRemove.pod, pod.pod, nodeInfo.node, -1);
        return null;
      },
    };
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s || s.constraints.length === 0) return null;
    const labels = nodeInfo.node?.metadata?.labels ?? {};
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i];
      if (!(c.topologyKey in labels)) return unresolvable(ErrReasonNodeLabelNotMatch);
      const selfMatch = c.selector.matches(pod.pod.metadata?.labels) ? 1 : 0;
      const matchNum = s.matchNum[i].get(labels[c.topologyKey]) ?? 0;
      if (matchNum + selfMatch - s.minMatchNum(i) > c.maxSkew) return unschedulable(ErrReasonConstraintsNotMatch);
    }
    return null;
  }

  preScore(state: CycleState, pod: PodInfo, filteredNodes: readonly NodeInfo[]): Status | null {
    const allNodes = this.handle.snapshot().nodeInfoList;
    if (filteredNodes.length === 0 || allNodes.length === 0) return SKIP();
    const constraints = this.constraintsFor(pod.pod, 'ScheduleAnyway');
    if (constraints.length === 0) return SKIP();
    // Nodes missing a zone label can still take part in hostname spreading under the system defaults.
    const requireAllTopologies = (pod.pod.spec?.topologySpreadConstraints?.length ?? 0) > 0 || !this.systemDefaulted;
    const ignoredNodes = new Set<string>();
    const pairCounts = constraints.map(() => new Map<string, number>());
    for (const ni of filteredNodes) {
      const labels = ni.node?.metadata?.labels ?? {};
      if (requireAllTopologies && !nodeHasAllKeys(labels, constraints)) {
        ignoredNodes.add(ni.name);
        continue;
      }
      constraints.forEach((c, i) => {
        if (c.topologyKey === LABEL_HOSTNAME) return; // per-node counts come in Score
        const v = labels[c.topologyKey] ?? '';
        if (!pairCounts[i].has(v)) pairCounts[i].set(v, 0);
      });
    }
    const weights = constraints.map((c, i) => {
      const size = c.topologyKey === LABEL_HOSTNAME ? filteredNodes.length - ignoredNodes.size : pairCounts[i].size;
      return Math.log(size + 2);
    });
    const ns = pod.pod.metadata?.namespace ?? 'default';
    const affinity = requiredNodeAffinity(pod.pod);
    for (const ni of allNodes) {
      const node = ni.node;
      if (!node) continue;
      const labels = node.metadata?.labels ?? {};
      if (requireAllTopologies && !nodeHasAllKeys(labels, constraints)) continue;
      constraints.forEach((c, i) => {
        if (!matchNodeInclusionPolicies(c, pod.pod, node, affinity)) return;
        const v = labels[c.topologyKey] ?? '';
        const cur = pairCounts[i].get(v);
        if (cur === undefined) return;
        pairCounts[i].set(v, cur + countPodsMatchSelector(ni.pods, c.selector, ns));
      });
    }
    state.write(PRE_SCORE_KEY, new PreScoreState(constraints, ignoredNodes, pairCounts, weights));
    return null;
  }

  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (!s || s.ignoredNodes.has(nodeInfo.name)) return 0;
    const labels = nodeInfo.node?.metadata?.labels ?? {};
    const ns = pod.pod.metadata?.namespace ?? 'default';
    let score = 0;
    s.constraints.forEach((c, i) => {
      if (!(c.topologyKey in labels)) return;
      const cnt = c.topologyKey === LABEL_HOSTNAME
        ? countPodsMatchSelector(nodeInfo.pods, c.selector, ns)
        : s.pairCounts[i].get(labels[c.topologyKey]) ?? 0;
      score += cnt * s.weights[i] + (c.maxSkew - 1);
    });
    return Math.round(score);
  }

  /** Fewer matching pods is better: invert against the max; ignored nodes get 0. */
  normalizeScore(state: CycleState, _pod: PodInfo, scores: NodeScore[]): void {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (!s) return;
    let min = Infinity;
    let max = 0;
    for (const x of scores) {
      if (s.ignoredNodes.has(x.name)) continue;
      if (x.score < min) min = x.score;
      if (x.score > max) max = x.score;
    }
    for (const x of scores) {
      if (s.ignoredNodes.has(x.name)) x.score = 0;
      else if (max === 0) x.score = MAX_NODE_SCORE;
      else x.score = Math.trunc((MAX_NODE_SCORE * (max + min - x.score)) / max);
    }
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      { event: { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete } },
      { event: { resource: 'Node', actionType: ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint } },
    ];
  }
}
