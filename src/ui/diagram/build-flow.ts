/**
 * Layout result → React Flow nodes and edges. Node objects are reused when nothing about them changed, so React
 * Flow and the memoised cards skip them.
 */
import type { Edge, Node } from '@xyflow/react';
import type { ComponentView, ObjectSummary } from '../../protocol/messages';
import { FIXED, type LayoutResult, type PodSlots, type ServiceEndpoints } from './layout';

type FlowNode = Node<Record<string, unknown>>;

export class FlowBuilder {
  private cache = new Map<string, FlowNode>();
  private cachedEdges: { key: string; edges: Edge[] } | undefined;

  build(components: readonly ComponentView[], result: LayoutResult): { nodes: FlowNode[]; edges: Edge[] } {
    const next = new Map<string, FlowNode>();
    const nodes: FlowNode[] = [];
    const add = (node: FlowNode, same: (old: FlowNode) => boolean) => {
      const old = this.cache.get(node.id);
      const kept = old && old.position.x === node.position.x && old.position.y === node.position.y && same(old) ? old : node;
      next.set(node.id, kept);
      nodes.push(kept);
    };

    add({ id: 'users', type: 'users', position: pos(FIXED.users), ...dims(FIXED.users), data: {} }, () => true);
    for (const c of components) {
      add({ id: c.kind, type: 'component', position: pos(FIXED[c.kind]), ...dims(FIXED[c.kind]), data: { component: c } }, (o) => o.data.component === c);
    }
    if (result.nodes.length > 0 || result.pending.some(Boolean)) {
      add(
        // Not selectable, but its pod chips must take clicks (React Flow turns pointer events off for such nodes).
        { id: 'pending', type: 'pending', position: pos(result.pendingRect), style: { ...size(result.pendingRect), pointerEvents: 'all' }, ...dims(result.pendingRect), data: { pods: result.pending }, selectable: false },
        (o) => sameSlots(o.data.pods as PodSlots, result.pending) && o.width === result.pendingRect.width,
      );
    }
    for (const n of result.nodes) {
      add(
        { id: `node/${n.node.name}`, type: 'clusterNode', position: pos(n.rect), style: size(n.rect), ...dims(n.rect), data: { node: n.node, pods: n.pods, faults: n.faults } },
        (o) => o.data.node === n.node && sameSlots(o.data.pods as PodSlots, n.pods) && sameSlots(o.data.faults as ObjectSummary[], n.faults),
      );
    }
    const endpointsBySvc = new Map(result.services.map((s) => [s.service.key, s]));
    for (const lane of result.lanes) {
      const laneId = `lane/${lane.namespace.name}`;
      add(
        { id: laneId, type: 'lane', position: pos(lane.rect), style: size(lane.rect), ...dims(lane.rect), data: { namespace: lane.namespace, count: lane.cards.length }, selectable: false },
        (o) => o.data.namespace === lane.namespace && o.height === lane.rect.height,
      );
      for (const card of lane.cards) {
        const endpoints = endpointsBySvc.get(card.object.key);
        add(
          { id: card.object.key, type: 'object', parentId: laneId, position: pos(card.rect), style: size(card.rect), ...dims(card.rect), data: { object: card.object, ...(endpoints ? { endpoints } : {}) } },
          (o) => o.data.object === card.object && sameEndpoints(o.data.endpoints as ServiceEndpoints | undefined, endpoints),
        );
      }
    }
    this.cache = next;
    return { nodes, edges: this.edgesFor(components, result) };
  }

  private edgesFor(components: readonly ComponentView[], result: LayoutResult): Edge[] {
    const edges: Edge[] = [];
    const has = new Set(components.map((c) => c.kind));
    if (has.has('kube-apiserver')) {
      edges.push({ id: 'users->kube-apiserver', source: 'users', target: 'kube-apiserver', type: 'straight' });
      edges.push({ id: 'kube-apiserver->etcd', source: 'kube-apiserver', target: 'etcd', type: 'straight' });
      for (const k of ['kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager'] as const) {
        if (has.has(k)) edges.push({ id: `kube-apiserver->${k}`, source: 'kube-apiserver', target: k, type: 'straight' });
      }
    }
    // Owner edges inside each lane: Deployment → ReplicaSet.
    for (const lane of result.lanes) {
      const byOwner = new Map<string, string>();
      for (const c of lane.cards) byOwner.set(`${c.object.kind}/${c.object.name}`, c.object.key);
      for (const c of lane.cards) {
        const owner = c.object.owner && byOwner.get(`${c.object.owner.kind}/${c.object.owner.name}`);
        if (owner) edges.push({ id: `${owner}->${c.object.key}`, source: owner, target: c.object.key, className: 'owner-edge' });
      }
    }
    // Service → each node running one of its endpoints, labelled with how many (ready).
    const nodeNames = new Set(result.nodes.map((n) => n.node.name));
    for (const s of result.services) {
      const perNode = new Map<string, { all: number; ready: number }>();
      for (const e of s.endpoints) {
        if (!e.nodeName || !nodeNames.has(e.nodeName)) continue;
        const c = perNode.get(e.nodeName) ?? { all: 0, ready: 0 };
        c.all++;
        if (e.ready) c.ready++;
        perNode.set(e.nodeName, c);
      }
      for (const [node, c] of perNode) {
        edges.push({
          id: `${s.service.key}->node/${node}`,
          source: s.service.key,
          target: `node/${node}`,
          // No edge label: React Flow measures labels with getBBox on every render, which costs frames.
          className: c.ready > 0 ? 'endpoint-edge' : 'endpoint-edge not-ready',
          ariaLabel: `${s.service.name}: ${c.ready}/${c.all} endpoints ready on ${node}`,
        });
      }
    }
    // Keep the array's identity when the edge set is unchanged.
    const key = edges.map((e) => `${e.id}:${e.className ?? ''}:${e.ariaLabel ?? ''}`).join('|');
    if (this.cachedEdges?.key === key) return this.cachedEdges.edges;
    this.cachedEdges = { key, edges };
    return edges;
  }
}

const pos = (r: { x: number; y: number }) => ({ x: r.x, y: r.y });
const size = (r: { width: number; height: number }) => ({ width: r.width, height: r.height });
/**
 * Known dimensions on the node itself: the flow is controlled without onNodesChange, so measured sizes never reach
 * the user nodes — and the MiniMap (and fitView before the first measure) only draw nodes whose size they know.
 */
const dims = (r: { width: number; height: number }) => ({ width: r.width, height: r.height });
const sameSlots = <T,>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameEndpoints = (a: ServiceEndpoints | undefined, b: ServiceEndpoints | undefined) =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.endpoints.length === b.endpoints.length &&
    a.endpoints.every((e, i) => e.pod === b.endpoints[i].pod && e.ready === b.endpoints[i].ready && e.nodeName === b.endpoints[i].nodeName));
