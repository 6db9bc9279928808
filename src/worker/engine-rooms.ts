/**
 * The parts of the cluster that arrive with later rooms (scheduler, node lifecycle), reached through optional,
 * structurally typed accessors so the worker builds and runs before — and unchanged after — they land.
 */
import type { Cluster } from '../engine/cluster';
import type { SchedulingDecision } from '../engine/scheduler/decision-store';

export interface SchedulerRoom {
  decisionFor?(namespace: string, name: string): SchedulingDecision | undefined;
  narrations?(): readonly { time: number; text: string }[];
}

export interface NodeLifecycleRoom {
  addNode?(name?: string): unknown;
  removeNode?(name: string): unknown;
}

type MaybeRooms = { scheduler?: SchedulerRoom; nodes?: NodeLifecycleRoom } & NodeLifecycleRoom;

export function schedulerOf(cluster: Cluster): SchedulerRoom | undefined {
  const s = (cluster as unknown as MaybeRooms).scheduler;
  return s && typeof s.decisionFor === 'function' ? s : undefined;
}

/** Where add/remove node lives: on the cluster itself or on its nodes room. */
export function nodeLifecycleOf(cluster: Cluster): Required<NodeLifecycleRoom> | undefined {
  const c = cluster as unknown as MaybeRooms;
  for (const room of [c, c.nodes]) {
    if (room && typeof room.addNode === 'function' && typeof room.removeNode === 'function') {
      return { addNode: (n) => room.addNode!(n), removeNode: (n) => room.removeNode!(n) };
    }
  }
  return undefined;
}

export function faultResource(cluster: Cluster) {
  const r = cluster.registry.resolve('faults.pilothouse.dev');
  return r && r.kind === 'Fault' ? r : undefined;
}
