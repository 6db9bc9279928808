import type { Node, Pod } from 'kubernetes-types/core/v1';
import { newPodInfo, type PodInfo } from './pod-info';
import { Resource } from './resource';

/** Shared per image across the cache: its size and the nodes that have it (framework.ImageStateSummary). */
export interface ImageState {
  size: number;
  nodes: Set<string>;
}

const DEFAULT_BIND_ALL_HOST_IP = '0.0.0.0';

/** Host ports in use on a node: hostIP → set of `protocol/port` (framework.HostPortInfo). */
export class HostPortInfo {
  private readonly byIp = new Map<string, Map<string, number>>();

  static key(protocol: string | undefined, port: number): string {
    return `${protocol || 'TCP'}/${port}`;
  }

  add(ip: string | undefined, protocol: string | undefined, port: number): void {
    const addr = ip || DEFAULT_BIND_ALL_HOST_IP;
    let m = this.byIp.get(addr);
    if (!m) this.byIp.set(addr, (m = new Map()));
    const k = HostPortInfo.key(protocol, port);
    m.set(k, (m.get(k) ?? 0) + 1);
  }

  remove(ip: string | undefined, protocol: string | undefined, port: number): void {
    const addr = ip || DEFAULT_BIND_ALL_HOST_IP;
    const m = this.byIp.get(addr);
    if (!m) return;
    const k = HostPortInfo.key(protocol, port);
    const n = (m.get(k) ?? 0) - 1;
    if (n > 0) m.set(k, n);
    else m.delete(k);
    if (m.size === 0) this.byIp.delete(addr);
  }

  /** 0.0.0.0 conflicts with every address; a specific address conflicts with itself and with 0.0.0.0. */
  checkConflict(ip: string | undefined, protocol: string | undefined, port: number): boolean {
    const addr = ip || DEFAULT_BIND_ALL_HOST_IP;
    const k = HostPortInfo.key(protocol, port);
    if (addr === DEFAULT_BIND_ALL_HOST_IP) {
      for (const m of this.byIp.values()) if (m.has(k)) return true;
      return false;
    }
    return !!(this.byIp.get(addr)?.has(k) || this.byIp.get(DEFAULT_BIND_ALL_HOST_IP)?.has(k));
  }

  get size(): number {
    return this.byIp.size;
  }

  clone(): HostPortInfo {
    const c = new HostPortInfo();
    for (const [ip, m] of this.byIp) c.byIp.set(ip, new Map(m));
    return c;
  }
}

let generation = 0;
/** A process-wide monotonically increasing counter, bumped whenever any NodeInfo changes. */
export const nextGeneration = (): number => ++generation;

function hasAffinity(p: Pod): boolean {
  const a = p.spec?.affinity;
  return !!(a && (a.podAffinity || a.podAntiAffinity));
}

function hasRequiredAntiAffinity(p: Pod): boolean {
  return (p.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;
}

/** Node-level aggregate the filters and scorers read (framework.NodeInfo). */
export class NodeInfo {
  node: Node | undefined;
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  usedPorts = new HostPortInfo();
  /** Sum of the pods' requests, assumed pods included. */
  requested = new Resource();
  /** Like `requested`, with the default cpu/memory for containers that request none. */
  nonZeroRequested = new Resource();
  allocatable = new Resource();
  imageStates = new Map<string, ImageState>();
  pvcRefCounts = new Map<string, number>();
  generation = nextGeneration();

  constructor(node?: Node) {
    if (node) this.setNode(node);
  }

  get name(): string {
    return this.node?.metadata?.name ?? '';
  }

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = Resource.fromList(node.status?.allocatable);
    this.generation = nextGeneration();
  }

  addPod(pod: Pod): void {
    this.addPodInfo(newPodInfo(pod));
  }

  addPodInfo(pi: PodInfo): void {
    this.pods.push(pi);
    if (hasAffinity(pi.pod)) this.podsWithAffinity.push(pi);
    if (hasRequiredAntiAffinity(pi.pod)) this.podsWithRequiredAntiAffinity.push(pi);
    this.update(pi, 1);
  }

  /** Removes the pod with this key; false if it is not on the node. */
  removePod(key: string): boolean {
    const i = this.pods.findIndex((p) => p.key === key);
    if (i < 0) return false;
    const pi = this.pods[i];
    swapRemove(this.pods, i);
    const a = this.podsWithAffinity.findIndex((p) => p.key === key);
    if (a >= 0) swapRemove(this.podsWithAffinity, a);
    const r = this.podsWithRequiredAntiAffinity.findIndex((p) => p.key === key);
    if (r >= 0) swapRemove(this.podsWithRequiredAntiAffinity, r);
    this.update(pi, -1);
    return true;
  }

  /**
   * Swaps in a newer object for a pod already on the node whose scheduling-relevant fields did not change (an
   * assumed pod confirmed by the watch), keeping the accounting as it is.
   */
  replacePodInfo(pi: PodInfo): boolean {
    const i = this.pods.findIndex((p) => p.key === pi.key);
    if (i < 0) return false;
    this.pods[i] = pi;
    const a = this.podsWithAffinity.findIndex((p) => p.key === pi.key);
    if (a >= 0) this.podsWithAffinity[a] = pi;
    const r = this.podsWithRequiredAntiAffinity.findIndex((p) => p.key === pi.key);
    if (r >= 0) this.podsWithRequiredAntiAffinity[r] = pi;
    this.generation = nextGeneration();
    return true;
  }

  private update(pi: PodInfo, sign: 1 | -1): void {
    const res = pi.resources;
    this.requested.addScaled(res.requests, sign);
    this.nonZeroRequested.milliCPU += sign * res.nonZeroMilliCPU;
    this.nonZeroRequested.memory += sign * res.nonZeroMemory;
    for (const c of pi.pod.spec?.containers ?? []) {
      for (const p of c.ports ?? []) {
        if (!p.hostPort || p.hostPort <= 0) continue;
        if (sign > 0) this.usedPorts.add(p.hostIP, p.protocol, p.hostPort);
        else this.usedPorts.remove(p.hostIP, p.protocol, p.hostPort);
      }
    }
    const ns = pi.pod.metadata?.namespace ?? 'default';
    for (const v of pi.pod.spec?.volumes ?? []) {
      if (!v.persistentVolumeClaim) continue;
      const k = `${ns}/${v.persistentVolumeClaim.claimName}`;
      const n = (this.pvcRefCounts.get(k) ?? 0) + sign;
      if (n > 0) this.pvcRefCounts.set(k, n);
      else this.pvcRefCounts.delete(k);
    }
    this.generation = nextGeneration();
  }

  /** A copy that later cache changes don't affect; PodInfos and image states are shared (immutable / cache-wide). */
  clone(): NodeInfo {
    const c = Object.create(NodeInfo.prototype) as NodeInfo;
    c.node = this.node;
    c.pods = this.pods.slice();
    c.podsWithAffinity = this.podsWithAffinity.slice();
    c.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity.slice();
    c.usedPorts = this.usedPorts.clone();
    c.requested = this.requested.clone();
    c.nonZeroRequested = this.nonZeroRequested.clone();
    c.allocatable = this.allocatable.clone();
    c.imageStates = this.imageStates;
    c.pvcRefCounts = new Map(this.pvcRefCounts);
    c.generation = this.generation;
    return c;
  }
}

function swapRemove<T>(arr: T[], i: number): void {
  arr[i] = arr[arr.length - 1];
  arr.pop();
}
