import type { Node } from 'kubernetes-types/core/v1';
import type { EnqueueExtensions, FilterPlugin } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import type { PodInfo } from '../framework/pod-info';
import { unresolvable, type Status } from '../framework/status';
import { ActionType, type ClusterEventWithHint } from '../queue/events';
import { Names } from './names';

export const ErrReasonNodeName = "node(s) didn't match the requested node name";

/** A pod that names a node (spec.nodeName) fits only that node. */
export class NodeName implements FilterPlugin, EnqueueExtensions {
  readonly name = Names.NodeName;

  filter(_s: unknown, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const want = pod.pod.spec?.nodeName;
    if (want && want !== nodeInfo.name) return unresolvable(ErrReasonNodeName);
    return null;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [{
      event: { resource: 'Node', actionType: ActionType.Add },
      queueingHintFn: (pod, _old, n) => (!pod.spec?.nodeName || pod.spec.nodeName === (n as Node).metadata?.name ? 'Queue' : 'QueueSkip'),
    }];
  }
}
