import type { Pod } from 'kubernetes-types/core/v1';
import type { EnqueueExtensions, PreEnqueuePlugin } from '../framework/interface';
import { unresolvable, type Status } from '../framework/status';
import { ActionType, type ClusterEventWithHint } from '../queue/events';
import { Names } from './names';

/** Keeps pods with spec.schedulingGates out of the active queue until every gate is removed. */
export class SchedulingGates implements PreEnqueuePlugin, EnqueueExtensions {
  readonly name = Names.SchedulingGates;

  preEnqueue(pod: Pod): Status | null {
    const gates = pod.spec?.schedulingGates ?? [];
    if (gates.length === 0) return null;
    return unresolvable(`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [{ event: { resource: 'UnscheduledPod', actionType: ActionType.UpdatePodSchedulingGatesEliminated } }];
  }
}
