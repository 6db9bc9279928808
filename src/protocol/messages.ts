/**
 * The one protocol between the engine (in a worker, or behind `serve`) and the UI. Types only; versioned so an
 * attached UI and engine can tell when they disagree.
 */
export const PROTOCOL_VERSION = 1;

export interface ComponentView {
  id: string;
  kind: 'kube-apiserver' | 'etcd' | 'kube-scheduler' | 'kube-controller-manager' | 'cloud-controller-manager';
  node: string;
  healthy: boolean;
}

/** Messages the UI sends to the engine host. */
export type UiToEngine =
  | { type: 'init'; version: number; seed?: number }
  | { type: 'control'; action: 'pause' | 'play' | 'step' }
  | { type: 'speed'; speed: number };

/** Messages the engine host sends to the UI, at most one batch per animation frame. */
export type EngineToUi =
  | { type: 'ready'; version: number; components: ComponentView[]; simTime: number }
  | { type: 'batch'; simTime: number; deltas: Delta[] }
  | { type: 'error'; message: string };

export type Delta = { kind: 'component'; component: ComponentView };
