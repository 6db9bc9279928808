import type { Node, Taint } from 'kubernetes-types/core/v1';
import { MAX_NODE_SCORE, type CycleState, type EnqueueExtensions, type FilterPlugin, type NodeScore, type PreScorePlugin, type ScorePlugin } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import type { PodInfo } from '../framework/pod-info';
import { unresolvable, type Status } from '../framework/status';
import { findUntoleratedTaint, tolerationsTolerateTaint } from '../util/selectors';
import { ActionType, type ClusterEventWithHint } from '../queue/events';
import { defaultNormalizeScore } from './helpers';
import { Names } from './names';

const isHard = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/** `node(s) had untolerated taint {key: value}` — the text of upstream's Filter rejection. */
export const untoleratedTaintReason = (t: Taint): string => `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;

/**
 * Filter: the pod must tolerate every NoSchedule/NoExecute taint. Score: fewer untolerated PreferNoSchedule
 * taints is better.
 */
export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = Names.TaintToleration;

  filter(_s: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const taint = findUntoleratedTaint(nodeInfo.node?.spec?.taints, pod.pod.spec?.tolerations, isHard);
    return taint ? unresolvable(untoleratedTaintReason(taint)) : null;
  }

  preScore(): Status | null {
    return null;
  }

  score(_s: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    // Only tolerations that could apply to PreferNoSchedule count.
    const tolerations = (pod.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    let n = 0;
    for (const taint of nodeInfo.node?.spec?.taints ?? []) {
      if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, taint)) n++;
    }
    return n;
  }

  normalizeScore(_s: CycleState, _p: PodInfo, scores: NodeScore[]): void {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint },
        queueingHintFn: (pod, _old, n) =>
          findUntoleratedTaint((n as Node).spec?.taints, pod.spec?.tolerations, isHard) ? 'QueueSkip' : 'Queue',
      },
      { event: { resource: 'UnscheduledPod', actionType: ActionType.UpdatePodTolerations } },
    ];
  }
}
