/**
 * Object deltas: what the UI's cache learns about cluster objects. Objects travel as compact summaries (what the
 * diagram and lists draw); the inspector fetches the full object with a `request` GET of `summary.key`.
 */

/** A control-plane component as the diagram draws it. */
export interface ComponentView {
  id: string;
  kind: 'kube-apiserver' | 'etcd' | 'kube-scheduler' | 'kube-controller-manager' | 'cloud-controller-manager';
  node: string;
  healthy: boolean;
}

export interface OwnerRef {
  kind: string;
  name: string;
  uid: string;
}

/** The parts of a core/v1 Event the Events tab lists (`kubectl get events` columns). */
export interface EventSummary {
  type: string;
  reason: string;
  message: string;
  /** `kind/name` of the involved object, lower-case kind as kubectl prints it: `pod/web-1`. */
  object: string;
  count: number;
  /** RFC 3339; the later of lastTimestamp, eventTime and creationTimestamp. */
  lastSeen: string;
  source: string;
}

/** A Fault (`pilothouse.dev/v1alpha1`) as the diagram shows it on its node. */
export interface FaultSummary {
  type: string;
  targetKind: string;
  targetName: string;
  /** Sim time (ms) the fault was created: the node's countdowns run from here. */
  since: number;
}

/** One endpoint of an EndpointSlice. */
export interface EndpointView {
  /** The backing pod (`targetRef.name`). */
  pod?: string;
  nodeName?: string;
  ready: boolean;
}

export interface ObjectSummary {
  /** The object's REST path, which is also its identity in the UI: `/apis/apps/v1/namespaces/default/deployments/web`. */
  key: string;
  /** `Deployment`, `Pod`, … */
  kind: string;
  /** Plural resource: `deployments`. */
  resource: string;
  group: string;
  namespace?: string;
  name: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  /** The controller owner reference (ReplicaSet of a Pod, Deployment of a ReplicaSet). */
  owner?: OwnerRef;
  /**
   * A one-word status as kubectl shows it: a Pod's STATUS column (`Pending`, `Running`, `CrashLoopBackOff` …), a
   * Node's `Ready`/`NotReady`, a Namespace's phase; absent where kubectl prints none.
   */
  status?: string;
  /** Pods: `spec.nodeName`. */
  nodeName?: string;
  /** Pods: READY (`1/1`); workloads: ready/desired replicas (`2/3`). */
  ready?: string;
  /** Pods: total container restarts (RESTARTS). */
  restarts?: number;
  /** Services: type, cluster IP and selector (the UI derives endpoints from it when no EndpointSlice exists). */
  serviceType?: string;
  clusterIP?: string;
  selector?: Record<string, string>;
  /** EndpointSlices: the Service they belong to and their endpoints. */
  serviceName?: string;
  endpoints?: EndpointView[];
  fault?: FaultSummary;
  event?: EventSummary;
}

/** One change to the UI's picture of the cluster. Applied in one place (`ui/store/apply-engine-message`). */
export type Delta =
  | { op: 'upsert'; object: ObjectSummary }
  | { op: 'delete'; key: string }
  | { op: 'component'; component: ComponentView };
