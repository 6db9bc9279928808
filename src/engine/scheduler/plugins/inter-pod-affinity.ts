import type { Node, Pod } from 'kubernetes-types/core/v1';
import { MAX_NODE_SCORE, type CycleState, type EnqueueExtensions, type FilterPlugin, type Handle, type NodeScore, type PreFilterExtensions, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin, type StateData } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import { termMatches, type AffinityTerm, type PodInfo } from '../framework/pod-info';
import { SKIP, unresolvable, unschedulable, type Status } from '../framework/status';
import type { Labels } from '../util/selectors';
import { ActionType, type ClusterEventWithHint } from '../queue/events';
import { Names } from './names';

export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

export interface InterPodAffinityArgs {
  /** Score weight of existing pods' required affinity terms the incoming pod matches (default 1). */
  hardPodAffinityWeight?: number;
  ignorePreferredTermsOfExistingPods?: boolean;
}

const PRE_FILTER_KEY = 'PreFilterInterPodAffinity';
const PRE_SCORE_KEY = 'PreScoreInterPodAffinity';

/** Counts per topology pair, keyed `key\u0000value`. */
class TopologyCounts extends Map<string, number> {
  bump(key: string, value: string, by: number): void {
    const k = `${key}\u0000${value}`;
    const n = (this.get(k) ?? 0) + by;
    if (n === 0) this.delete(k);
    else this.set(k, n);
  }

  at(key: string, value: string): number {
    return this.get(`${key}\u0000${value}`) ?? 0;
  }
}

const podMatchesAllAffinityTerms = (terms: readonly AffinityTerm[], pod: Pod): boolean =>
  terms.length > 0 && terms.every((t) => termMatches(t, pod, undefined));

class PreFilterState implements StateData {
  constructor(
    readonly podInfo: PodInfo,
    readonly namespaceLabels: Labels,
    public existingAntiAffinityCounts = new TopologyCounts(),
    public affinityCounts = new TopologyCounts(),
    public antiAffinityCounts = new TopologyCounts(),
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(this.podInfo, this.namespaceLabels, new TopologyCounts(this.existingAntiAffinityCounts),
      new TopologyCounts(this.affinityCounts), new TopologyCounts(this.antiAffinityCounts));
  }

  /** Accounts for `p` being added (+1) to or removed (-1) from `node` (preemption's dry runs). */
  updateWithPod(p: PodInfo, node: Node, multiplier: number): void {
    const labels = node.metadata?.labels ?? {};
    for (const t of p.requiredAntiAffinityTerms) {
      if (termMatches(t, this.podInfo.pod, this.namespaceLabels) && t.topologyKey in labels) {
        this.existingAntiAffinityCounts.bump(t.topologyKey, labels[t.topologyKey], multiplier);
      }
    }
    if (podMatchesAllAffinityTerms(this.podInfo.requiredAffinityTerms, p.pod)) {
      for (const t of this.podInfo.requiredAffinityTerms) {
        if (t.topologyKey in labels) this.affinityCounts.bump(t.topologyKey, labels[t.topologyKey], multiplier);
      }
    }
    for (const t of this.podInfo.requiredAntiAffinityTerms) {
      if (termMatches(t, p.pod, undefined) && t.topologyKey in labels) this.antiAffinityCounts.bump(t.topologyKey, labels[t.topologyKey], multiplier);
    }
  }
}

/** topologyKey → value → accumulated weight. */
class PreScoreState implements StateData {
  constructor(readonly topologyScore: Map<string, Map<string, number>>) {}
  clone() { return this; }
}

/**
 * Required pod affinity / anti-affinity (Filter, including existing pods' anti-affinity towards the incoming
 * pod) and preferred terms of both the incoming and the existing pods (Score).
 */
