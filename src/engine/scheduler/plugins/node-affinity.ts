import type { Node, NodeSelector, Pod, PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import { MAX_NODE_SCORE, type CycleState, type EnqueueExtensions, type FilterPlugin, type NodeScore, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin, type StateData } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import type { PodInfo } from '../framework/pod-info';
import { SKIP, unresolvable, type Status } from '../framework/status';
import { compileNodeSelector, compileNodeSelectorTerm, requiredNodeAffinity } from '../util/selectors';
import { ActionType, type ClusterEventWithHint } from '../queue/events';
import { defaultNormalizeScore } from './helpers';
import { Names } from './names';

export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
export const ErrReasonEnforced = "node(s) didn't match scheduler-enforced node affinity";

export interface NodeAffinityArgs {
  /** Scheduler-enforced affinity ANDed with every pod's (NodeAffinityArgs.addedAffinity). */
  addedAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector; preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[] };
}

const PRE_FILTER_KEY = 'PreFilterNodeAffinity';
const PRE_SCORE_KEY = 'PreScoreNodeAffinity';

class PreFilterState implements StateData {
  constructor(readonly matches: (n: Node) => boolean) {}
  clone() { return this; }
}

type Preferred = { weight: number; matches: (n: Node) => boolean }[];

class PreScoreState implements StateData {
  constructor(readonly preferred: Preferred) {}
  clone() { return this; }
}

/** The pod's nodeSelector and required node affinity (Filter), its preferred terms (Score). */
export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = Names.NodeAffinity;
  private readonly addedRequired?: (n: Node) => boolean;
  private readonly addedPreferred: Preferred;

  constructor(args: NodeAffinityArgs = {}) {
    const added = args.addedAffinity;
    if (added?.requiredDuringSchedulingIgnoredDuringExecution) this.addedRequired = compileNodeSelector(added.requiredDuringSchedulingIgnoredDuringExecution);
    this.addedPreferred = (added?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => ({ weight: t.weight, matches: compileNodeSelectorTerm(t.preference) }));
  }

  preFilter(state: CycleState, pod: PodInfo): { result?: PreFilterResult; status: Status | null } {
    const spec = pod.pod.spec;
    const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const hasSelector = Object.keys(spec?.nodeSelector ?? {}).length > 0;
    if (!hasSelector && !required && !this.addedRequired) return { status: SKIP() };
    state.write(PRE_FILTER_KEY, new PreFilterState(requiredNodeAffinity(pod.pod)));
    if (!required) return { status: null };
    // Terms that pin metadata.name let the scheduler look at those nodes only.
    const names = new Set<string>();
    for (const term of required.nodeSelectorTerms) {
      const byName = (term.matchFields ?? []).filter((f) => f.key === 'metadata.name' && f.operator === 'In' && (f.values?.length ?? 0) === 1);
      if (byName.length === 0) return { status: null };
      const pinned = new Set(byName.map((f) => f.values![0]));
      if (pinned.size > 1) continue; // conflicting names: this term selects nothing
      names.add([...pinned][0]);
    }
    if (names.size === 0) return { status: unresolvable(ErrReasonPod) };
    return { result: { nodeNames: names }, status: null };
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const node = nodeInfo.node!;
    if (this.addedRequired && !this.addedRequired(node)) return unresolvable(ErrReasonEnforced);
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    const matches = s ? s.matches : requiredNodeAffinity(pod.pod);
    return matches(node) ? null : unresolvable(ErrReasonPod);
  }

  preScore(state: CycleState, pod: PodInfo): Status | null {
    const preferred: Preferred = (pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
      .filter((t) => t.weight !== 0)
      .map((t) => ({ weight: t.weight, matches: compileNodeSelectorTerm(t.preference) }));
    if (preferred.length === 0 && this.addedPreferred.length === 0) return SKIP();
    state.write(PRE_SCORE_KEY, new PreScoreState(preferred));
    return null;
  }

  score(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): number {
    const node = nodeInfo.node!;
    let count = 0;
    for (const t of this.addedPreferred) if (t.matches(node)) count += t.weight;
    for (const t of state.read<PreScoreState>(PRE_SCORE_KEY)?.preferred ?? []) if (t.matches(node)) count += t.weight;
    return count;
  }

  normalizeScore(_s: CycleState, _p: PodInfo, scores: NodeScore[]): void {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [{
      event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel },
      queueingHintFn: (pod: Pod, _old, n) => (requiredNodeAffinity(pod)(n as Node) ? 'Queue' : 'QueueSkip'),
    }];
  }
}
