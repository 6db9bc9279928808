/**
 * The one protocol between the engine (in a worker, or behind `serve`) and the UI. Types only; versioned so an
 * attached UI and engine can tell when they disagree. Commands carry an `id` when they expect an answer; the answer
 * carries the same `id`.
 */
import type { ComponentView, Delta } from './deltas';
import type { TrafficView } from './traffic';
import type { InspectView, NarrationView, RequestDetail, ResourceView } from './inspect';
import type { SessionRecording } from './recording';

export type { ComponentView, Delta, ObjectSummary, EventSummary, OwnerRef, FaultSummary, EndpointView } from './deltas';
export type { TrafficView } from './traffic';
export type { InspectView, NarrationView, RequestDetail, ResourceView, SchedulingView, SchedulingNodeView } from './inspect';

/** Bump on any incompatible change to these types. */
export const PROTOCOL_VERSION = 3;

/** The fault types the `pilothouse.dev/v1alpha1` Fault kind knows. */
export type FaultType = 'NodeDown' | 'KubeletStop' | 'KubeProxyStop' | 'NetworkPartition' | 'ContainerCrash';

/** Moments the clock pauses at, when the user asks for them. */
export const BREAKPOINT_KINDS = ['podUnschedulable', 'nodeNotReady', 'containerCrash'] as const;
export type BreakpointKind = (typeof BREAKPOINT_KINDS)[number];

/** `max` runs the simulation as fast as the worker can while still answering messages. */
export type Speed = number | 'max';

/** The speeds the UI offers; the worker accepts any positive number. */
export const SPEEDS: readonly Speed[] = [0.25, 0.5, 1, 2, 5, 10, 25, 100, 'max'];

/** An HTTP-shaped request to the apiserver, as in `engine/apiserver/types` (the protocol owns its own copy). */
export interface ProtocolApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string | undefined>;
  body?: unknown;
  /** Who the request is from, for traffic; the UI's own reads default to `pilothouse-ui` (not narrated). */
  client?: string;
}

export interface ProtocolApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Messages the UI sends to the engine host. */
export type UiToEngine =
  | { type: 'init'; version: number; seed?: number; workers?: number }
  | { type: 'control'; action: 'pause' | 'play' | 'step' }
  | { type: 'speed'; speed: Speed }
  /** `kubectl apply -f -` of the buffer; answered with `applyResult`. */
  | { type: 'apply'; id: number; yaml: string }
  /** Generic REST passthrough (inspector GET, DELETE …); answered with `response`. */
  | { type: 'request'; id: number; request: ProtocolApiRequest }
  /**
   * One kubectl command line (without a shell); answered with `kubectlResult`. A streaming command (`-w`) keeps
   * sending `kubectlStream` chunks under the answer's `streamId` until it ends or the UI sends `kubectlStop`.
   */
  | { type: 'kubectl'; id: number; commandLine: string; /** What `-f -` reads. */ stdin?: string }
  /** Ctrl+C for a streaming command. */
  | { type: 'kubectlStop'; streamId: number }
  /** Everything the inspector shows for one object (`key` is its REST path); answered with `inspectResult`. */
  | { type: 'inspect'; id: number; key: string }
  /** The recorded body of a request the UI animated; answered with `requestDetail`. */
  | { type: 'requestDetail'; id: number; trafficId: number }
  /** Creates (`break`) or deletes (`heal`) a Fault for a node; answered with `actionResult`. */
  | { type: 'fault'; id: number; action: 'break' | 'heal'; faultType: FaultType; node: string }
  /** Adds or removes a worker node, when the nodes room offers it; answered with `actionResult`. */
  | { type: 'node'; id: number; action: 'add' | 'remove'; name?: string }
  /** The live objects the documents of `yaml` name, as YAML, for a diff; answered with `liveYaml`. */
  | { type: 'live'; id: number; yaml: string }
  /** Time travel: the cluster as it was at `simTime` (≤ the timeline's end), paused. */
  | { type: 'seek'; simTime: number }
  /** This run's recording (for a share link); answered with `recordingResult`. */
  | { type: 'recording'; id: number }
  /** Opens a recorded run (share link, file, autosave); answered with `loadResult` (after `ready`). */
  | { type: 'load'; id: number; recording: unknown }
  /** Evaluates a lesson step's check (src/lessons/checks.ts) against the cluster; answered with `lessonCheckResult`. */
  | { type: 'lessonCheck'; id: number; check: unknown }
  /** Liveness check (the UI restarts a worker that stops answering); answered with `pong`. */
  | { type: 'ping'; id: number }
  /** What the user built, as one YAML bundle for a real cluster; answered with `manifests`. */
  | { type: 'exportManifests'; id: number }
  /** Which breakpoints are armed (replaces the previous set). */
  | { type: 'breakpoints'; enabled: BreakpointKind[] }
  /** A fresh cluster with the same seed and size; answered with `ready`. */
  | { type: 'reset' };

