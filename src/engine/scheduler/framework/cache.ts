import type { Node, Pod } from 'kubernetes-types/core/v1';
import { NodeInfo, type ImageState } from './node-info';
import { newPodInfo, podKey, type PodInfo } from './pod-info';
import { Snapshot } from './snapshot';

const REGION = 'topology.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';

/** utilnode.GetZoneKey: region and zone joined, empty when the node has neither label. */
function zoneKey(node: Node): string {
  const l = node.metadata?.labels ?? {};
  const region = l[REGION] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = l[ZONE] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`;
}

/** Nodes grouped by zone; `list` interleaves zones so a partial scan still spreads across them (nodeTree). */
class NodeTree {
  private zones: string[] = [];
  private tree = new Map<string, string[]>();
  numNodes = 0;

  add(node: Node): void {
    const z = zoneKey(node);
    const name = node.metadata?.name ?? '';
    let names = this.tree.get(z);
    if (!names) {
      this.tree.set(z, (names = []));
      this.zones.push(z);
    }
    if (names.includes(name)) return;
    names.push(name);
    this.numNodes++;
  }

  remove(node: Node): void {
    const z = zoneKey(node);
    const names = this.tree.get(z);
    const i = names?.indexOf(node.metadata?.name ?? '') ?? -1;
    if (!names || i < 0) return;
    names.splice(i, 1);
    this.numNodes--;
    if (names.length === 0) {
      this.tree.delete(z);
      this.zones.splice(this.zones.indexOf(z), 1);
    }
  }

  update(oldNode: Node, newNode: Node): void {
    if (zoneKey(oldNode) === zoneKey(newNode)) return;
    this.remove(oldNode);
    this.add(newNode);
  }

  list(): string[] {
    const out: string[] = [];
    const idx = this.zones.map(() => 0);
    let remaining = this.numNodes;
    while (remaining > 0) {
      for (let z = 0; z < this.zones.length; z++) {
        const names = this.tree.get(this.zones[z])!;
        if (idx[z] < names.length) {
          out.push(names[idx[z]++]);
          remaining--;
        }
      }
    }
    return out;
  }
}

/** A doubly-linked list entry; the most recently changed NodeInfo sits at the head. */
interface Item {
  info: NodeInfo;
  prev: Item | null;
  next: Item | null;
}

interface PodState {
  pod: Pod;
  nodeName: string;
  assumed: boolean;
  bindingFinished: boolean;
}

/**
 * The scheduler's cache (internal/cache): NodeInfos kept up to date incrementally from node and pod events, plus
 * assumed pods (bound in the scheduler's mind, not yet confirmed by the apiserver). `updateSnapshot` copies only
 * what changed since the previous snapshot, so thousands of nodes cost little per cycle.
 */
export class Cache {
  private nodes = new Map<string, Item>();
  private head: Item | null = null;
  private nodeTree = new NodeTree();
  private podStates = new Map<string, PodState>();
  private imageStates = new Map<string, ImageState>();
  /** Bumped whenever any node's image list changes, so snapshots know when to refresh imageNumNodes. */
  private imagesGeneration = 1;

  // ---- nodes ----

  addNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    let item = this.nodes.get(name);
    if (!item) {
      item = { info: new NodeInfo(), prev: null, next: null };
      this.nodes.set(name, item);
    } else if (item.info.node) {
      this.removeNodeImageStates(item.info.node);
    }
    this.moveToHead(item);
    this.nodeTree.add(node);
    this.addNodeImageStates(node, item.info);
    item.info.setNode(node);
  }

  updateNode(oldNode: Node | undefined, newNode: Node): void {
    const name = newNode.metadata?.name ?? '';
    const item = this.nodes.get(name);
    if (!item || !item.info.node) {
      this.addNode(newNode);
      return;
    }
    this.moveToHead(item);
    this.nodeTree.update(oldNode ?? item.info.node, newNode);
    this.removeNodeImageStates(item.info.node);
    this.addNodeImageStates(newNode, item.info);
    item.info.setNode(newNode);
  }

  /** Pods still on a removed node keep a ghost NodeInfo until they are deleted, as upstream does. */
  removeNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    const item = this.nodes.get(name);
    if (!item || !item.info.node) return;
    this.nodeTree.remove(item.info.node);
    this.removeNodeImageStates(item.info.node);
    if (item.info.pods.length === 0) {
      this.unlink(item);
      this.nodes.delete(name);
    } else {
      item.info.node = undefined;
      item.info.generation++;
      this.moveToHead(item);
    }
  }

  // ---- pods ----

  /** The scheduler decided `pod` goes on pod.spec.nodeName; account for it before the binding is confirmed. */
  assumePod(pod: Pod): void {
    const key = podKey(pod);
    if (this.podStates.has(key)) throw new Error(`pod ${key} is in the cache, so can't be assumed`);
    this.addPodToNode(pod);
    this.podStates.set(key, { pod, nodeName: pod.spec?.nodeName ?? '', assumed: true, bindingFinished: false });
  }

  finishBinding(pod: Pod): void {
    const st = this.podStates.get(podKey(pod));
    if (st?.assumed) st.bindingFinished = true;
  }

  /** Undo `assumePod` (binding failed). */
  forgetPod(pod: Pod): void {
    const key = podKey(pod);
    const st = this.podStates.get(key);
    if (!st || !st.assumed) return;
    this.removePodFromNode(key, st.nodeName);
    this.podStates.delete(key);
  }

  isAssumedPod(pod: Pod): boolean {
    return !!this.podStates.get(podKey(pod))?.assumed;
  }

  /** A bound pod observed from the apiserver; confirms an assumed pod (moving it if it landed elsewhere). */
  addPod(pod: Pod): void {
    const key = podKey(pod);
    const st = this.podStates.get(key);
    if (st) {
      if (st.assumed && st.nodeName === (pod.spec?.nodeName ?? '') && this.confirmInPlace(key, st, pod)) return;
      if (st.assumed) {
        this.removePodFromNode(key, st.nodeName);
        this.addPodToNode(pod);
        this.podStates.set(key, { pod, nodeName: pod.spec?.nodeName ?? '', assumed: false, bindingFinished: false });
      }
      return;
    }
    this.addPodToNode(pod);
    this.podStates.set(key, { pod, nodeName: pod.spec?.nodeName ?? '', assumed: false, bindingFinished: false });
  }

  /**
   * The binding we assumed landed as planned: the apiserver's object replaces ours. Requests, ports, volumes and
   * affinity are what we scheduled with, so the PodInfo's derived state is reused rather than recomputed.
   */
  private confirmInPlace(key: string, st: PodState, pod: Pod): boolean {
    const info = this.nodes.get(st.nodeName)?.info;
    const old = info?.pods.find((p) => p.key === key);
    if (!info || !old) return false;
    const sameSpec = old.pod.spec?.containers === pod.spec?.containers || JSON.stringify(old.pod.spec) === JSON.stringify(pod.spec);
    if (!sameSpec) return false;
    info.replacePodInfo({ ...old, pod });
    this.moveToHead(this.nodes.get(st.nodeName)!);
    this.podStates.set(key, { pod, nodeName: st.nodeName, assumed: false, bindingFinished: false });
    return true;
  }

  updatePod(_oldPod: Pod | undefined, newPod: Pod): void {
    const key = podKey(newPod);
    const st = this.podStates.get(key);
    if (!st) {
      this.addPod(newPod);
      return;
    }
    this.removePodFromNode(key, st.nodeName);
    this.addPodToNode(newPod);
    this.podStates.set(key, { pod: newPod, nodeName: newPod.spec?.nodeName ?? '', assumed: false, bindingFinished: false });
  }

  removePod(pod: Pod): void {
    const key = podKey(pod);
    const st = this.podStates.get(key);
    if (!st) return;
    this.removePodFromNode(key, st.nodeName);
    this.podStates.delete(key);
  }

  getPod(pod: Pod): Pod | undefined {
    return this.podStates.get(podKey(pod))?.pod;
  }

  nodeCount(): number {
    return this.nodeTree.numNodes;
  }

  podCount(): number {
    return this.podStates.size;
  }

  /** The cache's own NodeInfo (read-only for callers); use a snapshot for scheduling. */
  nodeInfo(name: string): NodeInfo | undefined {
    return this.nodes.get(name)?.info;
  }

  private addPodToNode(pod: Pod): void {
    const name = pod.spec?.nodeName ?? '';
    let item = this.nodes.get(name);
    if (!item) {
      item = { info: new NodeInfo(), prev: null, next: null };
      this.nodes.set(name, item);
    }
    item.info.addPodInfo(newPodInfo(pod));
    this.moveToHead(item);
  }

  private removePodFromNode(key: string, nodeName: string): void {
    const item = this.nodes.get(nodeName);
    if (!item) return;
    item.info.removePod(key);
    if (!item.info.node && item.info.pods.length === 0) {
      this.unlink(item);
      this.nodes.delete(nodeName);
    } else {
      this.moveToHead(item);
    }
  }

  private addNodeImageStates(node: Node, info: NodeInfo): void {
    const summaries = new Map<string, ImageState>();
    for (const image of node.status?.images ?? []) {
      for (const name of image.names ?? []) {
        let st = this.imageStates.get(name);
        if (!st) this.imageStates.set(name, (st = { size: image.sizeBytes ?? 0, nodes: new Set() }));
        st.nodes.add(node.metadata?.name ?? '');
        summaries.set(name, st);
      }
    }
    info.imageStates = summaries;
    if (summaries.size > 0) this.imagesGeneration++;
  }

  private removeNodeImageStates(node: Node): void {
    const nodeName = node.metadata?.name ?? '';
    for (const image of node.status?.images ?? []) {
      for (const name of image.names ?? []) {
        const st = this.imageStates.get(name);
        if (!st) continue;
        st.nodes.delete(nodeName);
        if (st.nodes.size === 0) this.imageStates.delete(name);
        this.imagesGeneration++;
      }
    }
  }

  private unlink(item: Item): void {
    if (item.prev) item.prev.next = item.next;
    if (item.next) item.next.prev = item.prev;
    if (this.head === item) this.head = item.next;
    item.prev = item.next = null;
  }

  private moveToHead(item: Item): void {
    if (this.head === item) return;
    this.unlink(item);
    item.next = this.head;
    if (this.head) this.head.prev = item;
    this.head = item;
  }

  /**
   * Brings `snapshot` up to date: walks the changed-recently list from the head until it reaches NodeInfos the
   * snapshot already has, copying each, then rebuilds the node lists only if the set of nodes (or of nodes with
   * affinity pods) changed.
   */
  updateSnapshot(snapshot: Snapshot): void {
    const snapshotGeneration = snapshot.generation;
    let updateAllLists = false;
    let updateAffinityLists = false;
    for (let item = this.head; item; item = item.next) {
      if (item.info.generation <= snapshotGeneration) break;
      const info = item.info;
      if (!info.node) continue;
      const clone = info.clone();
      const existing = snapshot.nodeInfoMap.get(info.name);
      if (!existing) {
        updateAllLists = true;
        snapshot.nodeInfoMap.set(info.name, clone);
      } else {
        if (existing.podsWithAffinity.length > 0 !== clone.podsWithAffinity.length > 0 ||
          existing.podsWithRequiredAntiAffinity.length > 0 !== clone.podsWithRequiredAntiAffinity.length > 0) {
          updateAffinityLists = true;
        }
        Object.assign(existing, clone);
      }
    }
    if (this.head) snapshot.generation = Math.max(snapshot.generation, this.head.info.generation);

    if (snapshot.nodeInfoMap.size > this.nodeTree.numNodes) {
      for (const name of snapshot.nodeInfoMap.keys()) {
        if (!this.nodes.get(name)?.info.node) snapshot.nodeInfoMap.delete(name);
      }
      updateAllLists = true;
    }
    if (updateAllLists || snapshot.nodeInfoList.length !== this.nodeTree.numNodes) {
      snapshot.nodeInfoList = this.nodeTree.list().map((n) => snapshot.nodeInfoMap.get(n)!).filter(Boolean);
      updateAffinityLists = true;
    }
    if (updateAffinityLists) {
      snapshot.havePodsWithAffinityList = snapshot.nodeInfoList.filter((n) => n.podsWithAffinity.length > 0);
      snapshot.havePodsWithRequiredAntiAffinityList = snapshot.nodeInfoList.filter((n) => n.podsWithRequiredAntiAffinity.length > 0);
    }
    if (snapshot.imagesGeneration !== this.imagesGeneration) {
      snapshot.imageNumNodes = new Map([...this.imageStates].map(([k, v]) => [k, v.nodes.size]));
      snapshot.imagesGeneration = this.imagesGeneration;
    }
  }

  /** A fresh snapshot of the whole cache. */
  snapshot(): Snapshot {
    const s = new Snapshot();
    this.updateSnapshot(s);
    return s;
  }

  /** Every pod in the cache (assumed included), e.g. for PodInfos of the whole cluster. */
  *pods(): Iterable<PodInfo> {
    for (const item of this.nodes.values()) yield* item.info.pods;
  }
}
