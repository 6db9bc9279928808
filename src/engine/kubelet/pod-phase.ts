/**
 * The pod phase and conditions the kubelet derives from its containers (pkg/kubelet/kubelet_pods.go getPhase and
 * pkg/kubelet/status/generate.go), 1.32 semantics: sidecars (restartable init containers) count toward
 * initialisation once started; a terminating pod's phase becomes terminal once all its containers stopped.
 */
import type { ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

const isSidecar = (pod: Pod, name: string) => (pod.spec?.initContainers ?? []).some((c) => c.name === name && c.restartPolicy === 'Always');

export function getPhase(pod: Pod, initStatuses: ContainerStatus[], statuses: ContainerStatus[], podIsTerminal: boolean): PodPhase {
  const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
  let pendingInitialization = 0;
  let failedInitialization = 0;
  for (const s of initStatuses) {
    if (isSidecar(pod, s.name)) {
      if (!s.started) pendingInitialization++;
      continue;
    }
    if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s.state?.waiting && s.lastState?.terminated && s.lastState.terminated.exitCode !== 0) {
      failedInitialization++;
    } else {
      pendingInitialization++;
    }
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of statuses) {
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else waiting++;
  }
  if (failedInitialization > 0 && restartPolicy === 'Never') return 'Failed';
  if (pendingInitialization > 0 || (failedInitialization > 0 && restartPolicy !== 'Never')) return podIsTerminal ? 'Failed' : 'Pending';
  if (waiting > 0) return podIsTerminal ? 'Failed' : 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (restartPolicy === 'Always' && !podIsTerminal) return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never' || podIsTerminal) return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** Remembers when each condition last changed, so unchanged conditions keep their lastTransitionTime. */
export class ConditionClock {
  private seen = new Map<string, { status: string; at: string }>();

  constructor(existing: PodCondition[] = []) {
    for (const c of existing) if (c.lastTransitionTime) this.seen.set(c.type, { status: c.status, at: c.lastTransitionTime });
  }

  stamp(type: string, status: string, now: string): string {
    const prev = this.seen.get(type);
    if (prev && prev.status === status) return prev.at;
    this.seen.set(type, { status, at: now });
    return now;
  }
}

export interface ConditionInputs {
  sandboxReady: boolean;
  phase: PodPhase;
  initStatuses: ContainerStatus[];
  statuses: ContainerStatus[];
  existing: PodCondition[];
}

/** The kubelet-owned conditions, in the order the kubelet writes them, then PodScheduled and any others kept. */
export function podConditions(pod: Pod, inp: ConditionInputs, clock: ConditionClock, now: string): PodCondition[] {
  const cond = (type: string, ok: boolean, reason?: string, message?: string): PodCondition => ({
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null as unknown as string,
    lastTransitionTime: clock.stamp(type, ok ? 'True' : 'False', now),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  });
  const terminal = inp.phase === 'Succeeded' || inp.phase === 'Failed';
  const sidecars = inp.initStatuses.filter((s) => isSidecar(pod, s.name));
  const incompleteInit = inp.initStatuses.filter((s) => (isSidecar(pod, s.name) ? !s.started : !(s.state?.terminated && s.state.terminated.exitCode === 0))).map((s) => s.name);
  const initialized = incompleteInit.length === 0 || (terminal && inp.statuses.some((s) => s.state?.terminated || s.lastState?.terminated));
  const unready = [...sidecars, ...inp.statuses].filter((s) => !s.ready).map((s) => s.name);
  const out: PodCondition[] = [cond('PodReadyToStartContainers', inp.sandboxReady)];
  out.push(initialized ? cond('Initialized', true) : cond('Initialized', false, 'ContainersNotInitialized', `containers with incomplete status: [${incompleteInit.join(' ')}]`));
  const readyOk = !terminal && unready.length === 0;
  const readyReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
  const readyMessage = terminal ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  out.push(readyOk ? cond('Ready', true) : cond('Ready', false, readyReason, readyMessage));
  out.push(readyOk ? cond('ContainersReady', true) : cond('ContainersReady', false, readyReason, readyMessage));
  // The kubelet always reports PodScheduled True (a pod it runs is scheduled), keeping the scheduler's time.
  out.push(cond('PodScheduled', true));
  const own = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
  for (const c of inp.existing) if (!own.has(c.type)) out.push(c);
  return out;
}
