import type { StateCreator } from 'zustand';
import type { UiState } from './ui-store';
import type { ComponentView, EngineToUi, ObjectSummary, SimStatus, TrafficView } from '../../protocol/messages';
import { applyEngineMessage } from './apply-engine-message';

export interface FeedLine {
  id: number;
  t: number;
  text: string;
  failed: boolean;
}

/** What the engine tells the UI: the clock, the control plane, the object cache and the traffic. */
export interface EngineState {
  connected: boolean;
  error?: string;
  sim: SimStatus;
  components: ComponentView[];
  /** Object summaries by key (REST path). Replaced, never mutated, when a batch changes it. */
  objects: ReadonlyMap<string, ObjectSummary>;
  /** Narrated traffic, oldest first, capped. */
  feed: FeedLine[];
  /** The traffic of the latest batch, for the animation layer (which subscribes outside React). */
  lastTraffic: TrafficView[];
  droppedTraffic: number;
}

export interface EngineSlice extends EngineState {
  receive(message: EngineToUi): void;
}

export const initialSim: SimStatus = { simTime: 0, paused: false, speed: 1, events: 0, queued: 0 };

export const createEngineSlice: StateCreator<UiState, [], [], EngineSlice> = (set) => ({
  connected: false,
  sim: initialSim,
  components: [],
  objects: new Map(),
  feed: [],
  lastTraffic: [],
  droppedTraffic: 0,
  receive: (message) => set((s) => applyEngineMessage(s, message)),
});
