/**
 * The diagram's automatic layout. Fixed places for the users and the control plane; cluster nodes in a grid to
 * their right (each a card with its pods inside); one lane per namespace below them, a column per kind of object.
 * Every card holds a stable slot (see SlotAllocator), and lanes grow in chunks, so things don't jump as the
 * cluster changes. A layered auto-layout (dagre/elk) was not used: it re-places everything on each change.
 */
import type { ObjectSummary } from '../../protocol/messages';
import { SlotAllocator } from './slot-allocator';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Anchor = 'users' | 'kube-apiserver' | 'etcd' | 'kube-scheduler' | 'kube-controller-manager' | 'cloud-controller-manager';

export const CARD = { width: 190, height: 58 };
export const POD_CARD = { width: 190, height: 44 };
export const NODE_CARD = { width: 260, height: 170 };
const GAP = 16;
const LANE_PAD = 16;
const LANE_HEADER = 34;
const ROW = CARD.height + 12;
const LANE_CHUNK_ROWS = 3;
const NODES_X = 860;
const LANES_Y = 420;
const NODES_PER_ROW = 3;

export const FIXED: Record<Anchor, Rect> = {
  users: { x: 0, y: 140, width: 150, height: 64 },
  'kube-apiserver': { x: 250, y: 140, width: 200, height: 64 },
  etcd: { x: 250, y: 300, width: 200, height: 64 },
  'kube-scheduler': { x: 560, y: 20, width: 230, height: 64 },
  'kube-controller-manager': { x: 560, y: 140, width: 230, height: 64 },
  'cloud-controller-manager': { x: 560, y: 260, width: 230, height: 64 },
};

/** Columns of a namespace lane, left to right. */
export const LANE_COLUMNS = ['services', 'workloads', 'replicasets', 'pods'] as const;
type Column = (typeof LANE_COLUMNS)[number];

const COLUMN_OF: Record<string, Column> = {
  Service: 'services',
  Deployment: 'workloads',
  StatefulSet: 'workloads',
  DaemonSet: 'workloads',
  CronJob: 'workloads',
  Job: 'replicasets',
  ReplicaSet: 'replicasets',
  Pod: 'pods',
};

export const LANE_WIDTH = LANE_PAD * 2 + LANE_COLUMNS.length * CARD.width + (LANE_COLUMNS.length - 1) * GAP;

export interface LaneLayout {
  namespace: ObjectSummary;
  rect: Rect;
  /** Cards in the lane, positioned relative to the lane. */
  cards: { object: ObjectSummary; rect: Rect }[];
}

export interface NodeLayout {
  node: ObjectSummary;
  rect: Rect;
  pods: ObjectSummary[];
}

export interface LayoutResult {
  lanes: LaneLayout[];
  nodes: NodeLayout[];
  /** Absolute rectangles of everything traffic can travel between: anchors, `node/NAME`, object keys. */
  places: ReadonlyMap<string, Rect>;
}

const byName = (a: ObjectSummary, b: ObjectSummary) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export class DiagramLayout {
  private laneOrder: string[] = [];
  private columnSlots = new Map<string, SlotAllocator>();
  private nodeSlots = new SlotAllocator();

  layout(objects: ReadonlyMap<string, ObjectSummary>): LayoutResult {
    const namespaces = new Map<string, ObjectSummary>();
    const clusterNodes = new Map<string, ObjectSummary>();
    const inLane = new Map<string, ObjectSummary[]>();
    const podsByNode = new Map<string, ObjectSummary[]>();
    const pods: ObjectSummary[] = [];
    for (const o of objects.values()) {
      if (o.kind === 'Namespace') namespaces.set(o.name, o);
      else if (o.kind === 'Node') clusterNodes.set(o.name, o);
      else if (o.kind === 'Pod') pods.push(o);
      else if (COLUMN_OF[o.kind] && o.namespace) push(inLane, o.namespace, o);
    }
    // A scheduled pod is drawn inside its node's card; the rest stay in their namespace's pods column.
    for (const p of pods) {
      if (p.nodeName && clusterNodes.has(p.nodeName)) push(podsByNode, p.nodeName, p);
      else if (p.namespace) push(inLane, p.namespace, p);
    }

    const places = new Map<string, Rect>(Object.entries(FIXED));
    const nodes = this.layoutNodes(clusterNodes, podsByNode, places);
    const lanes = this.layoutLanes(namespaces, inLane, places);
    return { lanes, nodes, places };
  }

  private layoutNodes(clusterNodes: Map<string, ObjectSummary>, podsByNode: Map<string, ObjectSummary[]>, places: Map<string, Rect>): NodeLayout[] {
    const names = [...clusterNodes.keys()].sort();
    const slots = this.nodeSlots.assign(names);
    return names.map((name) => {
      const slot = slots.get(name)!;
      const rect = {
        x: NODES_X + (slot % NODES_PER_ROW) * (NODE_CARD.width + GAP),
        y: Math.floor(slot / NODES_PER_ROW) * (NODE_CARD.height + GAP),
        ...NODE_CARD,
      };
      places.set(`node/${name}`, rect);
      return { node: clusterNodes.get(name)!, rect, pods: (podsByNode.get(name) ?? []).sort(byName) };
    });
  }

  private layoutLanes(namespaces: Map<string, ObjectSummary>, inLane: Map<string, ObjectSummary[]>, places: Map<string, Rect>): LaneLayout[] {
    this.laneOrder = this.laneOrder.filter((n) => namespaces.has(n));
    for (const n of namespaces.keys()) if (!this.laneOrder.includes(n)) this.laneOrder.push(n);
    const lanes: LaneLayout[] = [];
    let y = LANES_Y;
    for (const ns of this.laneOrder) {
      const members = (inLane.get(ns) ?? []).sort(byName);
      const cards: LaneLayout['cards'] = [];
      let rows = 0;
      LANE_COLUMNS.forEach((column, ci) => {
        const id = `${ns}\u0000${column}`;
        let slots = this.columnSlots.get(id);
        if (!slots) this.columnSlots.set(id, (slots = new SlotAllocator()));
        const inColumn = members.filter((o) => COLUMN_OF[o.kind] === column);
        const assigned = slots.assign(inColumn.map((o) => o.key));
        rows = Math.max(rows, slots.extent);
        for (const o of inColumn) {
          const size = o.kind === 'Pod' ? POD_CARD : CARD;
          cards.push({ object: o, rect: { x: LANE_PAD + ci * (CARD.width + GAP), y: LANE_HEADER + assigned.get(o.key)! * ROW, ...size } });
        }
      });
      const chunkRows = rows === 0 ? 0 : Math.ceil(rows / LANE_CHUNK_ROWS) * LANE_CHUNK_ROWS;
      const rect = { x: 0, y, width: LANE_WIDTH, height: LANE_HEADER + chunkRows * ROW + (rows === 0 ? 8 : LANE_PAD) };
      for (const c of cards) places.set(c.object.key, { ...c.rect, x: c.rect.x + rect.x, y: c.rect.y + rect.y });
      lanes.push({ namespace: namespaces.get(ns)!, rect, cards });
      y += rect.height + GAP;
    }
    return lanes;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
