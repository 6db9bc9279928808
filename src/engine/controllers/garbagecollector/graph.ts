/**
 * The garbage collector's dependency graph (pkg/controller/garbagecollector/graph.go): one node per object uid,
 * linked to its owners and dependents through ownerReferences. An owner that has not been observed (yet) is a
 * virtual node, to be confirmed or disproved through the API.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1';

export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  name: string;
  /** Empty for cluster-scoped objects. */
  namespace: string;
  uid: string;
}

export class GraphNode {
  readonly dependents = new Set<GraphNode>();
  owners: OwnerReference[] = [];
  /** Has a deletionTimestamp. */
  beingDeleted = false;
  /** Being deleted in the foreground: waits for its blocking dependents to go. */
  deletingDependents = false;
  /** Known only from a dependent's ownerReference, not (yet) from an informer. */
  virtual = false;

  constructor(public identity: ObjectIdentity) {}

  get uid(): string {
    return this.identity.uid;
  }

  /** Dependents whose reference to this node says blockOwnerDeletion. */
  blockingDependents(): GraphNode[] {
    return [...this.dependents].filter((d) => d.owners.some((r) => r.uid === this.uid && r.blockOwnerDeletion === true));
  }
}

export class DependencyGraph {
  private nodes = new Map<string, GraphNode>();

  get(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  add(node: GraphNode): void {
    this.nodes.set(node.uid, node);
  }

  /** Removes the node and its links to its owners; its dependents keep their (now dangling) references. */
  remove(node: GraphNode): void {
    this.nodes.delete(node.uid);
    for (const ref of node.owners) this.nodes.get(ref.uid)?.dependents.delete(node);
  }

  size(): number {
    return this.nodes.size;
  }

  all(): GraphNode[] {
    return [...this.nodes.values()];
  }
}

/** How two ownerReference lists differ: added, removed, and kept-but-changed (by uid). */
export function referencesDiffs(old: OwnerReference[], next: OwnerReference[]): { added: OwnerReference[]; removed: OwnerReference[]; changed: Array<{ old: OwnerReference; next: OwnerReference }> } {
  const oldByUid = new Map(old.map((r) => [r.uid, r]));
  const nextByUid = new Map(next.map((r) => [r.uid, r]));
  const added = next.filter((r) => !oldByUid.has(r.uid));
  const removed = old.filter((r) => !nextByUid.has(r.uid));
  const changed: Array<{ old: OwnerReference; next: OwnerReference }> = [];
  for (const r of next) {
    const o = oldByUid.get(r.uid);
    if (o && JSON.stringify(o) !== JSON.stringify(r)) changed.push({ old: o, next: r });
  }
  return { added, removed, changed };
}