/** The clock and the simulation controls as the engine host sees them. */
export interface SimStatus {
  /** Sim time in ms since the cluster started. */
  simTime: number;
  paused: boolean;
  speed: Speed;
  /** Clock events fired since the cluster started (Step fires exactly one). */
  events: number;
  /** Clock events waiting in the queue. */
  queued: number;
  /** The furthest sim time this run has reached: the end of the timeline (beyond `simTime` after a rewind). */
  tip: number;
}

export interface Capabilities {
  /** `pilothouse.dev/v1alpha1` Fault is served: nodes can be failed and healed. */
  faults: boolean;
  /** Worker nodes can be added and removed. */
  nodeLifecycle: boolean;
  /** kube-scheduler runs and keeps decision records. */
  scheduler: boolean;
}

export interface ApplyLine {
  /** kubectl's line: `deployment.apps/web created` or an error message. */
  text: string;
  ok: boolean;
  /** 1-based line in the applied buffer the line is about (the document's first line, or the YAML error). */
  line?: number;
  column?: number;
}

/** Messages the engine host sends to the UI; at most one `batch` per animation frame. */
export type EngineToUi =
  | {
      type: 'ready';
      version: number;
      components: ComponentView[];
      sim: SimStatus;
      /** Served resources, for the console's completion. */
      resources: ResourceView[];
      /** What the engine can do now (rooms land over time). */
      capabilities: Capabilities;
    }
  | {
      type: 'batch';
      sim: SimStatus;
      deltas: Delta[];
      traffic: TrafficView[];
      /** Traffic records left out of this batch by the per-batch cap (they are still in the engine's log). */
      droppedTraffic: number;
      /** Controller and scheduler decisions in plain words, oldest first. */
      decisions: NarrationView[];
    }
  | { type: 'applyResult'; id: number; lines: ApplyLine[] }
  | { type: 'response'; id: number; response: ProtocolApiResponse }
  | {
      type: 'kubectlResult';
      id: number;
      stdout: string;
      stderr: string;
      exitCode: number;
      /** Set for a streaming command: later output arrives as `kubectlStream` with this id. */
      streamId?: number;
      /** `kubectl edit`: the object to open in the editor. */
      edit?: { ref: string; text: string };
    }
  | { type: 'kubectlStream'; streamId: number; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'kubectlStreamEnd'; streamId: number; exitCode: number }
  | { type: 'inspectResult'; id: number; view: InspectView }
  | { type: 'requestDetail'; id: number; detail: RequestDetail | undefined }
  | { type: 'actionResult'; id: number; ok: boolean; message: string }
  | { type: 'liveYaml'; id: number; text: string }
  | { type: 'error'; message: string; id?: number }
  | { type: 'recordingResult'; id: number; recording: SessionRecording }
  | { type: 'manifests'; id: number; yaml: string }
  | { type: 'pong'; id: number }
  | { type: 'lessonCheckResult'; id: number; ok: boolean; detail: string }
  | { type: 'loadResult'; id: number; ok: boolean; message: string }
  /** A breakpoint tripped: the clock is paused right after the event that caused it. */
  | { type: 'breakpointHit'; kind: BreakpointKind; message: string; simTime: number };
