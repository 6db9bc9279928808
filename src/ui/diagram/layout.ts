/**
 * The diagram's automatic layout. Fixed places for the users and the control plane; cluster nodes in a grid to
 * their right (each a card with its pods inside, each pod in a stable slot), a Pending area above them for pods
 * not yet on a node; one lane per namespace below the control plane, a column per kind of object. Every card holds
 * a stable slot (see SlotAllocator) and lanes grow in chunks, so things don't jump as the cluster changes. A layered
 * auto-layout (dagre/elk) was not used: it re-places everything on each change.
 */
import type { EndpointView, ObjectSummary } from '../../protocol/messages';
import { SlotAllocator } from './slot-allocator';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Anchor = 'users' | 'kube-apiserver' | 'etcd' | 'kube-scheduler' | 'kube-controller-manager' | 'cloud-controller-manager';

export const CARD = { width: 190, height: 58 };
export const NODE_CARD = { width: 270, height: 200 };
/** Beyond this many pods a node card shows counts per status instead of one chip per pod. */
export const POD_DETAIL_LIMIT = 50;
const GAP = 16;
const LANE_PAD = 16;
const LANE_HEADER = 34;
const ROW = CARD.height + 12;
const LANE_CHUNK_ROWS = 3;
const NODES_X = 900;
const NODES_Y = 100;
const LANES_Y = 420;
const NODES_PER_ROW = 3;
/**
 * Nodes per row for a fleet of `count`: three as the seeds draw a small cluster, wider grids for bigger ones so the
 * diagram stays roughly landscape. Tiers, not a formula, so a node joining or leaving rarely moves the others.
 */
export function nodesPerRow(count: number): number {
  if (count <= 9) return NODES_PER_ROW;
  if (count <= 36) return 6;
  if (count <= 100) return 10;
  return 20;
}
export const pendingRect = (perRow: number): Rect => ({ x: NODES_X, y: -10, width: perRow * NODE_CARD.width + (perRow - 1) * GAP, height: 90 });
export const PENDING_RECT: Rect = pendingRect(NODES_PER_ROW);

export const FIXED: Record<Anchor, Rect> = {
  users: { x: 0, y: 140, width: 150, height: 64 },
  'kube-apiserver': { x: 250, y: 140, width: 200, height: 64 },
  etcd: { x: 250, y: 300, width: 200, height: 64 },
  'kube-scheduler': { x: 560, y: 20, width: 230, height: 64 },
  'kube-controller-manager': { x: 560, y: 140, width: 230, height: 64 },
  'cloud-controller-manager': { x: 560, y: 260, width: 230, height: 64 },
};

/** Columns of a namespace lane, left to right (pods live in node cards and the Pending area). */
export const LANE_COLUMNS = ['services', 'workloads', 'replicasets'] as const;
type Column = (typeof LANE_COLUMNS)[number];

const COLUMN_OF: Record<string, Column> = {
  Service: 'services',
  Deployment: 'workloads',
  StatefulSet: 'workloads',
  DaemonSet: 'workloads',
  CronJob: 'workloads',
  Job: 'replicasets',
  ReplicaSet: 'replicasets',
};

export const LANE_WIDTH = LANE_PAD * 2 + LANE_COLUMNS.length * CARD.width + (LANE_COLUMNS.length - 1) * GAP;

export interface LaneLayout {
  namespace: ObjectSummary;
  rect: Rect;
  /** Cards in the lane, positioned relative to the lane. */
  cards: { object: ObjectSummary; rect: Rect }[];
}

/** A pod in its node card: `slot` is stable while the pod lives (a gone pod leaves a hole a new one fills). */
export type PodSlots = (ObjectSummary | undefined)[];

export interface NodeLayout {
  node: ObjectSummary;
  rect: Rect;
  pods: PodSlots;
  /** Faults targeting this node. */
  faults: ObjectSummary[];
}

export interface ServiceEndpoints {
  service: ObjectSummary;
  endpoints: EndpointView[];
}

export interface LayoutResult {
  lanes: LaneLayout[];
  nodes: NodeLayout[];
  /** Pods not on any known node, in stable slots. */
  pending: PodSlots;
  /** Where the pending pods are drawn (as wide as a row of nodes). */
  pendingRect: Rect;
  services: ServiceEndpoints[];
  /** Absolute rectangles of everything traffic can travel between: anchors, `node/NAME`, object keys. */
  places: ReadonlyMap<string, Rect>;
}

