/**
 * The Node object a kubelet registers (kubelet_node_status.go initialNode) and the status it keeps reporting
 * (pkg/kubelet/nodestatus setters): capacity and allocatable, the four conditions with their upstream reasons
 * and messages, addresses, daemon endpoints, nodeInfo and the images containerd holds.
 */
import type { Node, NodeCondition, NodeStatus, Taint } from 'kubernetes-types/core/v1';
import { fakeDigest, type ImageConfig } from '../runtime/images';
import { nodeLabels, type NodeSpec } from '../nodes/topology';

export const KUBELET_VERSION = 'v1.32.4';
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.24';
export const OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)';
export const KERNEL_VERSION = '6.8.0-51-generic';
/** The kubelet reports at most this many images (nodeStatusMaxImages). */
const MAX_IMAGES = 50;

export const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

function uuidFrom(text: string): string {
  const h = fakeDigest(text).slice(7);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function initialNode(spec: NodeSpec): Node {
  const annotations: Record<string, string> = {
    'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
    'node.alpha.kubernetes.io/ttl': '0',
    'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: spec.name, labels: nodeLabels(spec), annotations },
    spec: {
      podCIDR: spec.podCIDR,
      podCIDRs: [spec.podCIDR],
      providerID: `kind://docker/kind/${spec.name}`,
      ...(spec.role === 'control-plane' ? { taints: [CONTROL_PLANE_TAINT] } : {}),
    },
  };
}

export interface NodeStatusInputs {
  spec: NodeSpec;
  bootCount: number;
  images: ImageConfig[];
  /** Conditions as last reported, so unchanged ones keep their lastTransitionTime. */
  previous?: NodeCondition[];
  now: string;
  ready: { ok: true } | { ok: false; reason: string; message: string };
}

export function nodeStatus(inp: NodeStatusInputs): NodeStatus {
  const s = inp.spec;
  const resources = {
    cpu: s.shape.cpu,
    'ephemeral-storage': s.shape.ephemeralStorage,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: s.shape.memory,
    pods: String(s.shape.pods),
  };
  const prev = new Map((inp.previous ?? []).map((c) => [c.type, c]));
  const cond = (type: string, status: 'True' | 'False', reason: string, message: string): NodeCondition => {
    const before = prev.get(type);
    return {
      type,
      status,
      lastHeartbeatTime: inp.now,
      lastTransitionTime: before && before.status === status ? (before.lastTransitionTime as string) : inp.now,
      reason,
      message,
    };
  };
  const images = [...inp.images]
    .sort((a, b) => b.sizeBytes - a.sizeBytes)
    .slice(0, MAX_IMAGES)
    .map((i) => ({ names: [i.repoDigest, i.reference], sizeBytes: i.sizeBytes }));
  return {
    capacity: resources,
    allocatable: { ...resources },
    conditions: [
      cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      inp.ready.ok ? cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status') : cond('Ready', 'False', inp.ready.reason, inp.ready.message),
    ],
    addresses: [
      { type: 'InternalIP', address: s.internalIP },
      { type: 'Hostname', address: s.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: fakeDigest(`${s.name}/machine-id`).slice(7, 39),
      systemUUID: uuidFrom(`${s.name}/system-uuid`),
      bootID: uuidFrom(`${s.name}/boot/${inp.bootCount}`),
      kernelVersion: KERNEL_VERSION,
      osImage: OS_IMAGE,
      containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
    images,
    // features.userNamespaces (1.32) is newer than kubernetes-types 1.30's NodeRuntimeHandlerFeatures.
    runtimeHandlers: [
      { name: 'runc', features: { recursiveReadOnlyMounts: true, userNamespaces: true } as { recursiveReadOnlyMounts: boolean } },
      { name: '', features: { recursiveReadOnlyMounts: true, userNamespaces: true } as { recursiveReadOnlyMounts: boolean } },
    ],
  };
}

/** nodeStatusHasChanged: everything but heartbeat times. */
export function statusChanged(a: NodeStatus | undefined, b: NodeStatus): boolean {
  if (!a) return true;
  const strip = (s: NodeStatus) => JSON.stringify({ ...s, conditions: (s.conditions ?? []).map((c) => ({ ...c, lastHeartbeatTime: undefined })) });
  return strip(a) !== strip(b);
}
