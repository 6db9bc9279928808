import type { QueuedPodInfo, QueueSortPlugin } from '../framework/interface';
import { podPriority } from '../framework/pod-info';
import { Names } from './names';

/** Higher priority first; among equals, the pod queued earlier. */
export class PrioritySort implements QueueSortPlugin {
  readonly name = Names.PrioritySort;

  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
    const p1 = podPriority(a.podInfo.pod);
    const p2 = podPriority(b.podInfo.pod);
    return p1 > p2 || (p1 === p2 && a.timestamp < b.timestamp);
  }
}
