/** What the inspector, the narration feed and the request viewer receive from the engine. */

/** A served resource, for completion in the console (`kubectl get deploy<Tab>`). */
export interface ResourceView {
  plural: string;
  singular: string;
  kind: string;
  group: string;
  shortNames: string[];
  namespaced: boolean;
}

/** One controller or scheduler decision in plain words. */
export interface NarrationView {
  /** Sim time in ms. */
  t: number;
  source: 'controller' | 'scheduler';
  /** `deployment-controller`, `kube-scheduler`. */
  actor: string;
  text: string;
  /** The object it was about (`namespace/name`), when known. */
  subject?: string;
  error?: boolean;
}

/** A request the UI animated, with what the client sent. */
export interface RequestDetail {
  trafficId: number;
  t: number;
  client: string;
  method: string;
  /** The verb the apiserver saw (create, patch …). */
  verb: string;
  path: string;
  query?: Record<string, string>;
  contentType?: string;
  /** The JSON (or text) body, as sent. */
  body?: unknown;
  status: number;
}

/** One node in a scheduling decision: whether the pod could go there, and how it scored. */
export interface SchedulingNodeView {
  node: string;
  verdict: 'feasible' | 'rejected';
  plugin?: string;
  reasons?: string[];
  totalScore?: number;
  scores?: { plugin: string; score: number; weighted: number }[];
}

/** `scheduler.decisionFor(ns, name)`, flattened for the inspector. */
export interface SchedulingView {
  attempt: number;
  /** Sim time of the attempt (ms). */
  time: number;
  outcome: string;
  node?: string;
  message?: string;
  narration: string;
  nominatedNodeName?: string;
  feasibleNodes?: number;
  evaluatedNodes?: number;
  nodes: SchedulingNodeView[];
}

export interface InspectView {
  key: string;
  /** Absent when the object no longer exists. */
  found: boolean;
  /** `kubectl describe` output. */
  describe: string;
  /** `kubectl get -o yaml` output. */
  yaml: string;
  /** Controller owners, nearest first: ReplicaSet, then Deployment. */
  owners: { kind: string; name: string; key?: string }[];
  /** The object's Events, oldest first, as `kubectl get events` columns. */
  events: { type: string; reason: string; message: string; count: number; lastSeen: string; source: string }[];
  /** Pods only: the latest scheduling decision; `undefined` when the scheduler keeps none (or isn't running). */
  scheduling?: SchedulingView;
  /** Pods only: why there is no scheduling view (no scheduler yet, no attempt yet). */
  schedulingNote?: string;
}
