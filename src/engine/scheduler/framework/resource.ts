import type { Container, Pod } from 'kubernetes-types/core/v1';
import { parseMilli, parseValue } from '../util/quantity';

/** Defaults upstream assumes for containers that set no cpu/memory request, so zero-request pods still spread. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export const CPU = 'cpu';
export const MEMORY = 'memory';
export const EPHEMERAL_STORAGE = 'ephemeral-storage';
export const PODS = 'pods';

/**
 * Compute resources in the units the scheduler keeps (framework.Resource): cpu in millicores, everything else in
 * whole units; `scalar` holds extended resources, hugepages and the like.
 */
export class Resource {
  milliCPU = 0;
  memory = 0;
  ephemeralStorage = 0;
  allowedPodNumber = 0;
  scalar: Map<string, number> | undefined;

  static fromList(list: Record<string, string | number> | undefined): Resource {
    const r = new Resource();
    if (list) for (const name in list) r.addQuantity(name, list[name]);
    return r;
  }

  addQuantity(name: string, q: string | number): void {
    switch (name) {
      case CPU: this.milliCPU += parseMilli(q) || 0; break;
      case MEMORY: this.memory += parseValue(q) || 0; break;
      case EPHEMERAL_STORAGE: this.ephemeralStorage += parseValue(q) || 0; break;
      case PODS: this.allowedPodNumber += parseValue(q) || 0; break;
      default: this.addScalar(name, parseValue(q) || 0);
    }
  }

  addScalar(name: string, v: number): void {
    if (!this.scalar) this.scalar = new Map();
    this.scalar.set(name, (this.scalar.get(name) ?? 0) + v);
  }

  get(name: string): number {
    switch (name) {
      case CPU: return this.milliCPU;
      case MEMORY: return this.memory;
      case EPHEMERAL_STORAGE: return this.ephemeralStorage;
      case PODS: return this.allowedPodNumber;
      default: return this.scalar?.get(name) ?? 0;
    }
  }

  /** this += sign × other (pods count excluded, as NodeInfo.update does). */
  addScaled(other: Resource, sign: number): void {
    this.milliCPU += sign * other.milliCPU;
    this.memory += sign * other.memory;
    this.ephemeralStorage += sign * other.ephemeralStorage;
    if (other.scalar) for (const [k, v] of other.scalar) this.addScalar(k, sign * v);
  }

  clone(): Resource {
    const r = new Resource();
    r.milliCPU = this.milliCPU;
    r.memory = this.memory;
    r.ephemeralStorage = this.ephemeralStorage;
    r.allowedPodNumber = this.allowedPodNumber;
    if (this.scalar) r.scalar = new Map(this.scalar);
    return r;
  }

  isZero(): boolean {
    if (this.milliCPU || this.memory || this.ephemeralStorage) return false;
    if (this.scalar) for (const v of this.scalar.values()) if (v) return false;
    return true;
  }
}

type Totals = Map<string, number>;

function toUnits(name: string, q: string | number): number {
  return (name === CPU ? parseMilli(q) : parseValue(q)) || 0;
}

function containerRequests(c: Container, nonMissing: Totals | undefined): Totals {
  const out: Totals = new Map();
  const req = c.resources?.requests;
  if (req) for (const k in req) out.set(k, toUnits(k, req[k]));
  if (nonMissing) for (const [k, v] of nonMissing) if (!out.has(k)) out.set(k, v);
  return out;
}

function add(into: Totals, from: Totals): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

function max(into: Totals, from: Totals): void {
  for (const [k, v] of from) {
    const cur = into.get(k);
    if (cur === undefined || v > cur) into.set(k, v);
  }
}

/**
 * The pod's effective request (component-helpers resource.PodRequests): the sum of app containers plus sidecars
 * (restartable init containers), or the largest init-container phase if that is bigger — an ordinary init
 * container runs next to the sidecars started before it — plus pod overhead.
 */
export function podRequestTotals(pod: Pod, nonMissing?: Totals): Totals {
  const reqs: Totals = new Map();
  for (const c of pod.spec?.containers ?? []) add(reqs, containerRequests(c, nonMissing));
  const sidecars: Totals = new Map();
  const initMax: Totals = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    const own = containerRequests(c, nonMissing);
    let phase: Totals;
    if (c.restartPolicy === 'Always') {
      add(reqs, own);
      add(sidecars, own);
      phase = new Map(sidecars);
    } else {
      phase = new Map(own);
      add(phase, sidecars);
    }
    max(initMax, phase);
  }
  max(reqs, initMax);
  const overhead = pod.spec?.overhead;
  if (overhead) for (const k in overhead) reqs.set(k, (reqs.get(k) ?? 0) + toUnits(k, overhead[k]));
  return reqs;
}

export function resourceFromTotals(t: Totals): Resource {
  const r = new Resource();
  for (const [k, v] of t) {
    switch (k) {
      case CPU: r.milliCPU += v; break;
      case MEMORY: r.memory += v; break;
      case EPHEMERAL_STORAGE: r.ephemeralStorage += v; break;
      case PODS: break;
      default: r.addScalar(k, v);
    }
  }
  return r;
}

const NON_MISSING: Totals = new Map([[CPU, DEFAULT_MILLI_CPU_REQUEST], [MEMORY, DEFAULT_MEMORY_REQUEST]]);

export interface PodResources {
  requests: Resource;
  /** cpu/memory with the per-container defaults applied where a container requests none. */
  nonZeroMilliCPU: number;
  nonZeroMemory: number;
}

export function computePodResources(pod: Pod): PodResources {
  const requests = resourceFromTotals(podRequestTotals(pod));
  const nonZero = podRequestTotals(pod, NON_MISSING);
  return { requests, nonZeroMilliCPU: nonZero.get(CPU) ?? 0, nonZeroMemory: nonZero.get(MEMORY) ?? 0 };
}
