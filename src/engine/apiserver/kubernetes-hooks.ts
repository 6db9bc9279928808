/**
 * Wires the Kubernetes-specific stages into the generic apiserver: type checks and admission
 * (admission/), unknown-field detection and the patch engines (openapi/, patch/).
 */
import type { ApiServerHooks } from './hooks';

type Obj = Record<string, any>;

export function kubernetesHooks(): ApiServerHooks {
  return {};
}

/** The patch `kubectl apply` sends for a kind: a three-way strategic merge patch. */
export function threeWayPatchFor(_gvk: { group: string; version: string; kind: string }, _original: Obj | undefined, _modified: Obj, _current: Obj): Obj {
  throw new Error('three-way merge patch not wired yet');
}
