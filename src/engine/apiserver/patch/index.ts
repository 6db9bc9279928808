/**
 * The three PATCH types of the apiserver (JSON patch, JSON merge patch, strategic merge patch) and the patches
 * kubectl computes on the client side (`kubectl apply`'s three-way patch, two-way diffs).
 */
export { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS, type JsonPatchOperation } from './json-patch';
export { applyJsonMergePatch, createJsonMergePatch, createThreeWayJsonMergePatch, INVALID_JSON_PATCH } from './json-merge-patch';
export { applyStrategicMergePatch } from './strategic-merge';
export { createTwoWayMergePatch, createThreeWayMergePatch, createApplyPatch, createPatch } from './strategic-diff';
export type { PatchOutcome } from './outcome';