export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = Names.InterPodAffinity;
  private readonly hardPodAffinityWeight: number;
  private readonly ignorePreferredTermsOfExistingPods: boolean;

  constructor(private readonly handle: Handle, args: InterPodAffinityArgs = {}) {
    this.hardPodAffinityWeight = args.hardPodAffinityWeight ?? 1;
    this.ignorePreferredTermsOfExistingPods = args.ignorePreferredTermsOfExistingPods ?? false;
  }

  private nsLabels(ns: string | undefined): Labels {
    return this.handle.listers.namespace?.(ns ?? 'default')?.metadata?.labels;
  }

  preFilter(state: CycleState, pod: PodInfo, allNodes: readonly NodeInfo[]): { result?: PreFilterResult; status: Status | null } {
    const snapshot = this.handle.snapshot();
    const nsLabels = this.nsLabels(pod.pod.metadata?.namespace);
    const s = new PreFilterState(pod, nsLabels);
    for (const ni of snapshot.havePodsWithRequiredAntiAffinityList) {
      const labels = ni.node?.metadata?.labels ?? {};
      for (const existing of ni.podsWithRequiredAntiAffinity) {
        for (const t of existing.requiredAntiAffinityTerms) {
          if (t.topologyKey in labels && termMatches(t, pod.pod, nsLabels)) s.existingAntiAffinityCounts.bump(t.topologyKey, labels[t.topologyKey], 1);
        }
      }
    }
    if (pod.requiredAffinityTerms.length > 0 || pod.requiredAntiAffinityTerms.length > 0) {
      const nsCache = new Map<string, Labels>();
      const labelsOf = (p: Pod) => {
        const ns = p.metadata?.namespace ?? 'default';
        if (!nsCache.has(ns)) nsCache.set(ns, this.nsLabels(ns));
        return nsCache.get(ns);
      };
      for (const ni of allNodes) {
        const labels = ni.node?.metadata?.labels ?? {};
        for (const existing of ni.pods) {
          if (pod.requiredAffinityTerms.length > 0 && pod.requiredAffinityTerms.every((t) => termMatches(t, existing.pod, labelsOf(existing.pod)))) {
            for (const t of pod.requiredAffinityTerms) if (t.topologyKey in labels) s.affinityCounts.bump(t.topologyKey, labels[t.topologyKey], 1);
          }
          for (const t of pod.requiredAntiAffinityTerms) {
            if (t.topologyKey in labels && termMatches(t, existing.pod, labelsOf(existing.pod))) s.antiAffinityCounts.bump(t.topologyKey, labels[t.topologyKey], 1);
          }
        }
      }
    }
    state.write(PRE_FILTER_KEY, s);
    if (s.existingAntiAffinityCounts.size === 0 && pod.requiredAffinityTerms.length === 0 && pod.requiredAntiAffinityTerms.length === 0) {
      return { status: SKIP() };
    }
    return { status: null };
  }

  preFilterExtensions(): PreFilterExtensions {
    const update = (state: CycleState, p: PodInfo, nodeInfo: NodeInfo, m: number) => {
      const s = state.read<PreFilterState>(PRE_FILTER_KEY);
      if (s && nodeInfo.node) s.updateWithPod(p, nodeInfo.node, m);
      return null;
    };
    return {
      addPod: (state, _pod, toAdd, nodeInfo) => update(state, toAdd, nodeInfo, 1),
      removePod: (state, _pod, toRemove, nodeInfo) => update(state, toRemove, nodeInfo, -1),
    };
  }

  filter(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s) return null;
    const labels = nodeInfo.node?.metadata?.labels ?? {};
    if (!satisfyPodAffinity(s, labels)) return unresolvable(ErrReasonAffinityRulesNotMatch);
    for (const t of s.podInfo.requiredAntiAffinityTerms) {
      if (t.topologyKey in labels && s.antiAffinityCounts.at(t.topologyKey, labels[t.topologyKey]) > 0) return unschedulable(ErrReasonAntiAffinityRulesNotMatch);
    }
    if (s.existingAntiAffinityCounts.size > 0) {
      for (const k in labels) if (s.existingAntiAffinityCounts.at(k, labels[k]) > 0) return unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch);
    }
    return null;
  }

  preScore(state: CycleState, pod: PodInfo, _nodes: readonly NodeInfo[]): Status | null {
    const snapshot = this.handle.snapshot();
    const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
    if (this.ignorePreferredTermsOfExistingPods && !hasConstraints) return SKIP();
    const nsLabels = this.nsLabels(pod.pod.metadata?.namespace);
    const topologyScore = new Map<string, Map<string, number>>();
    const process = (terms: readonly AffinityTerm[], target: Pod, targetNs: Labels, node: Node, multiplier: number, fixedWeight?: number) => {
      const labels = node.metadata?.labels ?? {};
      for (const t of terms) {
        if (!(t.topologyKey in labels) || !termMatches(t, target, targetNs)) continue;
        let byValue = topologyScore.get(t.topologyKey);
        if (!byValue) topologyScore.set(t.topologyKey, (byValue = new Map()));
        const v = labels[t.topologyKey];
        byValue.set(v, (byValue.get(v) ?? 0) + (fixedWeight ?? t.weight) * multiplier);
      }
    };
    const nodes = hasConstraints ? snapshot.nodeInfoList : snapshot.havePodsWithAffinityList;
    for (const ni of nodes) {
      const node = ni.node;
      if (!node || Object.keys(node.metadata?.labels ?? {}).length === 0) continue;
      for (const existing of hasConstraints ? ni.pods : ni.podsWithAffinity) {
        process(pod.preferredAffinityTerms, existing.pod, undefined, node, 1);
        process(pod.preferredAntiAffinityTerms, existing.pod, undefined, node, -1);
        if (this.hardPodAffinityWeight > 0) process(existing.requiredAffinityTerms, pod.pod, nsLabels, node, 1, this.hardPodAffinityWeight);
        process(existing.preferredAffinityTerms, pod.pod, nsLabels, node, 1);
        process(existing.preferredAntiAffinityTerms, pod.pod, nsLabels, node, -1);
      }
    }
    if (topologyScore.size === 0) return SKIP();
    state.write(PRE_SCORE_KEY, new PreScoreState(topologyScore));
    return null;
  }

  score(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): number {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (!s) return 0;
    const labels = nodeInfo.node?.metadata?.labels ?? {};
    let score = 0;
    for (const [key, values] of s.topologyScore) if (key in labels) score += values.get(labels[key]) ?? 0;
    return score;
  }

  normalizeScore(state: CycleState, _pod: PodInfo, scores: NodeScore[]): void {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (!s || s.topologyScore.size === 0) return;
    let min = Infinity;
    let max = -Infinity;
    for (const x of scores) {
      if (x.score > max) max = x.score;
      if (x.score < min) min = x.score;
    }
    const diff = max - min;
    for (const x of scores) x.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((x.score - min) / diff)) : 0;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      { event: { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete } },
      { event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel } },
    ];
  }
}

function satisfyPodAffinity(s: PreFilterState, labels: Record<string, string>): boolean {
  let podsExist = true;
  for (const t of s.podInfo.requiredAffinityTerms) {
    if (!(t.topologyKey in labels)) return false;
    if (s.affinityCounts.at(t.topologyKey, labels[t.topologyKey]) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group that has affinity to itself may go anywhere with the right topology.
  return s.affinityCounts.size === 0 && podMatchesAllAffinityTerms(s.podInfo.requiredAffinityTerms, s.podInfo.pod);
}
