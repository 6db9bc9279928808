import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { EnqueueExtensions, FilterPlugin } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import type { PodInfo } from '../framework/pod-info';
import { unresolvable, type Status } from '../framework/status';
import { tolerationsTolerateTaint } from '../util/selectors';
import { ActionType, type ClusterEventWithHint } from '../queue/events';
import { Names } from './names';

export const ErrReasonUnschedulable = 'node(s) were unschedulable';
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

const toleratesUnschedulable = (pod: Pod) => tolerationsTolerateTaint(pod.spec?.tolerations, UNSCHEDULABLE_TAINT);

/** Rejects cordoned nodes (spec.unschedulable) unless the pod tolerates the unschedulable taint. */
export class NodeUnschedulable implements FilterPlugin, EnqueueExtensions {
  readonly name = Names.NodeUnschedulable;

  filter(_s: unknown, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    if (nodeInfo.node?.spec?.unschedulable && !toleratesUnschedulable(pod.pod)) return unresolvable(ErrReasonUnschedulable);
    return null;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint },
        queueingHintFn: (_pod, _old, n) => ((n as Node).spec?.unschedulable ? 'QueueSkip' : 'Queue'),
      },
      { event: { resource: 'UnscheduledPod', actionType: ActionType.UpdatePodTolerations } },
    ];
  }
}
