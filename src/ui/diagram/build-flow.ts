/**
 * Layout result → React Flow nodes and edges. Node objects are reused when nothing about them changed, so React
 * Flow and the memoised cards skip them.
 */
import type { Edge, Node } from '@xyflow/react';
import type { ComponentView, ObjectSummary } from '../../protocol/messages';
import { FIXED, type LayoutResult } from './layout';

type FlowNode = Node<Record<string, unknown>>;

export class FlowBuilder {
  private cache = new Map<string, FlowNode>();

  build(components: readonly ComponentView[], result: LayoutResult): { nodes: FlowNode[]; edges: Edge[] } {
    const next = new Map<string, FlowNode>();
    const nodes: FlowNode[] = [];
    const add = (node: FlowNode, same: (old: FlowNode) => boolean) => {
      const old = this.cache.get(node.id);
      const kept = old && old.position.x === node.position.x && old.position.y === node.position.y && same(old) ? old : node;
      next.set(node.id, kept);
      nodes.push(kept);
    };

    add({ id: 'users', type: 'users', position: pos(FIXED.users), data: {} }, () => true);
    for (const c of components) {
      add({ id: c.kind, type: 'component', position: pos(FIXED[c.kind]), data: { component: c } }, (o) => o.data.component === c);
    }
    for (const n of result.nodes) {
      add(
        { id: `node/${n.node.name}`, type: 'clusterNode', position: pos(n.rect), style: size(n.rect), data: { node: n.node, pods: n.pods } },
        (o) => o.data.node === n.node && sameList(o.data.pods as ObjectSummary[], n.pods),
      );
    }
    for (const lane of result.lanes) {
      const laneId = `lane/${lane.namespace.name}`;
      add(
        { id: laneId, type: 'lane', position: pos(lane.rect), style: size(lane.rect), data: { namespace: lane.namespace, count: lane.cards.length }, selectable: false },
        (o) => o.data.namespace === lane.namespace && (o.style?.height as number) === lane.rect.height,
      );
      for (const card of lane.cards) {
        add(
          { id: card.object.key, type: 'object', parentId: laneId, position: pos(card.rect), style: size(card.rect), data: { object: card.object } },
          (o) => o.data.object === card.object,
        );
      }
    }
    this.cache = next;
    return { nodes, edges: edgesFor(components, result) };
  }
}

const pos = (r: { x: number; y: number }) => ({ x: r.x, y: r.y });
const size = (r: { width: number; height: number }) => ({ width: r.width, height: r.height });
const sameList = (a: ObjectSummary[], b: ObjectSummary[]) => a.length === b.length && a.every((x, i) => x === b[i]);

let cachedEdges: { key: string; edges: Edge[] } | undefined;

function edgesFor(components: readonly ComponentView[], result: LayoutResult): Edge[] {
  const edges: Edge[] = [];
  const has = new Set(components.map((c) => c.kind));
  if (has.has('kube-apiserver')) {
    edges.push({ id: 'users->kube-apiserver', source: 'users', target: 'kube-apiserver', type: 'straight' });
    edges.push({ id: 'kube-apiserver->etcd', source: 'kube-apiserver', target: 'etcd', type: 'straight' });
    for (const k of ['kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager'] as const) {
      if (has.has(k)) edges.push({ id: `kube-apiserver->${k}`, source: 'kube-apiserver', target: k, type: 'straight' });
    }
  }
  // Owner edges inside each lane: Deployment → ReplicaSet → Pod.
  for (const lane of result.lanes) {
    const byOwner = new Map<string, string>();
    for (const c of lane.cards) byOwner.set(`${c.object.kind}/${c.object.name}`, c.object.key);
    for (const c of lane.cards) {
      const owner = c.object.owner && byOwner.get(`${c.object.owner.kind}/${c.object.owner.name}`);
      if (owner) edges.push({ id: `${owner}->${c.object.key}`, source: owner, target: c.object.key, className: 'owner-edge' });
    }
  }
  // Keep the array's identity when the edge set is unchanged.
  const key = edges.map((e) => e.id).join('|');
  if (cachedEdges?.key === key) return cachedEdges.edges;
  cachedEdges = { key, edges };
  return edges;
}
