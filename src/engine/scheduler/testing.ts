import type { Container, Node, Pod, Taint } from 'kubernetes-types/core/v1';

/** Small builders for scheduler tests and demos (not used by the scheduler itself). */
export function makeNode(name: string, opts: { cpu?: string; memory?: string; pods?: number; labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean; images?: { names: string[]; sizeBytes: number }[] } = {}): Node {
  const allocatable = { cpu: opts.cpu ?? '4', memory: opts.memory ?? '8Gi', pods: String(opts.pods ?? 110), 'ephemeral-storage': '100Gi' };
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...opts.labels } },
    spec: { taints: opts.taints, unschedulable: opts.unschedulable },
    status: { capacity: allocatable, allocatable, images: opts.images },
  };
}

let uid = 0;
export function makePod(name: string, opts: { namespace?: string; cpu?: string; memory?: string; labels?: Record<string, string>; nodeName?: string; priority?: number; spec?: Partial<Pod['spec']>; containers?: Container[]; startTime?: string } = {}): Pod {
  const requests: Record<string, string> = {};
  if (opts.cpu) requests.cpu = opts.cpu;
  if (opts.memory) requests.memory = opts.memory;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: opts.namespace ?? 'default', uid: `uid-${name}-${++uid}`, labels: opts.labels },
    spec: {
      containers: opts.containers ?? [{ name: 'c', image: 'nginx', resources: { requests } }],
      nodeName: opts.nodeName,
      priority: opts.priority,
      ...opts.spec,
    },
    status: opts.startTime ? { startTime: opts.startTime } : {},
  };
}

export const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
