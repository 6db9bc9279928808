import type { StateCreator } from 'zustand';
import type { UiState } from './ui-store';
import type { Capabilities, ComponentView, EngineToUi, ObjectSummary, ResourceView, SimStatus, TrafficView } from '../../protocol/messages';
import { applyEngineMessage } from './apply-engine-message';

export interface FeedLine {
  /** Unique within the feed: `t:ID` for traffic, `d:N` for decisions. */
  key: string;
  t: number;
  text: string;
  failed: boolean;
  kind: 'traffic' | 'controller' | 'scheduler';
  /** Traffic records whose request body the worker kept (the line can be opened). */
  trafficId?: number;
  detail?: boolean;
}

/** What the engine tells the UI: the clock, the control plane, the object cache, traffic and decisions. */
export interface EngineState {
  connected: boolean;
  error?: string;
  sim: SimStatus;
  components: ComponentView[];
  /** Object summaries by key (REST path). Replaced, never mutated, when a batch changes it. */
  objects: ReadonlyMap<string, ObjectSummary>;
  /** Narration: traffic and controller/scheduler decisions, oldest first, capped. */
  feed: FeedLine[];
  /** The traffic of the latest batch, for the animation layer (which subscribes outside React). */
  lastTraffic: TrafficView[];
  droppedTraffic: number;
  resources: ResourceView[];
  capabilities: Capabilities;
}

export interface EngineSlice extends EngineState {
  receive(message: EngineToUi): void;
}

export const initialSim: SimStatus = { simTime: 0, paused: false, speed: 1, events: 0, queued: 0, tip: 0 };
export const noCapabilities: Capabilities = { faults: false, nodeLifecycle: false, scheduler: false };

export const createEngineSlice: StateCreator<UiState, [], [], EngineSlice> = (set, get) => ({
  connected: false,
  sim: initialSim,
  components: [],
  objects: new Map(),
  feed: [],
  lastTraffic: [],
  droppedTraffic: 0,
  resources: [],
  capabilities: noCapabilities,
  receive: (message) => {
    // Streaming kubectl output belongs to the console.
    if (message.type === 'kubectlStream') {
      get().streamOutput(message.streamId, message.stream, message.text);
      return;
    }
    if (message.type === 'kubectlStreamEnd') {
      get().streamEnded(message.streamId, message.exitCode);
      return;
    }
    if (message.type === 'breakpointHit') {
      get().notify(`Paused at a breakpoint: ${message.message}`, false);
      return;
    }
    set((s) => applyEngineMessage(s, message));
  },
});