const byName = (a: ObjectSummary, b: ObjectSummary) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export class DiagramLayout {
  private laneOrder: string[] = [];
  private columnSlots = new Map<string, SlotAllocator>();
  private nodeSlots = new SlotAllocator();
  private podSlots = new Map<string, SlotAllocator>();

  layout(objects: ReadonlyMap<string, ObjectSummary>, hidden: ReadonlySet<string> = new Set()): LayoutResult {
    const namespaces = new Map<string, ObjectSummary>();
    const clusterNodes = new Map<string, ObjectSummary>();
    const inLane = new Map<string, ObjectSummary[]>();
    const podsByNode = new Map<string, ObjectSummary[]>();
    const faultsByNode = new Map<string, ObjectSummary[]>();
    const slices: ObjectSummary[] = [];
    const pods: ObjectSummary[] = [];
    for (const o of objects.values()) {
      if (o.kind === 'Namespace') {
        if (!hidden.has(o.name)) namespaces.set(o.name, o);
      } else if (o.kind === 'Node') clusterNodes.set(o.name, o);
      else if (o.kind === 'Fault' && o.fault?.targetKind === 'Node') push(faultsByNode, o.fault.targetName, o);
      else if (o.namespace && hidden.has(o.namespace)) continue;
      else if (o.kind === 'Pod') pods.push(o);
      else if (o.kind === 'EndpointSlice') slices.push(o);
      else if (COLUMN_OF[o.kind] && o.namespace) push(inLane, o.namespace, o);
    }
    const pending: ObjectSummary[] = [];
    for (const p of pods) {
      if (p.nodeName && clusterNodes.has(p.nodeName)) push(podsByNode, p.nodeName, p);
      else pending.push(p);
    }

    const places = new Map<string, Rect>(Object.entries(FIXED));
    const perRow = nodesPerRow(clusterNodes.size);
    const pendingArea = pendingRect(perRow);
    places.set('pending', pendingArea);
    const nodes = this.layoutNodes(clusterNodes, podsByNode, faultsByNode, places, perRow);
    const lanes = this.layoutLanes(namespaces, inLane, places);
    const services = endpointsOf(lanes, pods, slices);
    return { lanes, nodes, pending: this.slotted('\u0000pending', pending), pendingRect: pendingArea, services, places };
  }

  private slotted(owner: string, pods: ObjectSummary[]): PodSlots {
    let slots = this.podSlots.get(owner);
    if (!slots) this.podSlots.set(owner, (slots = new SlotAllocator()));
    pods.sort(byName);
    const assigned = slots.assign(pods.map((p) => p.key));
    const out: PodSlots = new Array(slots.extent);
    for (const p of pods) out[assigned.get(p.key)!] = p;
    return out;
  }

  private layoutNodes(
    clusterNodes: Map<string, ObjectSummary>,
    podsByNode: Map<string, ObjectSummary[]>,
    faultsByNode: Map<string, ObjectSummary[]>,
    places: Map<string, Rect>,
    perRow: number,
  ): NodeLayout[] {
    // worker-2 before worker-10, as people count.
    const names = [...clusterNodes.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const slots = this.nodeSlots.assign(names);
    for (const owner of this.podSlots.keys()) if (!owner.startsWith('\u0000') && !clusterNodes.has(owner)) this.podSlots.delete(owner);
    return names.map((name) => {
      const slot = slots.get(name)!;
      const rect = {
        x: NODES_X + (slot % perRow) * (NODE_CARD.width + GAP),
        y: NODES_Y + Math.floor(slot / perRow) * (NODE_CARD.height + GAP),
        ...NODE_CARD,
      };
      places.set(`node/${name}`, rect);
      return { node: clusterNodes.get(name)!, rect, pods: this.slotted(name, podsByNode.get(name) ?? []), faults: faultsByNode.get(name) ?? [] };
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
          cards.push({ object: o, rect: { x: LANE_PAD + ci * (CARD.width + GAP), y: LANE_HEADER + assigned.get(o.key)! * ROW, ...CARD } });
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

/** Whether a pod counts as a ready endpoint when no EndpointSlice says so: Running with all containers ready. */
function podReady(p: ObjectSummary): boolean {
  if (p.status !== 'Running' || !p.ready) return false;
  const [ready, total] = p.ready.split('/');
  return ready === total;
}

/**
 * Each drawn Service's endpoints: from its EndpointSlices when there are any (the endpointslice controller's
 * view), else the pods its selector matches (what that controller would compute).
 */
export function endpointsOf(lanes: LaneLayout[], pods: ObjectSummary[], slices: ObjectSummary[]): ServiceEndpoints[] {
  const out: ServiceEndpoints[] = [];
  for (const lane of lanes) {
    for (const { object: svc } of lane.cards) {
      if (svc.kind !== 'Service') continue;
      const own = slices.filter((s) => s.namespace === svc.namespace && s.serviceName === svc.name);
      if (own.length > 0) {
        out.push({ service: svc, endpoints: own.flatMap((s) => s.endpoints ?? []) });
        continue;
      }
      const selector = svc.selector;
      if (!selector) {
        out.push({ service: svc, endpoints: [] });
        continue;
      }
      const matching = pods.filter((p) => p.namespace === svc.namespace && Object.entries(selector).every(([k, v]) => p.labels?.[k] === v));
      out.push({
        service: svc,
        endpoints: matching.map((p) => ({ pod: p.name, ready: podReady(p), ...(p.nodeName ? { nodeName: p.nodeName } : {}) })),
      });
    }
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
