import type { Taint } from 'kubernetes-types/core/v1';
import type { Cluster } from '../cluster';

/**
 * Test helpers that drive a whole cluster through the API. `addNode` registers a bare Node object (no machine or
 * kubelet behind it) for scenarios that need custom capacity or labels, and for the scale benchmark.
 */

export interface NodeSpec {
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Taint[];
}

export const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

/**
 * Creates a Node with capacity and allocatable, then sets its taints as they are once the node is Ready (the
 * apiserver's admission adds `node.kubernetes.io/not-ready` on create; the node lifecycle controller lifts it).
 */
export function addNode(cluster: Cluster, name: string, spec: NodeSpec = {}): void {
  const resources = { cpu: spec.cpu ?? '2', memory: spec.memory ?? '4Gi', pods: String(spec.pods ?? 110), 'ephemeral-storage': '100Gi' };
  const created = cluster.request({
    method: 'POST',
    path: '/api/v1/nodes',
    body: {
      apiVersion: 'v1', kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...spec.labels } },
      status: { capacity: resources, allocatable: resources, conditions: [{ type: 'Ready', status: 'True' }] },
    },
  });
  if (created.status !== 201) throw new Error(`creating node ${name}: ${JSON.stringify(created.body)}`);
  const patched = cluster.request({
    method: 'PATCH',
    path: `/api/v1/nodes/${name}`,
    headers: { 'content-type': 'application/merge-patch+json' },
    body: { spec: { taints: spec.taints ?? null } },
  });
  if (patched.status !== 200) throw new Error(`untainting node ${name}: ${JSON.stringify(patched.body)}`);
}

/** A pod manifest (YAML) requesting `cpu`, with optional extra spec lines indented under `spec:`. */
export function podYaml(name: string, opts: { cpu?: string; labels?: Record<string, string>; spec?: string; namespace?: string } = {}): string {
  const labels = Object.entries(opts.labels ?? {}).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`).join('\n');
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    ...(opts.namespace ? [`  namespace: ${opts.namespace}`] : []),
    ...(labels ? ['  labels:', labels] : []),
    'spec:',
    ...(opts.spec ? [opts.spec.replace(/^/gm, '  ')] : []),
    '  containers:',
    '  - name: app',
    '    image: nginx',
    ...(opts.cpu ? ['    resources:', '      requests:', `        cpu: ${opts.cpu}`] : []),
  ].join('\n');
}

export function nodeOf(cluster: Cluster, pod: string, namespace = 'default'): string | undefined {
  return cluster.get('pod', pod, namespace)?.spec?.nodeName;
}

/**
 * Makes sure the cluster has kind's control-plane and `worker-1` … `worker-<workers>`: nodes the fleet already
 * runs are kept, missing ones are registered as bare Node objects.
 */
export function addKindNodes(cluster: Cluster, workers: number, spec: NodeSpec = {}): void {
  const exists = (name: string) => cluster.get('node', name) !== undefined;
  if (!exists('control-plane')) addNode(cluster, 'control-plane', { labels: { 'node-role.kubernetes.io/control-plane': '' }, taints: [CONTROL_PLANE_TAINT] });
  for (let i = 1; i <= workers; i++) if (!exists(`worker-${i}`)) addNode(cluster, `worker-${i}`, spec);
}
