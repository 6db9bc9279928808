/**
 * The apiserver's pluggable stages. The generic REST machinery (apiserver.ts) calls them; the Kubernetes
 * admission chain, schema checks and patch engines plug in here, so each concern lives in its own room.
 */
import type { ResourceInfo, GroupVersionKind } from './registry';
import type { Status } from './status';

export interface AdmissionRequest {
  operation: 'CREATE' | 'UPDATE';
  resource: ResourceInfo;
  subresource?: string;
  /** A fresh object owned by the apiserver; defaulting may mutate it. */
  object: any;
  /** The stored object on UPDATE (read-only). */
  oldObject?: any;
}

/** What the eviction policy reads and writes inside the apiserver (the eviction REST's PDB client). */
export interface EvictionContext {
  dryRun: boolean;
  /** The stored PodDisruptionBudgets of the pod's namespace. */
  podDisruptionBudgets: readonly any[];
  /** Writes a PodDisruptionBudget's status (the decrement); the failure Status, if any. */
  updatePodDisruptionBudgetStatus(pdb: any): Status | undefined;
  /** The current time, RFC 3339. */
  now: string;
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export type PatchResult = { ok: true; value: unknown } | { ok: false; status: Status };

export interface ApiServerHooks {
  /** Decoding-time type errors (400) — e.g. a string where an integer belongs. */
  typeCheck?(resource: ResourceInfo, obj: any): Status | undefined;
  /** Unknown fields for strict/warn field validation, as dotted paths (`spec.foo`). */
  unknownFields?(gvk: GroupVersionKind, obj: any): string[];
  /** Mutating then validating admission (defaults, DefaultTolerationSeconds, …, validation). */
  admit?(req: AdmissionRequest): { ok: true } | { ok: false; status: Status };
  /** Eviction policy (PodDisruptionBudgets): a 429 Status when the eviction must wait. */
  admitEviction?(pod: any, ctx: EvictionContext): Status | undefined;
  /** pods/log: the pod's kubelet answers with the container's log text (query: container, previous, tailLines …). */
  logs?(pod: any, query: Record<string, string | undefined>): { ok: true; text: string } | { ok: false; status: Status };
  /** Applies a PATCH body of the given type to the current object. */
  patch?(type: PatchType, gvk: GroupVersionKind, current: unknown, patch: unknown): PatchResult;
}
