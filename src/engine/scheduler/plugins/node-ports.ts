import type { ContainerPort, Pod } from 'kubernetes-types/core/v1';
import type { CycleState, EnqueueExtensions, FilterPlugin, PreFilterPlugin, PreFilterResult, StateData } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import type { PodInfo } from '../framework/pod-info';
import { SKIP, unschedulable, type Status } from '../framework/status';
import { ActionType, type ClusterEventWithHint } from '../queue/events';
import { Names } from './names';

export const ErrReasonNodePorts = "node(s) didn't have free ports for the requested pod ports";
const KEY = 'PreFilterNodePorts';

class PortsState implements StateData {
  constructor(readonly ports: ContainerPort[]) {}
  clone() { return this; }
}

export function hostPorts(pod: Pod): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.hostPort && p.hostPort > 0) out.push(p);
  return out;
}

/** The pod's hostPorts must be free on the node (per hostIP and protocol, 0.0.0.0 clashing with all). */
export class NodePorts implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = Names.NodePorts;

  preFilter(state: CycleState, pod: PodInfo): { result?: PreFilterResult; status: Status | null } {
    const ports = hostPorts(pod.pod);
    if (ports.length === 0) return { status: SKIP() };
    state.write(KEY, new PortsState(ports));
    return { status: null };
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const ports = state.read<PortsState>(KEY)?.ports ?? hostPorts(pod.pod);
    for (const p of ports) {
      if (nodeInfo.usedPorts.checkConflict(p.hostIP, p.protocol, p.hostPort!)) return unschedulable(ErrReasonNodePorts);
    }
    return null;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'AssignedPod', actionType: ActionType.Delete },
        queueingHintFn: (pod, old) => {
          const freed = hostPorts(old as Pod);
          return hostPorts(pod).some((p) => freed.some((f) => f.hostPort === p.hostPort && (f.protocol || 'TCP') === (p.protocol || 'TCP'))) ? 'Queue' : 'QueueSkip';
        },
      },
      { event: { resource: 'Node', actionType: ActionType.Add | ActionType.Update } },
    ];
  }
}
