/**
 * The `pilothouse.dev/v1alpha1` Fault: a break in the simulated cluster, declared as an API object. Creating one
 * breaks its target (a node's machine, kubelet, kube-proxy or network link, or one container); deleting it heals
 * the target. Faults are cluster-scoped and served by an aggregated API with storage of its own, so they can be
 * listed and deleted even while the cluster's etcd is down.
 */
import type { Condition, ObjectMeta } from 'kubernetes-types/meta/v1';

export const FAULT_GROUP = 'pilothouse.dev';
export const FAULT_VERSION = 'v1alpha1';
export const FAULT_API_VERSION = `${FAULT_GROUP}/${FAULT_VERSION}`;
export const FAULT_KIND = 'Fault';
export const FAULT_PLURAL = 'faults';

/** What a fault breaks. */
export const FAULT_TYPES = ['NodeDown', 'KubeletStop', 'KubeProxyStop', 'NetworkPartition', 'ContainerCrash'] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

/** Fault types whose target is a Node. */
export const NODE_FAULT_TYPES: readonly FaultType[] = ['NodeDown', 'KubeletStop', 'KubeProxyStop', 'NetworkPartition'];

export interface NodeTarget {
  kind: 'Node';
  name: string;
}

export interface PodTarget {
  kind: 'Pod';
  namespace?: string;
  name: string;
  /** The container to crash; the pod's first container when omitted. */
  container?: string;
}

export interface FaultSpec {
  type: FaultType;
  target: NodeTarget | PodTarget;
  /** ContainerCrash: the exit code the container dies with (default 137, as a SIGKILL). */
  exitCode?: number;
  /** ContainerCrash: `Once` (default) crashes it one time; `Always` crashes every restart while the fault exists. */
  repeat?: 'Once' | 'Always';
}

export interface FaultStatus {
  /** When the fault controller broke the target (RFC 3339). */
  activeSince?: string;
  /** `Active`: whether the target is currently broken. */
  conditions?: Condition[];
  observedGeneration?: number;
}

export interface Fault {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec: FaultSpec;
  status?: FaultStatus;
}

/** The condition the fault controller keeps on each Fault. */
export const ACTIVE_CONDITION = 'Active';

/** The controller's client name, as traffic and managed fields show it. */
export const FAULT_CONTROLLER_NAME = 'pilothouse-fault-controller';
