/**
 * Breakpoints for teaching: pause the clock the moment something worth looking at happens — a pod the scheduler
 * cannot place, a node that stops being Ready, a container that crashes. Edge-triggered: each fires once per
 * transition, not on every later update of an object that is still in that state.
 */
import type { BreakpointKind } from '../protocol/messages';

type Obj = Record<string, any>;

export interface BreakpointHit {
  kind: BreakpointKind;
  message: string;
}

export class Breakpoints {
  private enabled = new Set<BreakpointKind>();
  /** What each object last looked like, as far as breakpoints care (so only transitions fire). */
  private last = new Map<string, string>();

  set(kinds: readonly BreakpointKind[]): void {
    this.enabled = new Set(kinds);
  }

  /** Feeds one observed object (after an ADDED/MODIFIED watch event); returns the breakpoint it trips, if any. */
  observe(plural: string, obj: Obj): BreakpointHit | undefined {
    const ns = obj.metadata?.namespace;
    const name = obj.metadata?.name ?? '';
    const key = `${plural}/${ns ?? ''}/${name}/${obj.metadata?.uid ?? ''}`;
    if (plural === 'pods') {
      const unschedulable = obj.status?.conditions?.some((c: Obj) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable') ?? false;
      const restarts = (obj.status?.containerStatuses ?? []).reduce((n: number, c: Obj) => n + (c.restartCount ?? 0), 0);
      const crashed = (obj.status?.containerStatuses ?? []).some((c: Obj) => c.state?.terminated && c.state.terminated.exitCode !== 0) ? 1 : 0;
      const before = this.last.get(key)?.split(',').map(Number) ?? [0, 0, 0];
      this.last.set(key, `${unschedulable ? 1 : 0},${restarts},${crashed}`);
      if (this.enabled.has('podUnschedulable') && unschedulable && !before[0]) {
        return { kind: 'podUnschedulable', message: `pod ${ns}/${name} cannot be scheduled` };
      }
      if (this.enabled.has('containerCrash') && (restarts > before[1] || (crashed && !before[2]))) {
        return { kind: 'containerCrash', message: `a container of pod ${ns}/${name} crashed` };
      }
      return undefined;
    }
    if (plural === 'nodes') {
      const ready = obj.status?.conditions?.find((c: Obj) => c.type === 'Ready')?.status ?? 'Unknown';
      const before = this.last.get(key);
      this.last.set(key, ready);
      if (this.enabled.has('nodeNotReady') && before === 'True' && ready !== 'True') {
        return { kind: 'nodeNotReady', message: `node ${name} became ${ready === 'Unknown' ? 'Unknown' : 'NotReady'}` };
      }
    }
    return undefined;
  }

  forget(plural: string, obj: Obj): void {
    this.last.delete(`${plural}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}/${obj.metadata?.uid ?? ''}`);
  }
}
