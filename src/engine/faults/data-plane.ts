/**
 * What the fault controller breaks and heals: the simulated machines and their node components. The nodes room
 * implements these (a machine's power, its kubelet and kube-proxy, its link to the control plane, its
 * containers); the fault controller only calls them.
 */
import type { Cluster } from '../cluster';

/** A node component the fault controller can stop and start (kubelet, kube-proxy). */
export interface StoppableComponent {
  stop(): void;
  start(): void;
}

export interface FaultableMachine {
  /** Machine off: kubelet, kube-proxy and every container stop. */
  powerOff(): void;
  /** Machine on: it boots, and its kubelet and kube-proxy start again. */
  powerOn(): void;
  kubelet: StoppableComponent;
  kubeProxy?: StoppableComponent;
  /** Cuts (true) or restores (false) the machine's link to the control plane; local traffic keeps flowing. */
  setPartitioned?(partitioned: boolean): void;
}

export interface ContainerCrash {
  namespace: string;
  pod: string;
  /** The container's name; the pod's first container when undefined. */
  container?: string;
  exitCode: number;
  /** Crash again every time the container restarts, until `stopCrashing`. */
  repeat: boolean;
}

export interface FaultDataPlane {
  machine(nodeName: string): FaultableMachine | undefined;
  /** Kills a running container (true when one was killed or the crash is armed). */
  crashContainer?(crash: ContainerCrash): boolean;
  stopCrashing?(namespace: string, pod: string, container?: string): void;
}

const planes = new WeakMap<object, FaultDataPlane>();

/** Plugs a data plane into a cluster (the nodes room does, and tests with a node double). */
export function setFaultDataPlane(cluster: Cluster, plane: FaultDataPlane): void {
  planes.set(cluster, plane);
}

/** The parts of the nodes room the adapter uses, read structurally so later additions (kube-proxy, network
 * links, container kills) are picked up as they land. */
interface MachineLike {
  powerOn(): void;
  powerOff(): void;
  stopKubelet(): void;
  startKubelet(): void;
  kubeProxy?: StoppableComponent;
  setPartitioned?(partitioned: boolean): void;
  kubelet?: { crashContainer?(crash: ContainerCrash): boolean; stopCrashing?(namespace: string, pod: string, container?: string): void };
}
type FleetLike = { machine(name: string): MachineLike | undefined; machines?: Map<string, MachineLike> };

/** The nodes room seen as a fault data plane. */
export function fleetDataPlane(fleet: FleetLike): FaultDataPlane {
  return {
    machine(name) {
      const m = fleet.machine(name);
      if (!m) return undefined;
      return {
        powerOff: () => m.powerOff(),
        powerOn: () => m.powerOn(),
        kubelet: { stop: () => m.stopKubelet(), start: () => m.startKubelet() },
        kubeProxy: m.kubeProxy,
        // Until the nodes room models network links, a partition is the kubelet losing the apiserver: no
        // heartbeats, no status — while its containers keep running and serving.
        setPartitioned: m.setPartitioned ? (p) => m.setPartitioned!(p) : (p) => (p ? m.stopKubelet() : m.startKubelet()),
      };
    },
    crashContainer(crash) {
      for (const m of fleet.machines?.values() ?? []) if (m.kubelet?.crashContainer?.(crash)) return true;
      return false;
    },
    stopCrashing(namespace, pod, container) {
      for (const m of fleet.machines?.values() ?? []) m.kubelet?.stopCrashing?.(namespace, pod, container);
    },
  };
}

/** The data plane faults act on: the one plugged in, else the cluster's nodes room. */
export function faultDataPlaneOf(cluster: Cluster): FaultDataPlane | undefined {
  const plugged = planes.get(cluster);
  if (plugged) return plugged;
  const room = (cluster as unknown as { nodes?: FleetLike }).nodes;
  if (room && typeof room.machine === 'function') return fleetDataPlane(room);
  return undefined;
}
